"""Label sets as data: areas per agreement year, crosswalk, regions, lexicons.

The YAML files beside this module are the single source of truth. Adding
next year's areas, a theme or a synonym is an edit to a YAML file (plus a
test), never a code change. Every file is validated on load and a malformed
one is rejected with a :class:`TaxonomyError` naming the file and the entry.

Vocabulary: an *insatsområde* (area) is one of the agreement's intervention
areas, coded ``3.1`` … ``3.8`` in 2025; older years use ids such as
``2024:eftervard`` that the crosswalk maps onto 2025.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from ..errors import TaxonomyError
from ..patterns import Entry, Pattern, PatternError

HERE = Path(__file__).resolve().parent
LEXICON_KINDS = {"theme": "themes.yaml", "target_group": "target_groups.yaml",
                 "challenge_category": "challenge_categories.yaml", "challenge_cue": "challenge_cues.yaml"}
_ID_RE = re.compile(r"^[a-z0-9_]+$")


def _read_yaml(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except FileNotFoundError:
        raise TaxonomyError(f"{path}: file not found") from None
    except yaml.YAMLError as e:
        raise TaxonomyError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(data, dict):
        raise TaxonomyError(f"{path}: expected a mapping at the top level")
    return data


def as_year(year: int | str | None) -> int | None:
    """Years are ints everywhere; "2025" is accepted and converted."""
    if year is None:
        return None
    try:
        return int(str(year).strip())
    except ValueError:
        raise TaxonomyError(f"year must be a number such as 2025, got {year!r}") from None


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    year: int
    short: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass
class Taxonomy:
    """The areas of one agreement year and the crosswalk onto the newest year.

    >>> tax = Taxonomy.load(2025)
    >>> tax.codes[:2]
    ['3.1', '3.2']
    >>> tax.map_area("2024:eftervard", from_year=2024)
    '3.2'
    """

    year: int
    areas: list[Area]
    version: str
    current_year: int
    _all: dict[int, list[Area]] = field(repr=False, default_factory=dict)
    _crosswalk: dict[int, dict[str, str | None]] = field(repr=False, default_factory=dict)

    @classmethod
    def load(cls, year: int | str = 2025, path: str | Path | None = None) -> "Taxonomy":
        """Load the area set of ``year`` from ``areas.yaml`` (or ``path``)."""
        year = as_year(year)
        src = Path(path) if path else HERE / "areas.yaml"
        allyears, cross, version, current = _parse_areas(src)
        if year not in allyears:
            raise TaxonomyError(
                f"{src}: no areas for year {year}; known years: {sorted(allyears)}")
        return cls(year, allyears[year], version, current, allyears, cross)

    @property
    def codes(self) -> list[str]:
        return [a.code for a in self.areas]

    @property
    def current_codes(self) -> list[str]:
        return [a.code for a in self._all[self.current_year]]

    def area(self, code: str) -> Area:
        for y in self._all.values():
            for a in y:
                if a.code == code:
                    return a
        raise TaxonomyError(f"unknown area code {code!r}; known: {', '.join(self.all_codes())}")

    def all_codes(self) -> list[str]:
        return [a.code for y in sorted(self._all, reverse=True) for a in self._all[y]]

    def name(self, code: str) -> str:
        return self.area(code).name

    def exists(self, code: str, year: int | str | None = None) -> bool:
        """Whether ``code`` is an area of ``year`` (any year when None)."""
        year = as_year(year)
        years = [year] if year is not None else list(self._all)
        return any(code in (a.code for a in self._all.get(y, [])) for y in years)

    def map_area(self, code: str, from_year: int | str | None = None) -> str | None:
        """The newest-year code for ``code`` (``None`` when it has no successor).

        Accepts current codes unchanged, legacy ids with or without the year
        prefix ("2024:eftervard" or "eftervard" with ``from_year=2024``) and
        official area names of any year.
        """
        from_year = as_year(from_year)
        code = normalize_area_code(code, from_year, self)
        if code in self.current_codes:
            return code
        for cw in self._crosswalk.values():
            if code in cw:
                return cw[code]
        raise TaxonomyError(
            f"unknown area {code!r} for year {from_year or 'any'}; known: {', '.join(self.all_codes())}")

    def legacy_codes(self, target: str, year: int | str) -> list[str]:
        """Legacy codes of ``year`` that map onto the current ``target`` code."""
        cw = self._crosswalk.get(as_year(year), {})
        return [k for k, v in cw.items() if v == target]


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).strip().lower()
    return re.sub(r"[\s\-–]+", " ", s)


def normalize_area_code(value: str, year: int | None, tax: "Taxonomy") -> str:
    """Turn what a survey cell holds into an area code (code, id or name)."""
    raw = str(value).strip()
    m = re.match(r"^(3\.[1-9])\b", raw)
    if m and (year is None or year >= tax.current_year):
        return m.group(1)
    if ":" in raw and raw.split(":", 1)[0].isdigit():
        return raw
    key = _fold(raw)
    years = [year] if year else sorted(tax._all, reverse=True)
    for y in years:
        for a in tax._all.get(y, []):
            bare = a.code.split(":", 1)[-1]
            if key in (_fold(a.name), bare, _fold(a.code)) or (
                    len(key) > 12 and _fold(a.name).startswith(key)):
                return a.code
    if m:
        return m.group(1)
    return raw


@lru_cache(maxsize=8)
def _parse_areas(src: Path):
    data = _read_yaml(src)
    if data.get("kind") != "areas":
        raise TaxonomyError(f"{src}: 'kind: areas' expected")
    years = data.get("years")
    if not isinstance(years, dict) or not years:
        raise TaxonomyError(f"{src}: 'years' must map a year to a list of areas")
    allyears: dict[int, list[Area]] = {}
    seen: set[str] = set()
    for y, items in years.items():
        yi = as_year(y)
        if not isinstance(items, list) or not items:
            raise TaxonomyError(f"{src}: year {y}: expected a non-empty list of areas")
        out = []
        for i, it in enumerate(items):
            where = f"{src}: year {y}, entry {i + 1}"
            if not isinstance(it, dict) or "code" not in it or "name" not in it:
                raise TaxonomyError(f"{where}: each area needs 'code' and 'name'")
            code = str(it["code"])
            if code in seen:
                raise TaxonomyError(f"{where}: duplicate area code {code!r}")
            seen.add(code)
            kws = it.get("keywords", []) or []
            for kw in kws:
                try:
                    Pattern.compile(str(kw))
                except PatternError as e:
                    raise TaxonomyError(f"{where} ({code}): bad keyword {kw!r}: {e}") from None
            out.append(Area(code, str(it["name"]), yi, str(it.get("short", "")),
                            " ".join(str(it.get("description", "")).split()), tuple(map(str, kws))))
        allyears[yi] = out
    current = as_year(data.get("current_year", max(allyears)))
    if current not in allyears:
        raise TaxonomyError(f"{src}: current_year {current} has no areas")
    current_codes = {a.code for a in allyears[current]}
    cross: dict[int, dict[str, str | None]] = {}
    for y, mapping in (data.get("crosswalk") or {}).items():
        yi = as_year(y)
        if yi not in allyears:
            raise TaxonomyError(f"{src}: crosswalk for {y}, a year without areas")
        codes_y = {a.code for a in allyears[yi]}
        for k, v in mapping.items():
            if k not in codes_y:
                raise TaxonomyError(f"{src}: crosswalk {y}: {k!r} is not an area of {y}")
            if v is not None and v not in current_codes:
                raise TaxonomyError(f"{src}: crosswalk {y}: {k!r} maps to unknown code {v!r}")
        missing = codes_y - set(mapping)
        if missing:
            raise TaxonomyError(f"{src}: crosswalk {y}: no mapping for {sorted(missing)}")
        cross[yi] = dict(mapping)
    for yi in allyears:
        if yi != current and yi not in cross:
            raise TaxonomyError(f"{src}: year {yi} has no crosswalk onto {current}")
    return allyears, cross, str(data.get("version", "")), current


# ------------------------------------------------------------------ lexicons
@dataclass(frozen=True)
class Label:
    id: str
    kind: str
    name: str
    description: str
    patterns: tuple[str, ...]
    exclude: tuple[str, ...] = ()


def load_lexicon(kind: str, path: str | Path | None = None) -> list[Label]:
    """Labels of one kind (theme / target_group / challenge_category)."""
    if kind not in LEXICON_KINDS:
        raise TaxonomyError(f"unknown lexicon kind {kind!r}; use one of {sorted(LEXICON_KINDS)}")
    src = Path(path) if path else HERE / LEXICON_KINDS[kind]
    return list(_parse_lexicon(src, kind))


@lru_cache(maxsize=32)
def _parse_lexicon(src: Path, kind: str | None) -> tuple[Label, ...]:
    data = _read_yaml(src)
    fkind = data.get("kind", kind)
    if kind is not None and fkind != kind:
        raise TaxonomyError(f"{src}: 'kind: {kind}' expected, found {fkind!r}")
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise TaxonomyError(f"{src}: 'entries' must be a list")
    out, seen = [], set()
    for i, it in enumerate(entries):
        where = f"{src}: entry {i + 1}"
        if not isinstance(it, dict) or "id" not in it:
            raise TaxonomyError(f"{where}: each entry needs an 'id'")
        lid = str(it["id"])
        where = f"{src}: entry {i + 1} ({lid})"
        if not _ID_RE.match(lid):
            raise TaxonomyError(f"{where}: id must be ASCII snake_case (a-z, 0-9, _)")
        if lid in seen:
            raise TaxonomyError(f"{where}: duplicate id")
        seen.add(lid)
        pats = it.get("patterns")
        if not isinstance(pats, list) or not pats:
            raise TaxonomyError(f"{where}: 'patterns' must be a non-empty list")
        excl = it.get("exclude") or []
        if not isinstance(excl, list):
            raise TaxonomyError(f"{where}: 'exclude' must be a list")
        for p in list(pats) + list(excl):
            try:
                Pattern.compile(str(p))
            except PatternError as e:
                raise TaxonomyError(f"{where}: bad pattern {p!r}: {e}") from None
        out.append(Label(lid, str(fkind), str(it.get("name", lid)),
                         " ".join(str(it.get("description", "")).split()),
                         tuple(map(str, pats)), tuple(map(str, excl))))
    return tuple(out)


def compile_labels(labels: Iterable[Label]) -> list[Entry]:
    """Labels -> matcher entries."""
    return [Entry(l.id, l.kind, [Pattern.compile(p) for p in l.patterns],
                  [Pattern.compile(p) for p in l.exclude]) for l in labels]


# ------------------------------------------------------------------ regions
@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    src = HERE / "regions.yaml"
    data = _read_yaml(src)
    alias: dict[str, str] = {}
    for i, r in enumerate(data.get("regions") or []):
        if not isinstance(r, dict) or "name" not in r:
            raise TaxonomyError(f"{src}: entry {i + 1}: needs 'name'")
        for a in [r["name"], *r.get("aliases", [])]:
            alias[_fold(a)] = r["name"]
    rural = frozenset(w.lower() for w in data.get("rural_places", []))
    return alias, frozenset(w.lower() for w in data.get("place_words", [])) | rural, rural


def regions() -> list[str]:
    """The canonical short region names."""
    return sorted(set(_regions()[0].values()))


def normalize_region(value) -> str | None:
    """"Region Jönköpings län", "VGR" -> canonical name; None if unknown."""
    if value is None:
        return None
    alias = _regions()[0]
    key = _fold(str(value))
    if key in alias:
        return alias[key]
    key2 = re.sub(r"^region ", "", key)
    key2 = re.sub(r"s? läns?$| län$", "", key2).strip()
    return alias.get(key2) or alias.get(key2 + "s")


def place_words() -> frozenset[str]:
    """Lower-cased region, town and hospital words kept out of features."""
    return _regions()[1]


def rural_places() -> frozenset[str]:
    """Lower-cased towns/hospitals in sparsely populated areas (a feature marker)."""
    return _regions()[2]
