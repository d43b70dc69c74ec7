"""``desk duplicates``: actors that may be one, ranked, and marking a pair as not the same."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.ingest.duplicates import DuplicatePair, Side

DESCRIPTION = """\
List pairs of actors that may be one person or body, best first: names and aliases compared
after folding case, hyphens, transliteration (Sergei/Sergey), particles (al-/el-) and word order,
each pair with the names that matched and what else desk knows of each side. Nothing is merged
here or ever automatically ("Kim Jong-un" and "Kim Yo-jong" are different people): merge in the
app (2 for Actors, then D), where a merge is previewed and can be undone, or mark a pair as not
the same with --not-same so it is not offered again."""


def register(sub: Any, database_option: Callable[..., None]) -> None:
    duplicates = sub.add_parser(
        "duplicates",
        help="list actors that may be duplicates, best first (merging happens in the app)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    database_option(duplicates, top_level=False)
    duplicates.add_argument(
        "--limit", type=int, default=50, metavar="N", help="show at most N pairs (default 50)"
    )
    duplicates.add_argument("--json", action="store_true", help="print JSON for scripts")
    duplicates.add_argument(
        "--not-same",
        nargs=2,
        type=int,
        metavar=("ID", "ID"),
        help="remember that these two actors are different (undo in the app with ctrl+z)",
    )
    duplicates.set_defaults(handler=duplicates_command)


def duplicates_command(arguments: argparse.Namespace) -> int:
    from desk.cli.commands import _open_store

    if arguments.not_same:
        first, second = arguments.not_same
        with _open_store(arguments) as store:
            store.mark_not_duplicates(first, second)
        print(f"Actors #{first} and #{second} are marked not the same; they are not offered again.")
        return 0
    from desk.ingest.duplicates import possible_duplicates

    with _open_store(arguments, reading=True) as store:
        pairs = possible_duplicates(store, limit=max(arguments.limit, 0))
        where = store.location.describe()
    if arguments.json:
        print(json.dumps([_as_json(pair) for pair in pairs], indent=2, ensure_ascii=False))
        return 0
    if not pairs:
        print(f"{where}: no possible duplicates.")
        return 0
    for pair in pairs:
        print(
            f"{pair.score:3.0f}  #{pair.first.actor_id} {pair.first.name}  /  "
            f"#{pair.second.actor_id} {pair.second.name}  ({pair.reason})"
        )
        for side in (pair.first, pair.second):
            print(f"       #{side.actor_id}: {side.evidence('; ')}")
    print(
        "Merge in the app (2, then D; previewed, ctrl+z undoes it), or "
        "`desk duplicates --not-same ID ID` for a pair that is two actors."
    )
    return 0


def _as_json(pair: DuplicatePair) -> dict[str, object]:
    def side(value: Side) -> dict[str, object]:
        return {
            "id": value.actor_id,
            "name": value.name,
            "matched": value.matched,
            "kind": value.kind,
            "title": value.title,
            "country": value.country,
            "aliases": list(value.aliases),
        }

    return {
        "score": round(pair.score, 1),
        "reason": pair.reason,
        "first": side(pair.first),
        "second": side(pair.second),
    }
