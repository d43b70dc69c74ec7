"""New names: people and bodies a report names that the desk does not know yet.

A capitalised name becomes a candidate actor when the report says what it is:

* a title before it: "Russia's Deputy Foreign Minister Andrey Rudenko", "North Korean leader
  Kim Jong-un" (the state before the title is their country, the title their role);
* a title after it: "Hyun Seong-soo, vice president of the Korea Institute for National
  Unification";
* a verb of saying: "Lin Jian said";
* the word for a body at its end: "Defence Ministry", "Korean Central News Agency" (a body with
  a generic name takes its state: "Russia's Security Council" is the Security Council of Russia);
* a state's body in lower case: "India's foreign ministry", "North Korean forces".

Titles are also remembered as spans, so the states inside them are read as attributes of the
person ("Russia's" in "Russia's Deputy Foreign Minister"), not as parties to a meeting.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.ingest.gazetteer import gazetteer
from desk.ingest.mentions import Entities, Entity
from desk.ingest.names import is_acronym
from desk.ingest.text import Document, Token
from desk.ingest.vocabulary import (
    NAME_SUFFIXES,
    NOT_NAMES,
    ORGANIZATION_HEADS,
    SPEECH,
    STATE_BODIES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from desk.ingest.words import word_set

#: Words a generic body's name may consist of ("Defence Ministry", "Security Council").
_GENERIC = (
    TITLE_MODIFIERS | ORGANIZATION_HEADS | word_set("central news armed people's peoples coast air")
)
_CONNECTORS = frozenset(["of", "for", "and", "on", "the"])
_MONTHS_AND_DAYS = word_set(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
)


@dataclass(frozen=True)
class Sighting:
    """A name with what the report says it is."""

    name: str
    kind: str
    first: int
    last: int
    how: str
    title: str | None = None
    country: str | None = None
    #: The name as written when it differs from ``name`` ("Russia's Security Council").
    alias: str | None = None
    #: Tokens of the title, whose states are attributes of the person.
    title_span: tuple[int, int] | None = None


def find_candidates(doc: Document, entities: Entities) -> list[tuple[int, int]]:
    """Register candidate actors and their mentions; return the title spans found."""
    sightings = [
        *_titled_people(doc, entities),
        *_appositions(doc),
        *_titles_before_comma(doc),
        *_bodies(doc, entities),
        *_state_bodies(doc, entities),
        *_named_sides(doc, entities),
    ]
    sightings += _speakers(doc, entities, sightings)
    taken = {i for s in sightings for i in range(s.first, s.last + 1)} | set(entities.covering)
    from desk.ingest.structure import structural_people  # it reads names with this module

    sightings += structural_people(doc, taken)
    taken |= {i for s in sightings for i in range(s.first, s.last + 1)}
    sightings += _slot_people(doc, taken)
    sightings = [_publication_or_person(doc, _without_honorifics(doc, s)) for s in sightings]
    sightings = [
        s for s in sightings if not (s.kind == "person" and (_regional(s.name) or _place_like(s)))
    ]
    title_spans: list[tuple[int, int]] = []
    for sighting in sightings:
        if sighting.title_span is not None:
            title_spans.append(sighting.title_span)
        _register(doc, entities, sighting)
    for first, last in title_spans:
        for mention in entities.mentions_in(first, last):
            mention.attribute = True
    _coordinated_people(doc, entities)
    return title_spans


#: Adjectives of regions: a name ending in one describes a region ("Central Asian tour", "West
#: African leaders"), it is no person.
_REGIONAL = word_set(
    """
    asian african european american arab arabian eastern western northern southern nordic
    baltic balkan caucasian caribbean pacific atlantic mediterranean gulf latin
    """
)


def _regional(name: str) -> bool:
    return name.split()[-1].lower() in _REGIONAL


def _register(doc: Document, entities: Entities, sighting: Sighting) -> None:
    if sighting.how not in ("title", "apposition", "body") and len(sighting.name.split()) > 1:
        holder = _named_before(entities, doc, sighting)
        if holder is not None:  # "De Wever" after "Bart De Wever": his surname, not a newspaper
            entities.mention(holder, sighting.first, sighting.last, full=False)
            return
    covering = entities.covering.get(sighting.first)
    if covering is not None and covering.last >= sighting.last:
        entity = covering.entity
        _enrich(entity, sighting, doc)
        return
    if any(i in entities.covering for i in range(sighting.first, sighting.last + 1)):
        return
    entity = entities.add(
        Entity(
            sighting.name,
            sighting.kind,
            title=sighting.title,
            country=sighting.country,
            aliases=[sighting.alias] if sighting.alias else [],
            origin=sighting.how,
            best_sentence=doc.tokens[sighting.first].sentence if sighting.title else None,
        )
    )
    _enrich(entity, sighting, doc)
    entities.mention(entity, sighting.first, sighting.last)


def _enrich(entity: Entity, sighting: Sighting, doc: Document) -> None:
    if sighting.title and entity.origin != "desk":
        if entity.title is None or sighting.how == "apposition":
            entity.title = sighting.title
        if entity.best_sentence is None or sighting.how == "apposition":
            entity.best_sentence = doc.tokens[sighting.first].sentence
    if entity.origin != "desk":
        entity.country = entity.country or sighting.country
    if sighting.alias:
        entity.add_alias(sighting.alias)


# -- people ------------------------------------------------------------------------------------
def name_after(doc: Document, start: int) -> tuple[int, int] | None:
    """The personal name starting at token ``start``: capitalised words (hyphenated parts and
    a suffix such as "Jr." included), at most four, none of them a title word."""
    tokens = doc.tokens
    if start >= len(tokens):
        return None
    words = 0
    last = None
    particles = False
    index = start
    while index < len(tokens):
        token = tokens[index]
        if index > start and not (
            token.close
            or token.joined
            or after_initial(doc, index)
            or _after_first_initial(doc, index, start)
        ):
            break
        if token.sentence != tokens[start].sentence and not after_initial(doc, index):
            break
        if token.joined and not token.capital and last is not None:
            last = index
        elif last is not None and _particle_at(doc, index):
            particles = True  # "al-Sisi", "bin Hamad", "Hassan Sheikh Mohamud": not a word
        elif token.capital and (name_word(token) or month_as_name(doc, index)):
            if token.lower in NAME_SUFFIXES and words >= 2:
                last = index
                break
            words += 1
            last = index
            if words > (6 if particles else 4):
                return None  # "Mohammed bin Abdulrahman bin Jassim Al Thani" has five
        else:
            break
        if token.possessive:
            break
        index += 1
    if last is None:
        return None
    return start, last


def _after_first_initial(doc: Document, index: int, start: int) -> bool:
    """Whether token ``index`` follows a name's leading initial ("S. Jaishankar")."""
    tokens = doc.tokens
    initial = tokens[start]
    return (
        index == start + 1
        and len(initial.text) == 1
        and initial.text.isupper()
        and tokens[index].capital
        and doc.between(start, index) == ". "
    )


def after_initial(doc: Document, index: int) -> bool:
    """Whether token ``index`` follows a middle initial ("Antony J. Blinken", "John F. Kerry"):
    a single capital letter and its full stop, with a name word before and this one capital."""
    tokens = doc.tokens
    if index < 2:
        return False
    initial, before, token = tokens[index - 1], tokens[index - 2], tokens[index]
    return (
        len(initial.text) == 1
        and initial.text.isupper()
        and initial.close
        and before.capital
        and token.capital
        and doc.between(index - 1, index) == ". "
    )


#: Lower-case particles written apart inside a name: "Tamim bin Hamad", "Ursula von der Leyen".
_PARTICLES = word_set("bin bint ibn ben abu de del della der den van von da dos du di le zu")
#: Particles written with a hyphen: "al-Sisi", "el-Sisi", "ad-Dawla".
_HYPHEN_PARTICLES = word_set("al el ad as an at ar az ash")
#: Honorifics that can stand inside a name ("Hassan Sheikh Mohamud").
_INNER_HONORIFICS = word_set("sheikh sheik")


def _particle_at(doc: Document, index: int) -> bool:
    """Whether token ``index`` is a particle inside a name: a capitalised name word follows."""
    tokens = doc.tokens
    if index + 1 >= len(tokens):
        return False
    token, following = tokens[index], tokens[index + 1]
    if (
        token.lower in _PARTICLES
        and not token.capital
        and following.lower in _PARTICLES
        and following.close
        and _particle_at(doc, index + 1)
    ):
        return True  # "von der Leyen", "van den Berg"
    if not (following.capital and name_word(following)):
        return False
    if token.lower in _HYPHEN_PARTICLES and not token.capital:
        return following.joined and token.close
    if token.lower in _PARTICLES and not token.capital:
        return following.close and token.close
    return token.lower in _INNER_HONORIFICS and token.close and following.close


def name_start_before(doc: Document, last: int) -> int:
    """The first token of the personal name ending at ``last``, walking back over name words,
    hyphenated parts and particles ("Abdel Fattah al-Sisi", "Tamim bin Hamad Al Thani")."""
    tokens = doc.tokens
    first = last
    while first > 0:
        previous = tokens[first - 1]
        current = tokens[first]
        if previous.sentence != current.sentence or not (current.close or current.joined):
            break
        if current.joined and not current.capital:
            first -= 1
            continue
        if previous.capital and (name_word(previous) or month_as_name(doc, first - 1)):
            first -= 1
            continue
        if _particle_at(doc, first - 1) and first - 1 > 0 and tokens[first - 2].capital:
            first -= 1
            continue
        break
    while first < last and (tokens[first].joined or not tokens[first].capital):
        first += 1
    return first


def name_word(token: Token) -> bool:
    lower = token.lower
    return (
        lower not in NOT_NAMES
        and lower not in TITLE_HEADS
        and lower not in TITLE_MODIFIERS
        and lower not in ORGANIZATION_HEADS
        and lower not in _MONTHS_AND_DAYS
        and not token.text.isdigit()
    )


def month_as_name(doc: Document, index: int) -> bool:
    """Whether a month word is a name here: "Jan" before a surname ("Jan Zielinski"; the month
    is written "Jan." or "Jan 5"), "May" after a given name ("Theresa May", not "May 5")."""
    tokens = doc.tokens
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is not None and following.text[:1].isdigit():
        return False
    if token.text == "Jan":
        return (
            following is not None
            and following.close
            and following.capital
            and following.sentence == token.sentence
            and name_word(following)
        )
    if token.text == "May" and index > 0:
        previous = tokens[index - 1]
        return (
            token.close
            and previous.capital
            and previous.sentence == token.sentence
            and name_word(previous)
            and (following is None or not following.close or not following.capital)
        )
    return False


def unclaimed_name(
    doc: Document, start: int, claimed: set[int]
) -> tuple[int, int, list[Token]] | None:
    """The name of two or more name words starting at capitalised ``start``, none of its words
    claimed by another finding: its first and last token and its words."""
    tokens = doc.tokens
    if start >= len(tokens) or start in claimed or not tokens[start].capital:
        return None
    span = name_after(doc, start)
    if span is None:
        return None
    first, last = span
    if any(i in claimed for i in range(first, last + 1)):
        return None
    words = whole_words(doc, first, last)
    if len(words) < 2 or not name_words(doc, words):
        return None
    return first, last, words


def name_words(doc: Document, words: list[Token]) -> bool:
    """Whether every word of a name can be part of a personal name."""
    return all(name_word(t) or month_as_name(doc, t.index) for t in words)


def whole_words(doc: Document, first: int, last: int) -> list[Token]:
    """A name's words, leaving out hyphenated parts and particles."""
    tokens = doc.tokens
    return [
        t
        for t in tokens[first : last + 1]
        if (not t.joined or (t.index > 0 and _particle_at(doc, t.index - 1)))
        and not (t.index < last and _particle_at(doc, t.index))
    ]


#: Words that make a name a newspaper or broadcaster, never a person ("Daily Sabah").
PUBLICATIONS = word_set(
    """
    daily times post herald journal gazette tribune telegraph news press chronicle courier
    monitor express mail standard magazine weekly broadcasting television radio tv
    """
)


def is_publication(name: str) -> bool:
    return any(word.lower().strip(".") in PUBLICATIONS for word in name.split())


def name_text(doc: Document, first: int, last: int) -> str:
    text = doc.span_text(first, last)
    if (
        doc.tokens[last].lower in NAME_SUFFIXES
        and doc.text[doc.tokens[last].end : doc.tokens[last].end + 1] == "."
    ):
        text += "."
    return text


def _country_before(doc: Document, index: int) -> tuple[str | None, int]:
    """A state named just before token ``index`` (possessive or adjective): (state, first token)."""
    data = gazetteer()
    tokens = doc.tokens
    if index <= 0:
        return None, index
    for width in (3, 2, 1):
        first = index - width
        if first < 0:
            continue
        words = tokens[first:index]
        if any(t.sentence != tokens[index].sentence for t in words):
            continue
        if any(not (t.close or t.joined) for t in words[1:]):
            continue
        text = doc.span_text(first, index - 1)
        last = words[-1]
        if last.possessive and text in data.states:
            return data.states[text].name, first
        if not last.possessive and text in data.adjectives:
            return data.adjectives[text], first
        if not last.possessive and text in data.states and tokens[index].close:
            return data.states[text].name, first  # "U.S. Defense Secretary"
    return None, index


def _titled_people(doc: Document, entities: Entities) -> list[Sighting]:
    """'<state's|adjective>? <title words> <Name>'."""
    tokens = doc.tokens
    found: list[Sighting] = []
    for index, token in enumerate(tokens):
        if token.lower not in TITLE_HEADS:
            continue
        name_start = index + 1
        # "Secretary of State Marco Rubio"
        if (
            name_start + 2 < len(tokens)
            and tokens[name_start].lower == "of"
            and tokens[name_start + 1].capital
            and tokens[name_start + 1].lower in TITLE_MODIFIERS | {"state"}
        ):
            name_start += 2
        elif name_start < len(tokens) and tokens[name_start].lower == "of":
            # "Secretary of the Security Council of the Russian Federation Sergei Shoigu"
            name_start = (
                _after_body(doc, entities, name_start + 1)
                or _after_department(doc, name_start + 1)
                or name_start
            )
        elif name_start < len(tokens) and tokens[name_start].lower in ("for", "to"):
            # "Special Envoy for Syria Tom Barrack", "Ambassador to Japan Rahm Emanuel"
            place = _place_at(doc, name_start + 1)
            name_start = place + 1 if place is not None else name_start
        title_end = name_start  # honorifics are neither title nor name
        name_start = _after_honorifics(doc, name_start)  # "Minister Dr. S. Jaishankar"
        if name_start >= len(tokens) or not (
            tokens[name_start].close or _after_honorific(doc, name_start)
        ):
            continue
        span = name_after(doc, name_start)
        if span is None:
            continue
        first, last = span
        words = whole_words(doc, first, last)
        if len(words) == 1 and token.lower in _SOVEREIGNS and name_words(doc, words):
            words = [*words, *words]  # "Emperor Naruhito", "Crown Prince Hussein": one name
        title_first = index
        while title_first > 0:
            previous = tokens[title_first - 1]
            current = tokens[title_first]
            if previous.sentence != token.sentence or not (current.close or current.joined):
                break
            if previous.possessive:
                break
            if previous.lower in TITLE_MODIFIERS or previous.lower in TITLE_HEADS:
                title_first -= 1
                continue
            if previous.capital and previous.lower not in NOT_NAMES:
                if _country_before(doc, title_first)[0] is not None:
                    break
                if previous.lower in ORGANIZATION_HEADS or _in_capital_run(tokens, title_first):
                    title_first -= 1
                    continue
            break
        country, country_first = _country_before(doc, title_first)
        title = doc.text[tokens[title_first].start : tokens[index].end]
        if title_end > index + 1:
            title = doc.text[tokens[title_first].start : tokens[title_end - 1].end]
        if len(words) < 2:
            continue  # a surname after a title names someone already known, not a new actor
        name = name_text(doc, first, last)
        if _is_known_place_or_state(name) or _looks_like_body(tokens, first, last):
            continue
        display = _display_title(title, country)
        found.append(
            Sighting(
                name,
                "person",
                first,
                last,
                "title",
                title=display,
                country=country,
                title_span=(min(country_first, title_first), name_start - 1),
            )
        )
    return found


#: Titles that stand before a single name: "Emperor Naruhito", "King Abdullah II".
_SOVEREIGNS = word_set("emperor empress king queen emir sultan prince princess pope")


def _after_department(doc: Document, start: int) -> int | None:
    """Where a name starts after a one-word department ("Secretary of War Pete Hegseth",
    "Minister of Tourism Ana Ruiz"): a run of exactly three capitalised name words after 'of'
    is the department and a two-word name."""
    tokens = doc.tokens
    cursor = start
    while (
        cursor < len(tokens)
        and tokens[cursor].sentence == tokens[start].sentence
        and tokens[cursor].capital
        and (cursor == start or tokens[cursor].close)
        and not tokens[cursor].possessive
    ):
        cursor += 1
    if cursor - start != 3 or not name_words(doc, tokens[start + 1 : cursor]):
        return None
    return start + 1


def _after_honorifics(doc: Document, start: int) -> int:
    """The first token after honorifics such as 'Dr.', 'Shri', 'Ms.' before a name."""
    from desk.ingest.structure import HONORIFICS  # it reads names with this module

    tokens = doc.tokens
    while (
        start + 1 < len(tokens)
        and tokens[start + 1].capital
        and tokens[start + 1].sentence == tokens[start].sentence
        and (
            (tokens[start].lower in HONORIFICS and doc.between(start, start + 1) == ". ")
            or tokens[start].lower in _WORD_HONORIFICS
            or (tokens[start].lower == "tan" and tokens[start + 1].lower == "sri")
        )
    ):
        start += 1  # not "Gen Nakatani": an abbreviation is an honorific with its full stop
    return start


#: Honorifics written as words, never abbreviated: "Shri Jagdeep Dhankhar", "Sheikh Tamim".
#: Malaysian honours too: "Datuk Seri Anwar Ibrahim", "Tun Mahathir", "Tan Sri Muhyiddin".
_WORD_HONORIFICS = word_set(
    """
    shri smt sri sheikh sheik datuk dato datin tun tunku tengku toh seri comrade
    """
)


def _after_honorific(doc: Document, index: int) -> bool:
    """Whether token ``index`` follows an honorific and its full stop ('Dr. S. Jaishankar')."""
    from desk.ingest.structure import HONORIFICS

    return index > 0 and doc.tokens[index - 1].lower in HONORIFICS


def _after_body(doc: Document, entities: Entities, start: int) -> int | None:
    """Where a name starts after the body a title belongs to ("... of the Security Council of
    the Russian Federation Sergei Shoigu"): after the last known place or state, or the last
    word that ends a body, in the run of capitalised words and connectors from ``start``."""
    tokens = doc.tokens
    cursor, body_end = start, None
    while cursor < len(tokens) and tokens[cursor].sentence == tokens[start].sentence:
        token = tokens[cursor]
        if cursor > start and not (token.close or token.joined):
            break
        mention = entities.covering.get(cursor)
        place = _place_at(doc, cursor)
        if mention is not None and mention.entity.kind != "person":
            body_end = cursor = mention.last
        elif place is not None:
            body_end = cursor = place  # "... of Chile Rosa Fuentes"
        elif token.lower in ORGANIZATION_HEADS:
            body_end = cursor
        elif not (token.capital or token.lower in _CONNECTORS):
            break
        cursor += 1
    if body_end is None or body_end + 2 >= cursor:
        return None  # no body, or fewer than two words left for a name
    return body_end + 1


def _place_at(doc: Document, start: int) -> int | None:
    """The last token of a state or city the gazetteer knows starting at ``start`` (up to
    three words: "Chile", "Russian Federation"), if any."""
    data = gazetteer()
    tokens = doc.tokens
    for width in (3, 2, 1):
        last = start + width - 1
        if last >= len(tokens) or tokens[last].sentence != tokens[start].sentence:
            continue
        text = doc.span_text(start, last)
        if text in data.states or text in data.cities:
            return last
    return None


def _in_capital_run(tokens: list[Token], index: int) -> bool:
    """Whether the capitalised word before ``index`` belongs to a body named in a title."""
    previous = tokens[index - 1]
    return previous.capital and tokens[index].capital


def _display_title(title: str, country: str | None) -> str:
    """'vice president of the Korea Institute ...' -> 'Vice President of the Korea Institute
    ...'; a country read before the title goes after it ('Deputy Foreign Minister of Russia')."""
    words = title.split()
    for number, word in enumerate(words):
        lower = word.lower()
        if lower not in TITLE_HEADS and lower not in TITLE_MODIFIERS:
            break
        words[number] = word[:1].upper() + word[1:]
    title = " ".join(words)
    title = title[:1].upper() + title[1:]
    return f"{title} of {country}" if country else title


def _is_known_place_or_state(name: str) -> bool:
    data = gazetteer()
    return name in data.states or name in data.cities or name in data.adjectives


def _looks_like_body(tokens: list[Token], first: int, last: int) -> bool:
    return any(t.lower in ORGANIZATION_HEADS for t in tokens[first : last + 1])


def _appositions(doc: Document) -> list[Sighting]:
    """'<Name>, <title> of|at <body>,': the title after a name."""
    tokens = doc.tokens
    text = doc.text
    found: list[Sighting] = []
    for index, token in enumerate(tokens[:-1]):
        if not (token.capital or token.joined) or text[token.end : token.end + 2] != ", ":
            continue
        # The name ends here: walk back over its words.
        first = index
        while first > 0:
            previous = tokens[first - 1]
            current = tokens[first]
            if previous.sentence != token.sentence or not (current.close or current.joined):
                break
            if not previous.capital and not (current.joined and not current.capital):
                break
            if previous.capital and not name_word(previous):
                break
            first -= 1
        while first < index and tokens[first].joined:
            first += 1
        span = name_after(doc, first)
        if span is None or span[1] != index:
            continue
        whole = [t for t in tokens[first : index + 1] if not t.joined]
        if len(whole) < 2 or _looks_like_body(tokens, first, index):
            continue
        name = name_text(doc, first, index)
        if _is_known_place_or_state(name):
            continue
        # The title: up to four words containing a title head, then of/at/for and the rest.
        cursor = index + 1
        if cursor < len(tokens) and tokens[cursor].lower in ("the", "a", "an"):
            cursor += 1
        # "Russia's envoy in Vienna", "the EU's foreign policy chief": whose title it is
        owner = cursor if cursor < len(tokens) and tokens[cursor].possessive else None
        head = None
        for offset in range(cursor, min(cursor + 5, len(tokens))):
            if tokens[offset].sentence != token.sentence:
                break
            if tokens[offset].lower in TITLE_HEADS:
                head = offset
            elif offset == owner:
                continue
            elif head is not None or tokens[offset].lower not in TITLE_MODIFIERS | {"policy"}:
                break
        if head is None:
            continue
        after_head = tokens[head + 1] if head + 1 < len(tokens) else None
        if (
            after_head is not None
            and after_head.close
            and after_head.capital
            and name_word(after_head)
        ):
            continue  # "A B, presidential aide C D": the title is C D's, not A B's
        end = head
        if head + 1 < len(tokens) and tokens[head + 1].lower in (
            "of",
            "at",
            "for",
            "to",
            "with",
            "in",
        ):
            end = head + 1
            while end + 1 < len(tokens) and tokens[end + 1].sentence == token.sentence:
                gap = doc.between(end, end + 1)
                if "," in gap or "." in gap or ";" in gap or "(" in gap:
                    break
                end += 1
        title_text = text[tokens[cursor].start : tokens[end].end]
        country = None
        data = gazetteer()
        for inner in range(cursor, end + 1):
            if tokens[inner].possessive and tokens[inner].text in data.states:
                country = data.states[tokens[inner].text].name
                break
        found.append(
            Sighting(
                name,
                "person",
                first,
                index,
                "apposition",
                title=_display_title(title_text, None),
                country=country,
                title_span=(cursor, end),
            )
        )
    return found


def _speakers(doc: Document, entities: Entities, seen: list[Sighting]) -> list[Sighting]:
    """'<Name> said': a full name (two words or more) that speaks."""
    tokens = doc.tokens
    taken = {index for s in seen for index in range(s.first, s.last + 1)}
    found: list[Sighting] = []
    for index, token in enumerate(tokens):
        if token.lower not in SPEECH or index == 0:
            continue
        last = index - 1
        if last in taken or last in entities.covering:
            continue
        if not (tokens[last].capital or tokens[last].joined):  # "Kim Jong-un said"
            continue
        if not token.close:
            continue
        first = name_start_before(doc, last)
        words = whole_words(doc, first, last)
        if len(words) < 2 or not name_words(doc, words):
            continue
        if _looks_like_body(tokens, first, last):
            continue
        name = name_text(doc, first, last)
        if _is_known_place_or_state(name):
            continue
        kind = "organization" if is_publication(name) else "person"
        found.append(Sighting(name, kind, first, last, "speaker"))
    return found


# -- bodies ------------------------------------------------------------------------------------
def _capital_runs(doc: Document) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words (joined by spaces, hyphens or of/for/and/the)."""
    tokens = doc.tokens
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not token.capital:
            index += 1
            continue
        first = last = index
        cursor = index + 1
        while cursor < len(tokens) and not tokens[last].possessive:
            following = tokens[cursor]
            if following.sentence != token.sentence or not (following.close or following.joined):
                break
            if following.capital:
                last = cursor
                cursor += 1
                continue
            if (
                following.lower in _CONNECTORS
                and cursor + 1 < len(tokens)
                and tokens[cursor + 1].close
                and (
                    tokens[cursor + 1].capital
                    or (
                        tokens[cursor + 1].lower == "the"
                        and cursor + 2 < len(tokens)
                        and tokens[cursor + 2].capital
                    )
                )
            ):
                cursor += 1
                continue
            break
        runs.append((first, last))
        index = last + 1
    return runs


def _bodies(doc: Document, entities: Entities) -> list[Sighting]:
    tokens = doc.tokens
    found: list[Sighting] = []
    data = gazetteer()
    for first, last in _capital_runs(doc):
        heads = [i for i in range(first, last + 1) if tokens[i].lower in ORGANIZATION_HEADS]
        if not heads:
            continue
        start = first
        # A run may open with a state's name as its owner: "Japan Coast Guard" stays whole, but
        # a title after the body ends it ("Security Council Secretary").
        end = heads[0]
        while end + 1 <= last and (
            tokens[end + 1].lower in _CONNECTORS or tokens[end + 1].lower in ORGANIZATION_HEADS
        ):
            end += 1
        if end < last and tokens[end].lower in _CONNECTORS:
            # "Institute for National Unification": take the words after the connector too.
            end += 1
            while end + 1 <= last and tokens[end + 1].lower not in TITLE_HEADS:
                end += 1
        while end > start and tokens[end].lower in _CONNECTORS:
            end -= 1
        while start < end and tokens[start].lower in NOT_NAMES:
            start += 1
        if end == start and tokens[start].lower in ORGANIZATION_HEADS:
            continue  # "Ministry" alone
        words = [t.lower for t in tokens[start : end + 1] if not t.joined]
        if all(w in TITLE_HEADS or w in TITLE_MODIFIERS for w in words):
            continue
        name = doc.span_text(start, end)
        if name in data.states or name in data.cities:
            continue
        country = None
        alias = None
        generic = all(w in _GENERIC for w in words)
        if generic:
            owner, owner_first = _country_before(doc, start)
            if owner is not None and tokens[start - 1].possessive:
                alias = doc.span_text(owner_first, end)
            elif owner is None:
                owner = _country_after(doc, entities, end)
            country = owner
        else:
            adjective = _adjective_at(doc, start)
            country = adjective
        title = None
        if end + 2 < len(tokens) and tokens[end + 1].lower == "news":
            title = "news agency"
        display = f"{name} of {country}" if generic and country else name
        found.append(Sighting(display, "organization", start, end, "body", title, country, alias))
    return found


#: Nouns of the people a group sends: "a Hamas delegation", "Houthi negotiators".
_SIDE_NOUNS = word_set(
    "delegation delegations negotiators negotiator official officials leader leaders team "
    "spokesman spokeswoman fighters commander commanders"
)


def _named_sides(doc: Document, entities: Entities) -> list[Sighting]:
    """'a Hamas delegation', 'any Hamas official': one capitalised word, neither a state, its
    adjective, a city nor a title, between an article and a noun of the people a side sends
    names a group (at least twice in the report, so a stray capital is not one)."""
    tokens = doc.tokens
    data = gazetteer()
    seen: set[str] = set()
    for index in range(1, len(tokens) - 1):
        token = tokens[index]
        if not token.capital or index in entities.covering or token.possessive:
            continue
        if tokens[index - 1].lower not in ("a", "an", "the", "any", "two", "senior"):
            continue
        if tokens[index + 1].lower not in _SIDE_NOUNS or not tokens[index + 1].close:
            continue
        if (
            tokens[index + 1].joined
            or not token.close
            or tokens[index - 1].sentence != token.sentence
        ):
            continue
        text = token.text
        if (
            text in data.states
            or text in data.adjectives
            or text in data.cities
            or not name_word(token)
            or token.lower in _REGIONAL
        ):
            continue
        seen.add(text)
    found: list[Sighting] = []
    for text in sorted(seen):
        written = [t.index for t in tokens if t.text == text and t.index not in entities.covering]
        if len(written) < 2:
            continue
        for index in written:
            found.append(Sighting(text, "group", index, index, "body"))
    return found


def _adjective_at(doc: Document, start: int) -> str | None:
    data = gazetteer()
    tokens = doc.tokens
    for width in (2, 1):
        if start + width > len(tokens):
            continue
        text = doc.span_text(start, start + width - 1)
        if text in data.adjectives:
            return data.adjectives[text]
    return None


def _country_after(doc: Document, entities: Entities, end: int) -> str | None:
    """'... in Jakarta, Indonesia': the state of the place named right after a body."""
    tokens = doc.tokens
    if end + 2 >= len(tokens) or tokens[end + 1].lower not in ("in", "of"):
        return None
    place = entities.place_at(end + 2)
    if place is not None:
        return place.country
    covering = entities.covering.get(end + 2)
    if covering is not None and covering.entity.kind == "state":
        return covering.entity.name
    return None


def _state_bodies(doc: Document, entities: Entities) -> list[Sighting]:
    """'India's foreign ministry', 'North Korean forces': a state's body in lower case."""
    tokens = doc.tokens
    found: list[Sighting] = []
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for body in STATE_BODIES:
        by_first.setdefault(body[0], []).append(body)
    for index, token in enumerate(tokens):
        bodies = by_first.get(token.lower)
        if bodies is None or token.capital or not token.close:
            continue
        for body in bodies:
            width = len(body)
            words = tokens[index : index + width]
            if len(words) < width or tuple(t.lower for t in words) != body:
                continue
            if any(not t.close for t in words[1:]):
                continue
            following = tokens[index + width] if index + width < len(tokens) else None
            if following is not None and following.close and following.capital:
                continue
            if body == ("military",) and following is not None and following.close:
                break  # "military exercises": an adjective
            country, first = _country_before(doc, index)
            if country is None:
                break
            owner = tokens[index - 1]
            owner_name = doc.span_text(first, index - 1)
            if (
                not owner.possessive
                and owner_name in gazetteer().states
                and not is_acronym(owner_name)
            ):
                break  # "Russia military": not how a state's body is named
            name = " ".join(word.capitalize() for word in body)
            found.append(
                Sighting(
                    f"{name} of {country}",
                    "organization",
                    index,
                    index + width - 1,
                    "body",
                    country=country,
                    alias=doc.span_text(first, index + width - 1),
                )
            )
            break
    return found


# -- people by the slot their name stands in ---------------------------------------------------
#: Words whose object is usually a person: "a message from Vladimir Putin", "praised Viktor
#: Orban", "asked about Benjamin Netanyahu", "quoted Li Qiang as saying".
_PERSON_SLOTS = word_set(
    """
    from about against behind under like than by for
    praised thanked urged invited congratulated criticised criticized accused quoted blamed
    briefed informed assured reassured pressed warned asked telephoned phoned appointed
    replaced succeeded dismissed sacked endorsed accompanied condemned slammed
    """
)
#: Nouns after which "of <Name>" is a person: "at the invitation of Shehbaz Sharif".
_OF_PERSON = word_set(
    """
    invitation behalf envoy envoys aide aides adviser advisers son daughter wife husband
    brother sister message letter greetings request successor predecessor ally allies
    government administration visit trip return death killing assassination arrest release
    election ouster fall rule supporters critics representative representatives office
    """
)
#: Words after which "to <Name>" is a person: "according to Yury Ushakov", "a letter to ...".
_TO_PERSON = word_set("according spoke talked wrote letter message close loyal successor")
#: Words a place, an event or a thing ends with, never a personal name ("Red Square",
#: "Wall Street", "Belt and Road Forum", "Gaza City", "Red Cross").
_PLACE_LAST = word_set(
    """
    square street avenue road boulevard palace house island islands strait sea ocean bay
    gulf river lake mountains valley peninsula strip coast heights region province oblast
    krai district city town village port airport base camp resort zone corridor canal
    bridge gate plaza forum summit dialogue conference initiative treaty accord agreement
    declaration plan programme program project museum cathedral mosque shrine tower stadium
    games cup olympics prize award medal act law doctrine line front format framework
    partnership pact charter convention protocol memorandum communique resolution operation
    war crisis revolution republic kingdom emirates empire dynasty cross crescent day week
    airlines airways holdings group club watch international fleet brigade battalion division
    regiment corps dome thought accords agreements talks news media hill hills
    """
)
#: Words a place's name starts with ("Mount Paektu", "Camp David", "Port Moresby").
_PLACE_FIRST = word_set("mount lake port fort camp cape gulf sea bay isle saint st san santa")
#: Articles a newspaper's or channel's name starts with ("El Pais", "Al Arabiya", "De
#: Standaard"): a personal name has more than an article and one word, unless it is the
#: surname of someone named before ("De Wever").
_ARTICLES = word_set("el al le la les der die das de il lo los las o")
#: Lower-case words before a publication's name: "Belgian daily De Standaard".
_PUBLICATION_CUES = word_set(
    """
    daily newspaper paper weekly tabloid magazine broadcaster channel network outlet website
    agency
    """
)


def _name_shape(doc: Document, start: int, taken: set[int]) -> tuple[int, int] | None:
    """The personal name starting at ``start``: two or more name words, no title, body, state,
    city, place or publication among them, not part of a longer capitalised run."""
    from desk.ingest.structure import HONORIFICS

    tokens = doc.tokens
    while start < len(tokens) and tokens[start].lower in HONORIFICS:
        start += 1
    start = _after_honorifics(doc, start)
    found = unclaimed_name(doc, start, taken)
    if found is None:
        return None
    first, last, words = found
    if any(len(t.text) > 1 and t.text.isupper() and t.lower not in NAME_SUFFIXES for t in words):
        return None  # "New START", a dateline ("SEOUL"), an acronym: no personal name
    if _looks_like_body(tokens, first, last):
        return None
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    if (
        following is not None
        and following.close
        and following.capital
        and not tokens[last].possessive
    ):
        return None  # part of a longer capitalised name
    name = name_text(doc, first, last)
    data = gazetteer()
    if is_publication(name) or any(
        part in data.states or part in data.cities or part in data.adjectives
        for part in (name, *(t.text for t in words))
    ):
        return None
    if words[-1].lower in _PLACE_LAST or words[0].lower in _PLACE_FIRST:
        return None
    return first, last


def _slot_people(doc: Document, taken: set[int]) -> list[Sighting]:
    """People shown by the word before or after their name: the object of a preposition or a
    verb that takes a person, a state's possessive ("Iran's Abbas Araghchi"), a possessive of
    their own ("Sergey Lavrov's visit"), or a sentence opening "A B and ..."."""
    from desk.ingest.structure import _headlines

    tokens = doc.tokens
    headlines = _headlines(doc)
    claimed = set(taken)
    found: list[Sighting] = []

    def consider(start: int, how: str, country: str | None = None) -> None:
        if start >= len(tokens) or tokens[start].sentence in headlines:
            return
        span = _name_shape(doc, start, claimed)
        if span is None:
            return
        first, last = span
        found.append(
            Sighting(name_text(doc, first, last), "person", first, last, how, country=country)
        )
        claimed.update(range(first, last + 1))

    for index, token in enumerate(tokens[:-1]):
        following = tokens[index + 1]
        if following.sentence != token.sentence or not following.close:
            continue
        word = token.lower
        previous = tokens[index - 1].lower if index > 0 else ""
        if token.possessive:
            country, _ = _country_before(doc, index + 1)
            if country is not None:
                consider(index + 1, "argument", country)  # "Iran's Abbas Araghchi"
            continue
        if token.capital:
            if word in _WORD_HONORIFICS or word == "tan":
                consider(index, "argument")  # "the respected Comrade Kim Jong Un"
            continue
        if (
            word in _PERSON_SLOTS
            or (word == "of" and previous in _OF_PERSON)
            or (word == "to" and previous in _TO_PERSON)
        ):
            consider(index + 1, "argument")
    for index, token in enumerate(tokens[:-1]):
        if index in claimed or not token.capital:
            continue
        following = tokens[index + 1]
        if token.possessive and following.close and not following.capital:
            first = name_start_before(doc, index)  # "Sergey Lavrov's visit"
            span = _name_shape(doc, first, claimed)
            if span is not None and span[1] == index:
                consider(first, "argument")
        elif index == 0 or tokens[index - 1].sentence != token.sentence:
            span = _name_shape(doc, index, claimed)
            if span is not None and span[1] + 1 < len(tokens):
                after = tokens[span[1] + 1]
                if after.sentence != token.sentence or not after.close or after.capital:
                    continue
                if after.lower == "and" or _verb_after_name(after):
                    consider(index, "subject")  # "Donald Tusk and Friedrich Merz met"
    return found


#: Verbs in the present that follow a sentence's subject: "Aung San Suu Kyi remains ...".
_PRESENT_VERBS = word_set(
    """
    remains says warns urges insists denies rejects wants hopes believes faces expects argues
    accuses blames demands calls seeks vows pledges told
    """
)


def _verb_after_name(token: Token) -> bool:
    """A lower-case verb after a name that opens a sentence: a past in -ed ("Kim Yo Jong
    warned"), or a present that only a person's subject takes ("remains", "insists")."""
    word = token.lower
    return (len(word) > 4 and word.endswith("ed") and not token.joined) or word in _PRESENT_VERBS


def _coordinated_people(doc: Document, entities: Entities) -> None:
    """'Cai Qi, Wang Yi and other officials', 'Abe Shinzo and Yoon Suk Yeol': a name joined to
    a person's by a comma or "and" is a person's too."""
    from desk.ingest.structure import _headlines

    tokens = doc.tokens
    headlines = _headlines(doc)
    for _ in range(4):
        added = False
        taken = set(entities.covering)
        for mention in [m for e in entities.all if e.kind == "person" for m in e.mentions]:
            if tokens[mention.first].sentence in headlines:
                continue
            # after the person: ", A B" / " and A B" / ", and A B"
            cursor = mention.last + 1
            if cursor < len(tokens) and doc.between(mention.last, cursor).strip() == ",":
                if tokens[cursor].lower == "and" and tokens[cursor].close:
                    cursor += 1
            elif cursor < len(tokens) and tokens[cursor].lower == "and" and tokens[cursor].close:
                cursor += 1
            else:
                cursor = -1
            spans = []
            if (
                0 < cursor < len(tokens)
                and tokens[cursor].sentence == tokens[mention.last].sentence
            ):
                span = _name_shape(doc, cursor, taken)
                if span is not None:
                    spans.append(span)
            # before the person: "A B, <person>" / "A B and <person>"
            end = mention.first - 1
            if end > 0 and tokens[end].lower == "and" and tokens[mention.first].close:
                end -= 1
            elif not (end >= 0 and doc.between(end, mention.first).strip() == ","):
                end = -1
            if (
                end >= 0
                and tokens[end].sentence == tokens[mention.first].sentence
                and tokens[end].capital
            ):
                first = name_start_before(doc, end)
                span = _name_shape(doc, first, taken)
                if span is not None and span[1] == end:
                    spans.append(span)
            for first, last in spans:
                sighting = Sighting(name_text(doc, first, last), "person", first, last, "list")
                if _place_like(sighting) or _regional(sighting.name):
                    continue
                _register(doc, entities, _publication_or_person(doc, sighting))
                taken.update(range(first, last + 1))
                added = True
        if not added:
            return


def _without_honorifics(doc: Document, sighting: Sighting) -> Sighting:
    """A person's name without a form of address read into it ("Comrade Kim Jong Un",
    "Datuk Seri Anwar Ibrahim" found by the untitled readers)."""
    if sighting.kind != "person" or sighting.how == "title":
        return sighting
    first = _after_honorifics(doc, sighting.first)
    if first == sighting.first or first > sighting.last:
        return sighting
    if len(whole_words(doc, first, sighting.last)) < 2:
        return sighting
    name = name_text(doc, first, sighting.last)
    return Sighting(
        name,
        sighting.kind,
        first,
        sighting.last,
        sighting.how,
        sighting.title,
        sighting.country,
        sighting.alias,
        sighting.title_span,
    )


def _place_like(sighting: Sighting) -> bool:
    words = sighting.name.split()
    return words[-1].lower() in _PLACE_LAST or words[0].lower() in _PLACE_FIRST


def _publication_or_person(doc: Document, sighting: Sighting) -> Sighting:
    """A name read as a person's that is a newspaper's, channel's or office's: after "daily",
    "newspaper" ... ("Belgian daily De Standaard") or after "the" ("the Amiri Diwan said"), or
    an article and one word ("told El Pais"; "De Wever" after "Bart De Wever" is his surname,
    see ``_register``)."""
    if sighting.kind != "person" or sighting.how in ("title", "apposition"):
        return sighting
    tokens = doc.tokens
    before = tokens[sighting.first - 1] if sighting.first > 0 else None
    cue = before is not None and before.lower in _PUBLICATION_CUES and not before.capital
    # "the JoongAng Ilbo reported", "the Amiri Diwan said": a person's name takes no article
    cue = cue or (
        before is not None
        and before.lower == "the"
        and tokens[sighting.first].close
        and before.sentence == tokens[sighting.first].sentence
    )
    words = sighting.name.split()
    article = (
        len(words) == 2 and words[0].lower() in _ARTICLES and not tokens[sighting.first].joined
    )
    if cue or article:
        return Sighting(sighting.name, "organization", sighting.first, sighting.last, "publication")
    return sighting


def _named_before(entities: Entities, doc: Document, sighting: Sighting) -> Entity | None:
    """The one person named before in full whose name ends with this shorter one ("De Wever"
    after "Bart De Wever")."""
    start = doc.tokens[sighting.first].start
    wanted = sighting.name.lower().split()
    holders = []
    for entity in entities.all:
        if entity.kind != "person" or entity.first_full is None:
            continue
        if entity.first_full.start >= start:
            continue
        for name in entity.names:
            words = name.lower().split()
            if len(words) > len(wanted) and words[-len(wanted) :] == wanted:
                holders.append(entity)
                break
    return holders[0] if len(holders) == 1 else None


def _titles_before_comma(doc: Document) -> list[Sighting]:
    """'China's ambassador to India, Xu Feihong,', 'the head of Ukraine's presidential office,
    Andriy Yermak,': a lower-case title with what it is of, a comma, then its holder."""
    tokens = doc.tokens
    found: list[Sighting] = []
    for index, token in enumerate(tokens[:-2]):
        if token.lower not in TITLE_HEADS or token.capital:
            continue
        following = tokens[index + 1]
        if following.lower not in ("of", "to", "for", "in", "at") or not following.close:
            continue
        end = None
        for cursor in range(index + 2, min(index + 8, len(tokens) - 1)):
            word = tokens[cursor]
            if word.sentence != token.sentence or not (word.close or word.joined):
                break
            if not (
                word.capital
                or word.lower in _CONNECTORS
                or word.lower in ("to", "in", "at")
                or word.lower in TITLE_MODIFIERS
                or word.lower in ORGANIZATION_HEADS
            ):
                break
            if doc.between(cursor, cursor + 1).strip() == ",":
                end = cursor
                break
        if end is None:
            continue
        start = end + 1
        span = name_after(doc, start)
        if span is None:
            continue
        first, last = span
        words = whole_words(doc, first, last)
        if len(words) < 2 or not name_words(doc, words) or _looks_like_body(tokens, first, last):
            continue
        if last + 1 < len(tokens) and doc.between(last, last + 1).strip() not in (",", "."):
            continue  # the holder is set off on both sides
        name = name_text(doc, first, last)
        if _is_known_place_or_state(name) or is_publication(name):
            continue
        title_first = index
        while title_first > 0 and tokens[title_first - 1].lower in TITLE_MODIFIERS:
            title_first -= 1
        country, country_first = _country_before(doc, title_first)
        title = doc.text[tokens[title_first].start : tokens[end].end]
        found.append(
            Sighting(
                name,
                "person",
                first,
                last,
                "apposition",
                title=_display_title(title, country),
                country=country,
                title_span=(min(country_first, title_first), end),
            )
        )
    return found
