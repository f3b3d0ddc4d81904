"""Scaling corpora for the benchmarks: N documents made from the shipped seeds.

Document i is seed i mod 5 with its body paragraphs shuffled and the people's names
permuted: given names among given names and family names among family
names, so the corpus names many more people than the seeds do and no two files are
byte copies. The people are the ones briefgen itself finds in the seeds, so the
generator works on any seed folder. Each file gets a catalogue entry of its own (the
seed's, with a numbered title), so the bibliography lists N works.

    python3 benchmarks/corpora.py 100 /tmp/ws100   # a workspace: corpus/ and briefs/
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefgen.extract import summarize  # noqa: E402
from briefgen.ingest import ingest_document  # noqa: E402
from briefgen.workspace.catalogue import load_catalogue  # noqa: E402

SEEDS = REPO / "seeds"
_LONG = 200  # characters: a body paragraph, not a heading, byline or caption


def seed_people(seeds: Path = SEEDS) -> tuple[list[str], list[str]]:
    """The given and family names of the people briefgen finds in the seeds."""
    given: set[str] = set()
    family: set[str] = set()
    for entry in load_catalogue(seeds):
        for actor in summarize(ingest_document(entry)).actors:
            parts = actor.name.split()
            if actor.kind == "person" and len(parts) >= 2 and all(p.isalpha() for p in parts):
                given.add(parts[0])
                family.add(parts[-1])
    return sorted(given), sorted(family - given)


def _permutation(names: list[str], rng: random.Random) -> dict[str, str]:
    shuffled = names[:]
    rng.shuffle(shuffled)
    return dict(zip(names, shuffled, strict=True))


def vary(text: str, given: list[str], family: list[str], rng: random.Random) -> str:
    """The text with its body paragraphs in another order and its people renamed.

    The header (the blocks before the first long paragraph: title, byline, date) stays
    as it is, so the file still states what its catalogue entry says; the long paragraphs
    trade places among themselves, so headings, captions and comments keep their spots.
    """
    blocks = re.split(r"\n\s*\n", text.strip())
    first_long = next((i for i, b in enumerate(blocks) if len(b) >= _LONG), len(blocks))
    header, body = blocks[:first_long], blocks[first_long:]
    slots = [i for i, block in enumerate(body) if len(block) >= _LONG]
    moved = [body[i] for i in slots]
    rng.shuffle(moved)
    for slot, block in zip(slots, moved, strict=True):
        body[slot] = block
    mapping = {**_permutation(given, rng), **_permutation(family, rng)}
    renamed = "\n\n".join(body)
    if mapping:
        names = sorted(mapping, key=len, reverse=True)
        rx = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
        renamed = rx.sub(lambda m: mapping[m[0]], renamed)
    return "\n\n".join([*header, renamed]) + "\n"


def generate(count: int, workspace: Path, seeds: Path = SEEDS, seed: int = 0) -> Path:
    """Writes `workspace`/corpus (count documents and their catalogue) and a brief spec
    building both audiences from it; returns the workspace."""
    corpus = workspace / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    entries = load_catalogue(seeds)
    given, family = seed_people(seeds)
    references: list[dict[str, Any]] = []
    for index in range(count):
        entry = entries[index % len(entries)]
        rng = random.Random(seed * 1_000_003 + index)
        name = f"doc{index:04d}{entry.path.suffix}"
        text = entry.path.read_text(encoding="utf-8")
        (corpus / name).write_text(vary(text, given, family, rng), encoding="utf-8")
        csl = {k: v for k, v in entry.csl.items() if k not in ("id", "title-short")}
        csl["title"] = f"{csl.get('title', entry.path.stem)} (variant {index + 1})"
        references.append({"id": f"doc{index:04d}", "file": name, **csl})
    (corpus / "sources.yaml").write_text(
        yaml.safe_dump({"references": references}, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    briefs = workspace / "briefs"
    briefs.mkdir(exist_ok=True)
    spec = yaml.safe_load((REPO / "briefs" / "pakistan-ttp.yaml").read_text(encoding="utf-8"))
    spec.update(corpus="../corpus", subtitle=f"Benchmark corpus of {count} documents")
    (briefs / "bench.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return workspace


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {sys.argv[2]}/corpus ({sys.argv[1]} documents) and briefs/bench.yaml")
