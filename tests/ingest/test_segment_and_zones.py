"""Ingest: spans slice back to their text, display text is clean, zones are labelled."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.errors import SourceError
from briefgen.ingest import ingest_document
from briefgen.ingest.display import case_repairs_for, display_text
from briefgen.ingest.segment import _process, block_spans, sentence_spans
from briefgen.model import SourceEntry, Zone
from tests.conftest import DATA, REPO, write


@given(st.text(alphabet=st.sampled_from("ab .\n\t\u00a0U.S"), max_size=300))
def test_blocks_and_sentences_slice_back_and_do_not_overlap(text: str) -> None:
    previous_end = 0
    for start, end in block_spans(text):
        assert start >= previous_end
        assert text[start:end] == text[start:end].strip() != ""
        previous_end = end
        for sentence in sentence_spans(text, start, end):
            assert start <= sentence.start < sentence.end <= end
            assert text[sentence.start : sentence.end].strip() != ""


def test_sentences_survive_abbreviations() -> None:
    text = "Lt. Gen. Ahmed met U.S. officials. He left on Monday."
    spans = sentence_spans(text, 0, len(text))
    assert [text[s.start : s.end] for s in spans] == [
        "Lt. Gen. Ahmed met U.S. officials.",
        "He left on Monday.",
    ]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Dome lowered at site of huge U.S. oil spill ROBERT, Louisiana | Fri May 7, 2010 "
            "7:40 pm EDT ROBERT, Louisiana (Reuters) - Engineers lowered a dome. It held.",
            [
                "Dome lowered at site of huge U.S. oil spill",
                "ROBERT, Louisiana | Fri May 7, 2010 7:40 pm EDT ROBERT, Louisiana (Reuters) - "
                "Engineers lowered a dome.",
                "It held.",
            ],
        ),
        (
            "Worker tests positive as cases reach 13 Friday 1 May 2009 15.49 BST Ana Ruiz, the "
            "first person to catch it locally.",
            [
                "Worker tests positive as cases reach 13",
                "Friday 1 May 2009 15.49 BST Ana Ruiz, the first person to catch it locally.",
            ],
        ),
        # A date in prose is no header: it has no time and zone.
        (
            "The talks opened on Friday 1 May 2009 in the capital.",
            ["The talks opened on Friday 1 May 2009 in the capital."],
        ),
    ],
)
def test_a_news_header_run_into_the_first_paragraph_starts_a_sentence(
    paragraph: str, expected: list[str]
) -> None:
    spans = sentence_spans(paragraph, 0, len(paragraph))
    assert [paragraph[s.start : s.end] for s in spans] == expected


def test_a_list_run_into_a_paragraph_is_one_sentence_an_item() -> None:
    paragraph = (
        "Port closes as the storm nears * Ferries cancelled * Schools shut By Ana Ruiz "
        "The port closed on Monday. Facts about the storm: * It formed on Friday. "
        "* It is the third this year. Officials say we * don't * know more."
    )
    spans = sentence_spans(paragraph, 0, len(paragraph))
    assert [paragraph[s.start : s.end] for s in spans] == [
        "Port closes as the storm nears",
        "Ferries cancelled",
        "Schools shut By Ana Ruiz The port closed on Monday.",
        "Facts about the storm:",
        "It formed on Friday.",
        "It is the third this year.",
        "Officials say we * don't * know more.",
    ]


# Lines where every kind of abbreviation rewrite applies, and some where none should.
_ABBREVIATION_LINES = [
    "Lt. Gen. Ahmed met U.S. officials. He left on Monday.",
    "See p. 5 and pp. 10-12, e.g. the annex, i.e. Art. 3; No. 7 was signed at 5 p.m. on Jan. 3.",
    "Gov. Ruiz, Sen. Hale and Dr. Ana Ruiz Jr. arrived; Mt. Kora is in the St. Lucas Co. area.",
    "The group (est. 2009) grew approx. 40%. Cf. fig. 2. Vol. 3, no. 4, ed. by Ms. Hale.",
    "Oil. Coal. Gas. Ms Hale and Mr Ruiz met. Al. Inc. Ltd. Corp. Dept. Ave. vs. etc. Ph.D.",
]


def test_sentences_are_pysbds_own_with_the_faster_abbreviation_pass() -> None:
    """The narrowed abbreviation pass changes nothing: the same sentences as upstream
    pysbd on the shipped corpus, every test corpus and lines full of abbreviations."""
    from pysbd.lang.english import English
    from pysbd.processor import Processor

    texts = [
        path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(
            [*REPO.glob("seeds/*.txt"), *(p for p in DATA.rglob("*") if p.is_file())]
        )
    ]
    blocks = [" ".join(text[s:e].split()) for text in texts for s, e in block_spans(text)]
    blocks += _ABBREVIATION_LINES
    assert len(blocks) > 300
    for block in blocks:
        assert _process(block) == Processor(block, English).process(), block


def test_display_text_cleans_without_touching_numbers() -> None:
    # A glued note number stays in the display text: removing it is an editorial edit,
    # declared with the statement (tests/extract/test_standalone.py).
    raw = (
        "killing at least 3,600 people since 2008.2 Awami\nleaders and Afghan-\nfocused [groups](#)"
    )
    assert display_text(raw) == (
        "killing at least 3,600 people since 2008.2 Awami leaders and Afghan-focused groups"
    )
    assert display_text("growth of 3.5 percent") == "growth of 3.5 percent"
    assert display_text("**Bold** and *it* text<sup>2</sup>.") == "Bold and it text."


def test_case_damage_is_repaired_only_where_unambiguous() -> None:
    text = "The U.S. said. Then U.S. forces and U.S. aid. For u.S. and anti-Pakistan groups."
    repairs = case_repairs_for(text)
    assert repairs == {"u.S": "U.S"}
    assert display_text("For u.S. and anti-Pakistan groups.", repairs) == (
        "For U.S. and anti-Pakistan groups."
    )


def test_small_caps_damage_is_repaired_by_the_documents_own_evidence() -> None:
    text = (
        "A ChANCe TO TuRN THE TIDE | NGOs and MoUs\n\n"
        "The Haroon network grew. Leaders of the Haroon network met, and a Haroon envoy spoke "
        "to the press while the haroon network and the haroon faction waited. The east wing "
        "was shut, said the East Bank office and the East Gate guards. The rahimi clan and "
        "the Rahimi network, the Rahimi envoy and the Rahimi faction left."
    )
    repairs = case_repairs_for(text)
    assert repairs["ChANCe"] == "CHANCE" and repairs["TuRN"] == "TURN"
    assert repairs["haroon"] == "Haroon"  # capitalised mid-sentence 3 times, lower twice
    assert "east" not in repairs  # 2 capitalised uses are not enough evidence
    assert "rahimi" not in repairs  # the document never damages an "r"
    assert "NGOs" not in repairs and "MoUs" not in repairs


def test_lower_case_names_are_left_alone_in_an_undamaged_document() -> None:
    text = "The Haroon network met. A Haroon network, the Haroon clan and the haroon faction."
    assert case_repairs_for(text) == {}


def test_zones_of_a_blog_post_with_comments(tmp_path: Path) -> None:
    text = (
        "Peace talks begin?\n\n"
        "The government opened talks with the armed group last week, officials said today.\n\n"
        "Image 1: Delegates at the talks in the capital.\n\n"
        "Jane Roe is a senior analyst at the Example Institute.\n\n"
        "Support our independent reporting with a one-time or monthly donation.\n\n"
        "Tags: talks\n\n"
        "  • Reader says:\n\n"
        "    This is a reader's opinion about the talks and nothing more than that.\n"
    )
    path = write(tmp_path / "post.txt", text)
    document = ingest_document(SourceEntry("post", path, {"id": "post", "type": "post"}))
    assert [p.zone for p in document.paragraphs] == [
        Zone.TITLE,
        Zone.BODY,
        Zone.CAPTION,
        Zone.BIO,
        Zone.FURNITURE,
        Zone.FURNITURE,
        Zone.COMMENT,
        Zone.COMMENT,
    ]
    assert [p.number for p in document.paragraphs] == list(range(1, 9))


def test_shipped_seeds_keep_comments_and_trailers_out_of_body(repo: Path) -> None:
    blog = repo / "seeds" / "001_945876b3b805b919.txt"
    document = ingest_document(SourceEntry("blog", blog, {"id": "blog", "type": "post"}))
    body_text = " ".join(
        document.text[p.start : p.end] for p in document.paragraphs if p.zone is Zone.BODY
    )
    assert "says:" not in body_text
    assert "donation" not in body_text
    assert any(p.zone is Zone.COMMENT for p in document.paragraphs)


_MARKUP = st.sampled_from(
    [
        "\n",
        "\n\n",
        " ",
        "  ",
        "\t",
        "# ",
        "**",
        "[x](#)",
        "<sup>2</sup>",
        "•",
        "---",
        "U.S.",
        "Lt. Gen.",
        "“",
        "”",
        "...",
        "2008.2 ",
        "Reply",
        " says:",
        "©",
        "Tags:",
        "ﺏ",
        "é",
    ]
)
_WORDS = st.sampled_from(["talks", "The", "ceasefire", "Khan", "said", "in", "2021", "a."])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_MARKUP, _WORDS), max_size=80), st.sampled_from([".txt", ".md"]))
def test_any_text_is_zoned_whole_and_spans_slice_back(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str], suffix: str
) -> None:
    text = "".join(pieces)
    path = tmp_path_factory.mktemp("fuzz") / f"source{suffix}"
    path.write_text(text, encoding="utf-8")
    try:
        document = ingest_document(SourceEntry("s", path, {"id": "s", "type": "document"}))
    except SourceError as exc:
        assert not text.strip() and "no text found" in str(exc)
        return
    covered = [False] * len(text)
    previous_end = 0
    for paragraph in document.paragraphs:
        assert previous_end <= paragraph.start < paragraph.end <= len(text)
        previous_end = paragraph.end
        for i in range(paragraph.start, paragraph.end):
            covered[i] = True
        for sentence in paragraph.sentences:
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
    # No text is left outside a paragraph: only blank space separates them.
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))
    spans = document.zone_spans()
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
