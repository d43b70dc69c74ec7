"""Candidate meetings: clauses that put actors together with a meeting word and a date or place.

Each clause's meeting words ("met", "held talks", "visit", "arrived", "summit", "signed",
"shakes hands", "military exercise") are grouped with the actors, the date and the place that
belong to them, making a *frame*. The wording around the meeting word gives its status ("held
talks": held; "may travel", "speculation": speculated; "will visit", "is expected to": expected)
and the verbs give roles (whoever arrives or visits is the guest, whoever hosts the host).

A report names one meeting many times ("Shoigu's trip to Pyongyang last year", "in his visits to
Pyongyang in ... September last year", a photo "Sept. 13, 2024"); frames that agree on who, when
and where are merged into one candidate, the more precise date winning. A frame without a date
joins the meeting it most likely means (the most shared actors, then the same status, then the
date nearest the report's).

One module per job: ``words`` (which tokens are meeting words, grouped per event), ``frames``
(the meeting clause: its actors, date and place), ``references`` ("the two leaders", "his
counterpart"), ``status`` (modality and tense), ``roles`` (host, guest), ``merging`` (the same
meeting named twice), ``titles``; ``records`` holds what they produce and ``context`` what they
share.
"""

from desk.ingest.meetings.frames import find_frames
from desk.ingest.meetings.merging import merge_frames
from desk.ingest.meetings.records import Frame, MeetingCandidate, Party
from desk.ingest.meetings.titles import FAMILY_NAME_FIRST, short_name

__all__ = [
    "FAMILY_NAME_FIRST",
    "Frame",
    "MeetingCandidate",
    "Party",
    "find_frames",
    "merge_frames",
    "short_name",
]
