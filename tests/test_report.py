"""Summary report: charts render, HTML is self-contained and accessible."""
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from insatsmining import plots
from insatsmining.report import html_report


@pytest.fixture(scope="module")
def analysis(pipe):
    df = pd.DataFrame({"region": ["Skåne", "Skåne", "Kalmar", "Norrbotten", "Norrbotten"],
                       "year": [2024, 2025, 2025, 2023, 2025],
                       "area_reported": ["2024:eftervard", "3.2", "3.5", "2023:landsbygd", "3.8"],
                       "text": ["Hembesök efter förlossningen i Lund", "Fortsatt hembesök efter förlossningen i Lund",
                                "Kulturdoulor för kvinnor med annat modersmål", "Patienthotell vid Sunderby sjukhus",
                                "Patienthotell vid Sunderby sjukhus utökas"],
                       "amount_sek": [100000.0, 200000.0, None, 50000.0, 80000.0]})
    nul = pd.DataFrame({"text": ["Det är svårt att rekrytera barnmorskor. Ekonomin är ansträngd."],
                        "region": ["Skåne"], "year": [2025]})
    return pipe.analyze(df, nul)


class A11y(HTMLParser):
    def __init__(self):
        super().__init__()
        self.imgs, self.headings, self.th, self.lang = [], [], 0, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "img":
            self.imgs.append(a)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th":
            self.th += 1


def contrast(fg: str, bg: str) -> float:
    def lum(h):
        c = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    l1, l2 = sorted((lum(fg), lum(bg)), reverse=True)
    return (l1 + 0.05) / (l2 + 0.05)


def test_html_report_accessible_and_self_contained(analysis):
    html = html_report(analysis)
    p = A11y()
    p.feed(html)
    assert p.lang == "sv" and p.th > 0
    assert p.imgs and all(i.get("alt") and re.search(r"\d", i["alt"]) for i in p.imgs)  # alt text with numbers
    assert all(i["src"].startswith("data:image/png;base64,") for i in p.imgs)  # no network needed
    assert p.headings[0] == 1 and all(b - a <= 1 for a, b in zip(p.headings, p.headings[1:]))
    assert "http://" not in html and "https://" not in html
    assert contrast("#1a1a1a", "#ffffff") >= 4.5 and contrast("#0b3d66", "#ffffff") >= 4.5
    assert contrast("#1a1a1a", "#ffe08a") >= 4.5 and contrast("#1a1a1a", "#e8eef4") >= 4.5
    assert "skriven korpus" in html
    assert "<mark>" in html and "Förändring över år" in html


def test_charts_render_png_and_svg(analysis, tmp_path):
    s = analysis.summary()
    figs = [plots.bars_per_area(s["per_area"]), plots.target_group_shares(s["target_groups"]),
            plots.heatmap(s["region_area"], "Region × område", "Område", "Region"),
            plots.change_over_years(s["per_year"])]
    for k, (fig, alt) in enumerate(figs):
        png, svg = plots.save(fig, tmp_path / f"fig{k}")
        assert png.stat().st_size > 5000 and svg.read_text().startswith("<?xml")
        assert fig.get_figwidth() <= plots.A4_WIDTH_IN and alt
    assert len(set(plots.AREA_COLOURS.values())) == 8


def test_money_table_counts_regions_without_split(analysis):
    m = analysis.summary()["money_per_area"]
    assert "ej fördelat" in set(m["område"]) and "Kalmar" in m.attrs["title"]
    assert abs(m["andel"].dropna().sum() - 1) < 0.01


def test_series_linked_across_years(analysis):
    ins = analysis.insatser
    assert ins.loc[0, "series_id"] == ins.loc[1, "series_id"]
    assert ins.loc[3, "series_id"] == ins.loc[4, "series_id"] and ins.loc[2, "series_id"] != ins.loc[1, "series_id"]
    assert "per_year" in analysis.summary() and analysis.summary()["per_year"].loc[2025].sum() == 3
