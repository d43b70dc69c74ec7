"""What each kind of record may hold: its fields, required ones and vocabularies.

``clean`` turns what a form, a command or a test passes into column values, or raises InvalidField
naming the field and what was expected, before anything is written. Every input path goes
through it, so it is where text holding control characters (other than tab and newline) is
refused, whatever the field (see desk.text_safety).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from desk.dates import PartialDate
from desk.model import (
    Actor,
    ActorAlias,
    ActorKind,
    AgendaItem,
    AgendaStatus,
    Evidence,
    Meeting,
    MeetingActor,
    MeetingAgenda,
    MeetingKind,
    MeetingStatus,
    MentionStatus,
    ParticipantRole,
    Record,
    Reliability,
    Source,
)
from desk.store import date_columns
from desk.store.errors import InvalidField
from desk.text_safety import forbidden_character_message


@dataclass(frozen=True)
class KindRules:
    model: type[Record]
    label: str
    #: The field that names a record to a user ("name" or "title").
    name_field: str
    #: Fields a user may set on create and update.
    fields: tuple[str, ...]
    required: frozenset[str] = frozenset()
    vocabularies: Mapping[str, type[StrEnum]] = field(default_factory=dict)
    #: Whether the record has a partial date, set through the ``date`` field.
    dated: bool = False


RULES: dict[type[Record], KindRules] = {
    Actor: KindRules(
        Actor,
        "actor",
        "name",
        ("name", "kind", "title", "country", "notes"),
        frozenset({"name"}),
        {"kind": ActorKind},
    ),
    Meeting: KindRules(
        Meeting,
        "meeting",
        "title",
        ("title", "kind", "status", "date", "place", "summary"),
        frozenset({"title"}),
        {"kind": MeetingKind, "status": MeetingStatus},
        dated=True,
    ),
    AgendaItem: KindRules(
        AgendaItem,
        "agenda item",
        "title",
        ("title", "description", "status"),
        frozenset({"title"}),
        {"status": AgendaStatus},
    ),
    Source: KindRules(
        Source,
        "source",
        "title",
        (
            "title",
            "publisher",
            "author",
            "url",
            "language",
            "date",
            "text",
            "reliability",
            "retrieved_at",
            "notes",
        ),
        frozenset({"title", "text"}),
        {"reliability": Reliability},
        dated=True,
    ),
    ActorAlias: KindRules(ActorAlias, "alias", "name", ("name", "language"), frozenset({"name"})),
    MeetingActor: KindRules(
        MeetingActor,
        "participant link",
        "role",
        ("role", "note"),
        vocabularies={"role": ParticipantRole},
    ),
    MeetingAgenda: KindRules(
        MeetingAgenda,
        "agenda link",
        "status",
        ("status", "note"),
        vocabularies={"status": MentionStatus},
    ),
    Evidence: KindRules(
        Evidence,
        "evidence",
        "quote",
        ("attributed_actor_id", "attributed_text", "credibility", "note"),
    ),
}

#: Text fields kept exactly as given (no trimming): a source's text must match its hash.
VERBATIM = frozenset({"text"})


def rules_for(model: type[Record]) -> KindRules:
    return RULES[model]


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def clean(
    model: type[Record],
    values: Mapping[str, Any],
    *,
    creating: bool,
    reference: dt.date | None = None,
) -> dict[str, Any]:
    """Validate user-given ``values`` for ``model`` and return the column values to write."""
    rules = RULES[model]
    unknown = sorted(set(values) - set(rules.fields))
    if unknown:
        raise InvalidField(
            unknown[0],
            f"is not a field of a {rules.label}; its fields are {', '.join(rules.fields)}",
        )
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, str):
            _refuse_controls(name, value)
        if name == "date":
            cleaned.update(_date(value, reference))
            continue
        if isinstance(value, str) and name not in VERBATIM:
            value = value.strip() or None
        if name in rules.vocabularies:
            if value is not None:
                value = _vocabulary(rules, name, value)
            elif not creating and name != "reliability":
                raise InvalidField(name, f"a {rules.label} needs a {name}")
        if name == "credibility" and value is not None:
            value = _credibility(value)
        cleaned[name] = value
    required = rules.required if creating else rules.required & set(values)
    for name in sorted(required):
        if cleaned.get(name) in (None, ""):
            raise InvalidField(name, f"a {rules.label} needs a {name}")
    if creating:
        for name in rules.vocabularies:
            if cleaned.get(name) is None:
                cleaned.pop(name, None)  # the column default applies
    if "text" in cleaned:
        cleaned["sha256"] = sha256_of(cleaned["text"])
    return cleaned


def _refuse_controls(name: str, value: str) -> None:
    """Refuse NUL, escapes and the other controls: a record's text is shown, never obeyed."""
    problem = forbidden_character_message(value)
    if problem is not None:
        raise InvalidField(name, problem)


def _date(value: Any, reference: dt.date | None) -> dict[str, Any]:
    if value is not None and not isinstance(value, str | PartialDate):
        raise InvalidField("date", f"expected a date or text, got {type(value).__name__}")
    return date_columns.to_columns(date_columns.coerce(value, reference=reference))


def _vocabulary(rules: KindRules, name: str, value: Any) -> str:
    vocabulary = rules.vocabularies[name]
    text = str(value).strip()
    allowed = [member.value for member in vocabulary]
    for candidate in (text, text.lower(), text.upper(), text.lower().replace(" ", "_")):
        if candidate in allowed:
            return candidate
    raise InvalidField(
        name, f"{text!r} is not a {rules.label} {name}; choose one of {', '.join(allowed)}"
    )


def _credibility(value: Any) -> int:
    try:
        grade = int(value)
    except (TypeError, ValueError):
        grade = 0
    if not 1 <= grade <= 6 or str(value).strip() not in {str(grade)}:
        raise InvalidField(
            "credibility",
            f"{value!r} is not a credibility grade; use 1 (confirmed) to 6 (cannot be judged)",
        )
    return grade
