"""Events: dated sentences with an event cue, typed and linked to the actors they name.

The event's date is the temporal expression nearest the cue ("killed" in "On August 7,
2022, a commander ... was killed"), not the first date the sentence mentions; dates
after the document's own are plans or forecasts, not events.
"""

from __future__ import annotations

import re
from functools import cache

from briefgen.core.timex import Timex
from briefgen.data import load_data
from briefgen.model import Anchor, Event, PartialDate


@cache
def _event_cues() -> list[tuple[str, re.Pattern[str]]]:
    data = load_data("lexicon.yaml")["event_types"]
    return [
        (kind, re.compile(r"\b(" + "|".join(re.escape(c) for c in cues) + r")\b", re.I))
        for kind, cues in data.items()
    ]


def event_kinds() -> list[str]:
    """The event types of the lexicon, in priority order."""
    return [kind for kind, _ in _event_cues()]


def event_from(
    masked: str,
    shown: str,
    anchor: Anchor,
    timexes: list[Timex],
    document_date: PartialDate | None,
    participants: tuple[str, ...] = (),
) -> Event | None:
    """A timeline event if a sentence is dated (not after its document) and has a cue.

    `masked` is the shown sentence with references blanked (the timexes' offsets refer
    to it); `shown` the text the event displays.
    """
    dated = [t for t in timexes if document_date is None or not t.date.is_after(document_date)]
    if not dated:
        return None
    typed = next(((k, m) for k, rx in _event_cues() if (m := rx.search(masked))), None)
    if typed is None:
        return None
    kind, cue = typed
    nearest = min(
        dated,
        key=lambda t: (
            min(abs(t.start - cue.end()), abs(t.end - cue.start())),
            -len(t.date.known()),
        ),
    )
    return Event(
        date=nearest.date,
        kind=kind,
        text=shown,
        anchor=anchor,
        end=nearest.end_date,
        participants=participants,
    )
