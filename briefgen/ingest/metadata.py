"""Bibliographic metadata a source states about itself, and its reconciliation with the catalogue.

Read from the zones: the title block, a byline ("By A and B | August 16, 2022"), author
bios ("A is a senior analyst at ..."), a copyright line ("© 2022 Publisher") and running
headers that carry a date. The catalogue wins; a field both state differently is a
warning naming both values; a field only the text states fills the gap, so a file nobody
catalogued is still cited with its title, authors and date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from briefgen.ingest.zones import running_headers
from briefgen.model import Paragraph, PartialDate, TextMetadata, Zone, csl_issued
from briefgen.timex import find_timexes

_BYLINE_LEAD = re.compile(r"^(by|written by|posted by|authors?:)\s+", re.I)
_FIELD_SPLIT = re.compile(r"\s*(?:\|\|?|•|—|–)\s*")
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,|\band\b|&)\s*")
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}$")
_BIO_NAME = re.compile(r"^(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})\s+is\s")
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?P<year>(?:19|20)\d{2})\s*)?(?:by\s+)?(?P<holder>[^|.]+)",
    re.I,
)
_NON_WORD = re.compile(r"[\W_]+")


def text_metadata(
    text: str,
    paragraphs: Sequence[Paragraph],
    shown: Sequence[str],
    declared: TextMetadata,
) -> TextMetadata:
    """Metadata stated in a document's text, on top of what its file format declared.

    `shown` is the display text of each paragraph. The text's own title block wins over a
    declared title (a PDF's title field often carries the site name too).
    """
    found: dict[str, Any] = {}
    where: dict[str, str] = dict(declared.where)

    def note(field: str, value: Any, paragraph: Paragraph) -> None:
        if value and field not in found:
            found[field] = value
            where[field] = f"line {text.count(chr(10), 0, paragraph.start) + 1}"

    running = set(running_headers(list(shown), [p.zone for p in paragraphs]))
    for index, (paragraph, line) in enumerate(zip(paragraphs, shown, strict=True)):
        if paragraph.zone is Zone.TITLE:
            note("title", line, paragraph)
        elif paragraph.zone is Zone.BYLINE:
            authors, date = _parse_byline(line)
            note("authors", authors, paragraph)
            note("date", date, paragraph)
        elif paragraph.zone is Zone.FURNITURE:
            copyright_match = _COPYRIGHT.search(line)
            if copyright_match:
                note("publisher", _clean_holder(copyright_match["holder"]), paragraph)
                note("date", _explicit_date(line), paragraph)
            elif index in running:
                note("date", _explicit_date(line), paragraph)
    bio_names = tuple(
        m["name"]
        for p, line in zip(paragraphs, shown, strict=True)
        if p.zone is Zone.BIO and (m := _BIO_NAME.match(line))
    )
    if bio_names and "authors" not in found:
        first_bio = next(p for p in paragraphs if p.zone is Zone.BIO)
        note("authors", bio_names, first_bio)
    return TextMetadata(
        title=found.get("title", declared.title),
        authors=found.get("authors", declared.authors),
        date=found.get("date", declared.date),
        publisher=found.get("publisher", declared.publisher),
        url=declared.url,
        where=tuple(sorted(where.items())),
    )


def _parse_byline(line: str) -> tuple[tuple[str, ...], PartialDate | None]:
    fields = _FIELD_SPLIT.split(_BYLINE_LEAD.sub("", line))
    date = None
    authors: tuple[str, ...] = ()
    for field in fields:
        field_date = _explicit_date(field)
        if field_date is not None:
            date = date or field_date
        elif not authors:
            names = tuple(n.strip() for n in _NAME_SPLIT.split(field) if n.strip())
            if names and all(_NAME.match(n) for n in names):
                authors = names
    return authors, date


def _explicit_date(text: str) -> PartialDate | None:
    """The most precise date written out in full (with its year) in `text`."""
    dates = [t.date for t in find_timexes(text, None) if t.date.month is not None]
    return max(dates, key=lambda d: d.day is not None, default=None)


def _clean_holder(holder: str) -> str:
    holder = re.sub(r"\s*\ball rights reserved\b.*$", "", holder, flags=re.I)
    holder = re.sub(r"^(?:[A-Z][a-z]+\s+)?(?:19|20)\d{2}[.,]?\s*", "", holder.strip())
    return holder.strip(" ,.;") or ""


def _key(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _same_text(a: str, b: str) -> bool:
    """Equal up to case and punctuation, or one contains the other ("Title | Site")."""
    ka, kb = _key(a), _key(b)
    return bool(ka and kb) and (ka in kb or kb in ka)


def _family_names(names: Sequence[dict[str, Any]]) -> set[str]:
    return {_key(n.get("family") or n.get("literal") or "") for n in names} - {""}


def _same_authors(csl_names: Sequence[dict[str, Any]], text_names: Sequence[str]) -> bool:
    catalogued = _family_names(csl_names)
    literal = " ".join(_key(n.get("literal", "")) for n in csl_names)
    stated = {_key(name).split()[-1] for name in text_names if _key(name)}
    return stated <= catalogued or all(s in literal for s in stated)


def _compatible_dates(a: PartialDate, b: PartialDate) -> bool:
    """Equal at the precision both state: 2022-01 agrees with 2022-01-15."""
    pairs = [(a.year, b.year), (a.month, b.month), (a.day, b.day)]
    return all(x == y for x, y in pairs if x is not None and y is not None)


def reconcile(
    csl: dict[str, Any], meta: TextMetadata, source: str
) -> tuple[dict[str, Any], list[str]]:
    """The catalogue entry with gaps filled from the text, and a warning per disagreement."""
    merged = dict(csl)
    warnings: list[str] = []

    def differs(field: str, catalogued: str, stated: str) -> None:
        label = field.rstrip("s")  # "authors" reads "author" in the message
        warnings.append(
            f"{source}: the catalogue's {label} {catalogued!r} differs from the {label} "
            f"in the source ({meta.found_at(field)}) {stated!r}; the catalogue's is used"
        )

    if meta.title:
        if "title" not in csl:
            merged["title"] = meta.title
        elif not _same_text(str(csl["title"]), meta.title):
            differs("title", str(csl["title"]), meta.title)
    if meta.authors:
        if "author" not in csl:
            merged["author"] = [_csl_name(name) for name in meta.authors]
        elif not _same_authors(csl["author"], meta.authors):
            shown = "; ".join(
                n.get("literal") or " ".join(filter(None, (n.get("given"), n.get("family"))))
                for n in csl["author"]
            )
            differs("authors", shown, "; ".join(meta.authors))
    if meta.date:
        issued = csl_issued(csl)
        if issued is None:
            parts = [meta.date.year, meta.date.month, meta.date.day]
            merged["issued"] = {"date-parts": [[p for p in parts if p is not None]]}
        elif not _compatible_dates(issued, meta.date):
            differs("date", issued.iso(), meta.date.iso())
    if meta.publisher:
        known = [str(csl[k]) for k in ("publisher", "container-title") if k in csl]
        if not known:
            merged["publisher"] = meta.publisher
        elif not any(
            _same_text(k, meta.publisher) or _is_acronym_of(k, meta.publisher) for k in known
        ):
            differs("publisher", known[0], meta.publisher)
    if meta.url and "URL" not in csl:
        merged["URL"] = meta.url
    return merged, warnings


def _is_acronym_of(short: str, long: str) -> bool:
    """ "USIP" for "United States Institute of Peace": initials of the capitalised words."""
    initials = "".join(w[0] for w in re.findall(r"[A-Z][\w'’-]*", long))
    return short.replace(".", "").upper() == initials


def _csl_name(name: str) -> dict[str, str]:
    """A person's name as a CSL name: the last word is the family name."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name}
    return {"family": words[-1], "given": " ".join(words[:-1])}
