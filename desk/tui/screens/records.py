"""The forms for each kind of record: which fields, and how saving calls the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desk import model as schema
from desk.model.vocabulary import (
    CREDIBILITY_MEANING,
    RELIABILITY_MEANING,
    ActorKind,
    AgendaStatus,
    MeetingKind,
    MeetingStatus,
    Reliability,
)
from desk.tui.date_reference import DateReference, today
from desk.tui.form_values import FormValues
from desk.tui.presentation import shorten
from desk.tui.screens.form import Field, FormScreen

if TYPE_CHECKING:
    from desk.model import Record
    from desk.store import Store


def _choices(vocabulary: Any) -> tuple[tuple[str, str], ...]:
    return tuple((member.value, member.value.replace("_", " ")) for member in vocabulary)


#: A source's reliability grade (Admiralty A-F), as the source forms ask for it.
RELIABILITY_FIELD = Field(
    "reliability",
    "Reliability",
    kind="choice",
    choices=tuple(
        (grade.value, f"{grade.value} — {RELIABILITY_MEANING[grade.value]}")
        for grade in Reliability
    ),
)

#: Form fields by table class name (names, so this module loads without SQLModel).
FIELDS: dict[str, list[Field]] = {
    "Meeting": [
        Field("title", "Title", required=True, placeholder="Shoigu–Kim talks in Pyongyang"),
        Field("date", "Date", kind="date"),
        Field("status", "Status", kind="choice", required=True, choices=_choices(MeetingStatus)),
        Field("kind", "Kind", kind="choice", required=True, choices=_choices(MeetingKind)),
        Field("place", "Place", placeholder="Pyongyang, North Korea"),
        Field("summary", "Summary", kind="multiline"),
    ],
    "Actor": [
        Field("name", "Name", required=True, placeholder="Choe Son-hui"),
        Field("kind", "Kind", kind="choice", required=True, choices=_choices(ActorKind)),
        Field("title", "Title or role", placeholder="Foreign Minister of North Korea"),
        Field("country", "Country"),
        Field("notes", "Notes", kind="multiline"),
    ],
    "AgendaItem": [
        Field(
            "title", "Title", required=True, placeholder="Ceasefire in Russia's war against Ukraine"
        ),
        Field("status", "Status", kind="choice", required=True, choices=_choices(AgendaStatus)),
        Field("description", "Description", kind="multiline"),
    ],
    "Source": [
        Field("title", "Title", required=True),
        Field("publisher", "Publisher", placeholder="Yonhap News Agency"),
        Field(
            "date",
            "Published",
            kind="date",
            help="relative phrases in its text resolve against this day",
            relative=False,
        ),
        RELIABILITY_FIELD,
        Field("url", "URL"),
        Field("author", "Author"),
        Field("language", "Language", placeholder="en"),
        Field("notes", "Notes", kind="multiline"),
    ],
}

DEFAULTS: dict[str, dict[str, Any]] = {
    "Meeting": {"status": "reported", "kind": "talks"},
    "Actor": {"kind": "person"},
    "AgendaItem": {"status": "active"},
    "Source": {},
}

LABELS: dict[str, str] = {
    "Meeting": "meeting",
    "Actor": "actor",
    "AgendaItem": "agenda item",
    "Source": "source",
}


def record_values(record: Record) -> dict[str, Any]:
    values = record.model_dump()
    if "date_text" in values:
        values["date"] = values.get("date_text")
    return values


def create_form(
    store: Store,
    model: type[Record],
    prefill: dict[str, Any] | None = None,
    reference: DateReference | None = None,
) -> FormScreen:
    """A new record's form; typed dates resolve against ``reference`` (else today, said so)."""
    fields = [field for field in FIELDS[model.__name__]]
    as_of = reference or today()

    def save(values: FormValues, _version: int | None) -> Record:
        return store.create(model, reference=as_of.day, **values.arguments())

    return FormScreen(
        f"New {LABELS[model.__name__]}",
        fields,
        save,
        values={**DEFAULTS[model.__name__], **(prefill or {})},
        reference=as_of.day,
        reference_note=as_of.describe(),
    )


def edit_form(store: Store, record: Record, reference: DateReference | None = None) -> FormScreen:
    model = type(record)
    as_of = reference or today()
    assert record.id is not None
    record_id = record.id

    def save(values: FormValues, version: int | None) -> Record:
        assert version is not None
        changed = values.changes_from(record_values(record))
        return store.update(model, record_id, version, reference=as_of.day, **changed)

    return FormScreen(
        f"Edit {LABELS[model.__name__]} #{record.id}",
        FIELDS[model.__name__],
        save,
        values=record_values(record),
        version=record.version,
        reference=as_of.day,
        reference_note=as_of.describe(),
    )


EVIDENCE_FIELDS = [
    Field(
        "attributed",
        "Attributed to",
        placeholder="who the report quotes: an actor's name, or e.g. 'experts'",
        help="an actor's name or alias links the actor; other text is kept as written",
    ),
    Field(
        "credibility",
        "Credibility",
        kind="choice",
        choices=tuple(
            (str(grade), f"{grade} — {meaning}") for grade, meaning in CREDIBILITY_MEANING.items()
        ),
    ),
    Field("note", "Note", kind="multiline"),
]


def resolve_attribution(store: Store, text: str | None) -> dict[str, Any]:
    """An actor when the text names one exactly (by name or alias), else free text."""
    if not text:
        return {"attributed_actor_id": None, "attributed_text": None}
    wanted = text.casefold()
    for hit in store.search(text, limit=50):
        if hit.kind != "actor":
            continue
        detail = store.actor_detail(hit.id)
        names = [detail.actor.name, *(alias.name for alias in detail.aliases)]
        if any(name.casefold() == wanted for name in names):
            return {"attributed_actor_id": hit.id, "attributed_text": None}
    return {"attributed_actor_id": None, "attributed_text": text}


def evidence_form(
    store: Store, evidence: schema.Evidence, attributed_name: str | None
) -> FormScreen:
    """Edit who a passage is attributed to, its credibility and note."""
    assert evidence.id is not None
    evidence_id = evidence.id

    def save(values: FormValues, version: int | None) -> schema.Evidence:
        assert version is not None
        return store.update(
            schema.Evidence,
            evidence_id,
            version,
            credibility=values.number("credibility"),
            note=values.text("note"),
            **resolve_attribution(store, values.text("attributed")),
        )

    return FormScreen(
        f"Evidence #{evidence.id}: “{shorten(evidence.quote, 50)}”",
        EVIDENCE_FIELDS,
        save,
        values={
            "attributed": attributed_name or "",
            "credibility": str(evidence.credibility) if evidence.credibility else None,
            "note": evidence.note,
        },
        version=evidence.version,
    )
