"""Profiles: who an actor is, its other names, its kind, and how actors are related."""

from __future__ import annotations

from pathlib import Path

from briefgen.extract import summarize
from briefgen.ingest import ingest_document
from briefgen.model import Actor, Document, SourceSummary
from briefgen.workspace.catalogue import load_catalogue
from tests.conftest import write


def _summary(tmp_path: Path, text: str) -> tuple[Document, SourceSummary]:
    write(tmp_path / "corpus" / "story.txt", text)
    entry = load_catalogue(tmp_path / "corpus")[0]
    document = ingest_document(entry)
    return document, summarize(document)


def _actor(summary: SourceSummary, name: str) -> Actor:
    found = [a for a in summary.actors if a.name == name or name in a.aliases]
    assert len(found) == 1, [(a.name, a.aliases, a.kind) for a in summary.actors]
    return found[0]


STORY = (
    "\n\n".join(
        [
            ("The Coast Story"),
            (
                "The Selvar Coast Front (SCF) was founded in 1998 by Tomas Arvid, a fisheries "
                "inspector who had organised the harbour strikes. Arvid was killed in a naval "
                "raid in 2009."
            ),
            (
                'His successor, Ruth Malen, better known by her nom de guerre "the Captain", '
                "turned the SCF into a disciplined force. Malen, whose real name is Ruth "
                "Maalen-Brandt, grew up in Delmar."
            ),
            (
                "In 2016 a faction broke away from the SCF and formed the Selvar Coast "
                "Front–Renewal (SCF-R), led by Ivo Kessel. Neighbouring Brevia has long sheltered "
                "SCF commanders in its border camps, and Brevian officials have supplied them "
                "with fuel."
            ),
            (
                "Ostrava's interior minister, Karel Dusek, said the talks would go on. Formal "
                "talks between Ostrava and the SCF opened on 12 March 2021. Norvald has kept the "
                "talks between Ostrava and the SCF going through two crises, and the Norvald "
                "government paid for them."
            ),
        ]
    )
    + "\n"
)


def test_names_of_one_actor_are_one_profile(tmp_path: Path) -> None:
    _, summary = _summary(tmp_path, STORY)
    malen = _actor(summary, "Ruth Malen")
    # A nom de guerre in quotes and a real name are the same woman's names.
    assert {"the Captain", "Ruth Maalen-Brandt"} <= set(malen.aliases)
    assert malen.kind == "person"
    splinter = _actor(summary, "SCF-R")
    assert splinter.name.startswith("Selvar Coast Front") and splinter.name != "Selvar Coast Front"
    assert _actor(summary, "SCF").name == "Selvar Coast Front"


def test_kinds_come_from_what_the_text_says(tmp_path: Path) -> None:
    _, summary = _summary(tmp_path, STORY)
    # No ISO table lists these states; "neighbouring", "Brevian officials" and
    # "Ostrava's interior minister" say what they are.
    assert _actor(summary, "Brevia").kind == "state"
    assert _actor(summary, "Ostrava").kind == "state"
    assert _actor(summary, "Karel Dusek").kind == "person"


def test_descriptions_come_from_appositives_and_definitions(tmp_path: Path) -> None:
    document, summary = _summary(tmp_path, STORY)
    arvid = _actor(summary, "Tomas Arvid")
    best = max(arvid.descriptions, key=lambda d: d.strength)
    assert best.text == "Tomas Arvid, a fisheries inspector" and best.strength == 3
    dusek = _actor(summary, "Karel Dusek")
    assert any(d.text == "Ostrava's interior minister, Karel Dusek" for d in dusek.descriptions)
    for actor in summary.actors:
        for description in actor.descriptions:
            anchor = description.anchor
            assert document.text[anchor.start : anchor.end] == anchor.quote


def test_relations_are_read_between_two_names(tmp_path: Path) -> None:
    document, summary = _summary(tmp_path, STORY)
    found = {(r.kind, r.subject, r.object) for r in summary.relations}
    assert ("founded", "Tomas Arvid", "Selvar Coast Front") in found
    assert ("leads", "Ivo Kessel", "Selvar Coast Front–Renewal") in found
    assert ("sponsors", "Brevia", "Selvar Coast Front") in found
    assert ("member_of", "Karel Dusek", "Ostrava") in found
    assert ("negotiates_with", "Ostrava", "Selvar Coast Front") in found
    assert ("mediates", "Norvald", "Ostrava") in found
    for relation in summary.relations:
        anchor = relation.anchor
        assert document.text[anchor.start : anchor.end] == anchor.quote


def test_a_splinter_and_a_leader_by_title(tmp_path: Path) -> None:
    text = (
        "Title\n\nThe Delta Brigades, a splinter group of the River Front, attack convoys. "
        "President Elena Marusic of Karvonia met River Front leader Amos Tell in May 2019.\n"
    )
    _, summary = _summary(tmp_path, text)
    found = {(r.kind, r.subject, r.object) for r in summary.relations}
    assert ("splinter_of", "Delta Brigades", "River Front") in found
    assert ("leads", "Elena Marusic", "Karvonia") in found
    assert ("leads", "Amos Tell", "River Front") in found
    assert _actor(summary, "Elena Marusic").kind == "person"  # not "Elena Marusic of Karvonia"
