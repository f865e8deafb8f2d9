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
    if "target_groups_reported_ids" in ins.columns:
        rt = ins["target_groups_reported_ids"].explode().dropna().value_counts()
        out["target_groups_reported"] = _titled(
            pd.DataFrame({"målgrupp": rt.index, "antal": rt.values, "andel": (rt.values / n).round(3),
                          "modellen hittar": [int(sum(g in m for m in ins["target_groups"])) for g in rt.index]}),
            f"Andel insatser per målgrupp enligt regionernas svar (officiell bas; n = {len(ins)}), "
            "med antalet där modellen hittar målgruppen i texten")
    th = ins.assign(_area=area).explode("themes").explode("_area").dropna(subset=["themes"])
    out["themes_by_area"] = _titled(pd.crosstab(th["themes"], th["_area"]), f"Teman per område (bas: {b})")
    for col, title in (("followed_up", "uppföljd"), ("effect", "resultat eller effekt")):
        if col in ins.columns and ins[col].notna().any():
            t = pd.crosstab(exploded["_area"], exploded[col].fillna("okänt"), normalize="index").round(3)
            out[col] = _titled(t, f"Andel per svar om {title}, per område (bas: {b})")
    if "amount_sek" in ins.columns:
        from .money import money_per_area

        out.update(money_per_area(ins.assign(_area=area), basis_label=b))
    if analysis.money is not None and len(analysis.money):
        from .money import money_from_sheet

        out["money_sheet_per_area"] = money_from_sheet(analysis.money)
    if "year" in ins.columns and ins["year"].nunique() > 1:
        from .series import counts_per_year

        col = {"reported": "area_reported_2025", "model": "best_area", "model_all": "areas"}[basis]
        if col in ins.columns:
            t = counts_per_year(ins, col)
            out["per_year"] = _titled(t, f"Insatser per år och område, 2023–2024 omräknade till 2025 (bas: {b})")
        if "series_status" in ins.columns:
            st = pd.crosstab(ins["year"], ins["series_status"])
            out["series"] = _titled(st, "Insatser som är nya, fortsätter eller avslutas (länkade över år)")
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


# ------------------------------------------------------------ HTML report
_CSS = """
body{font-family:system-ui,Segoe UI,Arial,sans-serif;color:#1a1a1a;background:#fff;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1,h2,h3{color:#0b3d66} table{border-collapse:collapse;margin:0.5rem 0 1.5rem} caption{text-align:left;font-weight:600;padding:0.3rem 0}
th,td{border:1px solid #8a8a8a;padding:0.25rem 0.5rem;text-align:left;vertical-align:top} th{background:#e8eef4}
mark{background:#ffe08a;color:#1a1a1a;font-weight:600} figure{margin:1rem 0} figcaption{font-size:0.9rem;color:#333}
.note{border-left:4px solid #0b3d66;padding-left:0.75rem}
"""


def _table_html(df: pd.DataFrame, caption: str) -> str:
    idx = not isinstance(df.index, pd.RangeIndex)
    head = ([f"<th scope='col'>{escape(str(df.index.name or ''))}</th>"] if idx else []) + \
        [f"<th scope='col'>{escape(str(c))}</th>" for c in df.columns]
    rows = []
    for i, r in df.iterrows():
        cells = ([f"<th scope='row'>{escape(str(i))}</th>"] if idx else []) + \
            [f"<td>{escape(_fmt(v))}</td>" for v in r.tolist()]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table><caption>{escape(caption)}</caption><thead><tr>{''.join(head)}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _fmt(v) -> str:
    if isinstance(v, float):
        return "" if pd.isna(v) else (f"{v:.1%}" if 0 < abs(v) < 1 else f"{v:,.0f}".replace(",", " "))
    if isinstance(v, list):
        return "; ".join(map(str, v))
    return str(v)


def _figure_html(fig, alt: str, caption: str) -> str:
    import base64
    import io as _io

    buf = _io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    import matplotlib.pyplot as plt

    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode()
    return (f"<figure><img src='data:image/png;base64,{data}' alt='{escape(alt, quote=True)}' style='max-width:100%'>"
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def html_report(analysis: "Analysis", title: str = "Insatser inom överenskommelsen om kvinnors hälsa",
                examples_per_theme: int = 2) -> str:
    """One self-contained, accessible HTML page: tables, charts, examples, challenges."""
    from . import plots
    from .review import highlight

    s = summarize(analysis)
    parts = [f"<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>{escape(title)}</title>"
             f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{_CSS}</style></head><body>",
             f"<h1>{escape(title)}</h1>", f"<p class='note'>{escape(CORPUS_NOTE)}</p>",
             "<h2>Insatser per område</h2>"]
    fig, alt = plots.bars_per_area(s["per_area"])
    parts.append(_figure_html(fig, alt, s["per_area"].attrs["title"]))
    parts.append(_table_html(s["per_area"], s["per_area"].attrs["title"]))
    if "region_area" in s and s["region_area"].size:
        fig, alt = plots.heatmap(s["region_area"], s["region_area"].attrs["title"], "Område", "Region")
        parts += ["<h2>Regioner och områden</h2>", _figure_html(fig, alt, s["region_area"].attrs["title"])]
    if "reported_vs_model" in s:
        parts += ["<h2>Rapporterat område och modellens bedömning</h2>",
                  _table_html(s["reported_vs_model"], s["reported_vs_model"].attrs["title"])]
    if len(s["target_groups"]):
        fig, alt = plots.target_group_shares(s["target_groups"])
        parts += ["<h2>Målgrupper</h2>", _figure_html(fig, alt, s["target_groups"].attrs["title"]),
                  _table_html(s["target_groups"], s["target_groups"].attrs["title"])]
    if "per_year" in s:
        fig, alt = plots.change_over_years(s["per_year"])
        parts += ["<h2>Förändring över år</h2>", _figure_html(fig, alt, s["per_year"].attrs["title"]),
                  _table_html(s["per_year"], s["per_year"].attrs["title"])]
    for key, head in (("followed_up", "Uppföljning per område"), ("effect", "Resultat eller effekt per område"),
                      ("money_per_area", "Medel per område")):
        if key in s:
            parts += [f"<h2>{head}</h2>", _table_html(s[key], s[key].attrs["title"])]
    ins = analysis.insatser
    if len(analysis.spans):
        parts.append("<h2>Exempel per tema</h2>")
        th = analysis.spans[analysis.spans["kind"] == "theme"]
        for label, sub in th.groupby("label"):
            parts.append(f"<h3>{escape(label)} ({sub['row'].nunique()} insatser)</h3><ul>")
            for r in sub["row"].drop_duplicates().head(examples_per_theme):
                words = sub.loc[sub["row"] == r, "text"].tolist()
                parts.append(f"<li>{highlight(str(ins['text'].iloc[r])[:600], words)}</li>")
            parts.append("</ul>")
    if len(analysis.challenges):
        from .challenges import challenge_matrix

        m = challenge_matrix(analysis.challenges)
        fig, alt = plots.heatmap(m, "Utmaningar per region och kategori", "Kategori", "Region")
        parts += ["<h2>Utmaningar i nulägesanalyserna</h2>", _figure_html(fig, alt, "Antal utmaningspåståenden")]
        ex = analysis.challenges.explode("categories")
        for cat, sub in ex.groupby("categories"):
            parts.append(f"<h3>{escape(cat)} ({len(sub)})</h3><ul>")
            for _, r in sub.sort_values("score", ascending=False).drop_duplicates("region").head(3).iterrows():
                parts.append(f"<li>{escape(r['sentence'])} <em>({escape(str(r['region']))})</em></li>")
            parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)
