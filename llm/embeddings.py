"""Offline text embeddings: potion-base-8M, a static model (256 dimensions) read by model2vec on the CPU.

A static model looks each token's vector up and averages them: measured here (bench/embedders.py) it ranks
personas for a job as well as all-MiniLM-L6-v2 did, embeds about a hundred times faster, loads in half a second
and holds about 100 MB instead of 500. Its files are put in place by `llm.model_files` (bin/setup does it).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from llm.errors import LLMError
from llm.model_files import is_in_place, model_folder

if TYPE_CHECKING:
    from model2vec import StaticModel

# Set before huggingface_hub is first imported, which reads them once: the model is on disk, so a network call
# could only be a version check or telemetry, and neither may ever leave the machine.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
# Tokenizing is a small part of the work; its own thread pool would compete with the web and worker processes
# on two cores, and it warns (then turns itself off) when a Celery worker forks after it has been used.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

_model: StaticModel | None = None
_model_lock = threading.Lock()


def embed_texts(texts: list[str]) -> list[list[float]]:
    """One L2-normalised 256-d vector per text, in order; the whole text is read, however long."""
    if not texts:
        return []  # without loading the model for nothing
    vectors = _get_model().encode(texts, show_progress_bar=False, max_length=None, use_multiprocessing=False)
    return vectors.tolist()


def _get_model() -> StaticModel:
    global _model
    if _model is None:
        with _model_lock:  # two threads asking at once must not load it twice
            if _model is None:
                _model = _load()
    return _model


def _load() -> StaticModel:
    from model2vec import StaticModel

    folder = model_folder()
    if not is_in_place(folder):
        raise LLMError(
            f"The offline embedding model is not in {folder}: run bin/setup (or python -m llm.model_files).",
            retryable=False,
        )
    return StaticModel.from_pretrained(str(folder), normalize=True)
