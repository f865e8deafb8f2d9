"""Command line: thin wiring of readers, the pipeline and writers.

Exit codes: 0 ok; 1 rows flagged or errored under ``--strict``; 2 usage or
input error; 3 internal error (one line, plus the path of a log file that
holds the traceback).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path

EXAMPLES = """
examples:
  insatsmining demo
  insatsmining analyze inrapportering_2025.xlsx --out resultat.xlsx
  insatsmining analyze rapporter/ --year 2025 --out resultat.xlsx --strict
  insatsmining analyze svar.csv --text-column "Beskrivning" --out resultat.csv
  insatsmining classify insatser.xlsx --out klassning.csv
  insatsmining challenges nulagesanalys_kalmar.docx --region Kalmar --year 2025 --out utmaningar.xlsx
  insatsmining train --out models/mitt_namn
  insatsmining evaluate --model models/default
"""


def _parser() -> argparse.ArgumentParser:
    from ._version import __version__

    p = argparse.ArgumentParser(prog="insatsmining", description=(
        "Classify and tabulate regions' reports on maternity care and women's health insatser."),
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"insatsmining {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def common(sp, out_required=True):
        sp.add_argument("--out", required=out_required, help="output file (.xlsx, .csv or .parquet)")
        sp.add_argument("--force", action="store_true", help="overwrite an existing output file")
        sp.add_argument("--model", help="model folder (default: the shipped model)")
        sp.add_argument("--quiet", "-q", action="store_true", help="no progress or summary output")

    d = sub.add_parser("demo", help="analyse the shipped demo submissions and write a results workbook")
    d.add_argument("--out", help="output workbook (default: a new file in ./demo_resultat/)")
    d.add_argument("--force", action="store_true")
    d.add_argument("--quiet", "-q", action="store_true")

    a = sub.add_parser("analyze", help="classify, tag and check submissions; write a results workbook",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("inputs", nargs="+", help="files or folders (.xlsx .csv .parquet .docx .pdf .txt)")
    common(a)
    a.add_argument("--year", type=int, help="report year when the input has none")
    a.add_argument("--sheet", help="sheet name in a workbook")
    a.add_argument("--text-column", help="column holding the insats description")
    a.add_argument("--themes", help="YAML file with your own themes")
    a.add_argument("--strict", action="store_true", help="exit 1 when any row is flagged or errored")
    a.add_argument("--keep-personal-data", action="store_true", help="do not mask personnummer, e-mail, phone")
    a.add_argument("--chunk-size", type=int, help="stream the input in chunks of N rows; --out is then a folder "
                   "of part files (.parquet, or .csv with --format csv)")
    a.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="part file format for --chunk-size")
    a.add_argument("--resume", action="store_true", help="continue a chunked run, skipping finished parts")

    c = sub.add_parser("classify", help="area classification only")
    c.add_argument("inputs", nargs="+")
    common(c)
    c.add_argument("--sheet")
    c.add_argument("--text-column")

    ch = sub.add_parser("challenges", help="challenge statements of nulägesanalyser (.txt .docx .pdf .xlsx)")
    ch.add_argument("inputs", nargs="+")
    common(ch)
    ch.add_argument("--region")
    ch.add_argument("--year", type=int)

    t = sub.add_parser("train", help="train a model from corpora/ (writes a model folder)")
    t.add_argument("--out", help="new model folder (default in a checkout: models/model-<date>)")
    t.add_argument("--select", action="store_true", help="choose model type and C by cross-validation")
    t.add_argument("--force", action="store_true")

    r = sub.add_parser("report", help="self-contained HTML report from a results workbook")
    r.add_argument("results", help="results workbook from `insatsmining analyze`")
    r.add_argument("--out", required=True, help="HTML file, e.g. rapport.html")
    r.add_argument("--force", action="store_true")

    rv = sub.add_parser("review", help="review sheet round trip without Jupyter")
    rsub = rv.add_subparsers(dest="review_command", metavar="export|import")
    rx = rsub.add_parser("export", help="results workbook -> Excel review sheet")
    rx.add_argument("results")
    rx.add_argument("--out", required=True)
    rx.add_argument("--force", action="store_true")
    ri = rsub.add_parser("import", help="validate a filled-in review sheet; write the reviewed rows")
    ri.add_argument("sheet")
    ri.add_argument("--out", help="write reviewed rows (.xlsx/.csv) here")
    ri.add_argument("--force", action="store_true")

    e = sub.add_parser("evaluate", help="held-out figures of a model on the corpus (and real-text dev set)")
    e.add_argument("--model", help="model folder (default: the shipped model)")
    return p


def _say(args, *msg):
    if not getattr(args, "quiet", False):
        print(*msg)


def _progress(args, total: int):
    """A rich progress bar for runs over a second (none in quiet mode)."""
    if args.quiet or total < 2000:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("analyserar"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]} texter/s"), TimeRemainingColumn())


def _analyze_with_progress(pipe, ins, nul, args):
    prog = _progress(args, len(ins))
    if prog is None:
        return pipe.analyze(ins, nul)
    t0 = time.time()
    with prog:
        task = prog.add_task("analyze", total=len(ins), rate="–")

        def advance(done: int) -> None:
            prog.update(task, completed=done, rate=f"{done / max(1e-9, time.time() - t0):,.0f}")

        return pipe.analyze(ins, nul, progress=advance)


def _print_summary(analysis, args) -> None:
    if args.quiet:
        return
    s = analysis.summary()
    print(f"\n{len(analysis.insatser)} insatser; status: {analysis.status_counts()}")
    for key in ("per_area", "money_per_area", "money_sheet_per_area", "effect", "followed_up", "target_groups_reported", "target_groups"):
        if key in s:
            t = s[key]
            print(f"\n{t.attrs.get('title', key)}")
            print(t.head(12).to_string(index=key in ("effect", "followed_up")))
    if len(analysis.challenges):
        cats = analysis.challenges["categories"].explode().value_counts()
        print(f"\n{len(analysis.challenges)} utmaningar i nulägesanalyserna; vanligaste kategorier:")
        print(cats.head(7).to_string())


def cmd_analyze_chunked(args) -> int:
    """Stream input through analyze_iter; one part file per chunk; resumable."""
    import json

    from . import load
    from .io import iter_table, write_csv, write_parquet
    from .results import masked

    out = Path(args.out)
    if out.exists() and any(out.iterdir()) and not (args.resume or args.force):
        from .errors import OutputExistsError

        raise OutputExistsError(f"{out} is not empty; pass --resume to continue that run or --force to redo it")
    out.mkdir(parents=True, exist_ok=True)
    pipe = load(args.model, themes=args.themes)
    ext = ".parquet" if args.format == "parquet" else ".csv"
    writer = write_parquet if ext == ".parquet" else write_csv
    t0, rows, done_before, bad = time.time(), 0, 0, 0
    if len(args.inputs) != 1:
        from .errors import InputError

        raise InputError("--chunk-size takes one input file (CSV, Parquet or Excel)")
    chunks = iter_table(args.inputs[0], args.chunk_size, args.text_column)
    for k, chunk in enumerate(chunks):
        part = out / f"part-{k:05d}{ext}"
        if part.exists() and args.resume and not args.force:
            done_before += len(chunk)
            rows += len(chunk)
            continue
        res = pipe.analyze(chunk, id_offset=rows, link_years=False)
        if not args.keep_personal_data:
            res, _ = masked(res)
        tmp = part.with_name(part.name + ".tmp")
        writer(res.insatser, tmp, force=True)
        tmp.replace(part)  # a part exists only when complete
        rows += len(chunk)
        bad += int((res.insatser["status"] != "ok").sum())
        if not args.quiet:
            print(f"\r{rows:,} rader ({rows / max(1e-9, time.time() - t0):,.0f}/s)", end="", flush=True)
    (out / "manifest.json").write_text(json.dumps({"rows": rows, "parts": k + 1 if rows else 0,
                                                   "skipped_rows_resumed": done_before,
                                                   "input": str(args.inputs[0])}, indent=1), encoding="utf-8")
    _say(args, f"\n{rows} rader i {out} ({done_before} fanns redan); {time.time() - t0:.1f} s")
    return 1 if args.strict and bad else 0


def cmd_analyze(args) -> int:
    import pandas as pd

    from . import load

    if getattr(args, "chunk_size", None):
        return cmd_analyze_chunked(args)
    from .io import read_inputs
    from .results import write_results

    t0 = time.time()
    from .io import read_money_sheet

    ins, nul, records = read_inputs(args.inputs, sheet=args.sheet, text_column=args.text_column, year=args.year)
    pipe = load(args.model, themes=args.themes)
    res = _analyze_with_progress(pipe, ins, nul, args)
    sheets = [m for p in args.inputs if str(p).lower().endswith(".xlsx") for m in [read_money_sheet(p)] if m is not None]
    if sheets:
        res.money = pd.concat(sheets, ignore_index=True)
    path, info = write_results(res, args.out, records, force=args.force,
                               keep_personal_data=args.keep_personal_data, started=t0, n_in=len(ins),
                               model_path=str(pipe.folder))
    _print_summary(res, args)
    _say(args, f"\nResultat: {path} ({info['rows']} rader; maskerade personuppgifter: {info['masked']}; "
               f"{time.time() - t0:.1f} s)")
    bad = (~res.insatser["status"].eq("ok")).sum()
    return 1 if args.strict and bad else 0


def cmd_demo(args) -> int:
    from .resources import demo_dir

    d = demo_dir()
    books = sorted(d.glob("*.xlsx"))
    if not books:
        raise FileNotFoundError(f"no demo workbook in {d}")
    out = args.out
    if out is None:
        folder = Path("demo_resultat")
        out = folder / f"resultat_{time.strftime('%Y%m%d-%H%M%S')}.xlsx"
        k = 1
        while out.exists():
            out = folder / f"resultat_{time.strftime('%Y%m%d-%H%M%S')}_{k}.xlsx"
            k += 1
    ns = argparse.Namespace(inputs=[str(books[0])], out=str(out), force=args.force, model=None, quiet=args.quiet,
                            year=None, sheet=None, text_column=None, themes=None, strict=False,
                            keep_personal_data=False, chunk_size=None)
    _say(args, f"Demo: {books[0].name} (skrivna exempeldata, inte verkliga inrapporteringar)")
    return cmd_analyze(ns)


def cmd_classify(args) -> int:
    from . import load
    from .io import read_inputs, write_csv, write_parquet, write_workbook

    ins, _, _ = read_inputs(args.inputs, sheet=args.sheet, text_column=args.text_column)
    pipe = load(args.model)
    out = ins.join(pipe.classify(ins["text"].fillna("").astype(str)))
    writer = {".csv": write_csv, ".parquet": write_parquet}.get(Path(args.out).suffix.lower())
    path = writer(out, args.out, args.force) if writer else write_workbook({"klassning": out}, args.out, args.force)
    _say(args, f"{len(out)} texter klassade -> {path}")
    return 0


def cmd_challenges(args) -> int:
    from . import load
    from .io import read_inputs, write_csv, write_parquet, write_workbook

    _, nul, _ = read_inputs(args.inputs, year=args.year)
    if nul is None or nul.empty:
        from .errors import InputError

        raise InputError("no nulägesanalys text found in the inputs (a .txt, .docx or .pdf, or a workbook sheet named 'Nulägesanalyser')")
    if args.region:
        nul["region"] = args.region
    if args.year:
        nul["year"] = args.year
    ch = load(args.model).extract_challenges(nul)
    writer = {".csv": write_csv, ".parquet": write_parquet}.get(Path(args.out).suffix.lower())
    path = writer(ch, args.out, args.force) if writer else write_workbook({"utmaningar": ch}, args.out, args.force)
    _say(args, f"{len(ch)} utmaningar -> {path}")
    return 0


def cmd_train(args) -> int:
    import json

    from .resources import checkout_root
    from .train import train_model

    out = args.out
    if out is None:
        root = checkout_root()
        if root is None:
            from .errors import InputError

            raise InputError("give --out: training needs a source checkout with corpora/ and writes a new model folder")
        out = root / "models" / f"model-{time.strftime('%Y%m%d-%H%M%S')}"
    card = train_model(out, select=args.select, overwrite=args.force)
    print(json.dumps(card["metrics"], ensure_ascii=False, indent=1))
    print(f"model written to {out}; use it with insatsmining.load({str(out)!r}) or --model {out}")
    return 0


def cmd_report(args) -> int:
    from .io import check_output_path
    from .report import html_report
    from .results import read_results

    out = Path(args.out)
    check_output_path(out, args.force)
    out.write_text(html_report(read_results(args.results)), encoding="utf-8")
    print(f"rapport: {out}")
    return 0


def cmd_review(args) -> int:
    from .io import write_csv, write_workbook
    from .results import read_results
    from .review import export_review_sheet, import_review_sheet, suggestions

    if args.review_command == "export":
        res = read_results(args.results)
        table = suggestions(res.insatser, [f"3.{i}" for i in range(1, 9)])
        path = export_review_sheet(table, args.out, force=args.force)
        print(f"granskningsfil: {path} ({len(table)} rader, högst prioritet först)")
        return 0
    if args.review_command == "import":
        ok, problems = import_review_sheet(args.sheet)
        print(f"{len(ok)} granskade rader godtagna, {len(problems)} problem")
        for _, p in problems.iterrows():
            print(f"  rad {p['rad']} ({p['id']}): {p['problem']}")
        if args.out:
            writer = write_csv if args.out.endswith(".csv") else (lambda d, p, f: write_workbook({"granskat": d}, p, f))
            writer(ok, args.out, args.force)
            print(f"granskade rader: {args.out}")
        return 1 if len(problems) else 0
    print("usage: insatsmining review export|import ...", file=sys.stderr)
    return 2


def cmd_evaluate(args) -> int:
    import json

    from . import load
    from .corpora import load_insatser, load_nulagesanalyser
    from .train import evaluate_components
    from .persistence import load_components

    pipe = load(args.model)
    _, comps = load_components(pipe.folder, pipe.taxonomy.version)
    ins = load_insatser()
    _, sents = load_nulagesanalyser()
    print(json.dumps(evaluate_components(comps, ins, sents), ensure_ascii=False, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    from .errors import InsatsminingError

    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    handler = {"analyze": cmd_analyze, "demo": cmd_demo, "classify": cmd_classify,
               "challenges": cmd_challenges, "train": cmd_train, "evaluate": cmd_evaluate,
               "report": cmd_report, "review": cmd_review}[args.command]
    try:
        return handler(args)
    except (InsatsminingError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 3
    except Exception as e:  # internal error: one line + log with the traceback
        log = Path(tempfile.gettempdir()) / f"insatsmining-error-{time.strftime('%Y%m%d-%H%M%S')}.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(f"internal error: {type(e).__name__}: {e} (traceback in {log})", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
