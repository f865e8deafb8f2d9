"""Amounts of money: Swedish number formats and units -> SEK; money per area.

"1 234,5", "850 tkr", "1,2 mnkr", "0,75 MSEK", "400000 kr" all become SEK.
A unit in the column header ("Belopp (tkr)") applies when the cell has none.
"""
from __future__ import annotations

import math
import re

import pandas as pd

UNITS = {"kr": 1, "sek": 1, "kronor": 1, ":-": 1, "tkr": 1_000, "tsek": 1_000, "ksek": 1_000,
         "tusen": 1_000, "mkr": 1_000_000, "mnkr": 1_000_000, "msek": 1_000_000, "miljoner": 1_000_000,
         "milj": 1_000_000, "mn": 1_000_000}
_NUM_RE = re.compile(r"^\s*(-?[\d\s\u00a0\u202f.]*\d(?:[.,]\d+)?)\s*([a-zåäö:.\-]*)\s*(?:kr|kronor)?\.?\s*$", re.I)


def unit_from_header(header: str) -> int:
    """Multiplier implied by a header such as "Belopp (tkr)" (1 when none)."""
    h = header.lower()
    for unit in ("mnkr", "msek", "mkr", "tkr", "tsek", "ksek"):
        if re.search(rf"\b{unit}\b", h):
            return UNITS[unit]
    return 1


def parse_amount(value, default_unit: int = 1) -> float | None:
    """SEK from a cell; None when empty; raises ValueError when unreadable."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (int, float)):
        return float(value) * default_unit
    s = str(value).strip().lower().replace("\u2212", "-")
    s = re.sub(r"^(ca\.?|cirka|ungefär|~|≈)\s*", "", s)
    if not s:
        return None
    m = _NUM_RE.match(s)
    if not m:
        raise ValueError(f"cannot read an amount from {value!r}")
    num, unit = m.group(1), m.group(2).strip(".").strip()
    num = re.sub(r"[\s\u00a0\u202f]", "", num)
    if "," in num:
        num = num.replace(".", "").replace(",", ".")
    elif num.count(".") > 1 or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", num):
        num = num.replace(".", "")  # 1.250.000 as thousands separators
    mult = UNITS.get(unit, None) if unit else default_unit
    if mult is None:
        raise ValueError(f"unknown unit {unit!r} in {value!r}")
    return float(num) * mult


def money_per_area(ins: pd.DataFrame, basis_label: str) -> dict[str, pd.DataFrame]:
    """Money per area (SEK and share) nationally and per region × year.

    Regions that gave no amounts are counted and shown as "ej fördelat",
    never silently left out: shares are of the money that was split.
    """
    out = {}
    d = ins.explode("_area")
    # a multi-area row's amount is split evenly over its areas
    weight = d.groupby(level=0)["_area"].transform("count").clip(lower=1)
    d = d.assign(_sek=d["amount_sek"] / weight)
    has = ins.groupby("region")["amount_sek"].apply(lambda s: s.notna().any()) if "region" in ins else pd.Series(dtype=bool)
    split_regions = sorted(has[has].index)
    no_split = sorted(has[~has].index)
    nat = d.dropna(subset=["_sek"]).groupby("_area")["_sek"].sum()
    total = nat.sum()
    t = pd.DataFrame({"område": nat.index, "belopp_sek": nat.values.round(0),
                      "andel": (nat.values / total).round(3) if total else 0.0})
    if no_split:
        t = pd.concat([t, pd.DataFrame([{"område": "ej fördelat", "belopp_sek": float("nan"),
                                         "andel": float("nan")}])], ignore_index=True)
    t.attrs["title"] = (f"Medel per område (bas: {basis_label}); bygger på {len(split_regions)} regioner som "
                        f"fördelat medel; {len(no_split)} regioner ej fördelat: {', '.join(no_split) or '–'}")
    out["money_per_area"] = t
    if "region" in d.columns:
        keys = ["region", "year"] if "year" in d.columns else ["region"]
        rt = d.dropna(subset=["_sek"]).pivot_table(index=keys, columns="_area", values="_sek", aggfunc="sum",
                                                   fill_value=0).round(0)
        for r in no_split:
            rt.loc[(r,) + (("",) if len(keys) == 2 else ()), :] = float("nan")
        rt.attrs["title"] = f"Medel (SEK) per region och område (bas: {basis_label}); tom rad = ej fördelat"
        out["money_region_area"] = rt
    return out


def money_from_sheet(money: pd.DataFrame) -> pd.DataFrame:
    """National money per area (SEK, share) from the distribution sheet; names its regions."""
    split = money.dropna(subset=["area"])
    no_split = sorted(set(money["region"]) - set(split["region"]))
    per = split.groupby("area")["amount_sek"].sum()
    total = per.sum()
    t = pd.DataFrame({"område": per.index, "belopp_sek": per.values.round(0),
                      "andel": (per.values / total).round(3) if total else 0.0})
    if no_split:
        t = pd.concat([t, pd.DataFrame([{"område": "ej fördelat", "belopp_sek": float("nan"), "andel": float("nan")}])],
                      ignore_index=True)
    t.attrs["title"] = (f"Medel per område enligt regionernas fördelning (bas: medelsfördelningen); bygger på "
                        f"{split['region'].nunique()} regioner; {len(no_split)} ej fördelat: {', '.join(no_split) or '–'}")
    return t
