"""Benchmark the possible-duplicates list (desk.ingest.duplicates): is its top right, and does
it stay fast on a large desk?

Goals (issue 14, point 4):

1. **Precision at the top 20 >= 0.9** on the labelled pairs of
   ``benchmarks/duplicates/labelled_pairs.toml`` (38 true duplicates, 33 look-alikes such as
   "Kim Jong-un" / "Kim Yo-jong"): every name becomes an actor, the whole set is ranked, and a
   pair in the top 20 counts as right if its two names are one actor by the labels (directly or
   through other labelled duplicates), wrong otherwise (an unlabelled pair counts as wrong).
   Also printed: how many labelled duplicates are offered at all (recall) and how many
   look-alikes are offered (each would be a wrong suggestion somewhere in the list).
2. **Blocking keeps it near-linear: ranking 50,000 actors takes <= 6x ranking 12,500**, the
   reference measured in the same run (comparing every pair would take 16x; linear is 4x).
   Medians of three runs of CPU time (``time.process_time``: the machine is shared); the
   absolute seconds are printed too.

Run with ``.venv/bin/python benchmarks/duplicates_benchmark.py``.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk.ingest.duplicates import DuplicatePair, name_form, rank_duplicates  # noqa: E402

LABELS = ROOT / "benchmarks" / "duplicates" / "labelled_pairs.toml"
GOAL_PRECISION = 0.9
TOP = 20
GOAL_SCALING = 6.0
SMALL, LARGE = 12_500, 50_000
RUNS = 3


@dataclass(frozen=True)
class Actor:
    id: int
    name: str
    kind: str
    title: str | None
    country: str | None
    aliases: tuple[str, ...] = ()


class Identities:
    """Union-find over names: two names are one actor if labelled duplicates connect them."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, name: str) -> str:
        self.parent.setdefault(name, name)
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def labelled() -> tuple[list[Actor], Identities, list[dict[str, object]]]:
    pairs = tomllib.loads(LABELS.read_text(encoding="utf-8"))["pair"]
    actors: dict[tuple[str, str, str | None], Actor] = {}
    identities = Identities()
    for pair in pairs:
        kind = str(pair.get("kind", "person"))
        for side in ("a", "b"):
            name, _, country = str(pair[side]).partition("/")
            key = (name, kind, country or None)
            if key not in actors:
                actors[key] = Actor(len(actors) + 1, name, kind, None, country or None)
            identities.find(name)
        if pair["same"]:
            identities.join(str(pair["a"]).partition("/")[0], str(pair["b"]).partition("/")[0])
    return list(actors.values()), identities, pairs


def precision_at_top(ranked: list[DuplicatePair], identities: Identities) -> tuple[float, list]:
    top = ranked[:TOP]
    wrong = [
        pair
        for pair in top
        if identities.find(pair.first.name) != identities.find(pair.second.name)
    ]
    return (len(top) - len(wrong)) / max(len(top), 1), wrong


def offered_counts(ranked: list[DuplicatePair], pairs: list[dict[str, object]]) -> tuple[int, int]:
    offered = {frozenset((pair.first.name, pair.second.name)) for pair in ranked}
    names = [
        (frozenset(str(p[s]).partition("/")[0] for s in ("a", "b")), bool(p["same"])) for p in pairs
    ]
    duplicates = sum(1 for key, same in names if same and key in offered)
    lookalikes = sum(1 for key, same in names if not same and key in offered)
    return duplicates, lookalikes


# -- scale --------------------------------------------------------------------------------------
CONSONANTS = [
    "",
    "b",
    "ch",
    "d",
    "g",
    "h",
    "j",
    "k",
    "kh",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "sh",
    "t",
    "ts",
    "v",
    "y",
    "z",
]
VOWELS = ["a", "e", "i", "o", "u", "ya", "ae", "eo", "ui", "ai"]
CODAS = ["", "", "", "n", "ng", "l", "k", "r", "v", "m"]
SYLLABLES = [c + v + k for c in CONSONANTS for v in VOWELS for k in CODAS]
BODIES = ["Ministry", "Council", "Agency", "Committee", "Office", "Service", "Bureau", "Party"]
TOPICS = ["Defence", "Foreign Affairs", "Security", "Trade", "Energy", "Information", "Justice"]
STATES = ["Russia", "Korea", "Iran", "China", "Japan", "Syria", "Egypt", "Belarus", "Ukraine"]


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic(count: int, seed: int = 7) -> list[Actor]:
    """A desk of ``count`` actors: people (a fifth of them surnamed Kim, Ri, Pak or Choe, whose
    given names are two hyphenated syllables), bodies of a few states, aliases that write the
    name another way, and one actor in fifty entered twice, written another way."""
    rng = random.Random(seed)
    surnames = [word(rng, 2) for _ in range(5000)]
    actors: list[Actor] = []
    while len(actors) < count:
        actor_id = len(actors) + 1
        if rng.random() < 0.15:
            body = f"{rng.choice(BODIES)} of {rng.choice(TOPICS)} of {rng.choice(STATES)}"
            actors.append(Actor(actor_id, f"{word(rng, 2)} {body}", "organization", None, None))
            continue
        if rng.random() < 0.2:
            surname = rng.choice(["Kim", "Kim", "Ri", "Pak", "Choe"])
            given = f"{word(rng, 1)}-{word(rng, 1).lower()}"
        else:
            surname, given = rng.choice(surnames), word(rng, rng.choice((2, 3)))
        name = f"{given} {surname}" if rng.random() < 0.5 else f"{surname} {given}"
        aliases = (name.replace("-", " ").upper(),) if rng.random() < 0.3 else ()
        actors.append(Actor(actor_id, name, "person", None, None, aliases))
        if rng.random() < 0.02 and len(actors) < count:
            twin = name.replace("-", "").replace("o", "ou", 1)
            actors.append(Actor(actor_id + 1, twin, "person", None, None))
    return actors


def timed(actors: list[Actor]) -> tuple[float, int]:
    name_form.cache_clear()  # each run folds every name again, as a fresh process would
    started = time.process_time()  # CPU time: what this process spent, whatever else runs
    found = rank_duplicates(actors)
    return time.process_time() - started, len(found)


def main() -> int:
    actors, identities, pairs = labelled()
    ranked = rank_duplicates(actors)
    precision, wrong = precision_at_top(ranked, identities)
    duplicates, lookalikes = offered_counts(ranked, pairs)
    total_same = sum(1 for p in pairs if p["same"])
    print(
        f"labelled pairs: {len(pairs)} ({total_same} duplicates, {len(pairs) - total_same} "
        f"look-alikes) over {len(actors)} actors; {len(ranked)} pairs offered"
    )
    verdict = "PASS" if precision >= GOAL_PRECISION else "MISS"
    print(f"precision at the top {TOP}: {precision:.2f} (goal >= {GOAL_PRECISION}) {verdict}")
    for pair in wrong:
        print(f"  wrong in the top: {pair.first.name} / {pair.second.name} ({pair.score:.0f})")
    print(
        f"labelled duplicates offered: {duplicates}/{total_same} (recall "
        f"{duplicates / total_same:.2f}); look-alikes offered: {lookalikes}/"
        f"{len(pairs) - total_same}"
    )
    for pair in ranked[:TOP]:
        print(f"  {pair.score:5.1f}  {pair.first.matched} / {pair.second.matched}  ({pair.reason})")

    small, large = synthetic(SMALL), synthetic(LARGE)
    small_runs = [timed(small) for _ in range(RUNS)]
    large_runs = [timed(large) for _ in range(RUNS)]
    small_time = statistics.median(seconds for seconds, _ in small_runs)
    large_time = statistics.median(seconds for seconds, _ in large_runs)
    ratio = large_time / small_time
    verdict = "PASS" if ratio <= GOAL_SCALING else "MISS"
    print(f"ranking {SMALL:,} actors (reference): {small_time:.2f} s CPU, {small_runs[0][1]} pairs")
    print(f"ranking {LARGE:,} actors: {large_time:.2f} s CPU, {large_runs[0][1]} pairs")
    print(
        f"scaling {LARGE:,}/{SMALL:,}: {ratio:.1f}x (goal <= {GOAL_SCALING}x; every pair "
        f"would be 16x) {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
