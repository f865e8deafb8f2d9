"""Summary tables of an Analysis, as in the national follow-up report.

Every table names its counting basis in ``table.attrs["title"]``:
``reported`` (the region's own area choice, mapped onto 2025 — the official
basis and the default), ``model`` (the model's best area) or ``model_all``
(every area the model judges to apply; an insats can count in several).
"""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import pandas as pd

from .challenges import challenge_matrix
from .taxonomy import Taxonomy

if TYPE_CHECKING:
    from .analysis import Analysis

BASES = {"reported": "regionens rapporterade område", "model": "modellens bästa område",
         "model_all": "alla områden modellen bedömer gäller"}
CORPUS_NOTE = ("Modellen är tränad på en skriven korpus (inga verkliga inrapporteringar); "
               "se modellkortet för träffsäkerhet på verklig text.")


def _titled(df: pd.DataFrame, title: str) -> pd.DataFrame:
    df.attrs["title"] = title
    return df


def area_column(ins: pd.DataFrame, basis: str) -> pd.Series:
    """One area per row (``reported``/``model``) or a list (``model_all``)."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {sorted(BASES)}, not {basis!r}")
    if basis == "reported":
        rep = ins.get("area_reported_2025")
        if rep is None:
            return ins["best_area"]
        return rep.fillna("ej angivet").replace("", "ej angivet")
    if basis == "model":
        return ins["best_area"].replace("", "ej klassad")
    return ins["areas"]


def summarize(analysis: "Analysis", basis: str = "reported") -> dict[str, pd.DataFrame]:
    """Counts and shares per area, region × area, target groups, themes, answers, money, challenges."""
    ins = analysis.insatser[~analysis.insatser["status"].str.startswith("error")]
    tax = Taxonomy.load(2025)
    names = {a.code: a.name for a in tax.areas}
    b = BASES[basis]
    out: dict[str, pd.DataFrame] = {}
    area = area_column(ins, basis)
    exploded = ins.assign(_area=area).explode("_area")
    counts = exploded["_area"].value_counts().reindex(tax.codes + sorted(set(exploded["_area"].dropna()) - set(tax.codes)), fill_value=0)
    per_area = pd.DataFrame({"område": counts.index, "namn": [names.get(c, "") for c in counts.index],
                             "antal": counts.values})
    per_area["andel"] = (per_area["antal"] / max(1, len(ins))).round(3)
    out["per_area"] = _titled(per_area, f"Insatser per insatsområde (bas: {b}; n = {len(ins)})")
    if "region" in ins.columns:
        ra = pd.crosstab(exploded["region"], exploded["_area"])
        out["region_area"] = _titled(ra, f"Insatser per region och område (bas: {b})")
        pr = ins["region"].value_counts().rename_axis("region").reset_index(name="antal")
        out["per_region"] = _titled(pr, f"Insatser per region (n = {len(ins)})")
    if basis == "reported" and "best_area" in ins.columns and "area_reported_2025" in ins.columns:
        diff = pd.crosstab(ins["area_reported_2025"].fillna("ej angivet"), ins["best_area"],
                           rownames=["rapporterat"], colnames=["modell"])
        out["reported_vs_model"] = _titled(diff, "Rapporterat område (rader) mot modellens bästa område (kolumner)")
    n = max(1, len(ins))
    tg = ins["target_groups"].explode().dropna().value_counts()
    out["target_groups"] = _titled(
        pd.DataFrame({"målgrupp": tg.index, "antal": tg.values, "andel": (tg.values / n).round(3)}),
        f"Andel insatser per målgrupp (en insats kan ha flera; n = {len(ins)})")
    th = ins.assign(_area=area).explode("themes").explode("_area").dropna(subset=["themes"])
    out["themes_by_area"] = _titled(pd.crosstab(th["themes"], th["_area"]), f"Teman per område (bas: {b})")
    for col, title in (("followed_up", "uppföljd"), ("effect", "resultat eller effekt")):
        if col in ins.columns and ins[col].notna().any():
            t = pd.crosstab(exploded["_area"], exploded[col].fillna("okänt"), normalize="index").round(3)
            out[col] = _titled(t, f"Andel per svar om {title}, per område (bas: {b})")
    if "amount_sek" in ins.columns:
        from .money import money_per_area

        out.update(money_per_area(ins.assign(_area=area), basis_label=b))
    if len(analysis.challenges):
        out["challenge_matrix"] = _titled(challenge_matrix(analysis.challenges),
                                          "Utmaningar per region och kategori (antal påståenden)")
    return out


def analysis_html(analysis: "Analysis") -> str:
    """Compact HTML for Jupyter: status counts and the first summary tables."""
    parts = [f"<div lang='sv'><h3>Analys: {len(analysis.insatser)} insatser, "
             f"{len(analysis.challenges)} utmaningar</h3>",
             f"<p>{escape(CORPUS_NOTE)}</p>",
             "<p>Status: " + ", ".join(f"{escape(str(k))}: {v}" for k, v in analysis.status_counts().items()) + "</p>"]
    for key in ("per_area", "target_groups"):
        t = analysis.summary().get(key)
        if t is not None:
            parts.append(f"<h4>{escape(t.attrs.get('title', key))}</h4>" + t.to_html(index=False))
    parts.append("</div>")
    return "\n".join(parts)
