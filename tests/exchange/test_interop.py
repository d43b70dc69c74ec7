"""The desk read by the tools investigators use: FollowTheMoney (Aleph) and graph files (Gephi).

Each export is read back with the library that tool's world uses, not with desk's own code.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx
import pytest

from desk.exchange.errors import ExportRefused
from desk.exchange.graph import export_graph
from desk.model import Actor, AgendaItem
from desk.store import Store


def _actor_id(store: Store, typed: str) -> int:
    return store.page(Actor, typed=typed).rows[0].id


@pytest.fixture
def ftm_lines(sample_store: Store, tmp_path: Path) -> list[dict]:
    pytest.importorskip("followthemoney")
    from desk.exchange.ftm import export_ftm

    written = export_ftm(sample_store, tmp_path / "desk.jsonl")
    assert written.entities["Event"] == 10
    return [json.loads(line) for line in written.path.read_text(encoding="utf-8").splitlines()]


def test_ftm_entities_pass_the_library_schema_checks(ftm_lines: list[dict]) -> None:
    from followthemoney import model

    schemas = {line["schema"] for line in ftm_lines}
    assert {"Person", "Organization", "Event", "Article", "Documentation", "Mention"} <= schemas
    for data in ftm_lines:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None
        for required in proxy.schema.required:
            assert proxy.get(required), (data["schema"], required)


def test_ftm_events_involve_their_participants_and_evidence_links_resolve(
    ftm_lines: list[dict], sample_store: Store
) -> None:
    from followthemoney import model

    proxies = {data["id"]: model.get_proxy(data) for data in ftm_lines}
    names = {
        proxy.first("name"): proxy for proxy in proxies.values() if proxy.schema.name == "Person"
    }
    kim, shoigu = names["Kim Jong-un"], names["Sergei Shoigu"]
    visit = next(
        proxy
        for proxy in proxies.values()
        if proxy.schema.name == "Event"
        and proxy.first("name") == "Shoigu's September 2024 visit to Pyongyang"
    )
    assert {kim.id, shoigu.id} <= set(visit.get("involved"))
    assert visit.get("organizer") == [kim.id]
    assert visit.first("date") == "2024-09-13"
    assert "Yonhap" in "".join(
        a.first("publisher") or "" for a in proxies.values() if a.schema.name == "Article"
    )
    for proxy in proxies.values():
        if proxy.schema.name == "Documentation":
            assert proxy.first("document") in proxies
            assert proxy.first("entity") in proxies
            assert proxy.first("summary")
        if proxy.schema.name == "Mention":
            assert proxies[proxy.first("resolved")].schema.is_a("LegalEntity")
    # Partial dates are FtM partial dates, not invented days.
    summit = next(p for p in proxies.values() if p.first("name") == "Putin–Kim summit in Pyongyang")
    assert summit.first("date") == "2024-06"


def test_ftm_export_is_stable_and_replaces_only_its_own_file(
    sample_store: Store, tmp_path: Path
) -> None:
    pytest.importorskip("followthemoney")
    from desk.exchange.ftm import export_ftm

    first = export_ftm(sample_store, tmp_path / "one.jsonl").path.read_text(encoding="utf-8")
    again = export_ftm(sample_store, tmp_path / "one.jsonl", replace=True).path.read_text(
        encoding="utf-8"
    )
    assert first == again  # ids come from desk ids: the same desk, the same entities
    with pytest.raises(ExportRefused, match="already exists"):
        export_ftm(sample_store, tmp_path / "one.jsonl")
    notes = tmp_path / "notes.jsonl"
    notes.write_text('{"mine": true}\n', encoding="utf-8")
    with pytest.raises(ExportRefused, match="not a file desk exported"):
        export_ftm(sample_store, notes, replace=True)
    assert notes.read_text(encoding="utf-8") == '{"mine": true}\n'


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_graph_files_read_back_with_networkx(
    sample_store: Store, tmp_path: Path, suffix: str
) -> None:
    written = export_graph(sample_store, tmp_path / f"network{suffix}")
    read = networkx.read_graphml if suffix == ".graphml" else networkx.read_gexf
    graph = read(written.path)
    assert graph.number_of_nodes() == written.nodes == 10
    assert graph.number_of_edges() == written.edges == 7
    kim = f"actor-{_actor_id(sample_store, 'kim jong-un')}"
    shoigu = f"actor-{_actor_id(sample_store, 'shoigu')}"
    assert float(graph.edges[kim, shoigu]["weight"]) == 3
    assert graph.nodes[kim]["label"] == "Kim Jong-un"
    assert not graph.is_directed()


def test_graph_narrowed_by_period_and_agenda(sample_store: Store, tmp_path: Path) -> None:
    import datetime as dt

    written = export_graph(
        sample_store,
        tmp_path / "spring.graphml",
        start=dt.date(2025, 3, 1),
        end=dt.date(2025, 3, 31),
    )
    graph = networkx.read_graphml(written.path)
    names = {data["label"] for _, data in graph.nodes(data=True)}
    # 15 Mar (Rudenko, Choe), 21 Mar (Shoigu, Kim) and "by 20 Mar" (South Korea, United States).
    assert names == {
        "Kim Jong-un",
        "Sergei Shoigu",
        "Andrey Rudenko",
        "Choe Son-hui",
        "South Korea",
        "United States",
    }
    on_topic = export_graph(
        sample_store,
        tmp_path / "topic.graphml",
        agenda_item_id=sample_store.page(AgendaItem, typed="ceasefire in russia").rows[0].id,
    )
    assert (on_topic.nodes, on_topic.edges) == (5, 3)  # US–Ukraine, US–Russia, Shoigu–Kim


def test_graph_refuses_a_wrong_suffix_and_a_foreign_file(
    sample_store: Store, tmp_path: Path
) -> None:
    with pytest.raises(ExportRefused, match=r"\.graphml or \.gexf"):
        export_graph(sample_store, tmp_path / "network.png")
    foreign = tmp_path / "theirs.gexf"
    foreign.write_text("<gexf>someone else's</gexf>", encoding="utf-8")
    with pytest.raises(ExportRefused, match="not a file desk exported"):
        export_graph(sample_store, foreign, replace=True)
    assert foreign.read_text(encoding="utf-8") == "<gexf>someone else's</gexf>"


def test_cli_writes_both(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk.cli.main import main

    assert (
        main(
            [
                "--db",
                str(sample_path),
                "export",
                "--graph",
                str(tmp_path / "n.gexf"),
                "--agenda",
                "ceasefire in russia",
            ]
        )
        == 0
    )
    assert "actor network" in capsys.readouterr().out
    assert (
        main(
            [
                "--db",
                str(sample_path),
                "export",
                "--ftm",
                str(tmp_path / "x.jsonl"),
                "--from",
                "2024",
            ]
        )
        == 1
    )
    assert "--from: does not apply to --ftm" in capsys.readouterr().err
    assert not (tmp_path / "x.jsonl").exists()
