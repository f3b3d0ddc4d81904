"""The roster: actors merged across sources, then corrected by the analyst's curation file.

Two sources' actors are one when they share a name or alias under the name key (e.g. an
acronym) and, for people, when `same_person` accepts their names: a shared surname is not
enough. Counts say how often and in how many sources each actor is named.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from briefgen.extract.names import name_key, name_tokens, same_person
from briefgen.model import Actor, Anchor, SourceSummary
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
    return bool({name_key(n) for n in (actor.name, *actor.aliases)} & {name_key(n) for n in names})


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
    def _keys(actor: Actor, names: tuple[str, ...]) -> set[str]:
        if actor.kind != "person":
            return {f"o:{name_key(n)}" for n in names}
        tokens = [name_tokens(n) for n in names]
        return {f"p:{t[0]}" for t in tokens if t} | {"w:" + " ".join(sorted(t)) for t in tokens}

    def add(self, actor: Actor) -> None:
        """Files the actor with the first group it joins, or in a group of its own."""
        # A person is compared by its name alone (`_joinable`); a group is filed by all.
        asked = (actor.name,) if actor.kind == "person" else (actor.name, *actor.aliases)
        keys = self._keys(actor, (actor.name, *actor.aliases))
        wanted = self._keys(actor, asked)
        candidates = sorted({i for k in wanted for i in self._by_key.get(k, ())})
        target = next(
            (i for i in candidates if _joinable(self._names[i], self._person[i], actor)),
            None,
        )
        if target is None:
            target = len(self.groups)
            self.groups.append(_Group([actor]))
            self._names.append(set())
            self._person.append(actor.kind == "person")
        else:
            self.groups[target].members.append(actor)
        self._names[target].update((actor.name, *actor.aliases))
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
    groups = index.groups
    warnings = []
    for edit in curation.actor_edits:
        problem = _apply(edit, groups)
        if problem:
            warnings.append(f"{edit.where}: {problem}; fix or remove this curation entry")
    entries = [_entry(g) for g in groups if g.members]
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
    kinds: Counter[str] = Counter()
    for actor in members:
        kinds[actor.kind] += max(len(actor.mentions), 1)
    mentions: tuple[Anchor, ...] = tuple(m for a in members for m in a.mentions)
    actor = Actor(
        id="actor-" + name_key(name).replace(" ", "-"),
        name=name,
        kind=group.kind or max(sorted(kinds), key=lambda k: kinds[k]),
        aliases=tuple(sorted(group.names() - {name})),
        roles=tuple(r for a in members for r in a.roles),
        mentions=mentions,
    )
    return RosterEntry(actor, len({m.source for m in mentions}), len(mentions))
