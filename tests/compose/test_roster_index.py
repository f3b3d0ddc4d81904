"""The roster's group index finds an organisation's groups by their keys: the same groups,
in the same order, as comparing the organisation with every name of every group."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.compose.roster import _GroupIndex, _joinable
from briefgen.model import Actor

# Names that meet in every way `same_organisation` knows: a name and its acronym, a
# generic last word left off, a hyphenated tail, transliterations alike in consonants.
_NAMES = [
    "Hill Front",
    "Hill Front Province",
    "HF",
    "HF-EP",
    "Hill Front Movement",
    "Jamaat-e-Mohammed",
    "Jamaat-e-Muhammed",
    "Jamaat Mohammed",
    "JeM",
    "Ruritanian State Security Service",
    "State Security Service",
    "SSS",
    "Coast Guard",
    "Coast Guards",
    "CG",
    "Harbour Authority",
    "Harbor Authority",
    "Basin Council",
]

_ACTORS = st.builds(
    lambda name, aliases, kind: Actor(id=name, name=name, kind=kind, aliases=tuple(aliases)),
    st.sampled_from(_NAMES),
    st.lists(st.sampled_from(_NAMES), max_size=2, unique=True),
    st.sampled_from(["organisation", "movement", "state"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ACTORS, min_size=1, max_size=12))
def test_an_organisation_joins_by_keys_exactly_as_by_names(actors: list[Actor]) -> None:
    index = _GroupIndex()
    for actor in actors:
        for group, members in enumerate(index.groups):
            if members.members:
                expected = _joinable(index._names[group], index._person[group], actor)
                assert index._joins(group, actor) == expected, (actor, index._names[group])
        index.add(actor)
