"""Readers and writers: survey exports and reports in, results workbooks out.

Readers return pandas DataFrames with the canonical columns pinned in the
design (``id``, ``region``, ``year``, ``area_reported``, ``text`` and the
optional ``target_groups_reported``, ``followed_up``, ``effect``,
``amount_sek``), mapping Swedish survey headers onto them. Input columns that
are not recognised are kept as they are. io never classifies; the writers
only lay out what ``analyze`` produced.

Swedish headers exist only in written workbooks and reports; the one mapping
table is :data:`SWEDISH_HEADERS`.
"""
from __future__ import annotations

import csv
import difflib
import hashlib
import io as _io
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from .errors import InputError, MissingColumnError, OutputExistsError
from .money import parse_amount, unit_from_header
from .taxonomy import normalize_region

#: Survey header (folded) -> canonical column.
HEADER_ALIASES = {
    "id": "id", "löpnummer": "id", "insats id": "id", "nr": "id",
    "region": "region", "län": "region", "region/län": "region",
    "år": "year", "year": "year", "redovisningsår": "year", "verksamhetsår": "year",
    "insatsområde": "area_reported", "område": "area_reported", "area": "area_reported",
    "area_reported": "area_reported", "insatsomrade": "area_reported",
    "beskrivning": "text", "beskrivning av insatsen": "text", "text": "text", "insats": "text",
    "beskrivning av insats": "text", "fritext": "text", "svar": "text",
    "målgrupp": "target_groups_reported", "målgrupper": "target_groups_reported",
    "uppföljning": "followed_up", "har insatsen följts upp": "followed_up", "uppföljd": "followed_up",
    "resultat/effekt": "effect", "resultat eller effekt": "effect", "effekt": "effect",
    "har insatsen haft resultat eller effekt": "effect",
    "belopp": "amount_sek", "kostnad": "amount_sek", "medel": "amount_sek", "kr": "amount_sek",
    "tkr": "amount_sek", "msek": "amount_sek", "belopp (tkr)": "amount_sek", "belopp (kr)": "amount_sek",
    "belopp (msek)": "amount_sek", "amount_sek": "amount_sek",
}
#: Canonical/result column -> Swedish header in written workbooks.
SWEDISH_HEADERS = {
    "id": "Id", "region": "Region", "year": "År", "area_reported": "Rapporterat insatsområde",
    "text": "Beskrivning av insatsen", "target_groups_reported": "Målgrupp (rapporterad)",
    "followed_up": "Uppföljning", "effect": "Resultat/effekt", "amount_sek": "Belopp (kr)",
    "best_area": "Bästa område (modell)", "areas": "Områden (modell)", "needs_review": "Behöver granskas",
    "evidence": "Belägg (ord)", "themes": "Teman", "target_groups": "Målgrupper (modell)",
    "area_reported_2025": "Rapporterat område (2025-kod)", "status": "Status",
    "row": "Rad", "kind": "Typ", "label": "Etikett", "start": "Start", "end": "Slut",
    "sentence": "Mening", "score": "Sannolikhet", "categories": "Kategorier",
}
FOLLOWED_UP_MAP = [
    (r"^ja,? (pågår|pågående)", "pagar"),
    (r"^(ja\b(?!\s+och\s+nej)|genomförd|klar|avslutad|uppföljd)", "klar"),
    (r"^(pågå|pågående|under uppföljning)", "pagar"),
    (r"^(planer|ska följas|kommer att)", "planerad"),
    (r"^(nej|ej planerad|inte planerad|ej aktuellt)", "ej_planerad"),
]
EFFECT_MAP = [
    (r"^ja\b(?!\s+och\s+nej)", "ja"),
    (r"^nej\b", "nej"),
    (r"^(för tidigt|för tidig|too early|vet ej än|ej bedömt än)", "for_tidigt"),
]
MAX_EXCEL_CELL = 32_767
_PNR = re.compile(r"\b(?:19|20)?\d{6}[-+]\d{4}\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\d-])(?:\+46|0)\s?\d{1,3}[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2}\b")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", str(s)).strip().lower()
    return re.sub(r"\s+", " ", s.replace("\ufeff", ""))


def map_columns(df: pd.DataFrame, mapping: dict[str, str] | None = None) -> pd.DataFrame:
    """Rename recognised survey headers to canonical names; keep the rest."""
    ren: dict = {}
    units: dict[str, int] = {}
    used = set(df.columns) & set(HEADER_ALIASES.values())
    for c in df.columns:
        if mapping and c in mapping:
            ren[c] = mapping[c]
            continue
        key = _fold(c)
        target = HEADER_ALIASES.get(key) or HEADER_ALIASES.get(re.sub(r"\s*\(.*\)$", "", key))
        if target and target not in used and target not in ren.values():
            ren[c] = target
            if target == "amount_sek":
                units[target] = unit_from_header(str(c))
    out = df.rename(columns=ren)
    out.attrs["amount_unit"] = units.get("amount_sek", 1)
    out.attrs["source_columns"] = {v: k for k, v in ren.items()}
    return out


def _normalise_answer(value, table) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or not str(value).strip():
        return None
    v = _fold(value)
    for pat, out in table:
        if re.match(pat, v):
            return out
    return None


#: Survey answer options for target groups (folded prefix) -> id.
SURVEY_TARGET_GROUPS = {
    "personal": "personal", "medarbetare": "personal", "utrikesfödd": "utrikesfodda_sprak",
    "kvinnor födda utomlands": "utrikesfodda_sprak", "annat språk": "utrikesfodda_sprak",
    "partner": "partner_familj", "familj": "partner_familj", "närstående": "partner_familj",
    "unga": "unga", "ungdomar": "unga", "hbtq": "hbtqi", "funktionsn": "funktionsnedsattning",
    "socioekonomiskt": "socioekonomiskt_utsatta", "psykisk ohälsa": "psykisk_ohalsa",
    "förlossningsrädsla": "psykisk_ohalsa", "glesbygd": "glesbygd", "landsbygd": "glesbygd",
    "kvinnor med särskilda behov": "sarskilda_behov", "särskilda behov": "sarskilda_behov",
    "särskilda grupper": "sarskilda_behov", "personer utsatta för": "sexuellt_vald_konsstympning",
    "sexuellt våld": "sexuellt_vald_konsstympning", "könsstympning": "sexuellt_vald_konsstympning",
}


@lru_cache(maxsize=1)
def _shipped_tagger():
    """One Tagger for all survey cells (building its matcher is the costly part)."""
    from .tagging import Tagger

    return Tagger()


def _target_groups(value) -> list[str]:
    """Ticked target groups (a text cell) -> ids: survey options first, then the lexicon."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    text = str(value)
    if re.search(r"ingen (specifik|särskild)|^alla$|generell", text, re.I):
        return []
    ids: list[str] = []
    rest = []
    for part in re.split(r"[;,\n]+", text):
        key = _fold(part)
        if not key:
            continue
        hit = next((v for k, v in SURVEY_TARGET_GROUPS.items() if key.startswith(k) or k in key), None)
        if hit:
            ids.append(hit)
        else:
            rest.append(part)
    if rest:
        found = _shipped_tagger().tag(["; ".join(rest)])
        ids += found.loc[found["kind"] == "target_group", "label"].tolist()
    return list(dict.fromkeys(ids))


def normalise_table(df: pd.DataFrame, mapping: dict[str, str] | None = None) -> pd.DataFrame:
    """Canonical columns, normalised regions/answers/amounts; problems noted in ``input_notes``."""
    df = map_columns(df, mapping)
    unit = df.attrs.get("amount_unit", 1)
    notes: list[list[str]] = [[] for _ in range(len(df))]
    if "region" in df.columns:
        df["region_reported"] = df["region"]
        df["region"] = [normalize_region(r) or r for r in df["region"]]
    for col, table, what in (("followed_up", FOLLOWED_UP_MAP, "follow-up"), ("effect", EFFECT_MAP, "effect")):
        if col not in df.columns:
            continue
        raw = df[col].tolist()
        df[col + "_reported"] = raw
        df[col] = [_normalise_answer(v, table) for v in raw]
        for i, (r, v) in enumerate(zip(raw, df[col])):
            if pd.isna(v) and _has(r):
                notes[i].append(f"unknown {what} answer {str(r)!r}")
    if "target_groups_reported" in df.columns:
        df["target_groups_reported_ids"] = [_target_groups(v) for v in df["target_groups_reported"]]
    if "amount_sek" in df.columns:
        raw = df["amount_sek"].tolist()
        df["amount_reported"] = raw
        vals = []
        for i, v in enumerate(raw):
            try:
                vals.append(parse_amount(v, unit))
            except ValueError as e:
                vals.append(None)
                notes[i].append(str(e))
        df["amount_sek"] = pd.array(vals, dtype="Float64").astype("float64")
    df["input_notes"] = ["; ".join(n) for n in notes]
    return df


def _has(v) -> bool:
    return v is not None and not (isinstance(v, float) and pd.isna(v)) and str(v).strip() != ""


# ------------------------------------------------------------------ readers
def read_csv(path: str | Path) -> pd.DataFrame:
    """CSV with any delimiter, UTF-8 (with or without BOM) or Windows-1252."""
    raw = Path(path).read_bytes()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise InputError(f"{path}: cannot decode as UTF-8 or Windows-1252")
    if "\x00" in text:
        raise InputError(f"{path}: this is not a text (CSV) file; is it a workbook saved with a .csv name?")
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=";,\t|")
        sep = dialect.delimiter
    except csv.Error:
        sep = ";" if text[:2000].count(";") > text[:2000].count(",") else ","
    try:
        return pd.read_csv(_io.StringIO(text), sep=sep, dtype=object, keep_default_na=False,
                           na_values=[""], engine="python")
    except (pd.errors.ParserError, csv.Error) as e:
        raise InputError(f"{path}: not a readable CSV file ({e})") from None


def read_excel(path: str | Path, sheet: str | int | None = None) -> pd.DataFrame:
    """One sheet of a workbook (the first one holding a text column when not given)."""
    try:
        book = pd.ExcelFile(path, engine="openpyxl")
    except Exception as e:  # openpyxl raises many types for broken files
        raise InputError(f"{path}: not a readable Excel workbook ({type(e).__name__}: {e})") from None
    names = book.sheet_names
    if sheet is not None:
        if isinstance(sheet, str) and sheet not in names:
            near = difflib.get_close_matches(sheet, names, n=1)
            raise InputError(f"{path}: no sheet {sheet!r}; sheets are: {names}"
                             + (f"; did you mean {near[0]!r}?" if near else ""))
        return pd.read_excel(book, sheet_name=sheet, dtype=object)
    for name in names:
        df = pd.read_excel(book, sheet_name=name, dtype=object)
        if "text" in map_columns(df).columns:
            return df
    return pd.read_excel(book, sheet_name=names[0], dtype=object)


def read_table(path: str | Path, sheet: str | int | None = None, text_column: str | None = None,
               mapping: dict[str, str] | None = None) -> pd.DataFrame:
    """Read an insats table (xlsx/csv/parquet) into canonical columns."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        df = read_excel(path, sheet)
    elif suffix in (".csv", ".txt", ".tsv"):
        df = read_csv(path)
    elif suffix == ".parquet":
        try:
            df = pd.read_parquet(path)
        except Exception as e:
            raise InputError(f"{path}: not a readable Parquet file ({type(e).__name__})") from None
    elif suffix in (".docx", ".pdf"):
        return read_report(path)[0]
    else:
        raise InputError(f"{path}: unsupported file type {suffix!r}; use .xlsx, .csv, .parquet, .docx or .pdf")
    if text_column:
        if text_column not in df.columns:
            near = difflib.get_close_matches(text_column, [str(c) for c in df.columns], n=1)
            raise MissingColumnError(f"{path.name}: no column {text_column!r}; columns are: {list(df.columns)}"
                                     + (f"; did you mean {near[0]!r}?" if near else ""))
        mapping = {**(mapping or {}), text_column: "text"}
    df = normalise_table(df, mapping)
    if "text" not in df.columns:
        near = difflib.get_close_matches("Beskrivning av insatsen", [str(c) for c in df.columns], n=1, cutoff=0.3)
        hint = f" (e.g. --text-column {near[0]!r})" if near else ""
        raise MissingColumnError(
            f"no text column in {path.name}; columns are: {list(df.columns)}; pass text_column={hint}")
    df["source_file"] = path.name
    return df


# ----------------------------------------------------------- Word and PDF
_AREA_HEADING = re.compile(r"^\s*(3\.[1-8])\b|insatsområde", re.I)
_NUL_HEADING = re.compile(r"nulägesanalys|utmaningar|nuläge", re.I)


def _docx_lines(path: Path) -> list[tuple[str, bool]]:
    """(text, is_list_item) per paragraph of a Word file."""
    import docx

    try:
        d = docx.Document(str(path))
    except Exception as e:
        raise InputError(f"{path}: not a readable Word (.docx) file ({type(e).__name__})") from None
    out = []
    for p in d.paragraphs:
        style = (p.style.name or "").lower() if p.style is not None else ""
        is_item = "list" in style or "lista" in style
        if p.text.strip():
            out.append((p.text.strip(), is_item or style.startswith("heading") and False))
            if style.startswith(("heading", "rubrik")):
                out[-1] = (p.text.strip() + "\n", False)
    return out


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, OSError, ValueError, KeyError) as e:
        raise InputError(f"{path}: not a readable PDF file ({type(e).__name__})") from None


def report_text(path: str | Path) -> str:
    """Plain text of a .txt, .docx or .pdf report (headings on their own lines)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        raw = path.read_bytes()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return raw.decode("cp1252")
    if suffix == ".docx":
        return "\n".join(("- " + t) if item else t for t, item in _docx_lines(path))
    if suffix == ".pdf":
        return _pdf_text(path)
    raise InputError(f"{path}: unsupported report type {suffix!r}; use .txt, .docx or .pdf")


def region_from_name(text: str) -> str | None:
    """A region named in a file name or the first lines of a document."""
    from .taxonomy import regions

    t = _fold(text).replace("_", " ").replace("-", " ")
    best = None
    for r in regions():
        if _fold(r) in t and (best is None or len(r) > len(best)):
            best = r
    return best or normalize_region(t.split()[0] if t.split() else "")


def read_report(path: str | Path, region: str | None = None, year: int | None = None
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(insatser, nulägesanalyser) of one Word/PDF/text report.

    Sections are found by headings: an area heading ("3.2 Stärkt och
    utvecklad eftervård", older names too) starts an insats section whose
    bullet and numbered items (or paragraphs) become separate insatser; a
    heading naming the nulägesanalys or challenges starts a text section.
    """
    from .challenges import heading_area
    from .taxonomy import Taxonomy
    from .text import split_sentences

    path = Path(path)
    text = report_text(path)
    region = region or region_from_name(path.stem) or region_from_name(text[:300])
    tax = Taxonomy.load(2025)
    ins_rows, nul_parts = [], []
    mode, area = None, None
    for s in split_sentences(text):
        if s.kind == "heading":
            if _NUL_HEADING.search(s.text):
                mode, area = "nul", heading_area(s.text, tax)
            else:
                a = heading_area(s.text, tax)
                if a or _AREA_HEADING.search(s.text):
                    mode, area = "ins", a
            continue
        if mode == "nul":
            nul_parts.append(s.text)
        elif mode == "ins":
            if s.kind == "item" or not ins_rows or ins_rows[-1]["_kind"] == "item" or ins_rows[-1]["area_reported"] != area:
                ins_rows.append({"text": s.text, "area_reported": area, "_kind": s.kind})
            else:
                ins_rows[-1]["text"] += " " + s.text
    ins = pd.DataFrame([{k: v for k, v in r.items() if k != "_kind"} for r in ins_rows],
                       columns=["text", "area_reported"])
    ins.insert(0, "region", region)
    ins["year"] = year
    ins["source_file"] = path.name
    nul = pd.DataFrame([{"region": region, "year": year, "text": "\n".join(nul_parts), "source_file": path.name}]
                       if nul_parts else [], columns=["region", "year", "text", "source_file"])
    return ins, nul


def read_inputs(paths: Iterable[str | Path], sheet=None, text_column=None, year=None
                ) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    """Many inputs (files or folders) -> (insatser, nulägesanalyser, file records with SHA-256)."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(x for x in p.iterdir() if x.suffix.lower() in (".xlsx", ".csv", ".parquet", ".docx", ".pdf", ".txt"))
        else:
            files.append(p)
    ins_parts, nul_parts, records = [], [], []
    for f in files:
        if not f.is_file():
            raise InputError(f"{f}: no such file")
        records.append({"file": str(f), "sha256": hashlib.sha256(f.read_bytes()).hexdigest()})
        if f.suffix.lower() in (".docx", ".pdf") or (f.suffix.lower() == ".txt" and "nul" in f.stem.lower()):
            i, n = read_report(f, year=year)
            ins_parts.append(i)
            nul_parts.append(n)
            continue
        if f.suffix.lower() == ".xlsx":
            i = read_table(f, sheet=sheet, text_column=text_column)
            ins_parts.append(i)
            n = read_nulagesanalyser_sheet(f)
            if n is not None:
                nul_parts.append(n)
            continue
        ins_parts.append(read_table(f, sheet=sheet, text_column=text_column))
    ins = pd.concat(ins_parts, ignore_index=True) if ins_parts else pd.DataFrame(columns=["text"])
    if year is not None:
        ins["year"] = ins["year"].fillna(year) if "year" in ins else year
    nul = pd.concat([n for n in nul_parts if len(n)], ignore_index=True) if any(len(n) for n in nul_parts) else None
    return ins, nul, records


def read_nulagesanalyser_sheet(path: str | Path) -> pd.DataFrame | None:
    """The sheet of a workbook that holds nulägesanalyser (name contains "nuläg"), if any."""
    book = pd.ExcelFile(path, engine="openpyxl")
    for name in book.sheet_names:
        if "nuläg" in name.lower() or "nulag" in name.lower():
            df = map_columns(pd.read_excel(book, sheet_name=name, dtype=object))
            if "text" not in df.columns:
                for c in df.columns:
                    if "nuläg" in str(c).lower() or "analys" in str(c).lower():
                        df = df.rename(columns={c: "text"})
                        break
            if "text" in df.columns:
                df["region"] = [normalize_region(r) or r for r in df.get("region", [None] * len(df))]
                return df
    return None


# ------------------------------------------------------------------ writers
def mask_personal_data(text: str) -> tuple[str, int]:
    """Replace personnummer, e-mail addresses and phone numbers; return (text, count)."""
    if not isinstance(text, str):
        return text, 0
    n = 0
    for rx, token in ((_PNR, "[personnummer]"), (_EMAIL, "[e-post]"), (_PHONE, "[telefon]")):
        text, k = rx.subn(token, text)
        n += k
    return text, n


def _cell(v):
    if isinstance(v, list):
        return "; ".join(map(str, v))
    if isinstance(v, dict):
        return " | ".join(f"{k}: {', '.join(map(str, ws))}" for k, ws in v.items())
    return v


def flat(df: pd.DataFrame) -> pd.DataFrame:
    """Lists as "a; b", evidence as "3.1: ord, ord | 3.4: ord"."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object:
            out[c] = out[c].map(_cell)
    return out


def check_output_path(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; choose another name or pass --force (force=True) to overwrite")
    path.parent.mkdir(parents=True, exist_ok=True)


def write_csv(df: pd.DataFrame, path: str | Path, force: bool = False) -> Path:
    """CSV for Swedish Excel: ';' separated, UTF-8 with BOM."""
    path = Path(path)
    check_output_path(path, force)
    flat(df).to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return path


def write_parquet(df: pd.DataFrame, path: str | Path, force: bool = False) -> Path:
    path = Path(path)
    check_output_path(path, force)
    flat(df).to_parquet(path, index=False)
    return path


def write_workbook(sheets: dict[str, pd.DataFrame], path: str | Path, force: bool = False,
                   titles: dict[str, str] | None = None) -> Path:
    """An .xlsx with frozen headers and filters; long cells cut and noted."""
    from openpyxl.utils import get_column_letter

    path = Path(path)
    check_output_path(path, force)
    tmp = path.with_name(path.name + ".tmp")
    with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        for name, df in sheets.items():
            d = flat(df)
            index = not isinstance(df.index, pd.RangeIndex)
            d.to_excel(xw, sheet_name=name[:31], index=index)
            ws = xw.sheets[name[:31]]
            ws.freeze_panes = "A2"
            if ws.max_row > 1 and ws.max_column >= 1:
                ws.auto_filter.ref = ws.dimensions
            for i, col in enumerate(d.columns if not index else [d.index.name or ""] + list(d.columns), 1):
                width = min(60, max(8, len(str(col)) + 2))
                ws.column_dimensions[get_column_letter(i)].width = width
    tmp.replace(path)
    return path


def cut_long_cells(df: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """Cut text cells longer than Excel's limit; return the rows cut."""
    out = df.copy()
    cut = []
    for c in out.columns:
        if out[c].dtype == object:
            long = out[c].map(lambda v: isinstance(v, str) and len(v) > MAX_EXCEL_CELL)
            for i in [i for i, flag in enumerate(long) if flag]:
                out.iat[i, out.columns.get_loc(c)] = out.iat[i, out.columns.get_loc(c)][:MAX_EXCEL_CELL - 20] + " …[avkortad]"
                cut.append(i)
    return out, sorted(set(cut))


def iter_table(path: str | Path, chunk_size: int, text_column: str | None = None):
    """Yield canonical DataFrames of at most ``chunk_size`` rows (bounded memory).

    CSV and Parquet are streamed; a workbook is read whole and then sliced.
    """
    path = Path(path)
    mapping = {text_column: "text"} if text_column else None
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_size):
            yield normalise_table(batch.to_pandas(), mapping)
    elif suffix in (".csv", ".tsv", ".txt"):
        head = path.open("rb").read(20000)
        enc = "utf-8-sig"
        try:
            sample = head.decode(enc)
        except UnicodeDecodeError:
            enc, sample = "cp1252", head.decode("cp1252")
        try:
            sep = csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
        except csv.Error:
            sep = ";" if sample.count(";") > sample.count(",") else ","
        for chunk in pd.read_csv(path, sep=sep, dtype=object, encoding=enc, chunksize=chunk_size,
                                 keep_default_na=False, na_values=[""]):
            yield normalise_table(chunk, mapping)
    else:
        df = read_table(path, text_column=text_column)
        for i in range(0, len(df), chunk_size):
            yield df.iloc[i:i + chunk_size].reset_index(drop=True)


def read_money_sheet(path: str | Path) -> pd.DataFrame | None:
    """The survey's money-distribution sheet (region × area), as a long table.

    Finds a sheet whose name contains "medel", "fördelning" or "belopp"
    with a region column and one column per area (codes or names, a unit
    such as "(tkr)" in the header or the cells). Returns columns ``region``,
    ``year`` (when given), ``area``, ``amount_sek``; a region whose cells are
    all empty is kept with ``area`` = None ("ej fördelat").
    """
    from .taxonomy import Taxonomy, normalize_area_code

    book = pd.ExcelFile(path, engine="openpyxl")
    name = next((n for n in book.sheet_names if re.search(r"medel|fördelning|belopp", n, re.I)), None)
    if name is None:
        return None
    raw = pd.read_excel(book, sheet_name=name, dtype=object)
    df = map_columns(raw)
    if "region" not in df.columns:
        raise InputError(f"{Path(path).name}: sheet {name!r} has no region column; columns are: {list(raw.columns)}")
    tax = Taxonomy.load(2025)
    area_cols = {}
    for c in raw.columns:
        code = normalize_area_code(re.sub(r"\s*\(.*\)$", "", str(c)), None, tax)
        if tax.exists(code):
            area_cols[c] = (tax.map_area(code) or code, unit_from_header(str(c)))
    rows = []
    for _, r in df.iterrows():
        region = normalize_region(r["region"]) or r["region"]
        year = r.get("year")
        vals = []
        for c, (code, unit) in area_cols.items():
            try:
                v = parse_amount(r[c], unit)
            except ValueError:
                v = None
            if v is not None:
                vals.append((code, v))
        if not vals:
            rows.append({"region": region, "year": year, "area": None, "amount_sek": None})
        rows += [{"region": region, "year": year, "area": a, "amount_sek": v} for a, v in vals]
    return pd.DataFrame(rows, columns=["region", "year", "area", "amount_sek"])
