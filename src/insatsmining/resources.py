"""Where shipped data lives: installed package data first, then the checkout.

The wheel carries ``models/default`` and ``corpora/demo`` under
``insatsmining/_data`` (see ``pyproject.toml``); in a source checkout they
sit at the repository root. Everything that needs them asks here.
"""
from __future__ import annotations

from pathlib import Path

from .errors import ModelError

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent.parent  # src/insatsmining -> repository root


def checkout_root() -> Path | None:
    """The repository root when running from a source checkout, else None."""
    return CHECKOUT if (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "corpora").is_dir() else None


def _find(installed: str, in_checkout: str) -> Path | None:
    p = PACKAGE / "_data" / installed
    if p.exists():
        return p
    root = checkout_root()
    if root is not None and (root / in_checkout).exists():
        return root / in_checkout
    return None


def default_model_dir() -> Path:
    p = _find("models/default", "models/default")
    if p is None:
        raise ModelError("the shipped model is missing (models/default); reinstall insatsmining "
                         "or train one with `insatsmining train`")
    return p


def demo_dir() -> Path:
    p = _find("demo", "corpora/demo")
    if p is None:
        raise FileNotFoundError("the demo data (corpora/demo) is not installed")
    return p


def corpus_dir() -> Path:
    """The labelled corpus; only in a source checkout (it is not shipped in the wheel)."""
    root = checkout_root()
    if root is None:
        raise FileNotFoundError("the training corpus is only available in a source checkout (corpora/)")
    return root / "corpora"
