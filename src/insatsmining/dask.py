"""Running the pipeline over a Dask DataFrame (many cores or machines).

``analyze(ddf)`` maps :func:`analyze_partition` over the partitions; each
worker process loads the model once (cached per process) and returns the
analysed rows with the same columns a single-process ``analyze`` gives.
Cross-row checks (duplicate ids, linking across years) need the whole table
and are left to a final single-process step: pass the result's ``id`` and
``text`` columns to ``pipe.analyze`` if you need them.

On a real cluster: start a ``dask.distributed`` scheduler and workers on
the machines (``dask scheduler`` / ``dask worker tcp://host:8786``), make
insatsmining (and a custom model folder, if used, at the same path)
available on every worker, then ``Client("tcp://host:8786")`` and call
``analyze(ddf, model=...)``. Workers read no network data themselves.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

try:  # the import name of this module shadows the dask package inside the package only
    import dask.dataframe as dd  # noqa: F401
except ImportError as e:  # pragma: no cover - only without the extra
    raise ImportError("insatsmining.dask needs dask: pip install 'insatsmining[dask]'") from e

LIST_COLUMNS = ("areas", "themes", "target_groups")


@lru_cache(maxsize=4)
def _pipeline(model: str | None):
    from .pipeline import load

    return load(model)


def analyze_partition(part: pd.DataFrame, model: str | None = None, text_column: str = "text") -> pd.DataFrame:
    """Analyse one partition (row checks that need other partitions are skipped)."""
    pipe = _pipeline(model)
    res = pipe.analyze(part.reset_index(drop=True), text_column=text_column, link_years=False)
    out = res.insatser
    out.index = part.index
    out["evidence"] = out["evidence"].map(lambda d: " | ".join(f"{k}: {', '.join(v)}" for k, v in d.items()))
    for c in LIST_COLUMNS:
        out[c] = out[c].map(lambda v: "; ".join(v))
    return out


def analyze(ddf, model: str | None = None, text_column: str = "text"):
    """Lazy Dask DataFrame of analysed rows (lists as "a; b", evidence as text)."""
    sample = ddf._meta if hasattr(ddf, "_meta") else ddf.head(0)
    meta = analyze_partition(pd.DataFrame({c: pd.Series(["Amning"], dtype=object) if c == text_column else
                                           pd.Series([None], dtype=sample[c].dtype) for c in sample.columns}),
                             model, text_column).iloc[:0]
    return ddf.map_partitions(analyze_partition, model, text_column, meta=meta)
