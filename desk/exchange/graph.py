"""The actor network as a graph file for Gephi: GraphML or GEXF, written by networkx.

Nodes are actors (name, kind, country, meetings); an edge joins two actors who met, weighted by
the meetings they shared. The period and agenda item narrow it as in the app's network view.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desk.exchange.atomic import replaced_atomically, starts_with

if TYPE_CHECKING:
    import networkx

    from desk.store import Store
    from desk.store.network import Network

FORMATS = (".graphml", ".gexf")
#: The graph's name in both formats: how desk knows a file it may replace is its own.
GRAPH_NAME = "desk actor network"


@dataclass(frozen=True)
class GraphWritten:
    path: Path
    nodes: int
    edges: int
    seconds: float


def network_graph(network: Network) -> networkx.Graph:
    """The network as an undirected, weighted networkx graph (node ids are desk actor ids)."""
    import networkx

    graph = networkx.Graph(name=GRAPH_NAME)
    for actor in network.actors:
        graph.add_node(
            f"actor-{actor.actor_id}",
            label=actor.name,
            kind=actor.kind,
            country=actor.country or "",
            meetings=actor.meetings,
        )
    for link in network.links:
        graph.add_edge(
            f"actor-{link.first}",
            f"actor-{link.second}",
            weight=link.meetings,
            meetings=link.meetings,
        )
    return graph


def export_graph(
    store: Store,
    path: str | os.PathLike[str],
    *,
    replace: bool = False,
    start: dt.date | None = None,
    end: dt.date | None = None,
    agenda_item_id: int | None = None,
) -> GraphWritten:
    """Write the actor network to ``path``; its suffix (.graphml or .gexf) chooses the format."""
    import networkx

    target = Path(path).expanduser()
    started = time.perf_counter()
    network = store.actor_network(
        start=start, end=end, agenda_item_id=agenda_item_id, limit=1_000_000
    )
    graph = network_graph(network)
    with replaced_atomically(
        target,
        replace=replace,
        suffixes=FORMATS,
        ours=lambda existing: starts_with(existing, GRAPH_NAME.encode()),
        binary=True,
    ) as out:
        if target.suffix.lower() == ".gexf":
            networkx.write_gexf(graph, out)
        else:
            networkx.write_graphml(graph, out)
    return GraphWritten(
        target, graph.number_of_nodes(), graph.number_of_edges(), time.perf_counter() - started
    )
