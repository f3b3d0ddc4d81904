"""Fitting a page budget: the fewest statements to cut so a brief fits its pages.

Cutting is monotone (each cut drops one more statement), so the search needs only a few
layouts of the PDF, not one per statement. A layout takes about half a second, so the
search starts from a guess (render/edition.py: the statements whose heights add up to
what the uncut layout put past the budget) and gallops away from it, then halves the
bracket it found: with a good guess, three layouts in all instead of the eight a plain
bisection of the range needs.
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
    guess: Callable[[Rendered], int] | None = None,
) -> tuple[Rendered, int]:
    """`render(cut)` for the smallest cut in [0, most_cuts] whose pages fit, and that cut.

    `guess(uncut)` estimates the cut from the uncut rendering; without it the search
    bisects [0, most_cuts]. When even `most_cuts` does not fit, returns that rendering:
    the caller warns.
    """
    first = render(0)
    if pages(first) <= max_pages or most_cuts == 0:
        return first, 0
    probe = min(max(guess(first) if guess else most_cuts, 1), most_cuts)
    attempt = render(probe)
    step = 1
    if pages(attempt) <= max_pages:
        too_few, enough, best = 0, probe, attempt  # render(too_few) overflows
        while guess and enough - step > too_few:  # gallop down until a cut overflows
            lower = render(enough - step)
            if pages(lower) > max_pages:
                too_few = enough - step
                break
            enough, best = enough - step, lower
            step *= 2
    else:
        too_few = probe
        while True:  # gallop up until a cut fits
            if too_few == most_cuts:
                return attempt, most_cuts
            higher = min(too_few + step, most_cuts)
            attempt = render(higher)
            if pages(attempt) <= max_pages:
                enough, best = higher, attempt
                break
            too_few = higher
            step *= 2
    while enough - too_few > 1:
        middle = (too_few + enough) // 2
        attempt = render(middle)
        if pages(attempt) <= max_pages:
            enough, best = middle, attempt
        else:
            too_few = middle
    return best, enough
