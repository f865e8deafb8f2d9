"""Readers and writers."""
import pandas as pd
import pytest

from insatsmining.errors import InputError, MissingColumnError, OutputExistsError
from insatsmining.io import (mask_personal_data, read_report, read_table, write_csv, write_workbook)


def test_csv_delimiters_and_encodings(tmp_path):
    rows = "Region;Beskrivning av insatsen;År\nVGR;Amningsstöd på BB i Borås;2025\n"
    for enc, name in (("utf-8-sig", "bom.csv"), ("utf-8", "plain.csv"), ("cp1252", "win.csv")):
        p = tmp_path / name
        p.write_bytes(rows.encode(enc))
        df = read_table(p)
        assert df.loc[0, "text"] == "Amningsstöd på BB i Borås" and df.loc[0, "region"] == "Västra Götaland"
    p = tmp_path / "comma.csv"
    p.write_text('Region,Beskrivning\nSkåne,"Hembesök, BB hemma"\n', encoding="utf-8")
    assert read_table(p).loc[0, "text"] == "Hembesök, BB hemma"


def test_excel_headers_answers_amounts(tmp_path):
    p = tmp_path / "enkat.xlsx"
    pd.DataFrame({"Region": ["Region Jönköpings län", "Skåne", "Kalmar"],
                  "Insatsområde": ["3.2 Stärkt och utvecklad eftervård", "3.4", "3.1"],
                  "Beskrivning av insatsen": ["Hembesök", "Mentorskap", "Samordnare"],
                  "Målgrupp": ["Utrikesfödda; Personal", "Ingen specifik målgrupp", "Partner/familj"],
                  "Uppföljning": ["Ja, genomförd", "pågår", "Se kommentar"],
                  "Resultat/effekt": ["Ja", "För tidigt att säga", "Nej"],
                  "Belopp (tkr)": ["850", "1,2 mnkr", "lite"]}).to_excel(p, index=False)
    df = read_table(p)
    assert list(df["region"]) == ["Jönköping", "Skåne", "Kalmar"]
    assert list(df["followed_up"])[:2] == ["klar", "pagar"] and pd.isna(df.loc[2, "followed_up"])
    assert "unknown follow-up answer 'Se kommentar'" in df.loc[2, "input_notes"]
    assert list(df["effect"]) == ["ja", "for_tidigt", "nej"]
    assert df.loc[0, "amount_sek"] == 850_000 and df.loc[1, "amount_sek"] == 1_200_000
    assert "cannot read an amount" in df.loc[2, "input_notes"]
    assert set(df.loc[0, "target_groups_reported_ids"]) == {"utrikesfodda_sprak", "personal"}
    assert df.loc[1, "target_groups_reported_ids"] == []


def test_missing_text_column_lists_columns(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("Region;Kommentar\nSkåne;hej\n", encoding="utf-8")
    with pytest.raises(MissingColumnError, match="columns are"):
        read_table(p)
    with pytest.raises(MissingColumnError, match="did you mean 'Kommentar'"):
        read_table(p, text_column="Komentar")


def test_wrong_sheet_and_broken_files(tmp_path):
    p = tmp_path / "b.xlsx"
    pd.DataFrame({"Beskrivning": ["a"]}).to_excel(p, index=False, sheet_name="Insatser")
    with pytest.raises(InputError, match="did you mean 'Insatser'"):
        read_table(p, sheet="Insats")
    bad = tmp_path / "trasig.xlsx"
    bad.write_bytes(p.read_bytes()[:300])
    with pytest.raises(InputError, match="not a readable Excel"):
        read_table(bad)
    garbage = tmp_path / "g.pdf"
    garbage.write_bytes(b"\x00\x01garbage")
    with pytest.raises(InputError, match="not a readable PDF"):
        read_table(garbage)
    with pytest.raises(InputError, match="unsupported file type"):
        read_table(tmp_path.joinpath("a.json").write_text("{}") and tmp_path / "a.json")


def test_docx_report_split_by_area_headings(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Region Kalmar län – redovisning 2025", 1)
    d.add_heading("3.2 Stärkt och utvecklad eftervård", 2)
    d.add_paragraph("Hembesök av barnmorska efter hemgång.", style="List Bullet")
    d.add_paragraph("Amningsmottagning med telefonrådgivning.", style="List Bullet")
    d.add_heading("Utveckling av nya arbetssätt", 2)
    d.add_paragraph("Digital föräldrautbildning har införts för alla.")
    d.add_heading("Nulägesanalys", 2)
    d.add_paragraph("Det är fortsatt svårt att rekrytera barnmorskor. Ekonomin är ansträngd.")
    p = tmp_path / "kalmar_2025.docx"
    d.save(p)
    ins, nul = read_report(p, year=2025)
    assert list(ins["text"]) == ["Hembesök av barnmorska efter hemgång.", "Amningsmottagning med telefonrådgivning.",
                                 "Digital föräldrautbildning har införts för alla."]
    assert list(ins["area_reported"])[:2] == ["3.2", "3.2"] and (ins["region"] == "Kalmar").all()
    assert len(nul) == 1 and "rekrytera" in nul.loc[0, "text"]


def test_pdf_report(tmp_path):
    from insatsmining.io import report_text

    pytest.importorskip("matplotlib")
    from matplotlib.backends.backend_pdf import PdfPages
    import matplotlib.pyplot as plt

    p = tmp_path / "gotland.pdf"
    with PdfPages(p) as pdf:
        fig = plt.figure(figsize=(8.3, 11.7))
        fig.text(0.1, 0.9, "Nulägesanalys", fontsize=12)
        fig.text(0.1, 0.85, "Det saknas barnmorskor på BB i Visby.", fontsize=10)
        pdf.savefig(fig)
        plt.close(fig)
    assert "barnmorskor" in report_text(p)


def test_personal_data_masked():
    t, n = mask_personal_data("Kontakt: anna.svensson@regionx.se, 070-123 45 67, pnr 19850101-1234.")
    assert n == 3 and "@" not in t and "1234" not in t and "[telefon]" in t


def test_writers_never_overwrite_without_force(tmp_path):
    df = pd.DataFrame({"areas": [["3.1", "3.2"]], "evidence": [{"3.1": ["ord", "ord2"], "3.2": ["x"]}]})
    p = write_csv(df, tmp_path / "r.csv")
    raw = p.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"3.1; 3.2" in raw and "3.1: ord, ord2 | 3.2: x".encode() in raw
    with pytest.raises(OutputExistsError, match="--force"):
        write_csv(df, p)
    write_csv(df, p, force=True)
    w = write_workbook({"a": df}, tmp_path / "r.xlsx")
    with pytest.raises(OutputExistsError):
        write_workbook({"a": df}, w)
