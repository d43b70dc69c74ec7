"""The optional spaCy engine: chosen only when installed, never needed, same proposals' shape.

The tests that read with a model skip cleanly where spaCy or an English pipeline is absent;
the choice of engine and its messages are tested everywhere.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from desk.cli.main import main
from desk.errors import DeskError
from desk.ingest import language_model
from desk.ingest.engine import propose, read
from desk.ingest.known import Known
from desk.ingest.language_model import LanguageModelMissing, choose_engine, installed_pipeline

PUBLISHED = dt.date(2025, 3, 21)
BODIES = "Officials from the Gulf Cooperation Council met envoys of Brightwater Capital on Monday."


def _without_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        return None if name == "spacy" or name.startswith("en_core") else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    monkeypatch.delenv(language_model.PIPELINE_VARIABLE, raising=False)


def test_rules_need_nothing_and_auto_falls_back_to_them(monkeypatch: pytest.MonkeyPatch) -> None:
    _without_spacy(monkeypatch)
    assert installed_pipeline() is None
    assert choose_engine("rules") == "rules"
    assert choose_engine("auto") == "rules"


def test_asking_for_spacy_without_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    _without_spacy(monkeypatch)
    with pytest.raises(LanguageModelMissing, match=r"desk\[nlp\]"):
        choose_engine("spacy")
    with pytest.raises(DeskError, match="unknown engine 'neural'"):
        choose_engine("neural")


def test_a_pipeline_named_but_not_installed_is_no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    if importlib.util.find_spec("spacy") is None:
        pytest.skip("spaCy is not installed")
    monkeypatch.setenv(language_model.PIPELINE_VARIABLE, "en_no_such_pipeline_xx")
    assert installed_pipeline() is None
    with pytest.raises(LanguageModelMissing, match="no English pipeline"):
        choose_engine("spacy")


def test_suggest_with_a_missing_engine_fails_in_one_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "report.txt"
    source.write_text("Kim Jong-un met Vladimir Putin in Moscow on Friday.\n", encoding="utf-8")
    database = tmp_path / "desk.sqlite"
    arguments = ["add-source", str(source), "--db", str(database), "--published", "2025-03-21"]
    assert main(arguments) == 0
    source_id = capsys.readouterr().out.strip()
    _without_spacy(monkeypatch)
    assert main(["suggest", source_id, "--db", str(database), "--engine", "spacy"]) != 0
    error = capsys.readouterr().err
    assert "desk[nlp]" in error and "Traceback" not in error
    assert main(["suggest", source_id, "--db", str(database), "--engine", "auto", "--json"]) == 0
    assert '"Vladimir Putin"' in capsys.readouterr().out


@pytest.fixture(scope="module")
def pipeline_name() -> str:
    pytest.importorskip("spacy")
    name = installed_pipeline()
    if name is None:
        pytest.skip("no English spaCy pipeline is installed")
    return name


def test_the_model_adds_a_body_the_rules_do_not_know(pipeline_name: str) -> None:
    text = BODIES
    rules = {p.label for p in propose(text, PUBLISHED).proposals}
    model = {p.label for p in propose(text, PUBLISHED, engine="spacy").proposals}
    assert "Brightwater Capital (organization)" in model - rules


def test_participants_come_from_the_verb_and_its_objects(pipeline_name: str) -> None:
    text = BODIES
    reading = read(text, PUBLISHED, Known(), "spacy")
    assert [sorted(p.entity.name for p in m.parties) for m in reading.meetings] == [
        ["Brightwater Capital", "Gulf Cooperation Council"]
    ]


def test_title_words_and_lone_surnames_are_not_new_actors(pipeline_name: str) -> None:
    text = (
        "ISTANBUL (AP) — Defense Minister Gilberto Teodoro met Japanese Defense Minister Gen "
        "Nakatani on Monday. Nakatani said the State Department had been told."
    )
    labels = {p.label for p in propose(text, PUBLISHED, engine="spacy").proposals}
    for junk in ("ISTANBUL", "Defense", "Nakatani (organization)", "State"):
        assert not any(label.startswith(junk + " (") for label in labels), labels
