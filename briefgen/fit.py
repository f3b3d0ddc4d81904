"""Fitting a page budget: the fewest statements to cut so a brief fits its pages.

Cutting is monotone (each cut drops one more statement), so a binary search over the
number of cuts needs only a few layouts of the PDF, not one per statement.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

Rendered = TypeVar("Rendered")


def fit_pages(
    render: Callable[[int], Rendered],
    pages: Callable[[Rendered], int],
    max_pages: int,
    most_cuts: int,
) -> tuple[Rendered, int]:
    """`render(cut)` for the smallest cut in [0, most_cuts] whose pages fit, and that cut.

    When even `most_cuts` does not fit, returns that rendering: the caller warns.
    """
    first = render(0)
    if pages(first) <= max_pages or most_cuts == 0:
        return first, 0
    smallest = render(most_cuts)
    if pages(smallest) > max_pages:
        return smallest, most_cuts
    too_few, enough = 0, most_cuts  # render(too_few) overflows, render(enough) fits
    best = smallest
    while enough - too_few > 1:
        middle = (too_few + enough) // 2
        attempt = render(middle)
        if pages(attempt) <= max_pages:
            enough, best = middle, attempt
        else:
            too_few = middle
    return best, enough
