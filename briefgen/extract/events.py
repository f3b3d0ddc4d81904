"""Events: dated sentences that say something happened, typed and linked to the actors
they name.

An event's type is the first of the lexicon's kinds whose cue the sentence has, and its
date the temporal expression nearest that cue ("killed" in "On August 7, 2022, a commander
... was killed"), not the first date the sentence mentions. A date that opens a span or
background ("since 2014", "until 2009", "throughout 2013", "from 2013 onwards") is not an
event's date, and a date that dates a report or an
interview ("in an interview in November 2021, he said the group killed ...", "a UN
report of July 2020") dates no event: what it reports happened at another time. Dates after the
document's own are plans or forecasts, not events. A sentence with no cue still reports an
event when it dates something to the day ("Officials met on Wednesday"), as news does.
"""

from __future__ import annotations

import re
from functools import cache

from briefgen.core.timex import Timex
from briefgen.data import cue_pattern, load_data
from briefgen.model import Anchor, Event, PartialDate, Zone

# The kind of an event that no cue types: something dated to the day.
UNTYPED = "event"
# Words that make the date after them a span's start or end, or a background's.
_SPAN_BEFORE = re.compile(
    r"\b(?:since|until|till|through|throughout|over|ever since|as of|after|before|prior to|by"
    r"|post|pre)\s+"
    r"(?:(?:the\s+)?(?:early|mid|late|beginning of|end of|start of|middle of)[- ]\s*)?$",
    re.I,
)
# "since its resurgence in 2020": a span from a date a few words after "since", unless those
# words name the founding act itself ("since its founding in 2007" dates the founding).
_SINCE_PHRASE = re.compile(r"\bsince\s+((?:[\w’'-]+\s+){1,3})(?:in\s+)?$", re.I)
_FOUNDING_ACT = re.compile(
    r"\b(?:founding|formation|creation|establishment|inception|launch|signing|takeover|fall)\b",
    re.I,
)
_SPAN_AFTER = re.compile(r"\s*(?:onwards?|and after|and beyond|and later)\b", re.I)
# A report, interview or statement the date belongs to: "in an interview in 2021", "a
# report published on 3 May", "a statement dated ...".
_REPORTING_BEFORE = re.compile(
    r"\b(?:interview|report|statement|study|paper|article|analysis|op-ed|speech|briefing|"
    r"press conference|testimony|podcast|video|audio message)s?\b[^.;:]{0,30}$"
    r"|\btold (?:me|us|the author|this writer)\b[^.;:]{0,10}$",
    re.I,
)


class _KindCues:
    """One event kind's cues: phrases any of which types a sentence, and groups of word
    lists of which a sentence must use one word each ("released" types a prisoner
    release only beside "prisoners" or "hostages": a report or a film is released too)."""

    def __init__(self, cues: list[str | list[list[str]]]) -> None:
        phrases = [c for c in cues if isinstance(c, str)]
        self._phrases = _words_pattern(phrases) if phrases else None
        self._together = [
            [_words_pattern(words) for words in group] for group in cues if isinstance(group, list)
        ]

    def search(self, text: str) -> re.Match[str] | None:
        """The earliest cue that types `text` (of a group, its first list's word), or None."""
        found = self._phrases.search(text) if self._phrases else None
        for group in self._together:
            matches = [pattern.search(text) for pattern in group]
            first = matches[0]
            if first is None or not all(matches):
                continue
            if found is None or first.start() < found.start():
                found = first
        return found


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


@cache
def _event_cues() -> list[tuple[str, _KindCues]]:
    data = load_data("lexicon.yaml")["event_types"]
    return [(kind, _KindCues(cues)) for kind, cues in data.items()]


def kinds_named(text: str) -> set[str]:
    """The event kinds whose cue words `text` uses ("peace talks" names talks)."""
    return {kind for kind, cues in _event_cues() if cues.search(text)}


def is_point_date(masked: str, timex: Timex) -> bool:
    """Whether a date dates something that happened then, not a span's edge or background."""
    if _SPAN_AFTER.match(masked[timex.end : timex.end + 20]):
        return False
    before = masked[max(0, timex.start - 40) : timex.start]
    since = _SINCE_PHRASE.search(before)
    if since and not _FOUNDING_ACT.search(since[1]):
        return False
    return _SPAN_BEFORE.search(before) is None


def event_from(
    masked: str,
    shown: str,
    anchor: Anchor,
    timexes: list[Timex],
    document_date: PartialDate | None,
    participants: tuple[str, ...] = (),
) -> Event | None:
    """A timeline event if a sentence dates something it reports (not after its document).

    `masked` is the shown sentence with references blanked (the timexes' offsets refer
    to it); `shown` the text the event displays.
    """
    if cue_pattern("sentence_furniture").search(masked):
        return None  # a saved page's header or share bar run into the sentence
    if _QUESTION.search(shown):
        return None  # a question asks; it reports nothing that happened
    dated = [
        t
        for t in timexes
        if (document_date is None or not _after(t.date, document_date)) and is_point_date(masked, t)
    ]
    if not dated:
        return None
    # The kind the lexicon lists first wins ("The ceasefire agreed in November 2021
    # collapsed" is a ceasefire, dated), and its date is the one nearest its cue.
    typed = next(((k, m) for k, rx in _event_cues() if (m := rx.search(masked))), None)
    if typed is not None:
        kind, cue = typed
        nearest = min(dated, key=lambda t: (_distance(t, cue), -len(t.date.known())))
    else:
        # Untyped: only body text that dates something to the day and says more than the
        # date (a reference list's "3 October 2016." is no event).
        days = [t for t in dated if t.date.day is not None and t.end_date is None]
        if not days or anchor.zone is not Zone.BODY or _words_beside(masked, days[0]) < 5:
            return None
        kind, nearest = UNTYPED, days[0]
    if _REPORTING_BEFORE.search(masked[max(0, nearest.start - 50) : nearest.start]):
        return None  # the date is a report's or an interview's, not the event's it reports
    return Event(
        date=nearest.date,
        kind=kind,
        text=shown,
        anchor=anchor,
        end=nearest.end_date,
        participants=participants,
    )


# Where in its year a part of it falls, by month: "late 2017" is after a January document.
_PART_STARTS = {"mid": 5, "late": 9, "summer": 6, "autumn": 9, "winter": 12}


def _after(date: PartialDate, document_date: PartialDate) -> bool:
    """Whether `date` lies after the document's date: a plan or a forecast."""
    if date.is_after(document_date):
        return True
    start = _PART_STARTS.get(date.part or "")
    return (
        date.month is None
        and start is not None
        and date.year == document_date.year
        and document_date.month is not None
        and document_date.month < start
    )


def _words_beside(masked: str, timex: Timex) -> int:
    return len(re.findall(r"\w+", masked[: timex.start] + " " + masked[timex.end :]))


# A sentence that ends in a question mark, after any closing quotes or brackets.
_QUESTION = re.compile(r"\?[”\"’')\]]*\s*$")

# CSL types whose lead sentences report the news of their day.
NEWS_TYPES = frozenset({"article-newspaper", "broadcast"})
LEAD_SENTENCES = 2


def lead_event(
    masked: str,
    shown: str,
    anchor: Anchor,
    published: PartialDate,
    participants: tuple[str, ...] = (),
) -> Event | None:
    """A news story's lead sentence, undated, as the event of its publication day: news
    leads with what just happened ("the company has agreed to set aside ..."). Only for a
    sentence that names no date of its own (that one is dated by `event_from`)."""
    if published.day is None or len(masked.split()) < 6 or _QUESTION.search(shown):
        return None
    if cue_pattern("sentence_furniture").search(masked):
        return None
    kind = next((k for k, rx in _event_cues() if rx.search(masked)), UNTYPED)
    return Event(date=published, kind=kind, text=shown, anchor=anchor, participants=participants)


def _distance(timex: Timex, cue: re.Match[str]) -> int:
    return min(abs(timex.start - cue.end()), abs(timex.end - cue.start()))
