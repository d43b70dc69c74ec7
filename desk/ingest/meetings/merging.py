"""The same meeting named many times becomes one candidate: frames that agree on who, when and
where merge, the more precise date winning; an undated frame joins the meeting it most likely
means (the most shared actors, then the same status, then the date nearest the report's)."""

from __future__ import annotations

import datetime as dt

from desk.dates import PartialDate
from desk.ingest.meetings.records import Frame, MeetingCandidate, Party
from desk.ingest.meetings.titles import title_of
from desk.ingest.text import Document

#: Statuses of meetings that have not (or not certainly) happened: they never join a held one.
_FUTURE_STATUSES = frozenset(["expected", "planned", "speculated", "denied", "cancelled"])


def merge_frames(
    frames: list[Frame], reference: dt.date | None, doc: Document
) -> list[MeetingCandidate]:
    """One candidate per meeting, however many times the report names it."""
    usable = [frame for frame in frames if frame.parties]
    usable.sort(key=_informativeness)
    candidates: list[MeetingCandidate] = []
    for frame in usable:
        target = _best_target(frame, candidates, reference)
        if target is None:
            candidates.append(_start(frame))
        else:
            _absorb(target, frame)
    kept = [
        candidate
        for candidate in candidates
        if len(candidate.parties) >= 2
        or (candidate.parties and (candidate.date is not None or candidate.place is not None))
    ]
    kept.sort(key=lambda c: (c.primary.sentence, c.primary.triggers[0]))
    for candidate in kept:
        _settle_roles(candidate)
        candidate.title = title_of(candidate, doc)
    return kept


def _settle_roles(candidate: MeetingCandidate) -> None:
    """Roles read from different mentions agree: with a guest named, the one party from the
    place's country hosts ("Pashinyan travelled to Istanbul, where he held talks with
    Erdogan": Erdogan hosts)."""
    if candidate.place_country is None:
        return
    if not any(p.role == "guest" for p in candidate.parties):
        return
    locals_ = [
        p
        for p in candidate.parties
        if p.role == "participant"
        and (p.entity.name if p.entity.kind == "state" else p.entity.country)
        == candidate.place_country
    ]
    if len(locals_) == 1 and not any(p.role == "host" for p in candidate.parties):
        locals_[0].role = "host"


def _informativeness(frame: Frame) -> tuple[int, int, int, int]:
    if frame.date is None:
        width = 10**7
    else:
        earliest = frame.date.earliest or dt.date.min
        latest = frame.date.latest or dt.date.max
        width = (latest - earliest).days
    return (frame.date is None, width, -len(frame.parties), frame.sentence)


def _start(frame: Frame) -> MeetingCandidate:
    candidate = MeetingCandidate([frame])
    candidate.parties = [
        Party(p.entity, p.role, p.sentence, p.before, p.position) for p in frame.parties
    ]
    candidate.date = frame.date
    candidate.date_match = frame.date_match
    candidate.place = frame.place
    candidate.place_country = frame.place_country
    candidate.status = frame.status
    candidate.kind = frame.kind
    return candidate


def _absorb(candidate: MeetingCandidate, frame: Frame) -> None:
    candidate.frames.append(frame)
    known = {id(p.entity): p for p in candidate.parties}
    for party in frame.parties:
        existing = known.get(id(party.entity))
        if existing is None:
            candidate.parties.append(
                Party(party.entity, party.role, party.sentence, party.before, party.position)
            )
        elif existing.role == "participant" and party.role != "participant":
            existing.role = party.role
    arrived = _arrival_for(candidate, frame)
    if frame.date is not None and (
        candidate.date is None or _contains(candidate.date, frame.date) or arrived
    ):
        candidate.date = frame.date
        candidate.date_match = frame.date_match
    if arrived:  # the talks give the meeting its day, status and kind; the arrival joins them
        candidate.status, candidate.kind = frame.status, frame.kind
    if frame.place and (candidate.place is None or candidate.place == frame.place_country):
        candidate.place = frame.place
        candidate.place_country = frame.place_country


def _best_target(
    frame: Frame, candidates: list[MeetingCandidate], reference: dt.date | None
) -> MeetingCandidate | None:
    scored: list[tuple[tuple[int, int, int], MeetingCandidate]] = []
    for candidate in candidates:
        if not _compatible(frame, candidate, reference):
            continue
        overlap = len(frame.entities & candidate.entities)
        same_status = int(frame.status == candidate.status)
        distance = _distance(candidate.date, reference)
        scored.append(((overlap, same_status, -distance), candidate))
    if not scored:
        return None
    scored.sort(key=lambda item: item[0], reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None  # two meetings fit as well: leave the frame to stand alone
    return scored[0][1]


def _sequel_apart(frame: Frame, candidate: MeetingCandidate) -> bool:
    """A sequel ("meet again", "a second summit") is not the meeting told before it, nor one of
    another kind ("a second summit" is not the phone call told after it)."""
    if frame.sequel:
        return candidate.kind != frame.kind or any(
            f.sentence < frame.sentence and not f.sequel for f in candidate.frames
        )
    return any(f.sequel and frame.sentence < f.sentence for f in candidate.frames)


def _compatible(frame: Frame, candidate: MeetingCandidate, reference: dt.date | None) -> bool:
    if frame.separate and frame.entities != candidate.entities:
        return False  # "later held a separate meeting with Haddad": not the summit before
    if _sequel_apart(frame, candidate):
        return False  # "they met in March ... a second summit": the next one is another meeting
    if (frame.kind == "exercise") != (candidate.kind == "exercise"):
        return False
    statuses = {frame.status, candidate.status}
    if "held" in statuses and statuses & _FUTURE_STATUSES:
        return False  # a meeting held and one only planned or denied are two meetings
    mine, theirs = frame.entities, candidate.entities
    overlap = mine & theirs
    if not overlap:
        # "DR Congo and Rwanda signed ... on Friday. The Congolese and Rwandan ministers signed
        # the text": the people of the states that met are that meeting
        return (
            frame.date is None and _represent(frame, candidate) and _places_agree(frame, candidate)
        )
    if frame.date is not None and candidate.date is not None:
        if _arrival_for(frame, candidate) or _arrival_for(candidate, frame):
            return _places_agree(frame, candidate)
        if not (_contains(frame.date, candidate.date) or _contains(candidate.date, frame.date)):
            return False
        if not (mine <= theirs or theirs <= mine):
            return False
    elif frame.date is None and candidate.date is not None and reference is not None:
        if frame.status in _FUTURE_STATUSES and (candidate.date.latest or dt.date.max) < reference:
            return False
        if frame.status == "held" and (candidate.date.earliest or dt.date.min) > reference:
            return False
        people = {id(p.entity) for p in frame.parties if p.entity.kind == "person"}
        if not people & theirs and not (mine <= theirs):
            return False
        if people - theirs and frame.status != candidate.status:
            # "Dror said he had no plans to meet Mansour" is not the summit Mansour might
            # attend: someone new and another status make another meeting.
            return False
        their_people = {id(p.entity) for p in candidate.parties if p.entity.kind == "person"}
        if people - theirs and len(their_people) >= 2 and len(people & theirs) < 2:
            # "Erdogan received Aliyev ... Aliyev later sat down with Fidan": a meeting that
            # already has its pair and someone new with one of them is another meeting.
            return False
    elif frame.date is None and candidate.date is None and not (mine <= theirs or theirs <= mine):
        return False
    return _places_agree(frame, candidate)


#: How many days a visit's arrival may come before the talks it was made for.
_VISIT_DAYS = 3
_HAPPENED = frozenset(["held", "reported"])


def _arrival_for(visit: Frame | MeetingCandidate, meeting: Frame | MeetingCandidate) -> bool:
    """A visit and the talks it was made for are one meeting: "Pham arrived in Seoul on Monday
    for a three-day visit" and "Lee received Pham on Tuesday", "Abdelatty, who arrived on Monday
    ..., held talks with Wang on Tuesday". ``visit`` names guests only (no host, no one else);
    ``meeting`` has them as its guests (or participants) beside others, happened too, on the
    day of the arrival or up to three days after it."""
    if visit.kind != "visit" or visit.status not in _HAPPENED or meeting.status not in _HAPPENED:
        return False
    if visit.date is None or meeting.date is None or not visit.parties:
        return False
    if any(p.role != "guest" for p in visit.parties):
        return False
    roles = {id(p.entity): p.role for p in meeting.parties}
    if len(roles) <= len(visit.parties) or any(
        roles.get(id(p.entity)) not in ("guest", "participant") for p in visit.parties
    ):
        return False
    start, end = visit.date.earliest, meeting.date.earliest
    if start is None or end is None or start != visit.date.latest or end != meeting.date.latest:
        return False  # days only: "in June" and "on June 3" are merged (or not) as before
    return 0 <= (end - start).days <= _VISIT_DAYS


def _represent(frame: Frame, candidate: MeetingCandidate) -> bool:
    """Whether ``frame``'s people come from at least two of the states the candidate's meeting
    is between, and the most of its parties do ("A and B signed the text in the presence of C":
    A and B represent the two states, C witnesses)."""
    states = {p.entity.name for p in candidate.parties if p.entity.kind == "state"}
    if len(states) < 2 or any(p.entity.kind != "person" for p in frame.parties):
        return False
    represented = [p.entity.country for p in frame.parties if p.entity.country in states]
    return len(set(represented)) >= 2 and 2 * len(represented) > len(frame.parties)


def _places_agree(frame: Frame, candidate: MeetingCandidate) -> bool:
    if frame.place is None or candidate.place is None:
        return True
    if frame.place == candidate.place:
        return True
    return frame.place_country in (candidate.place, candidate.place_country) and (
        frame.place == frame.place_country or candidate.place == candidate.place_country
    )


def _contains(outer: PartialDate, inner: PartialDate) -> bool:
    outer_start = outer.earliest or dt.date.min
    outer_end = outer.latest or dt.date.max
    inner_start = inner.earliest or dt.date.min
    inner_end = inner.latest or dt.date.max
    return outer_start <= inner_start and inner_end <= outer_end


def _distance(date: PartialDate | None, reference: dt.date | None) -> int:
    if date is None or reference is None:
        return 10**6
    day = date.earliest or date.latest
    return abs((day - reference).days) if day else 10**6
