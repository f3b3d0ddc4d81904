"""Lines that stand alone: each of the issue's examples, and every edit keeps its rule."""

from __future__ import annotations

import pytest

from briefgen.extract.edits import apply_edits, edit_problem, join_quotes
from briefgen.extract.standalone import Named, Said, Standalone, stand_alone
from briefgen.model import Anchor, Edit

PREVIOUS = "Pakistan and the TTP agreed to a ceasefire in November 2021."


def _said(text: str, start: int = 1000) -> Said:
    return Said(text, Anchor("doc", 1, start, start + len(text), text))


def _alone(text: str, before: tuple[str, ...] = (PREVIOUS,)) -> Standalone | None:
    said_before = [_said(b, i * 200) for i, b in enumerate(before)]
    # The sentence before names the TTP (a group) at characters 17-20 of its text.
    named = [Named(Anchor("doc", 1, 17, 20, "TTP"), "movement")] if before else []
    return stand_alone(_said(text), said_before, named, frozenset({"TTP"}))


def _faithful(result: Standalone, sentence: str, before: tuple[str, ...]) -> None:
    """What `check` verifies: the edits keep their rules and give the text."""
    quoted = [*before[-len(result.quoting.lead) :], sentence] if result.quoting.lead else [sentence]
    base = join_quotes(quoted)
    quotes = [*quoted, *(a.quote for a in result.quoting.context)]
    assert base == result.base
    for edit in result.quoting.edits:
        assert edit_problem(edit, base, quotes) is None, edit
    assert apply_edits(base, result.quoting.edits) == result.text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Against this backdrop, the TTP is likely to continue to engage with Pakistan.",
            "[T]he TTP is likely to continue to engage with Pakistan.",
        ),
        (
            "Despite such attacks, TTP rank and file members are likely to stay loyal.",
            "TTP rank and file members are likely to stay loyal.",
        ),
        (
            "Similarly, another suicide attack in May 2022 was carried out by an Afghan militant.",
            "[A]nother suicide attack in May 2022 was carried out by an Afghan militant.",
        ),
        (
            "UNSURPRISINGLY, RECENT UPDATES about the latest round of talks were not good.",
            "Unsurprisingly, recent updates about the latest round of talks were not good.",
        ),
        (
            "Waliur Rehman is reportedly in favor of a peace deal.13 even Mehsud agreed.",
            "Waliur Rehman is reportedly in favor of a peace deal. even Mehsud agreed.",
        ),
        (
            "It has operated out of Afghanistan since 2014 and underwent a consolidation.",
            "[The TTP] has operated out of Afghanistan since 2014 and underwent a consolidation.",
        ),
        (
            "The talks were reported by the wire services [5] and by two newspapers.[12]",
            "The talks were reported by the wire services and by two newspapers.",
        ),
        # Nothing to repair: a cataphoric possessive and an expletive "it".
        (
            "Since its founding in 2007, the TTP has emerged as the most violent outfit.",
            "Since its founding in 2007, the TTP has emerged as the most violent outfit.",
        ),
        (
            "It is likely that the talks will fail in the coming months.",
            "It is likely that the talks will fail in the coming months.",
        ),
    ],
)
def test_edits_make_the_line_stand_alone(sentence: str, expected: str) -> None:
    result = _alone(sentence)
    assert result is not None
    assert result.text == expected
    _faithful(result, sentence, (PREVIOUS,))


@pytest.mark.parametrize(
    "sentence",
    [
        "But that cease-fire was suspended by the TTP in early December.",
        "There is precedent for this: from 2012 to 2015, Pakistan induced defections.",
        "This perception is evident in the group's statements since 2020.",
        "Until that changes, Pakistan is likely to offer only narrow assistance.",
    ],
)
def test_an_unresolved_reference_brings_the_sentence_before(sentence: str) -> None:
    result = _alone(sentence)
    assert result is not None
    assert result.text.startswith(PREVIOUS) and result.text.endswith(sentence)
    assert len(result.quoting.lead) == 1
    _faithful(result, sentence, (PREVIOUS,))
    # With no sentence before it in its paragraph, the line is left out.
    assert _alone(sentence, before=()) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Lastly, the paper discusses how the TTP's resurgence affects Pakistan.",
        "Also, note the government's reaction to the March 17 strike in Datta Khel.",
    ],
)
def test_sentences_about_the_text_or_orders_are_no_lines(sentence: str) -> None:
    assert _alone(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "HOUSTON | Thu Apr 22, 2010 7:30 pm EDT HOUSTON (Reuters) - An oil rig sank on "
            "Thursday after burning for two days.",
            "An oil rig sank on Thursday after burning for two days.",
        ),
        (
            "By Ana Ruiz, Health and Science Editor LIMA | Tue Apr 21, 2009 10:19 pm BST LIMA "
            "(Reuters) - A new strain has infected two children, officials said.",
            "A new strain has infected two children, officials said.",
        ),
        (
            "LIMA/QUITO | Tue Jul 27, 2010 7:13 pm EDT LIMA/QUITO (Reuters) - The company "
            "called the spill a wake-up call on Tuesday.",
            "The company called the spill a wake-up call on Tuesday.",
        ),
        (
            "NEW YORK Oct 6 (Reuters) - The judge set a trial for February to parse the blame.",
            "The judge set a trial for February to parse the blame.",
        ),
        (
            "VENICE, La. (AP) -- The company's chairman defended its safety record on Monday.",
            "The company's chairman defended its safety record on Monday.",
        ),
        (
            "Sat Apr 25, 2009 12:51 am BST (Reuters) - Health officials are watching an outbreak.",
            "Health officials are watching an outbreak.",
        ),
        (
            "Saturday 25 April 2009 23.24 BST The new strain has similar symptoms to seasonal flu.",
            "The new strain has similar symptoms to seasonal flu.",
        ),
        (
            "Child dies of the new flu * Death is the first abroad By Ana Ruiz LIMA (Reuters) - "
            "A child has died of the new flu, officials said on Wednesday.",
            "A child has died of the new flu, officials said on Wednesday.",
        ),
        (  # a wire's dateline with the month written out, after a headline and bullets
            "Mexico declares an outbreak * Schools shut By Ana Ruiz MEXICO CITY, April 24 "
            "(Reuters) - A deadly strain of flu has killed 20 people in the capital.",
            "A deadly strain of flu has killed 20 people in the capital.",
        ),
        (
            "Ana Ruiz | 18:00 UK time, Saturday, 25 April 2009 Experts are concerned about "
            "the new virus.",
            "Experts are concerned about the new virus.",
        ),
        (
            "Photograph: Ana Ruiz/Reuters Shares in the company fell nearly 5% this morning.",
            "Shares in the company fell nearly 5% this morning.",
        ),
        (
            "Photograph: AP A hospital worker has been confirmed as the first local case.",
            "A hospital worker has been confirmed as the first local case.",
        ),
        (  # an agency whose name says what it sells
            "Photograph: Ana Ruiz/Getty Images In the harbour, the spill reached the beaches.",
            "In the harbour, the spill reached the beaches.",
        ),
        (  # ...but a sentence may open with that word
            "Photograph: Ana Ruiz/Reuters Images of the spill reached the newsrooms on Friday.",
            "Images of the spill reached the newsrooms on Friday.",
        ),
        # Not datelines: a name with its acronym, a parenthesis that names no wire.
        (
            "The World Health Organisation (WHO) - the UN agency - raised its alert level.",
            "The World Health Organisation (WHO) - the UN agency - raised its alert level.",
        ),
        (
            "Officials (two of them) - both ministers - resigned on Monday over the leak.",
            "Officials (two of them) - both ministers - resigned on Monday over the leak.",
        ),
    ],
)
def test_a_news_dateline_run_into_the_sentence_is_dropped(sentence: str, expected: str) -> None:
    result = _alone(sentence, before=())
    assert result is not None
    assert result.text == expected
    _faithful(result, sentence, ())
    kinds = {e.kind for e in result.quoting.edits}
    assert bool(kinds & {"dateline", "credit"}) == (expected != sentence)


def test_a_credit_edit_removes_only_a_photo_credit() -> None:
    base = "Photograph: Ana Ruiz/AP The agency tightened its rules on Friday."
    assert edit_problem(Edit("credit", 0, 24, ""), base, [base]) is None
    assert edit_problem(Edit("credit", 0, 28, ""), base, [base]) is not None  # and "The "
    assert edit_problem(Edit("credit", 0, 24, "By "), base, [base]) is not None


def test_a_dateline_edit_removes_only_a_dateline() -> None:
    base = "WASHINGTON (AP) -- The agency tightened its rules on Friday."
    assert edit_problem(Edit("dateline", 0, 19, ""), base, [base]) is None
    assert edit_problem(Edit("dateline", 0, 30, ""), base, [base]) is not None  # too far
    assert edit_problem(Edit("dateline", 0, 19, "In "), base, [base]) is not None
    inner = "The rules changed. " + base
    assert edit_problem(Edit("dateline", 19, 38, ""), inner, [inner]) is None
    assert edit_problem(Edit("dateline", 4, 10, ""), inner, [inner]) is not None


def test_a_possessive_in_the_opening_phrase_gets_its_antecedent() -> None:
    before = "While the targeting of al-Zawahri is promising, it also reinforces a perception."
    sentence = (
        "Beyond the fact that his presence in Kabul breaks the Doha agreement, this bodes ill."
    )
    person = Named(Anchor("doc", 1, 24, 34, "al-Zawahri"), "person")
    result = stand_alone(_said(sentence), [_said(before, 0)], [person])
    assert result is not None
    assert result.text.startswith("Beyond the fact that [al-Zawahri’s] presence in Kabul")
    _faithful(result, sentence, (before,))


def test_a_long_line_is_cut_by_a_declared_ellipsis() -> None:
    sentence = "The talks " + " ".join(f"word{i}" for i in range(80)) + " ended."
    result = _alone(sentence)
    assert result is not None
    short = result.shortened(60)
    assert short.text.endswith(" …") and len(short.text.split()) <= 61
    assert short.quoting.edits[-1].kind == "ellipsis"
    assert apply_edits(short.base, short.quoting.edits) == short.text
