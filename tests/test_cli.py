"""The command line: exit codes, outputs, no overwrite, progressless quiet runs."""
import subprocess
import sys

import pandas as pd
import pytest

from insatsmining.cli import main


def run(*args):
    return main([str(a) for a in args])


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as e:
        run("--version")
    assert e.value.code == 0 and "insatsmining" in capsys.readouterr().out
    assert run() == 2


def test_analyze_workbook_and_no_overwrite(tmp_path, capsys):
    src = tmp_path / "in.csv"
    pd.DataFrame({"Region": ["Skåne", "Kalmar"], "Beskrivning": ["Hembesök efter förlossningen. Ring 070-123 45 67", ""]}
                 ).to_csv(src, sep=";", index=False)
    out = tmp_path / "res.xlsx"
    assert run("analyze", src, "--out", out) == 0
    book = pd.read_excel(out, sheet_name=None)
    assert {"insatser", "spans", "utmaningar", "metadata"} <= set(book)
    ins = book["insatser"]
    assert len(ins) == 2 and "[telefon]" in ins["Beskrivning av insatsen"][0]
    meta = dict(zip(book["metadata"]["uppgift"], book["metadata"]["värde"]))
    assert str(meta["rader in"]) == "2" and "skriven korpus" in meta["om modellen"]
    assert any(k.startswith("indata:") for k in meta)
    assert run("analyze", src, "--out", out) == 2
    assert "--force" in capsys.readouterr().err
    assert run("analyze", src, "--out", out, "--force", "--strict", "-q") == 1  # empty text row under --strict


def test_input_error_exit_2(tmp_path, capsys):
    assert run("analyze", tmp_path / "finns_inte.xlsx", "--out", tmp_path / "x.xlsx") == 2
    assert "no such file" in capsys.readouterr().err


def test_chunked_resumable_run(tmp_path):
    src = tmp_path / "big.csv"
    pd.DataFrame({"text": [f"Amningsstöd nummer {i}" for i in range(25)]}).to_csv(src, index=False)
    out = tmp_path / "delar"
    assert run("analyze", src, "--out", out, "--chunk-size", 10, "-q") == 0
    parts = sorted(out.glob("part-*.parquet"))
    assert len(parts) == 3
    first = parts[0].stat().st_mtime_ns
    parts[2].unlink()  # an interrupted run
    assert run("analyze", src, "--out", out, "--chunk-size", 10, "--resume", "-q") == 0
    assert parts[0].stat().st_mtime_ns == first and parts[2].exists()
    df = pd.concat(pd.read_parquet(p) for p in sorted(out.glob("part-*.parquet")))
    assert len(df) == 25 and df["id"].is_unique


def test_report_and_review_commands(tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame({"Region": ["Skåne", "Skåne", "Kalmar"], "År": [2024, 2025, 2025],
                  "Insatsområde": ["2024:relevant_kompetens", "3.4", "3.2"],
                  "Beskrivning": ["CTG-utbildning för barnmorskor", "Mentorskap för nya barnmorskor", "Hembesök"]}
                 ).to_csv(src, sep=";", index=False)
    res = tmp_path / "res.xlsx"
    assert run("analyze", src, "--out", res, "-q") == 0
    html = tmp_path / "rapport.html"
    assert run("report", res, "--out", html) == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html><html lang='sv'>")
    sheet = tmp_path / "granskning.xlsx"
    assert run("review", "export", res, "--out", sheet) == 0
    assert run("review", "import", sheet) == 0  # nothing decided yet: no problems


def test_console_script_installed():
    r = subprocess.run([sys.executable, "-m", "insatsmining.cli", "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "examples:" in r.stdout
