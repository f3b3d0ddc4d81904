"""Selection: the claims a section shows, by salience, without saying one thing twice.

Maximal Marginal Relevance (Carbonell & Goldstein 1998): a claim too similar to one
already chosen is not added again but lends that statement its anchor, so the brief shows
corroboration instead of repeating itself; claims elsewhere in the sources that contradict
a pick are attached to it. No source may fill more than a fair share of a section.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from briefgen.compose.corroboration import DUPLICATE_SIMILARITY, contradiction, similarity
from briefgen.compose.statement_ids import statement_id
from briefgen.compose.statement_text import trim
from briefgen.model import Anchor, Claim, Conflict, Statement


@dataclass
class _Pick:
    """A selected claim with the anchors that corroborate or contradict it."""

    claim: Claim
    anchors: list[Anchor]
    conflicts: list[Conflict]
    # Sets beside the list: a claim many sources repeat has thousands of anchors, and
    # scanning the list for every other claim made the selection quadratic.
    cited: set[Anchor] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)

    def cite(self, anchor: Anchor) -> None:
        self.anchors.append(anchor)
        self.cited.add(anchor)
        self.sources.add(anchor.source)


def select(
    claims: list[Claim],
    limit: int,
    everything: list[Claim],
    exempt: frozenset[Anchor] = frozenset(),
    duplicate: float = DUPLICATE_SIMILARITY,
) -> list[_Pick]:
    """Top claims by salience (MMR): near-duplicates fold into the first as extra anchors,
    and claims elsewhere in the sources that contradict a pick are attached to it.

    No source may fill more than a fair share of a section, so one long report cannot
    crowd out the others (`exempt` claims aside). Claims at least `duplicate` alike are
    one claim.
    """
    sources = {c.anchor.source for c in claims}
    per_source = max(2, -(-limit // max(len(sources), 1)) + 1)
    used: dict[str, int] = defaultdict(int)
    chosen: list[_Pick] = []
    # `exempt` claims (a story's elements) are chosen whatever their source's share.
    for claim in sorted(claims, key=lambda c: (-c.score, c.anchor.source, c.anchor.start)):
        twin = next(
            (p for p in chosen if similarity(p.claim.text, claim.text) >= duplicate),
            None,
        )
        if twin is not None:
            if claim.anchor.source not in twin.sources:
                twin.cite(claim.anchor)
            continue
        fair = used[claim.anchor.source] < per_source or claim.anchor in exempt
        if len(chosen) < limit and fair:
            used[claim.anchor.source] += claim.anchor not in exempt
            pick = _Pick(claim, [], [])
            for anchor in claim.quoted():  # the quoted sentences first, then antecedents
                pick.cite(anchor)
            chosen.append(pick)
    for pick in chosen:
        for other in everything:
            if other.anchor.source == pick.claim.anchor.source or other.anchor in pick.cited:
                continue
            reason = contradiction(
                pick.claim.text, other.text, pick.claim.likelihood, other.likelihood
            )
            if reason is not None and len(pick.conflicts) < 2:
                pick.cite(other.anchor)
                pick.conflicts.append(Conflict(f"{reason}: “{trim(other.text, 30)}”", other.anchor))
    return chosen


def claim_statements(
    claims: list[Claim],
    limit: int,
    prefix: str,
    everything: list[Claim],
    dated: bool = False,
    exempt: frozenset[Anchor] = frozenset(),
    duplicate: float = DUPLICATE_SIMILARITY,
) -> list[Statement]:
    """The selected claims as statements, best first; `dated` gives each the date its
    sentence states (a story told in date order shows them)."""
    return [
        Statement(
            id=statement_id(prefix, pick.claim.anchor),
            text=pick.claim.text,
            citations=tuple(pick.anchors),
            edits=pick.claim.quoting.edits,
            quoted=len(pick.claim.quoting.lead) + 1,
            date=pick.claim.date if dated else None,
            likelihood=pick.claim.likelihood,
            conflicts=tuple(pick.conflicts),
        )
        for pick in select(claims, limit, everything, exempt, duplicate)
    ]
