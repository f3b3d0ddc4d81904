"""The roster: actors merged across sources, then corrected by the analyst's curation file.

Two sources' actors are one when, for people, `same_person` accepts their names (a shared
surname is not enough) and, for organisations, `same_organisation` does (spelling variants,
an acronym and its long form, a generic last word left off). An actor that joins two
groups formed so far joins them into one. Counts say how often and in how many sources
each actor is named.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from briefgen.extract.actors import kind_of
from briefgen.extract.names import (
    is_acronym,
    name_key,
    name_tokens,
    organisation_keys,
    same_organisation,
    same_person,
)
from briefgen.model import UNKNOWN_KIND, Actor, ActorRelation, Anchor, SourceSummary
from briefgen.workspace.curation import ActorEdit, Curation


@dataclass
class _Group:
    members: list[Actor] = field(default_factory=list)
    extra_aliases: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)  # name keys split off by the analyst
    rename: str | None = None
    kind: str | None = None

    def names(self) -> set[str]:
        found = {n for a in self.members for n in (a.name, *a.aliases)} | self.extra_aliases
        return {n for n in found if name_key(n) not in self.removed}

    def name_keys(self) -> set[str]:
        return {name_key(n) for n in self.names()}

    def is_person(self) -> bool:
        return any(a.kind == "person" for a in self.members)


@dataclass(frozen=True)
class RosterEntry:
    """An actor of the brief with how many sources name it and how often."""

    actor: Actor
    sources: int
    mentions: int


def _joinable(names: set[str], is_person: bool, actor: Actor) -> bool:
    """True if `actor` is the actor a group with these names (of a person or not) stands for."""
    if (actor.kind == "person") != is_person:
        return False  # a person and an organisation may share a name: never one actor
    if actor.kind == "person":
        return any(same_person(actor.name, n) for n in names)
    return any(same_organisation(a, n) for a in (actor.name, *actor.aliases) for n in names)


class _GroupIndex:
    """The groups formed so far, found by keys of their names.

    Every pair `_joinable` accepts shares a key, so only the groups filed under the
    actor's keys are tried, in the order they were formed; comparing each actor with every
    group was quadratic. People: `same_person` needs the same first word or the same
    words in any order; organisations: a shared name key.
    """

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self._by_key: dict[str, list[int]] = {}
        # Each group's names, kept as members join: a group of thousands of mentions
        # would otherwise be walked again for every actor tried against it.
        self._names: list[set[str]] = []
        self._person: list[bool] = []  # set by the actor that forms the group

    @staticmethod
    def _keys(actor: Actor, names: tuple[str, ...], asking: bool) -> set[str]:
        if actor.kind != "person":
            return {k for n in names for k in organisation_keys(n)[asking]}
        tokens = [name_tokens(n) for n in names]
        return {f"p:{t[0]}" for t in tokens if t} | {"w:" + " ".join(sorted(t)) for t in tokens}

    def add(self, actor: Actor) -> None:
        """Files the actor with the groups it joins (made one), or in a group of its own."""
        # A person is compared by its name alone (`_joinable`); a group is filed by all.
        names = (actor.name, *actor.aliases)
        keys = self._keys(actor, names, asking=False)
        wanted = self._keys(actor, (actor.name,) if actor.kind == "person" else names, True)
        candidates = sorted({i for k in wanted for i in self._by_key.get(k, ())})
        joined = [
            i
            for i in candidates
            if self.groups[i].members and _joinable(self._names[i], self._person[i], actor)
        ]
        if actor.kind == "person":
            joined = joined[:1]  # "same person" is not transitive: one group only
        if not joined:
            target = len(self.groups)
            self.groups.append(_Group([actor]))
            self._names.append(set())
            self._person.append(actor.kind == "person")
        else:
            target = joined[0]
            self.groups[target].members.append(actor)
            for other in joined[1:]:  # the actor shows two groups are one
                self.groups[target].members.extend(self.groups[other].members)
                self.groups[other].members = []
                self._names[target] |= self._names[other]
                keys |= self._keys(actor, tuple(self._names[other]), asking=False)
        self._names[target].update(names)
        for key in keys:
            filed = self._by_key.setdefault(key, [])
            if not filed or filed[-1] != target:
                filed.append(target)


def build_roster(
    summaries: list[SourceSummary], curation: Curation | None = None
) -> tuple[list[RosterEntry], list[str]]:
    """The merged actors, best-attested first, and warnings for stale curation entries."""
    curation = curation or Curation()
    index = _GroupIndex()
    for summary in summaries:
        for actor in summary.actors:
            index.add(actor)
    groups = [g for g in index.groups if g.members]
    warnings = []
    for edit in curation.actor_edits:
        problem = _apply(edit, groups)
        if problem:
            warnings.append(f"{edit.where}: {problem}; fix or remove this curation entry")
    # A name no source gives a kind stays out of the brief.
    entries = [_entry(g) for g in groups if any(a.kind != UNKNOWN_KIND for a in g.members)]
    entries.sort(key=lambda e: (-e.sources, -e.mentions, e.actor.name))
    return entries, warnings


def _find(groups: list[_Group], name: str) -> _Group | None:
    key = name_key(name)
    return next((g for g in groups if key in g.name_keys()), None)


def _apply(edit: ActorEdit, groups: list[_Group]) -> str | None:
    """Applies one edit; returns why it is stale, or None."""
    missing = [n for n in edit.names if _find(groups, n) is None]
    if missing:
        return f"no actor named {', '.join(repr(n) for n in missing)} in the sources"
    first = _find(groups, edit.names[0])
    assert first is not None
    if edit.action == "drop":
        groups.remove(first)
    elif edit.action == "merge":
        for name in edit.names[1:]:
            other = _find(groups, name)
            if other is not None and other is not first:
                first.members.extend(other.members)
                first.extra_aliases |= other.extra_aliases
                groups.remove(other)
        first.rename = first.rename or edit.names[0]
    elif edit.action == "split":
        return _split(first, edit.names[0], groups)
    else:
        for alias in edit.aliases:
            other = _find(groups, alias)
            if other is not None and other is not first:
                first.members.extend(other.members)
                groups.remove(other)
            first.extra_aliases.add(alias)
        first.rename = edit.rename or first.rename
        first.kind = edit.kind or first.kind
    return None


def _split(group: _Group, name: str, groups: list[_Group]) -> str | None:
    key = name_key(name)
    if group.name_keys() == {key}:
        return f"{name!r} is the only name of its actor, so there is nothing to split"
    group.removed.add(key)
    mentions = tuple(m for a in group.members for m in a.mentions if name_key(m.quote) == key)
    for index, actor in enumerate(group.members):
        group.members[index] = replace(
            actor, mentions=tuple(m for m in actor.mentions if name_key(m.quote) != key)
        )
    kind = next((a.kind for a in group.members), "person")
    groups.append(
        _Group(
            [Actor(id="actor-" + key.replace(" ", "-"), name=name, kind=kind, mentions=mentions)]
        )
    )
    return None


def _entry(group: _Group) -> RosterEntry:
    members = group.members
    best = max(members, key=lambda a: (len(a.mentions), len(a.name), a.name))
    name = group.rename or best.name
    if not group.rename and best.kind != "person" and is_acronym(name):
        # A profile goes by the long form its acronym stands for, when a source gives it.
        long_forms = [n for n in group.names() if not is_acronym(n) and same_organisation(n, name)]
        name = max(sorted(long_forms), key=len, default=name)
    kinds: Counter[str] = Counter()
    for actor in members:
        if actor.kind != UNKNOWN_KIND:
            kinds[actor.kind] += max(len(actor.mentions), 1)
    mentions: tuple[Anchor, ...] = tuple(m for a in members for m in a.mentions)
    # The kind its own name says ("... Movement") before the one most mentions had.
    named = kind_of(name)
    actor = Actor(
        id="actor-" + name_key(name).replace(" ", "-"),
        name=name,
        kind=group.kind
        or (named if named in kinds else None)
        or max(sorted(kinds), key=lambda k: kinds[k]),
        # An alias differing only in case ("NORVALD" in a dateline) is no other name.
        aliases=tuple(sorted(n for n in group.names() if n.casefold() != name.casefold())),
        roles=tuple(r for a in members for r in a.roles),
        mentions=mentions,
        descriptions=tuple(d for a in members for d in a.descriptions),
    )
    return RosterEntry(actor, len({m.source for m in mentions}), len(mentions))


def roster_relations(
    roster: list[RosterEntry], summaries: list[SourceSummary]
) -> dict[str, tuple[ActorRelation, ...]]:
    """Each actor's relations to others, by actor id, the sentences stating each cited.

    A source names the actors of a relation as it names them; a name two actors of the
    roster share is too ambiguous to resolve, and its relations are left out. "Negotiates
    with" is told from both sides.
    """
    owners: dict[str, set[str]] = {}
    for entry in roster:
        for name in (entry.actor.name, *entry.actor.aliases):
            owners.setdefault(name_key(name), set()).add(entry.actor.id)
    found: dict[tuple[str, str, str], list[Anchor]] = {}
    for summary in summaries:
        for relation in summary.relations:
            subject = owners.get(name_key(relation.subject), set())
            other = owners.get(name_key(relation.object), set())
            if len(subject) != 1 or len(other) != 1 or subject == other:
                continue
            pairs = [(next(iter(subject)), next(iter(other)))]
            if relation.kind == "negotiates_with":
                pairs.append(pairs[0][::-1])
            for a, b in pairs:
                anchors = found.setdefault((a, relation.kind, b), [])
                if relation.anchor not in anchors:
                    anchors.append(relation.anchor)
    by_actor: dict[str, list[ActorRelation]] = {}
    for (a, kind, b), anchors in sorted(found.items(), key=lambda item: (-len(item[1]), item[0])):
        by_actor.setdefault(a, []).append(ActorRelation(kind, b, tuple(anchors)))
    return {actor: tuple(relations) for actor, relations in by_actor.items()}
