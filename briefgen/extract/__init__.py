"""Extract: one Document becomes a SourceSummary of actors, dated events and claims."""

from __future__ import annotations

import re

from briefgen.extract.actors import SentenceRef, extract_actors
from briefgen.extract.claims import classify_claim, event_from
from briefgen.extract.timex import find_timexes
from briefgen.ingest import TextView
from briefgen.model import Anchor, Document, SourceSummary, Zone

__all__ = ["EXTRACTOR_VERSION", "mask_references", "summarize"]

# Author-date references, "(Smith, 2021)", "(Doe & Roe, 2007; Lee, 2018)", "Khan (2022)":
# their names and years are the cited works', not actors or events of the story.
_AUTHOR_DATE = re.compile(
    r"\((?=[^()]*[A-Z])[^()]*\b(?:19|20)\d{2}[a-z]?(?:,? pp?\. ?\d+(?:[-–]\d+)?)?\)"
    r"|\b[A-Z][\w’'-]+(?: (?:et al\.|& [A-Z][\w’'-]+))? \((?:19|20)\d{2}[a-z]?\)"
)


def mask_references(text: str) -> str:
    """Blanks author-date references with spaces, keeping every offset in place."""
    return _AUTHOR_DATE.sub(lambda m: " " * len(m[0]), text)


# Bump when extraction changes what it produces: cached summaries carry this version.
EXTRACTOR_VERSION = "1"


def summarize(document: Document) -> SourceSummary:
    """Draws actors, events and claims from a document's body text, every one anchored."""
    view = TextView(document.text)
    refs: list[tuple[SentenceRef, str, str]] = []  # (ref, shown text, masked for analysis)
    for paragraph in document.paragraphs:
        if paragraph.zone is not Zone.BODY:
            continue
        for sentence in paragraph.sentences:
            raw = document.text[sentence.start : sentence.end]
            ref = SentenceRef(document.id, paragraph.number, sentence.start, mask_references(raw))
            shown = view.shown(sentence.start, sentence.end)
            refs.append((ref, shown, mask_references(shown)))
    actors = extract_actors([ref for ref, _, _ in refs])
    names = sorted({n for a in actors for n in (a.name, *a.aliases)}, key=len, reverse=True)
    name_rx = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b") if names else None
    claims = []
    events = []
    for index, (ref, shown, masked) in enumerate(refs):
        end = ref.start + len(ref.raw)
        anchor = Anchor(ref.source, ref.paragraph, ref.start, end, document.text[ref.start : end])
        timexes = find_timexes(masked, document.date)
        actor_hits = len(name_rx.findall(masked)) if name_rx else 0
        position = index / max(len(refs) - 1, 1)
        claim = classify_claim(shown, anchor, position, actor_hits, timexes, document.date)
        if claim is not None:
            claims.append(claim)
        event = event_from(shown, anchor, timexes, document.date)
        if event is not None:
            events.append(event)
    return SourceSummary(
        source=document.id,
        actors=tuple(sorted(actors, key=lambda a: a.id)),
        events=tuple(events),
        claims=tuple(claims),
    )
