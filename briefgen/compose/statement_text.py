"""Statement text as the brief shows it: a source's own words, cut with an ellipsis."""

from __future__ import annotations


def trim(text: str, max_words: int = 60) -> str:
    """The first `max_words` words of `text`, with " …" where words were cut."""
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]) + " …"
