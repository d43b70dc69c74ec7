"""Who else was at a meeting named before: sentences that list attendees without naming a new
meeting.

"The meeting was also attended by A and B", "Present there were A and B", "A, B and other
officials were present at the talks", "The delegation consists of A, B ...", "A attended the
meeting on behalf of C": the people join the meeting the sentence refers back to (the last one
named within a few sentences), and the sentence is no meeting of its own. "A did not attend the
talks" adds no one and makes no meeting either.
"""

from __future__ import annotations

from desk.ingest.clauses import Sentence
from desk.ingest.meetings.context import Context
from desk.ingest.meetings.records import Frame, Party
from desk.ingest.meetings.senders import sends_someone
from desk.ingest.mentions import Entity
from desk.ingest.vocabulary import SPEECH
from desk.ingest.words import word_set

#: Nouns a definite article turns into a reference to a meeting already named.
_MEETING_NOUNS = word_set("meeting talks session negotiations call summit ceremony round event")
#: Verbs by which a delegation's sentence lists its members.
_LISTING = word_set("consists consisted comprises comprised includes included composed")
_SIDES = word_set("delegation delegations team")
_ATTEND = word_set("attend attends attended attending")
_BE = word_set("was were is are")
_NEGATIONS = word_set("not never n't")
#: How far back (in sentences) the meeting a sentence refers to may have been named.
_REACH = 6


def attendance(ctx: Context, sentence: Sentence) -> bool:
    """Attach the attendees ``sentence`` lists to the meeting it refers back to. True when the
    sentence is such a list (or a denial that someone attended), so it names no new meeting."""
    cue = _cue(ctx, sentence)
    if cue is None:
        return False
    start, negated, past = cue
    recent = [f for f in ctx.frames if 0 < sentence.number - f.sentence <= _REACH]
    if not recent:
        return False
    if negated:
        return True
    listing = _delegation_listing(ctx, sentence, start)
    frame = (listing and _with_delegation(ctx, recent)) or _referred(ctx, sentence, recent, past)
    role = _leaders_role(ctx, frame) if listing else "participant"
    for entity in _attendees(ctx, sentence, start):
        if id(entity) not in frame.entities:
            frame.parties.append(Party(entity, role, sentence.number, True, 0))
    return True


def _delegation_listing(ctx: Context, sentence: Sentence, start: int) -> bool:
    """Whether the attendees from ``start`` are listed as a delegation's members."""
    tokens = ctx.doc.tokens
    return any(tokens[i].lower in _SIDES for i in range(max(sentence.first, start - 5), start))


def _with_delegation(ctx: Context, recent: list[Frame]) -> Frame | None:
    """'X received a delegation led by Y. ... The delegation includes A and B': the members
    join the last meeting whose sentence names the delegation, not whatever was named last."""
    tokens = ctx.doc.tokens
    for frame in reversed(recent):
        first, last = ctx.doc.sentence_tokens[frame.sentence]
        if any(tokens[i].lower in _SIDES for i in range(first, last + 1)):
            return frame
    return None


#: Words by which a delegation names its head: "a delegation led by Y", "headed by Y".
_LEADING = word_set("led headed")


def _leaders_role(ctx: Context, frame: Frame) -> str:
    """The members of a delegation take its head's side: the role of the party named after
    'led by'/'headed by' in the meeting's sentence (a guest, most often)."""
    tokens = ctx.doc.tokens
    first, last = ctx.doc.sentence_tokens[frame.sentence]
    for index in range(first, last - 1):
        if tokens[index].lower in _LEADING and tokens[index + 1].lower == "by":
            for party in frame.parties:
                if index + 1 < party.position <= index + 8:
                    return party.role
    return "participant"


def _cue(ctx: Context, sentence: Sentence) -> tuple[int, bool, bool] | None:
    """Where the attendees of an attendance sentence may be named (from which token), whether
    it is negated, and whether it is told in the past; None when it is no such sentence."""
    tokens = ctx.doc.tokens
    first, last = sentence.first, sentence.last
    words = [t.lower for t in tokens[first : last + 1]]
    negated = any(w in _NEGATIONS for w in words)
    for offset, word in enumerate(words):
        index = first + offset
        following = words[offset + 1] if offset + 1 < len(words) else ""
        previous = words[offset - 1] if offset > 0 else ""
        # "The meeting ... was also attended by A", "the talks were joined by A"
        if word in ("attended", "joined") and following == "by" and _refers_back(words, offset):
            return index + 2, negated, True
        # "A attended the meeting", "A did not attend the talks"
        if (
            word in _ATTEND
            and following == "the"
            and offset + 2 < len(words)
            and words[offset + 2] in _MEETING_NOUNS
        ):
            return first, negated, word == "attended"
        # "Present there were A and B", "A and B were present at the talks"
        beside = {previous, *words[offset + 1 : offset + 3]}
        if word == "present" and beside & _BE:
            return first, negated, bool(beside & {"was", "were"})
        # "the king, who was accompanied by A and B, rejected ...": no meeting of its own
        if word == "accompanied" and following == "by" and not _names_a_meeting(ctx, sentence):
            return index + 2, negated, True
        # "The delegation consists of A, B ...", "The Ukrainian delegation also includes A"
        if word in _SIDES and _listing_after(words, offset):
            return index + 1, False, False
    return None


def _names_a_meeting(ctx: Context, sentence: Sentence) -> bool:
    from desk.ingest.meetings.words import is_trigger  # the words module reads clauses too

    return any(is_trigger(ctx, sentence, i) for i in range(sentence.first, sentence.last + 1))


def _refers_back(words: list[str], offset: int) -> bool:
    """Whether the sentence before ``offset`` opens with 'the meeting' or 'the talks'."""
    return len(words) > 1 and words[0] == "the" and words[1] in _MEETING_NOUNS and offset < 12


def _listing_after(words: list[str], offset: int) -> bool:
    """'The delegation consists of', 'The Ukrainian delegation also includes', 'The team is
    made up of': a definite delegation at the head of its sentence, then a verb of listing."""
    if offset > 3 or "the" not in words[max(0, offset - 3) : offset]:
        return False
    window = words[offset + 1 : offset + 5]
    return any(word in _LISTING for word in window) or ("made" in window and "up" in window)


def _referred(ctx: Context, sentence: Sentence, recent: list[Frame], past: bool) -> Frame:
    """The meeting a sentence refers back to: the last one named by the noun the sentence uses
    ('present at the talks': the last talks), else the last one named; a sentence in the past
    refers to the last meeting that took place."""
    tokens = ctx.doc.tokens
    nouns = {
        tokens[i + 1].lower
        for i in range(sentence.first, sentence.last)
        if tokens[i].lower == "the" and tokens[i + 1].lower in _MEETING_NOUNS
    }
    if past:
        recent = [f for f in recent if f.status == "held"] or recent
    named = [f for f in recent if any(tokens[t].lower in nouns for t in f.triggers)]
    return (named or recent)[-1]


def _attendees(ctx: Context, sentence: Sentence, start: int) -> list[Entity]:
    """The people a sentence lists from ``start`` on, leaving out whoever reports it, speaks,
    or sent someone ('on behalf of C')."""
    tokens = ctx.doc.tokens
    people: list[Entity] = []
    for mention in ctx.entities.mentions_in(start, sentence.last):
        entity = mention.entity
        if (
            entity.kind != "person"
            or mention.attribute
            or sentence.in_reporting(mention.first)
            or sends_someone(ctx, mention)
            or (mention.last + 1 < len(tokens) and tokens[mention.last + 1].lower in SPEECH)
            or entity in people
        ):
            continue
        people.append(entity)
    return people
