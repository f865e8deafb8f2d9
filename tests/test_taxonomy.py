"""Taxonomies as data: loading, lookups, crosswalk, rejected malformed files."""
import textwrap

import pytest

from insatsmining import Taxonomy, TaxonomyError
from insatsmining.taxonomy import load_lexicon, normalize_region, regions


def test_2025_areas_and_names():
    tax = Taxonomy.load(2025)
    assert tax.codes == [f"3.{i}" for i in range(1, 9)]
    assert tax.name("3.2") == "Stärkt och utvecklad eftervård"
    assert all(a.description for a in tax.areas)


def test_year_as_string_is_accepted():
    assert Taxonomy.load("2024").year == 2024


@pytest.mark.parametrize("code,year,expected", [
    ("2024:eftervard", 2024, "3.2"), ("eftervard", 2023, "3.2"), ("2024:kompetensforsorjning", 2024, "3.4"),
    ("2023:relevant_kompetens", 2023, "3.3"), ("2024:nya_arbetssatt", 2024, None),
    ("Utveckling av eftervård", 2024, "3.2"), ("3.7", 2025, "3.7"),
    ("3.4 Stärkt kompetensförsörjning", 2025, "3.4"), ("2023:landsbygd", None, "3.8"),
])
def test_crosswalk(code, year, expected):
    assert Taxonomy.load(2025).map_area(code, from_year=year) == expected


def test_2023_has_no_kompetensforsorjning():
    tax = Taxonomy.load(2023)
    assert not tax.exists("2023:kompetensforsorjning", 2023)
    with pytest.raises(TaxonomyError, match="unknown area"):
        tax.map_area("2023:kompetensforsorjning", from_year=2023)


def test_unknown_year():
    with pytest.raises(TaxonomyError, match="no areas for year 2019"):
        Taxonomy.load(2019)


def write(tmp_path, body):
    p = tmp_path / "areas.yaml"
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


MALFORMED_AREA_FILES = {
    "entry without code": ("""
        kind: areas
        current_year: 2025
        years:
          2025:
            - {code: "3.1", name: A}
            - {name: B}
        """, r"areas.yaml: year 2025, entry 2"),
    "crosswalk missing a legacy code": ("""
        kind: areas
        current_year: 2025
        years:
          2025: [{code: "3.1", name: A}]
          2024: [{code: "2024:a", name: A}, {code: "2024:b", name: B}]
        crosswalk:
          2024: {"2024:a": "3.1"}
        """, r"no mapping for \['2024:b'\]"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED_AREA_FILES))
def test_malformed_area_files_are_rejected_naming_file_and_entry(tmp_path, case):
    body, message = MALFORMED_AREA_FILES[case]
    with pytest.raises(TaxonomyError, match=message):
        Taxonomy.load(2025, path=write(tmp_path, body))


def test_next_years_areas_are_a_data_edit(tmp_path):
    """Adding 2026 = a YAML block plus a crosswalk; no code change."""
    p = write(tmp_path, """
        kind: areas
        current_year: 2026
        years:
          2026: [{code: "4.1", name: Ny vårdkedja}, {code: "4.2", name: Eftervård}]
          2025: [{code: "3.1", name: Mer sammanhållen vårdkedja}, {code: "3.2", name: Stärkt och utvecklad eftervård}]
        crosswalk:
          2025: {"3.1": "4.1", "3.2": "4.2"}
        """)
    tax = Taxonomy.load(2026, path=p)
    assert tax.map_area("3.2", from_year=2025) == "4.2"


def test_malformed_lexicon_is_rejected(tmp_path):
    from insatsmining.taxonomy import _parse_lexicon

    p = tmp_path / "themes.yaml"
    p.write_text("kind: theme\nentries:\n  - id: ok_theme\n    patterns: [amning*]\n"
                 "  - id: Bad-Id\n    patterns: [x]\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"themes.yaml: entry 2 \(Bad-Id\): id must be ASCII"):
        _parse_lexicon(p, "theme")
    p.write_text("kind: theme\nentries:\n  - id: t\n    patterns: ['a*b']\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"entry 1 \(t\): bad pattern 'a\*b'"):
        _parse_lexicon(p, "theme")


def test_shipped_lexicons_have_the_core_vocabulary():
    themes = {l.id for l in load_lexicon("theme")}
    groups = {l.id for l in load_lexicon("target_group")}
    cats = {l.id for l in load_lexicon("challenge_category")}
    assert {"nollseparation", "amning", "rotationstjanster", "backenbotten", "kulturdoula_tolk",
            "vard_efter_vald", "sparsakring", "levnadsvanor", "lonesatsning"} <= themes
    assert groups == {"utrikesfodda_sprak", "socioekonomiskt_utsatta", "psykisk_ohalsa", "glesbygd", "unga",
                      "hbtqi", "funktionsnedsattning", "partner_familj", "sexuellt_vald_konsstympning",
                      "personal", "sarskilda_behov"}
    assert cats == {"kompetensforsorjning", "ekonomi", "kompetensbehov", "samverkan", "ojamlik_vard",
                    "fodelsetal", "other"}


@pytest.mark.parametrize("raw,name", [("Region Jönköpings län", "Jönköping"), ("VGR", "Västra Götaland"),
                                      ("Västra Götalandsregionen", "Västra Götaland"), ("Kalmar län", "Kalmar"),
                                      ("region örebro län", "Örebro"), ("Jämtland Härjedalen", "Jämtland Härjedalen")])
def test_region_names_normalised(raw, name):
    assert normalize_region(raw) == name


def test_21_regions():
    assert len(regions()) == 21 and normalize_region("Atlantis") is None
