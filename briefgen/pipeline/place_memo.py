"""Which names are a province spelt another way, kept between builds.

Telling a name's kind tests it against every ISO subdivision of its first letter, the
costliest step of composing a large corpus (a year of news has thousands of names, most
of them back in the next build). The answers are kept under the output folder, filed by
briefgen's code and data and pycountry's version, so a rule or table that changed is
never answered from an old file; only the latest file is kept.
"""

from __future__ import annotations

import logging
from pathlib import Path

from briefgen.core.digest import code_fingerprint, digest_json, installed_version
from briefgen.core.fileio import write_atomic
from briefgen.core.jsontext import pretty_json, read_json
from briefgen.extract.actors import place_name_answers, remember_place_names

log = logging.getLogger(__name__)

PLACE_MEMO = Path(".cache") / "places"  # under the output folder


def _memo_path(out: Path) -> Path:
    key = digest_json([code_fingerprint(), installed_version("pycountry")])[:32]
    return out / PLACE_MEMO / f"{key}.json"


def load_place_memo(out: Path) -> int:
    """Primes this process with the answers kept under `out`; how many there were."""
    try:
        answers = read_json(_memo_path(out))
    except (OSError, ValueError):
        return 0
    if not isinstance(answers, dict):
        return 0
    remember_place_names({str(k): bool(v) for k, v in answers.items()})
    return len(answers)


def save_place_memo(out: Path, known: int) -> None:
    """Keeps this process's answers when it found new ones (`known`: as many as were
    loaded), and drops the files of other code or tables."""
    answers = place_name_answers()
    if len(answers) <= known:
        return
    path = _memo_path(out)
    try:
        write_atomic(path, pretty_json(answers, sort_keys=True).encode())
        for other in path.parent.glob("*.json"):
            if other != path:
                other.unlink(missing_ok=True)
    except OSError as exc:  # only the next build's time is at stake
        log.warning("%s: cannot keep the place-name answers (%s)", path.parent, exc)
