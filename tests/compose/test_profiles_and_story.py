"""Actors across sources (one profile per real actor) and the background's story."""

from __future__ import annotations

import pytest

from briefgen.compose.background import story
from briefgen.compose.roster import build_roster
from briefgen.extract.names import same_organisation
from briefgen.model import Actor, Anchor, Claim, PartialDate, SectionId, SourceSummary


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ISKP", "Islamic State Khorasan Province"),
        ("ISK", "Islamic State Khorasan Province"),
        ("IS-K", "ISK"),
        ("Islamic State Khorasan", "Islamic State Khorasan Province"),
        ("Jaish-e-Mohammed", "Jaish-e-Muhammed"),
        ("JeM", "Jaish-e-Mohammed"),
        ("FARC", "FARC-EP"),
        ("FARC–EP", "FARC"),
        ("TTP", "Tehrik-e-Taliban Pakistan"),
        ("UN", "United Nations"),
        ("Pakistani Inter-Services Intelligence", "Inter-Services Intelligence"),
    ],
)
def test_variants_of_one_organisation(a: str, b: str) -> None:
    assert same_organisation(a, b) and same_organisation(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lashkar-e-Taiba", "Lashkar-e-Jhangvi"),
        ("IS", "Islamic State Khorasan"),
        ("National Liberation Front", "National Liberty Forum"),
        ("Pakistani Taliban", "Taliban"),
        ("Selvar Coast Front", "Selvar Coast Front–Renewal"),
        ("SCF", "SCF-R"),
    ],
)
def test_different_organisations_stay_apart(a: str, b: str) -> None:
    assert not same_organisation(a, b)


def _mention(source: str, start: int, quote: str) -> Anchor:
    return Anchor(source, 1, start, start + len(quote), quote)


def _actor(source: str, name: str, kind: str, *aliases: str) -> Actor:
    return Actor(f"actor-{name}", name, kind, aliases, mentions=(_mention(source, 0, name),))


def test_an_actor_that_joins_two_groups_makes_them_one() -> None:
    summaries = [
        SourceSummary("a", (_actor("a", "ISKP", "organisation"),), (), ()),
        SourceSummary("b", (_actor("b", "ISK", "organisation"),), (), ()),
        # Its long form is the acronym of both: the two groups are one actor.
        SourceSummary(
            "c", (_actor("c", "Islamic State Khorasan Province", "organisation", "ISKP"),), (), ()
        ),
    ]
    roster, _ = build_roster(summaries)
    assert [e.actor.name for e in roster] == ["Islamic State Khorasan Province"]
    assert {"ISK", "ISKP"} <= set(roster[0].actor.aliases)


def test_a_name_of_unknown_kind_takes_its_kind_from_another_source() -> None:
    summaries = [
        SourceSummary("a", (_actor("a", "Norvald", "unknown"),), (), ()),
        SourceSummary("b", (_actor("b", "Norvald", "state"),), (), ()),
        SourceSummary("c", (_actor("c", "Delmar", "unknown"),), (), ()),
    ]
    roster, _ = build_roster(summaries)
    assert [(e.actor.name, e.actor.kind, e.sources) for e in roster] == [("Norvald", "state", 2)]


def _claim(text: str, start: int, date: PartialDate | None, source: str = "a") -> Claim:
    return Claim(
        SectionId.BACKGROUND,
        text,
        Anchor(source, 1, start, start + len(text), text),
        5.0,
        date=date,
        narrative=date,
    )


def test_the_background_tells_each_element_in_date_order() -> None:
    claims = [
        _claim("The Front split in 2016 when a breakaway faction formed.", 0, PartialDate(2016)),
        _claim("Neighbouring Brevia sheltered the Front in its camps.", 100, None, "b"),
        _claim("The Front was founded in 1998 by a fisheries inspector.", 200, PartialDate(1998)),
        _claim(
            "Its first leader was killed in 2009 and his successor took over.",
            300,
            PartialDate(2009),
        ),
        _claim(
            "The weather in the valley was mild in 2005 and rain fell often.",
            400,
            PartialDate(2005),
        ),
        _claim(
            "A bomb at the ferry terminal killed 52 people in 2014 in a massacre.",
            500,
            PartialDate(2014),
        ),
    ]
    told = story({SectionId.BACKGROUND: claims}, 5, claims, PartialDate(2023), focus=("The Front",))
    lines = sorted(told.statements, key=lambda st: told.place[st.id])
    texts = [st.text for st in lines]
    # Five lines for six candidates: the one that tells no element of the story goes.
    assert all("weather" not in t for t in texts) and len(texts) == 5
    dated = [st.date.year for st in lines if st.date is not None]
    assert dated == sorted(dated) == [1998, 2009, 2014, 2016]


def test_last_years_attack_is_news_not_background() -> None:
    claims = [
        _claim("The Front was founded in 1998 by a fisheries inspector.", 0, PartialDate(1998)),
        _claim(
            "A bomb killed 52 people in a massacre at the port in 2022.", 100, PartialDate(2022)
        ),
        _claim(
            "A bomb killed 12 people in a massacre at the market in 2010.", 200, PartialDate(2010)
        ),
    ]
    told = story({SectionId.BACKGROUND: claims}, 2, claims, PartialDate(2023))
    lines = sorted(told.statements, key=lambda st: told.place[st.id])
    assert [st.date.year for st in lines if st.date] == [1998, 2010]
