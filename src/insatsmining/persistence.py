"""Model folders: arrays in ``.npz``, vocabularies in JSON, a model card. No pickle.

A model folder holds one linear text model per component (``areas``,
``challenge``, ``categories``) and ``card.json`` / ``card.md`` with the
taxonomy version, corpus hash, parameters, held-out metrics, library version
and date. :func:`load_components` refuses a folder whose card does not match
the installed library's major version or area taxonomy, with a message that
says what to do. skops is used where a whole scikit-learn object is saved
(``save_estimator``).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from ._version import __version__
from .errors import ModelError

CARD = "card.json"
_ARRAY_KEYS = ("idf", "coef", "intercept", "platt")


def _major(version: str) -> str:
    return str(version).split(".")[0]


def save_components(folder: str | Path, components: dict[str, dict[str, Any]], card: dict,
                    overwrite: bool = False) -> Path:
    """Write each component's arrays and the card (JSON and Markdown)."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()) and not overwrite:
        raise ModelError(f"{folder} exists and is not empty; choose another folder or pass overwrite=True")
    folder.mkdir(parents=True, exist_ok=True)
    for name, arrays in components.items():
        np.savez_compressed(folder / f"{name}.npz", **{k: np.asarray(arrays[k]) for k in _ARRAY_KEYS})
        inv = sorted(arrays["vocabulary"], key=arrays["vocabulary"].get)
        meta = {k: v for k, v in arrays.items() if k not in _ARRAY_KEYS + ("vocabulary", "embedding")}
        if arrays.get("embedding"):
            emb = dict(arrays["embedding"])
            np.save(folder / f"{name}_embedding_coef.npy", np.asarray(emb.pop("coef")))
            meta["embedding"] = emb
        with open(folder / f"{name}.json", "w", encoding="utf-8") as f:
            json.dump({"meta": meta, "features": inv}, f, ensure_ascii=False)
    card = {"library_version": __version__, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            **card, "components": sorted(components)}
    with open(folder / CARD, "w", encoding="utf-8") as f:
        json.dump(card, f, ensure_ascii=False, indent=2, default=_jsonable)
    (folder / "card.md").write_text(card_markdown(card), encoding="utf-8")
    return folder


def _jsonable(o):
    if isinstance(o, (np.floating, np.integer)):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    raise TypeError(type(o))


def read_card(folder: str | Path) -> dict:
    folder = Path(folder)
    path = folder / CARD
    if not path.is_file():
        raise ModelError(f"{folder} is not a model folder (no {CARD}); "
                         "train one with `insatsmining train` or omit the path to use the shipped model")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ModelError(f"{path} is damaged ({e}); retrain with `insatsmining train`") from None


def check_card(card: dict, folder: Path, taxonomy_version: str) -> None:
    """Refuse a model made for another library major version or area taxonomy."""
    lib = str(card.get("library_version", "?"))
    if _major(lib) != _major(__version__):
        raise ModelError(
            f"model in {folder} was made with insatsmining {lib}, this is {__version__} "
            f"(major versions differ); retrain it with `insatsmining train --out {folder}` "
            "or install a matching insatsmining version")
    tv = str(card.get("taxonomy_version", "?"))
    if tv != taxonomy_version:
        raise ModelError(
            f"model in {folder} was trained for area taxonomy {tv}, the installed taxonomy is "
            f"{taxonomy_version}; retrain with `insatsmining train` so codes and names match")


def load_components(folder: str | Path, taxonomy_version: str) -> tuple[dict, dict[str, dict]]:
    """(card, {component: arrays}) of a model folder, after the card checks."""
    folder = Path(folder)
    card = read_card(folder)
    check_card(card, folder, taxonomy_version)
    comps = {}
    for name in card.get("components", []):
        try:
            with np.load(folder / f"{name}.npz", allow_pickle=False) as z:
                arrays = {k: z[k] for k in _ARRAY_KEYS}
            with open(folder / f"{name}.json", encoding="utf-8") as f:
                j = json.load(f)
        except (OSError, ValueError, KeyError) as e:
            raise ModelError(f"{folder}: component {name!r} is missing or damaged ({e}); "
                             "retrain with `insatsmining train`") from None
        arrays.update(j["meta"])
        arrays["vocabulary"] = {f: i for i, f in enumerate(j["features"])}
        if arrays.get("embedding"):
            arrays["embedding"]["coef"] = np.load(folder / f"{name}_embedding_coef.npy", allow_pickle=False)
        comps[name] = arrays
    return card, comps


def save_estimator(estimator, path: str | Path) -> None:
    """Save a whole scikit-learn object with skops (no pickle)."""
    import skops.io as sio

    sio.dump(estimator, path)


def load_estimator(path: str | Path, trusted: list[str] | None = None):
    """Load a skops file; only the listed extra types are trusted."""
    import skops.io as sio

    return sio.load(path, trusted=trusted or sio.get_untrusted_types(file=path))


def card_markdown(card: dict) -> str:
    """A readable model card."""
    lines = ["# insatsmining model card", "",
             f"- library version: {card.get('library_version')}",
             f"- created: {card.get('created')}",
             f"- area taxonomy: {card.get('taxonomy_version')}",
             f"- training corpus: {card.get('corpus', {}).get('name', '?')} "
             f"(sha256 {str(card.get('corpus', {}).get('sha256', '?'))[:16]}…, "
             f"{card.get('corpus', {}).get('n_train', '?')} training texts)",
             f"- parent model: {card.get('parent') or 'none'}", "",
             "Trained on a corpus written for the project (no real submissions). "
             "Figures on real regional text are given separately below when measured.", ""]
    for section, metrics in (card.get("metrics") or {}).items():
        lines += [f"## {section}", "", "| metric | value |", "|---|---|"]
        for k, v in metrics.items():
            if isinstance(v, dict):
                v = ", ".join(f"{a}: {b}" for a, b in v.items())
            lines.append(f"| {k} | {v} |")
        lines.append("")
    if card.get("top_features"):
        lines += ["## Strongest word features per area", ""]
        lines += [f"- {a}: {', '.join(ws)}" for a, ws in card["top_features"].items()] + [""]
    if card.get("parameters"):
        lines += ["## Parameters", "", "```json", json.dumps(card["parameters"], indent=2, ensure_ascii=False), "```", ""]
    return "\n".join(lines)
