"""Every text field of every kind refuses control characters, naming the field and the position."""

from __future__ import annotations

import pytest

from desk.model import Actor, Meeting, Source
from desk.store import InvalidField, Store
from desk.store.rules import RULES, clean

#: Fields that are not free text (numbers, timestamps); vocabularies are left out below.
NOT_TEXT = frozenset({"attributed_actor_id", "credibility", "retrieved_at"})

TEXT_FIELDS = [
    (model, name)
    for model, rules in RULES.items()
    for name in rules.fields
    if name not in NOT_TEXT and name not in rules.vocabularies
]

#: NUL, ESC (C0), DEL, and NEL and CSI (C1), with how the message names them.
FORBIDDEN = [
    ("\x00", "U+0000 (NUL)"),
    ("\x1b", "U+001B (ESC)"),
    ("\x7f", "U+007F (DEL)"),
    ("\x85", "U+0085"),
    ("\x9b", "U+009B"),
]


@pytest.mark.parametrize(("model", "name"), TEXT_FIELDS, ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.parametrize(("character", "described"), FORBIDDEN, ids=[c for _, c in FORBIDDEN])
def test_each_text_field_refuses_controls(
    model: type, name: str, character: str, described: str
) -> None:
    with pytest.raises(InvalidField) as raised:
        clean(model, {name: f"ab{character}c"}, creating=False)
    assert raised.value.field == name
    assert f"{described} at position 3" in raised.value.message
    assert "only tab and newline are allowed" in raised.value.message


@pytest.mark.parametrize(("model", "name"), TEXT_FIELDS, ids=lambda v: getattr(v, "__name__", v))
def test_tab_and_newline_are_text(model: type, name: str) -> None:
    if name == "date":
        pytest.skip("a date is parsed; its controls are refused above")
    cleaned = clean(model, {name: "a\tb\nc"}, creating=False)
    assert cleaned[name] == "a\tb\nc"


def test_the_store_refuses_before_writing(store: Store) -> None:
    with pytest.raises(InvalidField) as raised:
        store.create(Meeting, title="Kim meets Shoigu \x1b]0;pwned\x07")
    assert raised.value.field == "title"
    assert "U+001B (ESC) at position 18" in str(raised.value)
    assert store.page(Meeting).rows == []

    actor = store.create(Actor, name="Choe Son-hui")
    with pytest.raises(InvalidField) as raised:
        store.update(Actor, actor.id, actor.version, notes="fine\nthen \x1b[2J")
    assert raised.value.field == "notes"
    assert "at line 2, column 6" in raised.value.message
    assert store.get(Actor, actor.id).notes is None

    with pytest.raises(InvalidField) as raised:
        store.add_alias(actor.id, "Choe\x00")
    assert raised.value.field == "name"

    with pytest.raises(InvalidField) as raised:
        store.create(Source, title="Report", text="one\r\ntwo\n")
    assert raised.value.field == "text"
    assert "U+000D (carriage return) at line 1, column 4" in raised.value.message
