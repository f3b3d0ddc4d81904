"""Bibliographic metadata a source states about itself, and its reconciliation with the catalogue.

Read from the zones: the title block, a byline ("By A and B | August 16, 2022", "by A
September 06, 2016 from Site Website", "Posted by A on 2017-01-05"), datelines in the
opening and closing lines ("23 July 2015 - 09:55 AM", "Published 12 May 2019 by the X
Foundation", a news story's "GENEVA, 14 March 2019 (Wire) -"), a report's cover line
("Latin America Briefing N°32 Bogotá/Brussels, 2 July 2015", with the organisation
named above it), author bios ("A is a senior analyst at ..."), a copyright line ("© 2022
Publisher") and running headers that carry a date. Front matter, read by the reader,
wins over all of these: it is the author's own statement.

The catalogue wins over the text; a field both state differently is a warning naming
both values; a field only the text states fills the gap, so a file nobody catalogued is
still cited with its title, authors and date. Each field records where it was found, for
`briefgen sources` and the warnings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from briefgen.core.timex import Timex, find_timexes
from briefgen.data import load_data
from briefgen.ingest.readers.front_matter import WHERE as FRONT_MATTER
from briefgen.ingest.zones import running_headers
from briefgen.model import Paragraph, PartialDate, TextMetadata, Zone, csl_issued

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
# A clock time after a date: "- 09:55 AM", ", 10:12 (UTC)", "at 4:31 pm".
_TIME = re.compile(
    r"^\s*(?:[-–—|,]\s*)?(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?(?:\s*\(?(?-i:[A-Z]{2,4})\)?(?!\w))?",
    re.I,
)
_SEPARATORS = " \t-–—|,:;·"
# The opening of a news story: "GENEVA, 14 March 2019 (Example Agency) - Negotiators ...".
_NEWS_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ /-]{2,}(?:,\s*[A-Z][\w.'’ -]+)?),\s*(?P<rest>.{6,40}?)"
    r"\s*(?:\((?P<agency>[^()]{2,40})\))?\s*[-–—]\s"
)
# How many blocks at the top (and the bottom, for closing lines) may state the date.
_OPENING, _CLOSING = 12, 4


@cache
def _lexicon() -> dict[str, Any]:
    lexicon: dict[str, Any] = load_data("metadata.yaml")
    return lexicon


@cache
def _dateline_lead() -> re.Pattern[str]:
    leads = "|".join(re.escape(w) for w in sorted(_lexicon()["dateline_leads"], key=len)[::-1])
    return re.compile(rf"^(?:{leads})\b\s*:?\s*(?:on\s+)?", re.I)


@cache
def _cover_line() -> re.Pattern[str]:
    marks = "|".join(re.escape(m) for m in _lexicon()["number_marks"])
    return re.compile(
        rf"^(?P<series>[A-Z][^\d|]*?)\s*(?:{marks})\s*(?P<number>\d+[A-Za-z]?)\b[\s,]*(?P<rest>.*)$"
    )


@cache
def _organisation() -> re.Pattern[str]:
    """A run of capitalised words (and the small words names use) with an organisation word."""
    words = "|".join(re.escape(w) for w in _lexicon()["organisation_words"])
    cap = r"(?:[A-Z][\w.&'’-]*|of|the|for|and|on|in|to|de|du|des|la|le|für|&)"
    return re.compile(rf"^(?:{cap}\s+)*?(?:{words})\b(?:\s+{cap})*$")


def _is_organisation(text: str) -> bool:
    text = text.strip(_SEPARATORS + ".")
    return 0 < len(text.split()) <= 10 and _organisation().match(text) is not None


def text_metadata(
    text: str,
    paragraphs: Sequence[Paragraph],
    shown: Sequence[str],
    declared: TextMetadata,
) -> TextMetadata:
    """Metadata stated in a document's text, on top of what its file format declared.

    `shown` is the display text of each paragraph. The text's own title block wins over a
    declared title (a PDF's title field often carries the site name too); front matter
    wins over everything the text shows.
    """
    found: dict[str, Any] = {}
    where: dict[str, str] = dict(declared.where)
    extra: dict[str, str] = dict(declared.extra)
    stated = {field for field, place in declared.where if place == FRONT_MATTER}

    def note(field: str, value: Any, paragraph: Paragraph, how: str) -> None:
        if value and field not in found and field not in stated:
            found[field] = value
            where[field] = f"{how}, line {text.count(chr(10), 0, paragraph.start) + 1}"

    def note_extra(key: str, value: str | None, paragraph: Paragraph, how: str) -> None:
        if value and key not in extra:
            extra[key] = value
            where[key] = f"{how}, line {text.count(chr(10), 0, paragraph.start) + 1}"

    running = set(running_headers(list(shown), [p.zone for p in paragraphs]))
    first_body = next((i for i, p in enumerate(paragraphs) if p.zone is Zone.BODY), None)
    title_after_dateline: tuple[str, Paragraph] | None = None
    for index, (paragraph, line) in enumerate(zip(paragraphs, shown, strict=True)):
        zone = paragraph.zone
        if zone is Zone.TITLE:
            note("title", line, paragraph, "heading")
        elif zone is Zone.BYLINE:
            authors, date, publisher = _parse_byline(line)
            note("authors", authors, paragraph, "byline")
            note("date", date, paragraph, "byline")
            note("publisher", publisher, paragraph, "byline")
        elif zone is Zone.FURNITURE:
            copyright_match = _COPYRIGHT.search(line)
            if copyright_match:
                note("publisher", _clean_holder(copyright_match["holder"]), paragraph, "copyright")
                note("date", _explicit_date(line), paragraph, "copyright")
            elif index in running:
                note("date", _explicit_date(line), paragraph, "running header")
        if index == first_body and (news := _NEWS_DATELINE.match(line)):
            note("date", _explicit_date(news["rest"]), paragraph, "dateline")
            if news["agency"] and _explicit_date(news["rest"]):
                note("publisher", news["agency"].strip(), paragraph, "dateline")
        if zone is Zone.BODY or _OPENING <= index < len(paragraphs) - _CLOSING:
            continue
        how = "dateline" if index < _OPENING else "closing line"
        if dateline := _dateline(line):
            date, publisher, rest = dateline
            note("date", date, paragraph, how)
            note("publisher", publisher, paragraph, how)
            if rest and title_after_dateline is None:
                title_after_dateline = (rest, paragraph)
        elif cover := _cover(line):
            date, series, number, place = cover
            note("date", date, paragraph, "cover")
            note_extra("collection-title", series, paragraph, "cover")
            note_extra("number", number, paragraph, "cover")
            note_extra("publisher-place", place, paragraph, "cover")
            organisation = _organisation_in(series) or (
                shown[index - 1].strip() if index and _is_organisation(shown[index - 1]) else None
            )
            note("publisher", organisation, paragraph, "cover")
    if title_after_dateline is not None and declared.title is None:
        note("title", *title_after_dateline, "dateline")
    bio_names = tuple(
        m["name"]
        for p, line in zip(paragraphs, shown, strict=True)
        if p.zone is Zone.BIO and (m := _BIO_NAME.match(line))
    )
    if bio_names and "authors" not in found:
        first_bio = next(p for p in paragraphs if p.zone is Zone.BIO)
        note("authors", bio_names, first_bio, "author bio")
    return TextMetadata(
        title=found.get("title", declared.title),
        authors=found.get("authors", declared.authors),
        date=found.get("date", declared.date),
        publisher=found.get("publisher", declared.publisher),
        url=declared.url,
        where=tuple(sorted(where.items())),
        extra=tuple(sorted(extra.items())),
    )


def _parse_byline(line: str) -> tuple[tuple[str, ...], PartialDate | None, str | None]:
    """Authors, date and publisher of a byline: "By A and B | March 3, 2020", "by A
    September 06, 2016 from Site Website", "Posted by A on 2017-01-05"."""
    text = _BYLINE_LEAD.sub("", line.strip())
    dates = _written_dates(text)
    date = _most_precise(dates)
    # Each date (and a time after it) becomes a field separator, so the words around it
    # are read apart: "A September 06, 2016 from Site" is "A | from Site".
    for timex in sorted(dates, key=lambda t: t.start, reverse=True):
        time = _TIME.match(text[timex.end :])
        end = timex.end + (time.end() if time else 0)
        text = f"{text[: timex.start]} | {text[end:]}"
    publisher = None
    fields: list[str] = []
    for field in _FIELD_SPLIT.split(text):
        field = re.sub(r"\s+(?:on|at)$", "", field.strip(_SEPARATORS)).strip(_SEPARATORS)
        source = re.match(r"^(?:from|via|for|in)\s+(?P<site>[A-Z].*)$", field)
        if source:
            publisher = publisher or _site_name(source["site"])
        elif field:
            fields.append(field)
    authors: tuple[str, ...] = ()
    for field in fields:
        names = tuple(n.strip() for n in _NAME_SPLIT.split(field) if n.strip())
        if names and all(_NAME.match(n) for n in names):
            authors = names
            break
    return authors, date, publisher


def _site_name(text: str) -> str | None:
    """ "WorldExample Website" -> "WorldExample"; "the Example Review" -> "Example Review"."""
    words = re.sub(r"^the\s+", "", text.strip(_SEPARATORS + "."), flags=re.I).split()
    while words and words[-1] in _lexicon()["site_words"]:
        words.pop()
    return " ".join(words) or None


def _dateline(line: str) -> tuple[PartialDate, str | None, str | None] | None:
    """A line that states the document's date: "Published 12 May 2019", "Published 4 June
    2022 by the X Foundation, Amsterdam", "23 July 2015 - 09:55 AM Title". Returns the
    date, a publisher the line names, and the words after the date (a title, perhaps).

    A line that merely starts with a date ("2016-07-14 - Talks open", a timeline box) is
    not one: it needs a lead word or a clock time after the date.
    """
    lead = _dateline_lead().match(line)
    body = line[lead.end() :] if lead else line
    body = re.sub(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+", "", body)
    dates = [t for t in _written_dates(body) if t.start == 0]
    if not dates:
        return None
    rest = body[dates[0].end :]
    time = _TIME.match(rest)
    if lead is None and time is None:
        return None
    rest = rest[time.end() :] if time else rest
    by = re.match(r"^[\s,|–—-]*by\s+(?P<who>.+)$", rest, re.I)
    publisher = None
    if by:
        who = re.sub(r",\s*[A-Z][\w’'. -]*$", "", by["who"].strip())  # ", Amsterdam"
        who = re.sub(r"^the\s+", "", who, flags=re.I)
        publisher = who if _is_organisation(who) else None
        rest = ""
    title = rest.strip(_SEPARATORS)
    return dates[0].date, publisher, title if len(title.split()) >= 2 else None


def _cover(line: str) -> tuple[PartialDate, str, str, str | None] | None:
    """A report's cover line: series, number, place and date, as in "Latin America
    Briefing N°32 Bogotá/Brussels, 2 July 2015"; None unless it has all but the place."""
    match = _cover_line().match(line.strip())
    if match is None or len(match["series"].split()) > 8:
        return None
    rest = match["rest"]
    dates = _written_dates(rest)
    if not dates:
        return None
    place = rest[: dates[0].start].strip(_SEPARATORS) or None
    return dates[0].date, match["series"].strip(), match["number"], place


def _organisation_in(series: str) -> str | None:
    """The organisation that opens a report series: "Crisis Group" of "Crisis Group
    Latin America Briefing"; None when the series names none."""
    words = series.split()
    for end in range(len(words), 0, -1):
        if (
            _is_organisation(" ".join(words[:end]))
            and words[end - 1] in _lexicon()["organisation_words"]
        ):
            return " ".join(words[:end])
    return None


def _written_dates(text: str) -> list[Timex]:
    """Dates written out with their year and at least their month, left to right."""
    return [t for t in find_timexes(text, None) if t.date.month is not None and t.explicit]


def _most_precise(timexes: list[Timex]) -> PartialDate | None:
    return max((t.date for t in timexes), key=lambda d: d.day is not None, default=None)


def _explicit_date(text: str) -> PartialDate | None:
    """The most precise date written out in full (with its year) in `text`."""
    return _most_precise(_written_dates(text))


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
    for key, value in meta.extra:  # language, DOI, a report's series, number and place
        merged.setdefault(key, value)
    return merged, warnings


def _is_acronym_of(short: str, long: str) -> bool:
    """ "IPI" for "International Peace Institute": initials of the capitalised words."""
    initials = "".join(w[0] for w in re.findall(r"[A-Z][\w'’-]*", long))
    return short.replace(".", "").upper() == initials


def _csl_name(name: str) -> dict[str, str]:
    """A person's name as a CSL name: the last word is the family name."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name}
    return {"family": words[-1], "given": " ".join(words[:-1])}
