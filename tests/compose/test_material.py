"""Compose: cross-source merging, fair shares, the as-of cut-off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefgen.compose.material import compose_brief, similarity
from briefgen.model import (
    Anchor,
    Claim,
    Event,
    PartialDate,
    SectionId,
    SourceEntry,
    SourceSummary,
)


def _entry(source: str, year: int) -> SourceEntry:
    return SourceEntry(
        source,
        Path(f"{source}.txt"),
        {"id": source, "type": "report", "issued": {"date-parts": [[year]]}},
    )


def _anchor(source: str, start: int) -> Anchor:
    return Anchor(source, 1, start, start + 4, "quote")


AS_OF = PartialDate(2022)


def _brief(summaries: list[SourceSummary], as_of: PartialDate = AS_OF) -> dict[Any, Any]:
    brief, _ = compose_brief(
        brief_id="b",
        title="T",
        subtitle="",
        audience="analyst",
        as_of=as_of,
        sources=[_entry("a", 2020), _entry("b", 2021)],
        summaries=summaries,
    )
    return {section.id: section.statements for section in brief.sections} | {
        "timeline": brief.timeline
    }


def test_near_duplicate_claims_merge_into_one_statement_with_both_sources() -> None:
    text_a = "The militant group rejected every offer of talks made by the government in 2021."
    text_b = "The militant group rejected every offer of talks made by the government last year."
    assert similarity(text_a, text_b) > 0.5
    summaries = [
        SourceSummary("a", (), (), (Claim(SectionId.OUTLOOK, text_a, _anchor("a", 0), 5.0),)),
        SourceSummary("b", (), (), (Claim(SectionId.OUTLOOK, text_b, _anchor("b", 0), 4.0),)),
    ]
    outlook = _brief(summaries)[SectionId.OUTLOOK]
    assert len(outlook) == 1
    assert [a.source for a in outlook[0].citations] == ["a", "b"]


# Twelve claims no two of which are near-duplicates (numbered ones would fold into one).
_TOPICS = [
    "water",
    "border",
    "prisoner",
    "amnesty",
    "refugee",
    "militia",
    "treaty",
    "customs",
    "grazing",
    "railway",
    "mining",
    "fishing",
]


def test_one_source_cannot_fill_a_section() -> None:
    claims = tuple(
        Claim(
            SectionId.BACKGROUND,
            f"{_TOPICS[i].title()} in {1990 + i}.",  # no two lines alike: none folds
            _anchor("a", i * 10),
            10.0 - i,
        )
        for i in range(12)
    )
    other = (
        Claim(
            SectionId.BACKGROUND, "A different source says something else.", _anchor("b", 0), 1.0
        ),
    )
    background = _brief([SourceSummary("a", (), (), claims), SourceSummary("b", (), (), other)])[
        SectionId.BACKGROUND
    ]
    sources = [s.citations[0].source for s in background]
    # Two sources share a budget of 12: "a" may take half plus one, never all it offers.
    assert sources.count("b") == 1
    assert sources.count("a") == 12 // 2 + 1


def test_timeline_merges_same_event_and_drops_events_after_as_of() -> None:
    events_a = (
        Event(
            PartialDate(2021, 11),
            "ceasefire",
            "A ceasefire began in November 2021.",
            _anchor("a", 0),
        ),
        Event(PartialDate(2023, 1), "talks", "Talks in January 2023.", _anchor("a", 9)),
    )
    events_b = (
        Event(
            PartialDate(2021, 11),
            "ceasefire",
            "Both sides agreed a ceasefire in November 2021.",
            _anchor("b", 0),
        ),
    )
    timeline = _brief([SourceSummary("a", (), events_a, ()), SourceSummary("b", (), events_b, ())])[
        "timeline"
    ]
    assert [(s.date.iso(), len(s.citations)) for s in timeline] == [("2021-11", 2)]


def test_a_timeline_from_a_date_leaves_earlier_events_out() -> None:
    from briefgen.compose.timeline import timeline_statements

    events = [
        Event(PartialDate(1999, 11, 12), "agreement", "A law was signed in 1999.", _anchor("a", 0)),
        Event(PartialDate(2008), "ceasefire", "A truce held that year.", _anchor("a", 9)),
        Event(PartialDate(2008, 9, 15), "talks", "Talks opened on 15 September.", _anchor("b", 0)),
        Event(PartialDate(2008, 9, 14), "talks", "A meeting on 14 September.", _anchor("b", 9)),
    ]
    since = PartialDate(2008, 9, 15)
    dates = sorted(s.date.iso() for s in timeline_statements(events, AS_OF, since=since))
    # "2008" may be on or after 15 September: it stays; the two earlier days go.
    assert dates == ["2008", "2008-09-15"]
    assert len(timeline_statements(events, AS_OF)) == 4  # without it, every event


def test_only_a_brief_about_a_negotiation_puts_its_milestones_first() -> None:
    from briefgen.compose.material import compose_material

    def told(source: str, day: int, kind: str, text: str) -> Event:
        return Event(PartialDate(2021, 5, day), kind, text, Anchor(source, 1, 0, len(text), text))

    # The flood's day is told by both sources; a "talks" entry (a news conference, typed as
    # talks by an older lexicon or a desk's own) by one.
    flood_a = told("a", 4, "event", "The river burst its banks at Lenhof on 4 May.")
    flood_b = told("b", 4, "event", "On 4 May the river burst its banks at Lenhof.")
    conference = told("b", 9, "talks", "The mayor held talks with reporters on 9 May.")
    summaries = [
        SourceSummary("a", (), (flood_a,), ()),
        SourceSummary("b", (), (flood_b, conference), ()),
    ]

    def ranked(title: str) -> dict[SectionId, list[str]]:
        material, _ = compose_material(
            brief_id="b",
            title=title,
            subtitle="",
            as_of=AS_OF,
            sources=[_entry("a", 2021), _entry("b", 2021)],
            summaries=summaries,
        )
        return {
            section: [st.text for st in material.ranked[section]]
            for section in (SectionId.TIMELINE, SectionId.BOTTOM_LINE)
        }

    floods = ranked("The spring floods")
    # A brief on floods: its timeline in rank order, its bottom line its best events.
    assert floods[SectionId.TIMELINE][0] in (flood_a.text, flood_b.text)
    assert len(floods[SectionId.BOTTOM_LINE]) == 2
    # A brief on talks: the milestone first, and the bottom line tells milestones only.
    talks = ranked("The flood relief talks")
    assert talks[SectionId.TIMELINE][0] == conference.text
    assert talks[SectionId.BOTTOM_LINE] == [conference.text]
