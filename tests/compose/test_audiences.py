"""Audiences: one ranked material, tailored per layout; page budgets; spec settings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from briefgen.compose.edition_settings import resolve_edition
from briefgen.compose.tailor import Layout, tailor_brief
from briefgen.errors import ConfigError
from briefgen.model import SectionId
from briefgen.render.fit import fit_pages
from briefgen.workspace.spec import load_spec
from tests.conftest import Shipped, write


def test_policymaker_lines_are_analyst_lines_with_the_same_ids(shipped: Shipped) -> None:
    analyst = tailor_brief(
        shipped.material, "analyst", resolve_edition(shipped.spec, "analyst", ()).layout
    )
    policymaker = tailor_brief(
        shipped.material, "policymaker", resolve_edition(shipped.spec, "policymaker", ()).layout
    )
    by_id = {s.id: s for s in analyst.statements()}
    assert [s.id for s in policymaker.sections] == [
        SectionId.BOTTOM_LINE,
        SectionId.KEY_JUDGMENTS,
        SectionId.TIMELINE,
        SectionId.ACTORS,
    ]
    assert all(section.statements for section in policymaker.sections)
    for statement in policymaker.statements():
        assert by_id[statement.id] == statement


def test_a_statement_appears_once_per_brief(shipped: Shipped) -> None:
    layout = Layout(
        (SectionId.BOTTOM_LINE, SectionId.KEY_JUDGMENTS, SectionId.OUTLOOK),
        {SectionId.BOTTOM_LINE: 2, SectionId.KEY_JUDGMENTS: 3},
    )
    brief = tailor_brief(shipped.material, "x", layout)
    ids = Counter(s.id for s in brief.statements())
    assert ids and max(ids.values()) == 1
    outlook_pool = shipped.material.ranked[SectionId.OUTLOOK]
    shown = {s.id for s in brief.statements()}
    assert all(s.id in shown for s in outlook_pool)  # the outlook takes what is left
    judgments = brief.sections[1].statements
    assert len(judgments) == 3 and all(s.likelihood is not None for s in judgments)


def test_cutting_trims_the_longest_section_first_and_keeps_one_of_each(
    shipped: Shipped,
) -> None:
    layout = Layout((SectionId.KEY_JUDGMENTS, SectionId.TIMELINE), {SectionId.KEY_JUDGMENTS: 2})
    full = tailor_brief(shipped.material, "x", layout)
    timeline = len(full.sections[1].statements)
    cut = tailor_brief(shipped.material, "x", layout, cut=timeline - 2)
    assert [len(s.statements) for s in cut.sections] == [2, 2]
    everything = tailor_brief(shipped.material, "x", layout, cut=1000)
    assert [len(s.statements) for s in everything.sections] == [1, 1]
    # What stays is the best-ranked: the timeline keeps its top candidates.
    ranked = [s.id for s in shipped.material.ranked[SectionId.TIMELINE]]
    assert {s.id for s in cut.sections[1].statements} == set(ranked[:2])


def test_fit_pages_finds_the_smallest_cut_in_few_layouts() -> None:
    calls: list[int] = []

    def render(cut: int) -> int:
        calls.append(cut)
        return cut

    def pages(cut: int) -> int:
        return 5 - cut // 10  # 5 pages uncut; 2 pages from 30 cuts on

    result, cut = fit_pages(render, pages, max_pages=2, most_cuts=100)
    assert (result, cut) == (30, 30)
    assert len(calls) <= 10


@pytest.mark.parametrize(
    ("guess", "most_layouts"),
    # Exact, one off either way: a few layouts. Far off: galloping then halving stays
    # logarithmic (2 log2(100) + 2), though worse than plain bisection's 9.
    [(30, 3), (29, 4), (31, 5), (1, 16), (100, 16)],
)
def test_fit_pages_starts_from_a_guess_and_still_finds_the_smallest_cut(
    guess: int, most_layouts: int
) -> None:
    calls: list[int] = []

    def render(cut: int) -> int:
        calls.append(cut)
        return cut

    result, cut = fit_pages(
        render, lambda c: 5 - c // 10, max_pages=2, most_cuts=100, guess=lambda _: guess
    )
    assert (result, cut) == (30, 30)
    assert calls[:2] == [0, guess]
    assert len(calls) <= most_layouts


def test_fit_pages_keeps_the_uncut_brief_when_it_fits_and_reports_a_lost_cause() -> None:
    assert fit_pages(lambda c: c, lambda c: 1, max_pages=2, most_cuts=50) == (0, 0)
    assert fit_pages(lambda c: c, lambda c: 9, max_pages=2, most_cuts=50) == (50, 50)


def test_spec_audience_settings_override_spec_wide_ones_and_template_defaults(
    tmp_path: Path, repo: Path
) -> None:
    write(tmp_path / "logo.png", "not checked here")
    spec_path = write(
        tmp_path / "b.yaml",
        f"title: T\nas_of: 2022\ncorpus: {repo / 'seeds'}\n"
        "marking: INTERNAL\norganisation: Desk\npaper: letter\n"
        "audiences:\n"
        "  policymaker:\n"
        "    marking: RESTRICTED\n"
        "    max_pages: 1\n"
        "    budget: {timeline: 3}\n"
        "    citation_style: apa\n"
        "  analyst:\n"
        "    sections: [outlook, background]\n"
        "    logo: logo.png\n",
    )
    spec = load_spec(spec_path)
    policymaker = resolve_edition(spec, "policymaker", ())
    assert policymaker.marking == "RESTRICTED" and policymaker.organisation == "Desk"
    assert policymaker.paper == "letter" and policymaker.citation_style == "apa"
    assert policymaker.max_pages == 1
    # The template's own budget is kept where the spec does not override it.
    assert policymaker.layout.budget[SectionId.TIMELINE] == 3
    assert policymaker.layout.budget[SectionId.KEY_JUDGMENTS] == 5
    analyst = resolve_edition(spec, "analyst", ())
    assert analyst.layout.sections == (SectionId.OUTLOOK, SectionId.BACKGROUND)
    assert analyst.marking == "INTERNAL" and analyst.max_pages is None
    assert analyst.logo == (tmp_path / "logo.png").resolve()
    assert analyst.authors == ("Desk",)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "    max_pages: two\n",
            "b.yaml:6: audiences.policymaker.max_pages: 'two' is not of type 'integer'",
        ),
        (
            "    sections: [bottom_line, judgements]\n",
            "b.yaml:6: audiences.policymaker.sections[1]: 'judgements' is not an allowed value "
            "(did you mean 'key_judgments'?)",
        ),
        ("    paper: A44\n", "b.yaml:6: audiences.policymaker.paper: 'A44' does not match"),
        ("    logo: missing.png\n", "b.yaml:6: audiences.policymaker.logo: no image file"),
        (
            "    budget: {outlok: 3}\n",
            "b.yaml:6: audiences.policymaker.budget: 'outlok' is not an allowed value",
        ),
    ],
)
def test_bad_audience_settings_name_file_line_and_key(
    tmp_path: Path, entry: str, message: str
) -> None:
    path = write(
        tmp_path / "b.yaml",
        f"title: T\nas_of: 2022\naudiences:\n  analyst:\n  policymaker:\n{entry}",
    )
    with pytest.raises(ConfigError) as error:
        load_spec(path)
    assert str(error.value).startswith(f"{tmp_path}/{message}"), str(error.value)


def test_a_section_the_sources_give_nothing_for_is_left_out(shipped: Shipped) -> None:
    empty = {**shipped.material.ranked, SectionId.KEY_JUDGMENTS: ()}
    material = shipped.material.__class__(**{**shipped.material.__dict__, "ranked": empty})
    layout = Layout((SectionId.BOTTOM_LINE, SectionId.KEY_JUDGMENTS, SectionId.TIMELINE))
    brief = tailor_brief(material, "x", layout)
    assert [s.id for s in brief.sections] == [SectionId.BOTTOM_LINE, SectionId.TIMELINE]


def test_a_broken_audience_yaml_stops_only_the_edition_that_uses_it(
    shipped: Shipped, tmp_path: Path
) -> None:
    write(tmp_path / "board" / "brief.html", '{% extends "base.html" %}\n')
    broken = write(tmp_path / "board" / "audience.yaml", "max_pages: two\n")
    assert resolve_edition(shipped.spec, "analyst", (tmp_path,)).audience == "analyst"
    with pytest.raises(ConfigError) as error:
        resolve_edition(shipped.spec, "board", (tmp_path,))
    assert str(error.value) == f"{broken}:1: max_pages: 'two' is not of type 'integer'"
