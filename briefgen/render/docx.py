"""The brief as a Word document, for colleagues who edit in Word.

Written as pandoc Markdown and converted by pandoc (already briefgen's CSL processor):
each statement's note becomes a real Word footnote, sections are headings, the
bibliography and the marking are kept. Styles come from a reference document: the
audience's `reference.docx` in its template folder when there is one, else pandoc's.
"""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path

import pypandoc

from briefgen.compose.edition_settings import Edition
from briefgen.core.dates import human_date
from briefgen.errors import RenderError
from briefgen.model import Brief, BriefActor, CitationSet, SectionId, Statement

REFERENCE_DOC = "reference.docx"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|^~$@])")


def _escaped(text: str) -> str:
    """Text as literal Markdown ("[T]he" stays "[T]he", "*" stays "*")."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _note_markdown(note_html: str) -> str:
    """A citeproc note (HTML) as Markdown: italics kept, other markup dropped."""
    text = re.sub(r"<(i|em)>(.*?)</\1>", lambda m: f"\x00{m[2]}\x01", note_html, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    text = _escaped(html.unescape(text))
    return text.replace("\x00", "*").replace("\x01", "*")


def _line(statement: Statement, note: str, actors: dict[str, BriefActor]) -> str:
    parts = []
    if statement.date is not None:
        parts.append(f"**{human_date(statement.date)}**:")
    if statement.author == "analyst":
        parts.append("*Desk judgment:*")
    if (
        statement.participants
        and statement.participants[0] in actors
        and statement.id.startswith("ac-")
    ):
        actor = actors[statement.participants[0]]
        parts.append(f"**{_escaped(actor.name)}** ({actor.kind}):")
    parts.append(_escaped(statement.text))
    if statement.likelihood is not None:
        likelihood = statement.likelihood
        parts.append(f"({likelihood.term}, {likelihood.low}–{likelihood.high}%)")
    if statement.reworded:
        parts.append("\\[edited\\]")
    return " ".join(parts) + f"^[{note}]"


def brief_markdown(brief: Brief, citations: CitationSet, edition: Edition) -> str:
    """The pandoc Markdown a DOCX edition is made from."""
    notes = citations.note_by_statement
    actors = {actor.id: actor for actor in brief.actors}
    lines = [
        "---",
        f"title: {_yaml_string(brief.title)}",
        *([f"subtitle: {_yaml_string(brief.subtitle)}"] if brief.subtitle else []),
        f"date: {_yaml_string('Information as of ' + human_date(brief.as_of))}",
        *([f"author: {_yaml_string(edition.organisation)}"] if edition.organisation else []),
        "---",
        "",
    ]
    if edition.marking:
        lines += ['::: {custom-style="Marking"}', _escaped(edition.marking.upper()), ":::", ""]
    for section in brief.sections:
        lines += [f"# {section.title}", ""]
        ordered = section.id not in (SectionId.BOTTOM_LINE, SectionId.ACTORS)
        for index, statement in enumerate(section.statements, start=1):
            note = _note_markdown(notes[statement.id].html)
            bullet = f"{index}." if ordered else "-"
            lines.append(f"{bullet} {_line(statement, note, actors)}")
        lines.append("")
    lines += ["# Bibliography", ""]
    for entry in citations.bibliography:
        lines += [_note_markdown(entry), ""]
    if citations.further_sources:
        lines += [
            f"And {citations.further_sources:,} further sources no note cites, all listed in "
            "the JSON export.",
            "",
        ]
    if edition.marking:
        lines += ['::: {custom-style="Marking"}', _escaped(edition.marking.upper()), ":::", ""]
    return "\n".join(lines)


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_docx(
    brief: Brief, citations: CitationSet, edition: Edition, template_folders: list[Path]
) -> bytes:
    """The edition as a .docx file's bytes."""
    reference = next(
        (
            folder / edition.template / REFERENCE_DOC
            for folder in template_folders
            if (folder / edition.template / REFERENCE_DOC).is_file()
        ),
        None,
    )
    extra = [f"--reference-doc={reference}"] if reference else []
    with tempfile.TemporaryDirectory(prefix="briefgen-docx-") as folder:
        target = Path(folder) / "brief.docx"
        try:
            pypandoc.convert_text(
                brief_markdown(brief, citations, edition),
                "docx",
                format="markdown-smart",  # the sources' own quotes and apostrophes
                outputfile=str(target),
                extra_args=extra,
            )
        except (RuntimeError, OSError) as exc:
            raise RenderError(f"the DOCX writer (pandoc) failed: {exc}") from exc
        return target.read_bytes()
