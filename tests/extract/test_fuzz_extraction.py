"""Fuzzing extraction: prose as real sources write it, with dates in every form, numbers
that are not dates, names and acronyms, brackets and quotes, footnote markers, flattened
tables, lists, non-Latin scripts, emoji and very long sentences. Properties:

- the temporal tagger never raises on any text, and every date it gives is a real one
  inside the text it was found in;
- summarising never raises, and every anchor it yields slices back to its quote inside
  its paragraph;
- the brief composed from such sources passes `check`.

The readers are fuzzed in tests/ingest/test_fuzz_readers.py. CI runs a few dozen cases per
test; the long run (10,000 cases per test) is

    python3 -m pytest tests/extract/test_fuzz_extraction.py \
        --hypothesis-profile=fuzz -p no:cacheprovider

and its last result is in benchmarks/results/fuzz.txt. Before the numeric-month fix, the
first property failed on "2016-07-14" within a handful of cases.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.cite.check import check_brief_file
from briefgen.compose.material import compose_brief
from briefgen.core.limits import SourceLimits
from briefgen.core.timex import find_timexes
from briefgen.extract import CITABLE_ZONES, summarize
from briefgen.ingest import ingest_document
from briefgen.model import Document, PartialDate, SourceEntry, Zone
from briefgen.render.export import brief_to_json, dumps
from tests.ingest.test_fuzz_readers import _anchors

_ALL_ZONES = frozenset(CITABLE_ZONES | {Zone.COMMENT})

_MONTHS = ["January", "July", "Sept.", "Sep", "Dec", "May", "MARCH", "august"]
_YEARS = st.integers(1890, 2039).map(str)
_DAYS = st.integers(0, 39).map(str)
_NUMBERS = st.integers(0, 99).map(lambda n: f"{n:02d}")


@st.composite
def _date_phrase(draw: st.DrawFn) -> str:
    """A date in one of the forms real text uses, valid or not ("2016-02-31")."""
    y, y2, m, d = draw(_YEARS), draw(_YEARS), draw(st.sampled_from(_MONTHS)), draw(_DAYS)
    n1, n2 = draw(_NUMBERS), draw(_NUMBERS)
    forms = [
        f"{y}-{n1}-{n2}",
        f"{y}-{n1}",
        f"{n1}/{n2}/{y}",
        f"{n1}.{n2}.{y}",
        f"{y}/{n1}/{n2}",
        f"{m} {d}th",
        f"the {d}rd of {m}",
        f"{m} {d}, {y}",
        f"{d} {m} {y}",
        f"mid-{m} {y}",
        f"late {y}",
        f"the {y[:3]}0s",
        f"the early {y[:3]}0s",
        f"{y}–{n1}",
        f"{y}/{n1}",
        f"between {y} and {y2}",
        f"from {m} to {m} {y}",
        f"FY{y}",
        f"FY{n1}",
        f"Q{d[:1]} {y}",
        f"the third quarter of {y}",
        "on Wednesday",
        "said Monday",
        "last Friday",
        "next Sunday",
        "yesterday",
        "last year",
        "the following year",
        "last October",
        "in early December",
        "since last summer",
    ]
    return draw(st.sampled_from(forms))


_NOT_DATES = [
    "1,500",
    "20%",
    "2000 troops",
    "Resolution 2261",
    "Resolution 2015",
    "N°32",
    "No. 1998",
    "page 2012",
    "pp. 1998-2001",
    "$2015",
    "#2016",
    "3.5",
    "12,000",
    "1900 GMT",
]
_WORDS = [
    "The",
    "talks",
    "resumed",
    "in",
    "on",
    "after",
    "the",
    "ceasefire",
    "was",
    "signed",
    "killed",
    "is",
    "likely",
    "to",
    "collapse",
    "agreed",
    "General",
    "Ana Koval",
    "Iskander Vey",
    "the Tavrin Liberation Front (TLF)",
    "TLF",
    "Karvonia",
    "U.S.",
    "Dr.",
    "al-Qadir",
    "“quoted words”",
    '"straight quotes"',
    "(an aside)",
    "[sic]",
    "[12]",
    "[citation needed]",
    "¹²",
    ".13",
    "—",
    "–",
    "…",
    "é",
    "Москва",
    "القاهرة",
    "北京",
    "東京都",
    "🌊",
    "🙏🏽",
    "👨‍👩‍👧",
    "\u200b",
    "(Smith, 2021)",
    "Mir (2022)",
]
_TOKEN = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_NOT_DATES),
    _date_phrase(),
    _NUMBERS,
)
_SENTENCE = st.lists(_TOKEN, min_size=1, max_size=30).map(lambda words: " ".join(words) + ".")
_LONG_SENTENCE = st.lists(_TOKEN, min_size=200, max_size=400).map(" ".join)


@st.composite
def _table(draw: st.DrawFn) -> str:
    """A table as text extraction flattens it: cells run together on one line or a few."""
    rows = draw(st.lists(st.lists(_TOKEN, min_size=2, max_size=5), min_size=1, max_size=5))
    joiner = draw(st.sampled_from([" ", " | ", "\t", "\n"]))
    return "\n".join(joiner.join(row) for row in rows)


_BLOCK = st.one_of(
    st.lists(_SENTENCE, min_size=1, max_size=6).map(" ".join),
    _SENTENCE.map(lambda s: "# " + s),
    _SENTENCE.map(lambda s: s.upper()),
    st.lists(_SENTENCE, min_size=1, max_size=4).map(
        lambda items: "\n".join("- " + i for i in items)
    ),
    st.lists(_SENTENCE, min_size=1, max_size=4).map(
        lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))
    ),
    _SENTENCE.map(lambda s: f"[1] {s}"),
    _SENTENCE.map(lambda s: f"1 {s} 2 Ibid., p. 4."),
    _table(),
    _LONG_SENTENCE,
    st.just("By Ana Koval | 2019-03-14"),
    st.just("Share on Facebook   Tweet   Email"),
    st.just("Comments (3)"),
    st.just("RiverWatcher - 14 March 2019 at 11:02"),
    st.just("Reply"),
)
_PROSE = st.lists(_BLOCK, min_size=1, max_size=25).map("\n\n".join)
_ANCHOR_DATES = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1990, 2030)),
    st.builds(PartialDate, st.integers(1990, 2030), st.integers(1, 12)),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).map(
        lambda d: PartialDate(d.year, d.month, d.day)
    ),
)


@given(
    text=st.one_of(_PROSE, st.text(max_size=500)),
    anchor=_ANCHOR_DATES,
    order=st.sampled_from([None, True, False]),
)
def test_the_temporal_tagger_never_raises_and_gives_real_dates(
    text: str, anchor: PartialDate | None, order: bool | None
) -> None:
    found = find_timexes(text, anchor, anchor, month_first=order)
    for timex in found:
        assert 0 <= timex.start < timex.end <= len(text)
        for date in (timex.date, timex.end_date):
            if date is not None and date.day is not None:
                assert date.month is not None
                dt.date(date.year, date.month, date.day)  # raises if the day does not exist
    spans = [(t.start, t.end) for t in found]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "overlapping"


def _document(folder: Path, name: str, text: str, issued: PartialDate | None) -> Document:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    csl: dict[str, object] = {"id": path.stem, "type": "article-newspaper", "title": name}
    if issued is not None:
        csl["issued"] = {"date-parts": [list(issued.known())]}
    entry = SourceEntry(path.stem, path, csl, catalogued=True)
    return ingest_document(entry, SourceLimits())


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-extraction")


@given(text=_PROSE, issued=_ANCHOR_DATES, suffix=st.sampled_from([".txt", ".md"]))
def test_summarising_never_raises_and_every_anchor_slices_back(
    folder: Path, text: str, issued: PartialDate | None, suffix: str
) -> None:
    document = _document(folder, f"prose{suffix}", text, issued)
    paragraphs = {p.number: p for p in document.paragraphs}
    for anchor in _anchors(summarize(document, _ALL_ZONES)):
        assert document.text[anchor.start : anchor.end] == anchor.quote
        paragraph = paragraphs[anchor.paragraph]
        assert paragraph.start <= anchor.start <= anchor.end <= paragraph.end


@given(
    texts=st.lists(_PROSE, min_size=1, max_size=3),
    issued=st.lists(_ANCHOR_DATES, min_size=3, max_size=3),
)
def test_a_brief_composed_from_such_sources_passes_check(
    folder: Path, texts: list[str], issued: list[PartialDate | None]
) -> None:
    documents = [
        _document(folder, f"source{i}.txt", text, issued[i]) for i, text in enumerate(texts)
    ]
    brief, _ = compose_brief(
        brief_id="fuzz",
        title="Fuzz",
        subtitle="",
        audience="analyst",
        as_of=PartialDate(2030),
        sources=[d.entry for d in documents],
        summaries=[summarize(d, CITABLE_ZONES) for d in documents],
    )
    path = folder / "fuzz.json"
    path.write_text(dumps(brief_to_json(brief, folder)), encoding="utf-8")
    _, problems = check_brief_file(path, folder)
    assert problems == []
