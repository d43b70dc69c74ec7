"""What proposals read of the desk's bodies through the store (desk.ingest.source.known_from):
every organization's names as (id, name) rows, and whole actors only for the ones a report
matches; the offers are those made from the same actors held in memory, on both engines."""

from __future__ import annotations

import datetime as dt

from desk.ingest import Known, KnownActor, propose
from desk.ingest.engine import proposals_for
from desk.ingest.proposals import KnownActorProposal, ProposalSet
from desk.model import Actor, Source
from desk.store import Store

DAY = dt.date(2025, 6, 11)
REPORT = (
    "The Ruritanian Security Council met on Monday, RNA Ruritanian News Agency reported. "
    "The Maritime Security Council did not meet."
)


def _offers(found: ProposalSet) -> dict[str, str | None]:
    return {p.actor.name: p.new_alias for p in found.proposals if isinstance(p, KnownActorProposal)}


def test_bodies_are_read_by_name_and_matched_as_in_memory(store: Store) -> None:
    council = store.create(
        Actor, name="Security Council of Ruritania", kind="organization", country="Ruritania"
    )
    store.add_alias(council.id, "Ruritanian Council")
    agency = store.create(Actor, name="RNA", kind="organization", title="Ruritanian news agency")
    store.create(Actor, name="Institute for Maritime Studies", kind="organization")
    store.create(Actor, name="Lena Berg", kind="person")  # not a body: never read as one

    names = store.names_of_kind("organization")
    assert [actor_id for actor_id, _ in names] == sorted(actor_id for actor_id, _ in names)
    assert names[:3] == [
        (council.id, "Security Council of Ruritania"),  # the name first, then the aliases
        (council.id, "Ruritanian Council"),
        (agency.id, "RNA"),
    ]
    assert "Lena Berg" not in {name for _, name in names}

    source = store.create(Source, reference=DAY, title="Report", text=REPORT, date="2025-06-11")
    assert source.id is not None
    from_desk = _offers(proposals_for(store, source.id))
    in_memory = Known(
        actors=[
            KnownActor(a.id, a.name, a.kind, a.title, a.country, a.aliases)
            for a in store.actor_names()
        ]
    )
    assert from_desk == _offers(propose(REPORT, DAY, in_memory))
    assert from_desk["Security Council of Ruritania"] == "Ruritanian Security Council"
    assert from_desk["RNA"] == "RNA Ruritanian News Agency"
    assert "Institute for Maritime Studies" not in from_desk
