"""Fuzzing every reader: any bytes, Markdown or HTML is read or refused with a SourceError
naming the file, never a crash, and every anchor drawn from what is read slices back to
its quote inside its paragraph.

CI runs a few dozen cases per test. The long run (10,000 cases per test) is

    python3 -m pytest tests/ingest/test_fuzz_readers.py \
        --hypothesis-profile=fuzz -p no:cacheprovider

and its last result is in benchmarks/results/fuzz.txt.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.core.limits import SourceLimits
from briefgen.errors import SourceError
from briefgen.extract import CITABLE_ZONES, summarize
from briefgen.ingest import ingest_document
from briefgen.ingest.readers import read_source
from briefgen.model import Anchor, Document, SourceEntry, SourceSummary, Zone
from tests.conftest import DATA

_ALL_ZONES = frozenset(CITABLE_ZONES | {Zone.COMMENT})


def _anchors(summary: SourceSummary) -> Iterator[Anchor]:
    for actor in summary.actors:
        yield from actor.mentions
        yield from (role.anchor for role in actor.roles)
    yield from (event.anchor for event in summary.events)
    yield from (claim.anchor for claim in summary.claims)


def _read_or_refuse(
    folder: Path, name: str, data: bytes, *, must_read: bool = False
) -> Document | None:
    """The source ingested and summarised with every anchor checked, or None if refused.

    `must_read`: the input is valid text, so a refusal is a failure. (Without it, a reader
    that refused every file passed these tests.)"""
    path = folder / name
    path.write_bytes(data)
    entry = SourceEntry("fuzz", path, {"id": "fuzz", "type": "document"}, catalogued=False)
    try:
        document = ingest_document(entry, SourceLimits())
    except SourceError as exc:
        assert str(exc).startswith(str(path)), str(exc)
        assert not must_read, f"valid input refused: {exc}"
        return None
    assert read_source(path).text == document.text  # deterministic: `check` re-reads it
    paragraphs = {p.number: p for p in document.paragraphs}
    for anchor in _anchors(summarize(document, _ALL_ZONES)):
        assert document.text[anchor.start : anchor.end] == anchor.quote
        paragraph = paragraphs[anchor.paragraph]
        assert paragraph.start <= anchor.start <= anchor.end <= paragraph.end
    return document


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".pdf"]))
def test_random_bytes_are_read_or_refused(folder: Path, data: bytes, suffix: str) -> None:
    _read_or_refuse(folder, f"bytes{suffix}", data)


@given(
    text=st.text(max_size=3000),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
    suffix=st.sampled_from([".txt", ".md"]),
)
def test_any_unicode_text_in_any_marked_encoding_is_read(
    folder: Path, text: str, encoding: str, suffix: str
) -> None:
    # Text with a letter or digit and no control characters is a valid source.
    valid = any(c.isalnum() for c in text) and all(
        c.isprintable() or c in "\t\n\r\ufeff" for c in text
    )
    document = _read_or_refuse(folder, f"text{suffix}", text.encode(encoding), must_read=valid)
    if document is not None:
        # Read exactly, never mojibake; the one byte-order mark at the start is dropped
        # (in plain UTF-8, a leading U+FEFF is that mark).
        bom_in_text = encoding == "utf-8" and text.startswith("\ufeff")
        assert document.text == (text[1:] if bom_in_text else text)


_WORDS = [
    "The",
    "talks",
    "resumed",
    "in",
    "Kestrel",
    "on",
    "3 March 2021",
    "2019",
    "after",
    "General",
    "Tomas Reyes",
    "said",
    "the",
    "Movement",
    "is",
    "likely",
    "to",
    "ceasefire",
    "U.S.",
    "Dr.",
    "“quoted words”",
    "(aside)",
    "—",
    "é",
    "\u0628\u062a",
    "<script>alert(1)</script>",
    "&amp;",
]
_SENTENCE = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25).map(
    lambda words: " ".join(words) + "."
)
_MARKDOWN_BLOCK = st.one_of(
    st.lists(_SENTENCE, min_size=1, max_size=6).map(" ".join),
    _SENTENCE.map(lambda s: "# " + s),
    _SENTENCE.map(lambda s: "## " + s),
    _SENTENCE.map(lambda s: "> " + s),
    st.lists(_SENTENCE, min_size=1, max_size=4).map(
        lambda items: "\n".join("- " + i for i in items)
    ),
    _SENTENCE.map(lambda s: f"*{s}* [link](http://example.com/{len(s)}) `code`"),
    st.just("---"),
    st.just("By Jane Roe | May 3, 2021"),
    st.just("Comments"),
    st.just("[1] A note, 2020."),
    st.just("```\ncode block\n```"),
)


@given(
    blocks=st.lists(_MARKDOWN_BLOCK, max_size=30),
    joiner=st.sampled_from(["\n\n", "\n", "\r\n\r\n"]),
)
def test_random_markdown_is_read_and_every_anchor_slices_back(
    folder: Path, blocks: list[str], joiner: str
) -> None:
    _read_or_refuse(folder, "doc.md", joiner.join(blocks).encode("utf-8"), must_read=bool(blocks))


_TAGS = [
    "p",
    "div",
    "h1",
    "h2",
    "li",
    "ul",
    "blockquote",
    "article",
    "section",
    "footer",
    "nav",
    "table",
    "td",
    "span",
    "b",
]


@st.composite
def _html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 4))
        if kind == 0 and depth < 6:
            tag = draw(st.sampled_from(_TAGS))
            close = draw(st.booleans())  # broken HTML: tags left open
            parts.append(f"<{tag}>{draw(_html(depth + 1))}" + (f"</{tag}>" if close else ""))
        elif kind == 1:
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "<br>",
                            "<!-- c -->",
                            "</p>",
                            "<img src=x onerror=alert(1)>",
                            "<meta name=author content='Jane Roe'>",
                            "&#x41;",
                            "<",
                        ]
                    )
                )
            )
        else:
            parts.append(draw(_SENTENCE))
    return "".join(parts)


@given(body=_html(), title=_SENTENCE)
def test_random_html_is_read_or_refused_and_every_anchor_slices_back(
    folder: Path, body: str, title: str
) -> None:
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    _read_or_refuse(folder, "page.html", page.encode("utf-8"))


@pytest.fixture(scope="module")
def pdf_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    import weasyprint

    path = tmp_path_factory.mktemp("pdf") / "paper.pdf"
    weasyprint.HTML(DATA / "paper.html").write_pdf(path)
    # Undamaged, it is read: the damage below is what makes a refusal acceptable.
    assert _read_or_refuse(path.parent, "whole.pdf", path.read_bytes(), must_read=True)
    return path.read_bytes()


@given(
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=8),
)
def test_damaged_pdfs_are_read_or_refused(
    folder: Path, pdf_bytes: bytes, cut: float, flips: list[tuple[float, int]]
) -> None:
    damaged = bytearray(pdf_bytes[: max(1, int(len(pdf_bytes) * (0.5 + cut / 2)))])
    for where, value in flips:
        damaged[int(where * (len(damaged) - 1))] = value
    _read_or_refuse(folder, "damaged.pdf", bytes(damaged))
