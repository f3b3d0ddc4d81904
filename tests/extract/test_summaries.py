"""Extract: dates resolved against the document date, actors, claims, masking."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.core.timex import find_timexes
from briefgen.extract import mask_references
from briefgen.extract.actors import SentenceRef, extract_actors, find_acronyms
from briefgen.extract.claims import classify_claim
from briefgen.extract.events import event_from
from briefgen.extract.names import name_key
from briefgen.model import Anchor, PartialDate, SectionId

OCT_2011 = PartialDate(2011, 10, 13)
JAN_2022 = PartialDate(2022, 1)


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("On September 29, the premier convened a conference.", OCT_2011, "2011-09-29"),
        ("Last year, there were reports of drone strikes.", JAN_2022, "2021"),
        ("The truce was suspended in early December.", JAN_2022, "2021-12"),
        ("On August 7, 2022, a commander was killed.", None, "2022-08-07"),
        ("A ceasefire in November 2021 held for a month.", None, "2021-11"),
        ("Since its founding in 2007, the group grew.", None, "2007"),
        ("Talks resumed since last October.", PartialDate(2022, 10, 5), "2021-10"),
    ],
)
def test_timex_normalisation(text: str, anchor: PartialDate | None, expected: str) -> None:
    assert [t.date.iso() for t in find_timexes(text, anchor)] == [expected]


def test_underspecified_date_needs_a_document_date() -> None:
    assert find_timexes("On September 29, leaders met.", None) == []


def test_author_date_references_are_masked_keeping_offsets() -> None:
    text = "It grew 42% in 2021 (Afzal, 2022). Mir (2022) agrees."
    masked = mask_references(text)
    assert len(masked) == len(text)
    assert "Afzal" not in masked and "Mir" not in masked and "2021" in masked


def test_acronym_definitions() -> None:
    found = find_acronyms("Members of the Haqqani Network (HN) and the Example Party (EP) met.")
    assert [(long, short) for long, short, _, _ in found] == [
        ("Haqqani Network", "HN"),
        ("Example Party", "EP"),
    ]


def _ref(text: str, start: int = 0) -> SentenceRef:
    return SentenceRef("s", 1, start, text)


def test_actors_merge_spelling_variants_and_keep_roles_anchored() -> None:
    sentences = [
        _ref("The Tehreek-e-Nizam Movement (TNM) rejected the offer."),
        _ref("Movement chief Hakeemullah Khanzada said talks were over.", 100),
        _ref("Later, Hakimullah Khanzada returned.", 200),
    ]
    actors = {a.name: a for a in extract_actors(sentences)}
    assert actors["Tehreek-e-Nizam Movement"].aliases == ("TNM",)
    person = actors["Hakeemullah Khanzada"]
    assert person.kind == "person"
    assert person.aliases == ("Hakimullah Khanzada",)
    assert [r.text for r in person.roles] == ["Movement chief"]
    role = person.roles[0].anchor
    assert role.quote == "Movement chief Hakeemullah Khanzada"
    assert (role.start, role.end) == (100, 135)


def test_name_key_folds_transliteration_variants() -> None:
    assert name_key("Tehreek-i-Taliban") == name_key("Tehrik-e-Taliban")
    assert name_key("Hakimullah") == name_key("Hakeemullah")
    assert name_key("Siraj Haqqani") != name_key("Jalaluddin Haqqani")


def test_claims_go_to_the_section_their_cues_point_to() -> None:
    anchor = Anchor("s", 1, 0, 10, "x" * 10)
    outlook = classify_claim(
        "The group is likely to keep attacking security forces in the coming months.",
        anchor,
        0.5,
        1,
        [],
        JAN_2022,
    )
    talks = classify_claim(
        "Both sides agreed to a ceasefire after talks mediated by a jirga of elders.",
        anchor,
        0.5,
        1,
        [],
        JAN_2022,
    )
    assert outlook is not None and outlook.section is SectionId.OUTLOOK
    assert talks is not None and talks.section is SectionId.NEGOTIATION_HISTORY
    assert (
        classify_claim("I think this is all a very long story.", anchor, 0.5, 0, [], None) is None
    )


def test_events_after_the_document_date_are_not_history() -> None:
    anchor = Anchor("s", 1, 0, 10, "x" * 10)
    text = "The talks are expected to conclude by December 2023."
    assert event_from(text, text, anchor, find_timexes(text, JAN_2022), JAN_2022) is None
    text = "The ceasefire agreed in November 2021 collapsed."
    event = event_from(text, text, anchor, find_timexes(text, JAN_2022), JAN_2022)
    assert event is not None and (event.kind, event.date.iso()) == ("ceasefire", "2021-11")


def test_a_question_is_no_event() -> None:
    anchor = Anchor("s", 1, 0, 10, "x" * 10)
    for text in (
        "What did the talks of 3 March 2021 achieve?",
        "Was the ceasefire of November 2021 ever “real?”",
    ):
        assert event_from(text, text, anchor, find_timexes(text, JAN_2022), JAN_2022) is None
    text = "“Why now?” the minister asked on 3 March 2021, before the talks collapsed."
    event = event_from(text, text, anchor, find_timexes(text, JAN_2022), JAN_2022)
    assert event is not None and event.date.iso() == "2021-03-03"


def test_a_news_lead_is_the_event_of_its_day_and_only_in_news(tmp_path: Path) -> None:
    from briefgen.extract import summarize
    from briefgen.ingest import ingest_document
    from briefgen.model import SourceEntry

    path = tmp_path / "story.txt"
    path.write_text(
        "Rebels free forty prisoners\n\n"
        "The rebels freed forty soldiers held in the hills, the mediators said.\n\n"
        "The release follows weeks of talks in the capital between both delegations.\n\n"
        "The soldiers were taken in an ambush that killed three of their comrades.\n",
        encoding="utf-8",
    )

    def events(kind: str) -> list[tuple[str, str]]:
        csl = {"id": "s", "type": kind, "title": "t", "issued": {"date-parts": [[2016, 9, 28]]}}
        document = ingest_document(SourceEntry("s", path, csl))
        return [(e.date.iso(), e.text[:14]) for e in summarize(document).events]

    # The first two sentences, undated, are the news of the publication day; the third is
    # background and names no date, so it is no event.
    assert events("article-newspaper") == [
        ("2016-09-28", "The rebels fre"),
        ("2016-09-28", "The release fo"),
    ]
    assert events("report") == []  # an analysis's opening is no news
