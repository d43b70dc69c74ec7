"""People named without a title, found from where the name stands in its sentence.

A titled name ("Foreign Minister Wang Yi") says what it is; many names do not, and wire copy
shows them by structure instead:

* **apposition** to a noun of relation: "his Pakistani counterpart, Ishaq Dar", "their
  longtime ally Bashar al-Assad" (the adjective before the noun gives the country);
* **lists** after a word that introduces members: "the delegation consists of Rustem Umerov,
  Andriy Yermak and Kyrylo Budanov", "including ...", "such as ...", "led by ...";
* **arguments** of a meeting verb or of a preposition that joins parties: "met Steve Witkoff",
  "received ...", "sat down with ...", "talks between ... and ...";
* the **subject** opening a sentence, set off by a comma or followed by its verb: "Kirill
  Dmitriev, on behalf of Putin, met ...".

A name here is two or more capitalised name words (particles such as al-, bin, von and an inner
"Sheikh" allowed, see ``candidates``) that the gazetteer does not know as a place or state and
that do not end like a body ("Ministry") or a publication ("Daily Sabah" is a newspaper).
"""

from __future__ import annotations

from desk.ingest.candidates import (
    Sighting,
    is_publication,
    name_after,
    name_start_before,
    name_text,
    unclaimed_name,
)
from desk.ingest.gazetteer import gazetteer
from desk.ingest.text import Document, Token
from desk.ingest.vocabulary import (
    MEETING_NOUNS,
    ORGANIZATION_HEADS,
    SPEECH,
    TITLE_HEADS,
    TRIGGERS,
)
from desk.ingest.words import word_set

#: Nouns of relation a name may stand in apposition to.
RELATIONS = word_set(
    """
    counterpart counterparts ally allies partner partners friend friends rival rivals
    predecessor successor colleague colleagues opponent opponents host guest guests son
    daughter wife husband brother sister protege confidant
    """
)
#: Words after which a list of people follows (the last word of the phrase).
LIST_OPENERS = word_set("of including includes included comprising namely as by")
#: The word before an opener that makes it one ("consists of", "such as", "led by").
_OPENER_BEFORE = {
    "of": word_set("consists consisting composed comprised up"),
    "as": word_set("such"),
    "by": word_set("led headed joined accompanied received welcomed hosted greeted"),
}
#: Words after which a party to a meeting is named.
ARGUMENT_SLOTS = word_set(
    """
    met meet meets meeting with between and received receives receive receiving welcomed
    welcomes welcome hosted hosts host hosting visited greeted
    """
)


def structural_people(doc: Document, taken: set[int]) -> list[Sighting]:
    """People shown by structure; ``taken`` holds tokens other readers have already named."""
    tokens = doc.tokens
    found: list[Sighting] = []
    claimed = set(taken)

    headlines = _headlines(doc)

    def consider(start: int, how: str, country: str | None = None) -> int | None:
        if start < len(tokens) and tokens[start].sentence in headlines:
            return None  # "Will Trump and Kim Meet Again?": capitals of style, not of names
        sighting = _person_at(doc, start, how, country, claimed)
        if sighting is None:
            return None
        found.append(sighting)
        claimed.update(range(sighting.first, sighting.last + 1))
        return sighting.last

    for index, token in enumerate(tokens):
        word = token.lower
        following = index + 1
        if following >= len(tokens) or tokens[following].sentence != token.sentence:
            continue
        if word in RELATIONS or _title_before_comma(doc, index):
            consider(following, "apposition", _country_of_relation(doc, index))
        elif word in LIST_OPENERS and _opens_list(doc, index):
            _list_after(doc, following, consider)
        elif token.capital and _plural_title(word):
            _list_after(doc, following, consider)  # "Foreign Ministers A B and C D"
        elif word in ("said", "says", "told") and tokens[following].capital:
            consider(following, "speaker")  # '"...," said Kaja Kallas, the EU's ...'
        elif word in HONORIFICS and following + 1 < len(tokens):
            consider(following, "argument")  # "Mrs. Anna Keller"
        elif word in ARGUMENT_SLOTS and not token.capital:
            consider(following, "argument")
        elif word in ("by", "of") and index > 0 and tokens[index - 1].lower in MEETING_NOUNS:
            consider(following, "argument")  # "the visit by X", "the visit of X"
        if word in _SUBJECT_VERBS and index > 0 and _name_ends(tokens[index - 1]) and token.close:
            consider(name_start_before(doc, index - 1), "subject")  # "..., X met Y"
        if (index == 0 or tokens[index - 1].sentence != token.sentence) and token.capital:
            last = _subject_end(doc, index)
            if last is not None:
                consider(index, "subject")
    return found


#: Short words a headline in title case may leave in lower case.
_MINOR = word_set("a an the and or of to in on at for by with as but nor vs")


def _headlines(doc: Document) -> set[int]:
    """Sentences written in title case ('Will Trump and Kim Meet Again? Five Signals to
    Watch'): every word of four or more capitalised but the minor ones."""
    tokens = doc.tokens
    words: dict[int, list[Token]] = {}
    for token in tokens:
        if not token.joined and token.text[:1].isalpha():
            words.setdefault(token.sentence, []).append(token)
    return {
        sentence
        for sentence, listed in words.items()
        if len(listed) >= 4
        and all(t.capital or t.lower in _MINOR for t in listed)
        and sum(t.capital for t in listed) >= 3
        and any(t.lower not in _MINOR and t.capital for t in listed[1:])
    }


def _person_at(
    doc: Document, start: int, how: str, country: str | None, claimed: set[int]
) -> Sighting | None:
    tokens = doc.tokens
    while start < len(tokens) and tokens[start].lower in HONORIFICS:
        start += 1  # "Mrs. Anna Keller", "Gen. Michael Kurilla"
    found = unclaimed_name(doc, start, claimed)
    if found is None:
        return None
    first, last, words = found
    if any(t.lower in ORGANIZATION_HEADS for t in tokens[first : last + 1]):
        return None
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    if following is not None and following.close and following.capital:
        return None  # part of a longer capitalised name
    if all(t.text.isupper() for t in words):
        return None  # a dateline ("NEW DELHI (Reuters)") or an acronym, not a person
    name = name_text(doc, first, last)
    data = gazetteer()
    if is_publication(name) or any(
        part in data.states or part in data.cities or part in data.adjectives
        for part in (name, *(t.text for t in words))
    ):
        return None
    return Sighting(name, "person", first, last, how, country=country)


def _country_of_relation(doc: Document, index: int) -> str | None:
    """'his Pakistani counterpart': the country an adjective before the noun names."""
    data = gazetteer()
    for cursor in range(index - 1, max(-1, index - 4), -1):
        token = doc.tokens[cursor]
        if token.text in data.adjectives:
            return data.adjectives[token.text]
        if token.lower in ("his", "her", "their", "its", "the", "a"):
            break
    return None


def _opens_list(doc: Document, index: int) -> bool:
    tokens = doc.tokens
    word = tokens[index].lower
    needs = _OPENER_BEFORE.get(word)
    if needs is None:
        return True  # "including", "comprising", "namely"
    return index > 0 and tokens[index - 1].lower in needs


def _list_after(doc: Document, start: int, consider) -> None:  # type: ignore[no-untyped-def]
    """'A B, C D and E F': each name of a list, as far as the list goes."""
    tokens = doc.tokens
    cursor = start
    while cursor < len(tokens) and tokens[cursor].sentence == tokens[start].sentence:
        last = consider(cursor, "list")
        if last is None:
            return
        cursor = last + 1
        if cursor < len(tokens) and tokens[cursor].lower == "and":
            cursor += 1
        elif cursor < len(tokens) and doc.between(last, cursor).strip() == ",":
            if tokens[cursor].lower == "and":
                cursor += 1
        else:
            return


def _subject_end(doc: Document, index: int) -> int | None:
    """A name that opens a sentence and is its subject: a comma or a lower-case verb follows."""
    span = name_after(doc, index)
    if span is None:
        return None
    _, last = span
    tokens = doc.tokens
    if last + 1 >= len(tokens) or tokens[last + 1].sentence != tokens[index].sentence:
        return None
    gap = doc.between(last, last + 1).strip()
    following = tokens[last + 1]
    if gap == ",":
        return last
    if gap == "" and not following.capital and _verb_after_subject(following.lower):
        return last
    return None


#: Verbs a sentence's subject is followed by, so the name before them is someone acting.
_SUBJECT_VERBS = word_set(
    """
    met meets visited arrived received hosted held said told called spoke signed travelled
    traveled flew welcomed led has had will would could may might can should must plans
    visits hosts receives arrives cancelled canceled postponed not never also later
    """
)


#: Forms of address before a name, not part of it.
HONORIFICS = word_set(
    "mr mrs ms dr gen sen rep prof sir dame lord lady col lt capt adm maj shri smt sri"
)


def _verb_after_subject(word: str) -> bool:
    """A verb that shows the name before it acts: "Lee Jae-myung sat down with ..."."""
    return word in _SUBJECT_VERBS or word in TRIGGERS or word in SPEECH


def _title_before_comma(doc: Document, index: int) -> bool:
    """'Abenov's foreign policy adviser, Dana Kuanysh,': a lower-case title, then its holder."""
    token = doc.tokens[index]
    return (
        token.lower in TITLE_HEADS
        and not token.capital
        and index + 1 < len(doc.tokens)
        and doc.between(index, index + 1).strip() == ","
    )


def _name_ends(token: Token) -> bool:
    """Whether a name can end with this token: a capitalised word or a hyphenated part
    ("Kim Jong-un")."""
    return token.capital or token.joined


def _plural_title(word: str) -> bool:
    """'Presidents', 'Foreign Ministers': a title for the several people named after it."""
    return len(word) > 3 and word.endswith("s") and word[:-1] in TITLE_HEADS
