"""Charts of the summary tables (matplotlib, headless), one fixed colour per area.

Every chart function returns a matplotlib Figure and a text alternative
holding the numbers (for the accessible HTML report). Colours are the
Okabe–Ito palette plus grey (colour-blind safe); bars also carry the area
code as a label, so colour never carries meaning alone.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

AREA_COLOURS = {"3.1": "#0072B2", "3.2": "#E69F00", "3.3": "#009E73", "3.4": "#CC79A7",
                "3.5": "#56B4E9", "3.6": "#D55E00", "3.7": "#6A3D9A", "3.8": "#555555"}
A4_WIDTH_IN = 7.5


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False})
    return plt


def bars_per_area(per_area: pd.DataFrame, title: str | None = None):
    plt = _plt()
    d = per_area[per_area["område"].isin(AREA_COLOURS)]
    fig, ax = plt.subplots(figsize=(A4_WIDTH_IN, 3.2))
    ax.bar(d["område"], d["antal"], color=[AREA_COLOURS[c] for c in d["område"]])
    for x, y in zip(d["område"], d["antal"]):
        ax.annotate(str(int(y)), (x, y), ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, max(1, float(d["antal"].max())) * 1.15)  # room for the value labels
    ax.set_xlabel("Insatsområde")
    ax.set_ylabel("Antal insatser")
    ax.set_title(title or per_area.attrs.get("title", "Insatser per område"), fontsize=9, wrap=True)
    fig.tight_layout()
    alt = "Stapeldiagram, antal insatser per område: " + ", ".join(f"{c}: {int(n)}" for c, n in zip(d["område"], d["antal"]))
    return fig, alt


def heatmap(table: pd.DataFrame, title: str, xlabel: str, ylabel: str):
    plt = _plt()
    h = max(2.5, 0.28 * len(table) + 1.2)
    fig, ax = plt.subplots(figsize=(A4_WIDTH_IN, h))
    im = ax.imshow(table.to_numpy(dtype=float), cmap="Blues", aspect="auto")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=45, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    vmax = float(table.to_numpy(dtype=float).max()) if table.size else 0
    for i in range(table.shape[0]):
        for j in range(table.shape[1]):
            v = table.iat[i, j]
            ax.text(j, i, f"{v:g}", ha="center", va="center", fontsize=7,
                    color="white" if vmax and v > 0.6 * vmax else "black")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    fig.colorbar(im, ax=ax, fraction=0.03)
    fig.tight_layout()
    alt = f"Värmekarta, {title}: " + "; ".join(
        f"{i}: " + ", ".join(f"{c} {table.at[i, c]:g}" for c in table.columns if table.at[i, c]) for i in table.index)
    return fig, alt


def target_group_shares(tg: pd.DataFrame):
    plt = _plt()
    d = tg.sort_values("andel")
    fig, ax = plt.subplots(figsize=(A4_WIDTH_IN, max(2.2, 0.3 * len(d) + 1)))
    ax.barh(d["målgrupp"], d["andel"] * 100, color="#0072B2")
    for y, v in zip(d["målgrupp"], d["andel"]):
        ax.annotate(f"{v * 100:.0f} %", (v * 100, y), va="center", fontsize=8, xytext=(3, 0), textcoords="offset points")
    ax.set_xlabel("Andel insatser (%)")
    ax.set_title(tg.attrs.get("title", "Målgrupper"), fontsize=9)
    fig.tight_layout()
    alt = "Liggande staplar, andel insatser per målgrupp: " + ", ".join(
        f"{g}: {v * 100:.0f} %" for g, v in zip(tg["målgrupp"], tg["andel"]))
    return fig, alt


def change_over_years(counts: pd.DataFrame):
    """Lines per area over years; ``counts`` has years as rows, area codes as columns."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(A4_WIDTH_IN, 3.2))
    markers = "osD^vP*X"
    for k, c in enumerate(counts.columns):
        ax.plot(counts.index.astype(str), counts[c], marker=markers[k % len(markers)],
                color=AREA_COLOURS.get(str(c), "#000000"), label=str(c))
    ax.set_xlabel("År")
    ax.set_ylabel("Antal insatser")
    ax.legend(ncol=4, fontsize=7, frameon=False)
    ax.set_title("Insatser per område och år (2023–2024 omräknade till 2025 års områden)", fontsize=9)
    fig.tight_layout()
    alt = "Linjediagram, insatser per område och år: " + "; ".join(
        f"{c}: " + ", ".join(f"{y} {int(v)}" for y, v in counts[c].items()) for c in counts.columns)
    return fig, alt


def save(fig, path_stem: str | Path) -> list[Path]:
    """Save as PNG and SVG; returns both paths."""
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    out = []
    for ext in ("png", "svg"):
        p = stem.with_suffix("." + ext)
        fig.savefig(p, dpi=150)
        out.append(p)
    return out
