"""HTML pages: the main content as text, found by trafilatura, with the page's metadata.

trafilatura is a maintained main-content extractor (it leads the published boilerplate
benchmarks): it drops navigation, headers, footers, share bars and related-article lists,
and hands back reader comments separately, so they are kept, labelled as comments. Nothing
is fetched: stylesheets, scripts and images of the page are never loaded.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from briefgen.core.dates import parse_iso_date
from briefgen.data import load_data
from briefgen.errors import SourceError
from briefgen.ingest.readers.decode import decode_text
from briefgen.ingest.readers.source_text import SourceText, TextBuilder, declared_metadata
from briefgen.model import PartialDate, TextMetadata, Zone

_SPACE = re.compile(r"\s+")


def read_html(path: Path, data: bytes, encoding: str | None = None) -> SourceText:
    """The main content of an HTML page; raises SourceError when there is none.

    The page's own charset is honoured unless the catalogue entry declares `encoding`.
    Nothing the page links to (images, styles, scripts) is fetched.
    """
    import trafilatura

    page: bytes | str = decode_text(path, data, encoding) if encoding else data
    try:
        extracted: Any = trafilatura.bare_extraction(
            page, include_comments=True, include_tables=True, with_metadata=True
        ) or trafilatura.bare_extraction(
            page, include_comments=True, with_metadata=True, favor_recall=True
        )
    except (ValueError, TypeError, RecursionError) as exc:
        raise SourceError(f"{path}: cannot parse the HTML: {exc}") from exc
    if extracted is None or extracted.body is None:
        raise SourceError(
            f"{path}: no main text found in the HTML page (only navigation or boilerplate, "
            "or markup nested too deeply to parse); save the article's text as .txt instead"
        )
    builder = TextBuilder()
    for element in extracted.body:
        _add_element(builder, element)
    if extracted.commentsbody is not None:
        for element in extracted.commentsbody:
            builder.add(_flat_text(element), Zone.COMMENT)
    return builder.source_text(_metadata(extracted, page))


def _flat_text(element: Any) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def _add_element(builder: TextBuilder, element: Any) -> None:
    tag = element.tag
    if tag == "head":
        builder.add(_flat_text(element), Zone.HEADING)
    elif tag == "list":
        for item in element.iter("item"):
            builder.add(_flat_text(item))
    elif tag == "table":
        for row in element.iter("row"):
            cells = [_flat_text(cell) for cell in row.iter("cell")]
            builder.add(" · ".join(c for c in cells if c))
    elif tag != "graphic":
        builder.add(_flat_text(element))


_TITLE_TAG = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·)\s+")


def _site_in_title(page: bytes | str, title: str | None) -> str | None:
    """The site's name a page's <title> adds to its headline: "Talks resume | Daily News"
    gives "Daily News" when the headline is "Talks resume" (trafilatura drops it)."""
    raw = page.encode("utf-8", "replace") if isinstance(page, str) else page
    match = _TITLE_TAG.search(raw[:200_000])
    if match is None or not title:
        return None
    whole = _SPACE.sub(" ", html.unescape(match[1].decode("utf-8", "replace"))).strip()
    parts = _TITLE_SEPARATOR.split(whole)
    if len(parts) < 2 or _SPACE.sub(" ", title).strip() not in (parts[0], " - ".join(parts[:-1])):
        return None
    return parts[-1].strip() or None


def _without_trailing_date(authors: str | None) -> str | None:
    """trafilatura's author guess with the words of a date it ran into removed: a byline
    "by A B September 06, 2016" gives "A B September"."""
    if not authors:
        return authors
    months = set(load_data("lexicon.yaml")["months"]) | set(
        load_data("lexicon.yaml")["month_abbreviations"]
    )
    words = authors.split()
    while len(words) > 1 and (words[-1].lower().rstrip(".,") in months or words[-1].isdigit()):
        words.pop()
    return " ".join(words)


def _metadata(extracted: Any, page: bytes | str) -> TextMetadata:
    date: PartialDate | None = None
    if extracted.date:
        try:
            date = parse_iso_date(str(extracted.date)[:10])
        except ValueError:
            date = None
    return declared_metadata(
        "the page's HTML metadata",
        title=extracted.title,
        authors=_without_trailing_date(extracted.author),
        date=date,
        publisher=extracted.sitename or _site_in_title(page, extracted.title),
        url=extracted.url,
    )
