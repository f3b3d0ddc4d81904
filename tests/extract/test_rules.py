"""Extraction rules on made-up text: dates, estimative language, names, events, conflicts."""

from __future__ import annotations

import pytest

from briefgen.compose.corroboration import contradiction
from briefgen.compose.timeline import date_evidence, timeline_statements
from briefgen.core.timex import find_timexes
from briefgen.extract.actors import SentenceRef, extract_actors
from briefgen.extract.estimative import find_likelihood
from briefgen.extract.events import UNTYPED, event_from
from briefgen.extract.names import same_person
from briefgen.model import Anchor, Event, PartialDate, Zone

MAR_2023 = PartialDate(2023, 3, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In the summer of 2019 the front moved.", [("2019", "season", "summer")]),
        ("By mid-2020 the fighting eased.", [("2020", "year", "mid")]),
        ("At the end of 2016 talks began.", [("2016", "year", "late")]),
        ("From 2004 to 2006 the army held the valley.", [("2004", "range", None)]),
        ("Between March and May 2021 the truce held.", [("2021-03", "range", None)]),
        ("The offensive of 2011–13 failed.", [("2011", "range", None)]),
        ("Envoys met in early February 2022.", [("2022-02", "month", "early")]),
        ("Last summer the talks stalled.", [("2022", "season", "summer")]),
    ],
)
def test_timex_precision_and_parts(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    found = [(t.date.iso(), t.precision, t.date.part) for t in find_timexes(text, MAR_2023)]
    assert found == expected


def test_range_end_is_kept() -> None:
    (timex,) = find_timexes("From 2004 to 2006 the army held the valley.", None)
    assert timex.end_date == PartialDate(2006)


def test_a_month_after_the_narrative_reference_stays_in_its_year() -> None:
    # Resolved against the document date alone, December would fall in 2022.
    reference = PartialDate(2023, 11)
    (timex,) = find_timexes("The truce collapsed in early December.", PartialDate(2023, 11, 20))
    assert timex.date.iso() == "2022-12"
    (timex,) = find_timexes(
        "The truce collapsed in early December.", PartialDate(2023, 11, 20), reference
    )
    assert timex.date.iso() == "2023-12"


def test_may_the_modal_is_not_a_month() -> None:
    assert find_timexes("The rebels may 2 times refuse.", MAR_2023) == []
    assert [t.date.iso() for t in find_timexes("In May 2021 they met.", None)] == ["2021-05"]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("A settlement is unlikely before the elections.", "unlikely"),
        ("The army is likely to resume operations.", "likely"),
        ("The deal is almost certainly doomed.", "almost certain"),
        ("Talks offer few reasons to be optimistic.", "very unlikely"),
        ("There is little cause for optimism about the truce.", "very unlikely"),
        ("It is not likely to hold.", "unlikely"),
        ("The group may split; it is likely to weaken.", "likely"),
        ("Fighters may return.", "roughly even chance"),
    ],
)
def test_estimative_language_maps_to_icd_203(text: str, term: str) -> None:
    likelihood = find_likelihood(text)
    assert likelihood is not None and likelihood.term == term
    assert likelihood.phrase.lower() in text.lower()


def test_no_hedge_no_likelihood() -> None:
    assert find_likelihood("In May, the council met in the capital.") is None
    assert find_likelihood("The raids make the rebels less likely to talk.") is None


def test_same_person_needs_the_given_name() -> None:
    assert same_person("Umar Khalid Kurasani", "Umar Khalid Khurasani")
    assert same_person("Mufti Noor Wali", "Noor Wali")
    assert same_person("General Ashfaq Parvez Kayani", "Parvez Ashfaq Kayani")
    assert not same_person("Baitullah Mehsud", "Hakimullah Mehsud")
    assert not same_person("Muhammad Khurasani", "Umar Khalid Khurasani")


def _refs(*texts: str) -> list[SentenceRef]:
    refs, start = [], 0
    for number, text in enumerate(texts, 1):
        refs.append(SentenceRef("s", number, start, text))
        start += len(text) + 2
    return refs


def test_clan_names_and_shared_surnames_are_never_merged() -> None:
    actors = extract_actors(
        _refs(
            "Commander Daud Zarkan led the raid, and Commander Omid Zarkan opposed it.",
            "Many members of the Zarkan tribe fled.",
            "Zarkan fighters later returned to the valley near Qalat.",
        )
    )
    names = {a.name: a for a in actors}
    assert {"Daud Zarkan", "Omid Zarkan"} <= names.keys()
    assert all("Zarkan" not in a.aliases for a in actors)


def test_lone_surname_joins_the_one_person_it_can_be() -> None:
    actors = extract_actors(
        _refs(
            "Interior Minister Farid Osmani announced the talks.",
            "Osmani said the delegation would travel on Monday.",
        )
    )
    (person,) = [a for a in actors if a.kind == "person"]
    assert person.name == "Farid Osmani" and person.aliases == ("Osmani",)
    assert [r.text for r in person.roles] == ["Interior Minister"]


def test_kinds_states_places_and_organisations() -> None:
    actors = extract_actors(
        _refs(
            "The Free Valley Front (FVF) attacked posts in North Lanark and in Kabul.",
            "Fighting in North Lanark spread to Chile, and the FVF withdrew.",
            "Officials in Kabul blamed the FVF.",
        )
    )
    kinds = {a.name: a.kind for a in actors}
    assert kinds["Free Valley Front"] == "organisation"
    assert kinds["Chile"] == "state"
    assert "North Lanark" not in kinds and "Kabul" not in kinds  # places are not actors


def test_apposition_and_copula_give_roles() -> None:
    actors = extract_actors(
        _refs(
            "Talks were led by Samir Haddad, the group's deputy emir, in March.",
            "Leila Nasser is the chief negotiator of the council.",
        )
    )
    roles = {a.name: [r.text for r in a.roles] for a in actors}
    assert roles["Samir Haddad"] == ["the group's deputy emir"]
    assert roles["Leila Nasser"] == ["the chief negotiator"]


def test_event_takes_the_date_nearest_its_cue() -> None:
    text = "After the 2019 round of talks failed, the rebels signed an agreement in March 2021."
    anchor = Anchor("s", 1, 0, len(text), text)
    event = event_from(text, text, anchor, find_timexes(text, MAR_2023), MAR_2023)
    assert event is not None and (event.kind, event.date.iso()) == ("agreement", "2021-03")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The government released 40 prisoners on 3 May 2019.", "prisoner_release"),
        ("Six hostages were freed by the rebels on 3 May 2019.", "prisoner_release"),
        ("A prisoner swap was carried out on 3 May 2019.", "prisoner_release"),
        # Released, but no captive: a report, oil, a film.
        ("The company released new figures on the spill on 3 May 2019.", UNTYPED),
        ("Oil released into the sea reached the coast on 3 May 2019.", UNTYPED),
        # A conference that is no negotiation, and one that is.
        ("The minister spoke at a news conference on 3 May 2019 about the prices.", UNTYPED),
        ("The prime minister convened an all parties conference on 3 May 2019.", "talks"),
    ],
)
def test_an_event_kind_needs_its_whole_cue(text: str, kind: str) -> None:
    anchor = Anchor("s", 1, 0, len(text), text, Zone.BODY)
    event = event_from(text, text, anchor, find_timexes(text, MAR_2023), MAR_2023)
    assert event is not None and event.kind == kind


def _event(source: str, date: PartialDate, text: str) -> Event:
    return Event(date, "ceasefire", text, Anchor(source, 1, 0, len(text), text))


def test_a_date_conflict_between_sources_is_shown_not_hidden() -> None:
    events = [
        _event(
            "a",
            PartialDate(2021, 11, 9),
            "The rebels and the government agreed a month-long ceasefire.",
        ),
        _event(
            "b",
            PartialDate(2021, 11, 8),
            "The rebels and the government agreed a month-long ceasefire on Monday.",
        ),
    ]
    (entry,) = timeline_statements(events, PartialDate(2022), 10)
    assert {a.source for a in entry.citations} == {"a", "b"}
    assert entry.support == 1
    (conflict,) = entry.conflicts
    assert "2021-11-0" in conflict.text and conflict.anchor in entry.citations


def test_compatible_dates_merge_and_keep_the_finer_one() -> None:
    events = [
        _event("a", PartialDate(2021, 11), "The rebels and the government agreed a ceasefire."),
        _event("b", PartialDate(2021, 11, 9), "The rebels and the government agreed a ceasefire."),
    ]
    (entry,) = timeline_statements(events, PartialDate(2022), 10)
    assert entry.date == PartialDate(2021, 11, 9) and entry.support == 2 and not entry.conflicts


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        (
            "The government released 100 prisoners as part of the deal.",
            "The government released 40 prisoners as part of the deal.",
            "count",
        ),
        (
            "The council accepted the ceasefire terms offered by the rebels.",
            "The council never accepted the ceasefire terms offered by the rebels.",
            "negates",
        ),
    ],
)
def test_contradictions_are_flagged(a: str, b: str, why: str) -> None:
    reason = contradiction(a, b)
    assert reason is not None and why in reason


def test_unrelated_or_agreeing_claims_are_not_contradictions() -> None:
    assert contradiction("The army withdrew in May.", "Prices rose sharply last year.") is None
    same = "The government released 100 prisoners as part of the deal."
    assert contradiction(same, same) is None


def test_one_milestone_worded_differently_by_two_sources_is_one_entry() -> None:
    events = [
        _event("a", PartialDate(2021, 11, part="early"), "A short cease-fire was announced."),
        _event("b", PartialDate(2021, 11), "Both parties agreed upon a temporary ceasefire."),
        _event("a", PartialDate(2021, 12), "The truce was suspended by the rebels."),
    ]
    first, second = timeline_statements(events, PartialDate(2022), 10)
    assert {a.source for a in first.citations} == {"a", "b"} and first.support == 2
    assert second.date == PartialDate(2021, 12)


def test_milestones_lead_only_in_a_brief_about_a_negotiation() -> None:
    day = PartialDate(2021, 5, 4)
    text = "Officials met the press after the flooding reached the capital on Tuesday."
    phone = "The minister talks on his phone."
    events = [
        Event(day, "statement", text, Anchor("a", 1, 0, len(text), text)),
        Event(day, "talks", phone, Anchor("b", 1, 0, len(phone), phone)),
        _event("c", PartialDate(2021, 6, 1), "The rebels and the government agreed a truce."),
        _event("d", PartialDate(2021, 6, 1), "A truce was agreed by the rebels and the army."),
    ]
    flood = date_evidence([], focus=("The spring floods", "flood", "relief"))
    talks = date_evidence([], focus=("The ceasefire talks",))
    assert not flood.negotiation and talks.negotiation
    # A brief on floods: the two-source truce first, then the day's best-scored entry; the
    # "talks" entry waits for its date's second round.
    ranked = timeline_statements(events, PartialDate(2022), 10, flood)
    assert [s.kind for s in ranked] == ["ceasefire", "statement", "talks"]
    # A brief on talks: a milestone never waits behind another entry of its date.
    ranked = timeline_statements(events, PartialDate(2022), 10, talks)
    assert [s.kind for s in ranked][:3] == ["ceasefire", "talks", "statement"]
