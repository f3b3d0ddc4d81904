"""Figures drawn from the brief itself: how the actors are related, and when things happened.

Hand-written SVG, no plotting library: the pictures are simple, must look the same in the
browser and in WeasyPrint's PDF, and must carry their own text alternative (`<title>`,
`<desc>` and a list beside the picture, for screen readers and for print).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from briefgen.extract.names import is_acronym
from briefgen.model import Brief, BriefActor, PartialDate, Statement

# How a relation reads in a sentence, and its colour (distinct in greyscale print too).
RELATION_WORDS = {
    "leads": ("leads", "#1f4e79"),
    "founded": ("founded", "#35618f"),
    "member_of": ("is a member of", "#4f6d7a"),
    "splinter_of": ("split from", "#a23b72"),
    "sponsors": ("backs", "#c0504d"),
    "negotiates_with": ("negotiates with", "#2e7d32"),
    "mediates": ("mediates for", "#b8860b"),
}
_MAX_NODES = 9
# Styles are SVG attributes, not CSS: WeasyPrint reads only the attributes.
_INK = 'stroke="#30363d" stroke-width="1"'
_EVENT = "#1f4e79"
_LABEL_ROOM = 62.0  # the width of a date label, so two never overlap
_WIDTH, _HEIGHT = 640, 440


@dataclass(frozen=True)
class Figure:
    """An SVG picture and the sentences that say what it shows."""

    svg: Markup
    sentences: tuple[str, ...]


def acronym(actor: BriefActor) -> str | None:
    """The actor's shortest acronym, if the sources give it one."""
    short = sorted((a for a in actor.aliases if is_acronym(a) and len(a) <= 6), key=len)
    return short[0] if short else None


def _label(actor: BriefActor) -> str:
    """A short name for a node: the actor's acronym for a long name."""
    short = acronym(actor)
    name = short if short and len(actor.name) > 18 else actor.name
    return name if len(name) <= 20 else name[:19] + "…"


def relation_words(kind: str, other: BriefActor) -> str:
    """How a relation reads: one serves a state rather than being a member of it."""
    if kind == "member_of" and other.kind == "state":
        return "serves"
    return RELATION_WORDS[kind][0]


def relation_sentence(actor: BriefActor, kind: str, other: BriefActor) -> str:
    return f"{actor.name} {relation_words(kind, other)} {other.name}"


def relationship_figure(brief: Brief) -> Figure | None:
    """The most important actors that the sources relate to each other, as a circle of
    nodes joined by labelled arrows; None when the sources state no relation."""
    by_id = {a.id: a for a in brief.actors}
    edges = [
        (actor, relation)
        for actor in sorted(brief.actors, key=lambda a: a.rank)
        for relation in actor.relations
        if relation.actor in by_id
        and not (relation.kind == "negotiates_with" and relation.actor < actor.id)
    ]
    if not edges:
        return None
    ranked: list[str] = []
    for actor, relation in edges:  # actors in the order their relations matter
        new = [i for i in dict.fromkeys((actor.id, relation.actor)) if i not in ranked]
        if len(ranked) + len(new) <= _MAX_NODES:  # both ends, or neither
            ranked.extend(new)
    shown = [(a, r) for a, r in edges if a.id in ranked and r.actor in ranked]
    place = _layout(ranked, [(a.id, r.actor) for a, r in shown])
    nodes = [by_id[i] for i in ranked]
    sentences = tuple(relation_sentence(a, r.kind, by_id[r.actor]) for a, r in shown)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
        'class="figure-svg" role="img" aria-labelledby="rel-title rel-desc">',
        '<title id="rel-title">How the actors are related</title>',
        f'<desc id="rel-desc">{escape("; ".join(sentences))}.</desc>',
        "<defs>",
        *(
            f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="10" refY="5" '
            f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
            for kind, (_, colour) in RELATION_WORDS.items()
        ),
        "</defs>",
    ]
    for actor, relation in shown:
        words = relation_words(relation.kind, by_id[relation.actor])
        widths = (_node_width(actor), _node_width(by_id[relation.actor]))
        parts.append(_edge(place[actor.id], place[relation.actor], relation.kind, words, widths))
    for actor in nodes:
        x, y = place[actor.id]
        label = _label(actor)
        width = _node_width(actor)
        fill = "#fff8e7" if actor.kind == "person" else "#eef2f6"
        parts.append(
            f'<g class="node node-{escape(actor.kind)}"><rect x="{x - width / 2:.1f}" '
            f'y="{y - 13:.1f}" width="{width:.1f}" height="26" rx="6" fill="{fill}" '
            f'stroke="#30363d" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{y + 4.5:.1f}" text-anchor="middle" font-size="12" '
            f'fill="#111">{escape(label)}</text></g>'
        )
    parts.append("</svg>")
    return Figure(Markup("".join(parts)), sentences)


def _layout(ranked: list[str], links: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Where each node goes: the actor most relations meet at the centre (when it has
    three or more), the others around it, each next to the first actor it is linked to."""
    degree = {i: sum(i in link for link in links) for i in ranked}
    hub = max(ranked, key=lambda i: (degree[i], -ranked.index(i)))
    centre_x, centre_y = _WIDTH / 2, _HEIGHT / 2
    place = {}
    ring = ranked
    if degree[hub] >= 3:
        place[hub] = (centre_x, centre_y)
        ring = [i for i in ranked if i != hub]
    ordered: list[str] = []

    def neighbours(node: str) -> list[str]:
        found = [b if a == node else a for a, b in links if node in (a, b)]
        return [n for n in dict.fromkeys(found) if n in ring and n != node]

    for node in ring:  # each next to an actor it is linked to, so arrows stay short
        if node in ordered:
            continue
        placed = next((n for n in neighbours(node) if n in ordered), None)
        at = ordered.index(placed) + 1 if placed is not None else len(ordered)
        ordered.insert(at, node)
        for other in neighbours(node):
            if other not in ordered:
                at += 1
                ordered.insert(at, other)
    radius_x, radius_y = _WIDTH / 2 - 80, _HEIGHT / 2 - 30
    for index, node in enumerate(ordered):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(ordered), 1)
        place[node] = (
            centre_x + radius_x * math.cos(angle),
            centre_y + radius_y * math.sin(angle),
        )
    return place


def _node_width(actor: BriefActor) -> float:
    return max(60.0, 7.2 * len(_label(actor)) + 16)


def _to_box_edge(ux: float, uy: float, width: float) -> float:
    """How far along a direction the border of a node box (26 high) lies from its centre."""
    across = (width / 2 + 4) / abs(ux) if abs(ux) > 1e-6 else float("inf")
    down = 17 / abs(uy) if abs(uy) > 1e-6 else float("inf")
    return min(across, down)


def _edge(
    start: tuple[float, float],
    end: tuple[float, float],
    kind: str,
    words: str,
    widths: tuple[float, float],
) -> str:
    """An arrow from node to node, stopped short of the boxes, its kind written midway."""
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    # The arrow runs from box border to box border.
    trim_start = min(_to_box_edge(ux, uy, widths[0]), length / 3)
    trim_end = min(_to_box_edge(ux, uy, widths[1]), length / 3)
    ax, ay = x1 + ux * trim_start, y1 + uy * trim_start
    bx, by = x2 - ux * trim_end, y2 - uy * trim_end
    colour = RELATION_WORDS[kind][1]
    mx, my = ax + (bx - ax) * 0.45, ay + (by - ay) * 0.45  # the label, off the crossing centre
    both = f' marker-start="url(#arrow-{kind})"' if kind == "negotiates_with" else ""
    return (
        f'<g class="edge edge-{kind}"><line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" '
        f'y2="{by:.1f}" stroke="{colour}" stroke-width="1.6" '
        f'marker-end="url(#arrow-{kind})"{both}/>'
        f'<rect x="{mx - 2.7 * len(words) - 2:.1f}" y="{my - 8:.1f}" '
        f'width="{5.4 * len(words) + 4:.1f}" height="11" fill="#ffffff" fill-opacity="0.85"/>'
        f'<text x="{mx:.1f}" y="{my + 1:.1f}" text-anchor="middle" '
        f'font-size="10" fill="{colour}">{escape(words)}</text></g>'
    )


def _position(date: PartialDate) -> float:
    """A date as a fraction of years, a coarse date at the middle of what it names."""
    if date.month is None:
        return date.year + 0.5
    if date.day is None:
        return date.year + (date.month - 0.5) / 12
    return date.year + (date.month - 1 + (date.day - 0.5) / 31) / 12


def timeline_figure(entries: tuple[Statement, ...], labelled: int = 8) -> Figure | None:
    """A strip of the timeline's entries on one axis of years; the `labelled` best-ranked
    entries carry their date. None for fewer than two dated entries."""
    dated = [e for e in entries if e.date is not None]
    if len(dated) < 2:
        return None
    positions = [_position(e.date) for e in dated if e.date is not None]
    first, last = math.floor(min(positions)), math.floor(max(positions)) + 1
    span = max(last - first, 1)
    left, right, axis_y = 30.0, _WIDTH - 30.0, 60.0

    def x_of(value: float) -> float:
        return left + (right - left) * (value - first) / span

    step = max(1, math.ceil(span / 12))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} 120" '
        'class="figure-svg strip" role="img" aria-labelledby="strip-title strip-desc">',
        '<title id="strip-title">When the timeline\'s events happened</title>',
        f'<desc id="strip-desc">{len(dated)} events from {first} to {last - 1}.</desc>',
        f'<line class="axis" x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}" {_INK}/>',
    ]
    for year in range(first, last + 1, step):
        x = x_of(year)
        parts.append(
            f'<line class="tick" x1="{x:.1f}" y1="{axis_y - 4}" x2="{x:.1f}" y2="{axis_y + 4}" '
            f"{_INK}/>"
            f'<text class="year" x="{x:.1f}" y="{axis_y + 18}" text-anchor="middle" '
            f'font-size="10" fill="#30363d">{year}</text>'
        )
    ranked = sorted(dated, key=lambda e: e.rank or 10**6)[:labelled]
    label_ids = {e.id for e in ranked}
    sentences = []
    previous = {True: -1e9, False: -1e9}  # the last label's x, above and below the axis
    for entry in sorted(dated, key=lambda e: _position(e.date) if e.date else 0.0):
        assert entry.date is not None
        x = x_of(_position(entry.date))
        if entry.end is not None:
            x_end = x_of(_position(entry.end))
            parts.append(
                f'<rect class="span" x="{x:.1f}" y="{axis_y - 3}" '
                f'width="{max(x_end - x, 2):.1f}" height="6" fill="{_EVENT}" fill-opacity="0.25"/>'
            )
        parts.append(
            f'<circle class="event" cx="{x:.1f}" cy="{axis_y}" r="3.5" fill="{_EVENT}" '
            'fill-opacity="0.75"/>'
        )
        if entry.id not in label_ids:
            continue
        label = entry.date.iso()
        # Above or below the axis, wherever the last label leaves room; else no label.
        side = next((s for s in (True, False) if x - previous[s] >= _LABEL_ROOM), None)
        if side is None:
            continue
        previous[side] = x
        y = axis_y - 14 if side else axis_y + 34
        parts.append(
            f'<text class="event-date" x="{x:.1f}" y="{y}" text-anchor="middle" '
            f'font-size="9.5" fill="#111">{label}</text>'
        )
        sentences.append(f"{label}: {entry.text}")
    parts.append("</svg>")
    return Figure(Markup("".join(parts)), tuple(sentences))
