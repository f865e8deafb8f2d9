"""Build the demo survey export (corpora/demo/inrapportering_2023-2025.xlsx) from
the demo source files written for the project (corpora/demo/*.jsonl).

The workbook looks like a survey export: Swedish headers, area names as the
survey shows them (2025 codes with names, older years' names), free-text
answers for follow-up, effect and target groups, amounts in mixed formats,
a sheet of nulägesanalyser and a region × area money sheet.
Run: python scripts/build_demo.py  (overwrites the demo workbook on purpose)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from insatsmining.corpora import assemble  # noqa: E402
from insatsmining.taxonomy import Taxonomy  # noqa: E402

DEMO = ROOT / "corpora" / "demo"
OUT = DEMO / "inrapportering_2023-2025.xlsx"


def area_cell(code: str, tax: Taxonomy) -> str:
    try:
        a = tax.area(code)
    except Exception:
        return code  # a deliberately wrong code stays as typed
    return f"{a.code} {a.name}" if not ":" in a.code else a.name


def money_sheet(rows, tax) -> pd.DataFrame:
    """Region × area money (tkr) of 2025 from the demo amounts; regions without amounts stay empty."""
    from insatsmining.money import parse_amount

    regions = sorted({r["region"] for r in rows if r["year"] == 2025 and not r["region"].startswith("Region ")})
    table = {reg: {a: 0.0 for a in tax.codes} for reg in regions}
    for r in rows:
        if r["year"] != 2025 or r["region"] not in table or not r.get("belopp") or not r["areas"]:
            continue
        try:
            sek = parse_amount(r["belopp"].replace("ca ", ""))
        except ValueError:
            continue
        table[r["region"]][r["areas"][0]] += sek
    out = []
    for reg in regions:
        vals = table[reg]
        empty = not any(vals.values())
        out.append({"Region": reg, "År": 2025, **{f"{a} (tkr)": (None if empty else round(v / 1000, 1))
                                                  for a, v in vals.items()}})
    return pd.DataFrame(out)


def main() -> None:
    tax = Taxonomy.load(2025)
    rows = [json.loads(l) for l in (DEMO / "insatser.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    ins = pd.DataFrame([{
        "Löpnummer": r["id"], "Region": r["region"], "År": r["year"],
        "Insatsområde": area_cell(r["area_reported"], tax),
        "Beskrivning av insatsen": r["text"],
        "Målgrupp": r.get("malgrupp_svar"), "Uppföljning": r.get("uppfoljning_svar"),
        "Resultat/effekt": r.get("effekt_svar"), "Belopp": r.get("belopp"),
    } for r in rows])
    docs = [json.loads(l) for l in (DEMO / "nulagesanalyser.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    nul = pd.DataFrame([{"Region": d["region"], "År": d["year"], "Nulägesanalys": assemble(d)[0]} for d in docs])
    money = money_sheet(rows, tax)
    with pd.ExcelWriter(OUT, engine="openpyxl") as xw:
        ins.to_excel(xw, sheet_name="Insatser", index=False)
        nul.to_excel(xw, sheet_name="Nulägesanalyser", index=False)
        money.to_excel(xw, sheet_name="Medelsfördelning 2025", index=False)
    print(f"wrote {OUT}: {len(ins)} insatser, {len(nul)} nulägesanalyser")


if __name__ == "__main__":
    main()
