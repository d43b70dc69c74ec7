"""Merging two actors that are one ("Kim Jong Un" and "Kim Jong-un"), and previewing it.

The kept actor takes the other's aliases, its name as a new alias, every meeting link (joining
links to meetings both were in), every piece of evidence and attribution, and any field it lacked.
The other actor is then deleted. All of it is one changeset, so a merge can be undone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desk.model import Actor, ActorAlias, Evidence, MeetingActor
from desk.store import distinctions
from desk.store.errors import MergeRefused
from desk.store.views import MergePlan
from desk.store.writer import Writer

FILLABLE = ("title", "country", "notes")


def _rows(writer: Writer, query: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in writer.session.execute(query).mappings()]


def merge_actors(writer: Writer, keep_id: int, other_id: int, *, apply: bool) -> MergePlan:
    """Plan (``apply=False``) or carry out the merge of ``other_id`` into ``keep_id``."""
    if keep_id == other_id:
        raise MergeRefused(f"actor #{keep_id} cannot be merged into itself")
    keep = writer.require(Actor, keep_id, lock=apply)
    other = writer.require(Actor, other_id, lock=apply)
    alias_table = ActorAlias.__table__  # type: ignore[attr-defined]
    link_table = MeetingActor.__table__  # type: ignore[attr-defined]
    evidence_table = Evidence.__table__  # type: ignore[attr-defined]

    keep_aliases = {
        row["name"].casefold()
        for row in _rows(writer, select(alias_table).where(alias_table.c.actor_id == keep_id))
    }
    known = keep_aliases | {keep["name"].casefold()}
    aliases_moved: list[str] = []
    aliases_dropped: list[int] = []
    for alias in _rows(writer, select(alias_table).where(alias_table.c.actor_id == other_id)):
        if alias["name"].casefold() in known:
            aliases_dropped.append(alias["id"])
        else:
            aliases_moved.append(alias["name"])
            known.add(alias["name"].casefold())
            if apply:
                writer.update(ActorAlias, alias["id"], {"actor_id": keep_id})
    for alias_id in aliases_dropped if apply else []:
        writer.delete(ActorAlias, alias_id)
    names_added = [] if other["name"].casefold() in known else [other["name"]]
    if apply and names_added:
        writer.insert(ActorAlias, {"actor_id": keep_id, "name": other["name"]})

    keep_links = {
        row["meeting_id"]: row
        for row in _rows(writer, select(link_table).where(link_table.c.actor_id == keep_id))
    }
    links_moved = links_combined = 0
    for link in _rows(writer, select(link_table).where(link_table.c.actor_id == other_id)):
        existing = keep_links.get(link["meeting_id"])
        if existing is None:
            links_moved += 1
            if apply:
                writer.update(MeetingActor, link["id"], {"actor_id": keep_id})
            continue
        links_combined += 1
        if apply:
            for evidence in _rows(
                writer,
                select(evidence_table.c.id).where(evidence_table.c.meeting_actor_id == link["id"]),
            ):
                writer.update(Evidence, evidence["id"], {"meeting_actor_id": existing["id"]})
            writer.delete(MeetingActor, link["id"])

    evidence_ids = [
        row["id"]
        for row in _rows(
            writer, select(evidence_table.c.id).where(evidence_table.c.actor_id == other_id)
        )
    ]
    attribution_ids = [
        row["id"]
        for row in _rows(
            writer,
            select(evidence_table.c.id).where(evidence_table.c.attributed_actor_id == other_id),
        )
    ]
    fields_filled = [name for name in FILLABLE if not keep[name] and other[name]]
    distinctions.carry_over(writer, keep_id, other_id, apply=apply)
    if apply:
        for evidence_id in evidence_ids:
            writer.update(Evidence, evidence_id, {"actor_id": keep_id})
        for evidence_id in attribution_ids:
            writer.update(Evidence, evidence_id, {"attributed_actor_id": keep_id})
        if fields_filled:
            writer.update(Actor, keep_id, {name: other[name] for name in fields_filled})
        writer.delete(Actor, other_id)
        writer.summary = f"merge actor “{other['name']}” into “{keep['name']}”"
    return MergePlan(
        keep=Actor.model_validate(keep),
        other=Actor.model_validate(other),
        aliases_moved=aliases_moved,
        names_added=names_added,
        links_moved=links_moved,
        links_combined=links_combined,
        evidence_moved=len(evidence_ids),
        attributions_moved=len(attribution_ids),
        fields_filled=fields_filled,
    )
