"""The words desk.ingest reads news copy by: titles, bodies, meeting words, hedges, clauses.

Lower-case words throughout; the readers compare ``token.lower``.
"""

from __future__ import annotations

from desk.ingest.words import word_set

#: Words that end a title before a name: "Foreign Minister Choe Son-hui", "leader Kim Jong-un".
TITLE_HEADS = word_set(
    """
    president minister secretary leader chairman chairwoman chair premier chancellor ambassador
    envoy spokesperson spokesman spokeswoman adviser advisor commander chief general director
    governor mayor king queen prince princess emperor senator lawmaker speaker official
    diplomat negotiator head counselor counsellor attache professor researcher analyst fellow
    ceo founder prosecutor judge admiral colonel lieutenant marshal sheikh emir sultan pope
    cardinal representative ruler dictator strongman statesman delegate aide fm pm
    ayatollah hojatoleslam patriarch archbishop bishop rabbi imam mufti cleric sheikha
    """
)
#: Words that qualify a title: "Deputy Foreign Minister", "top security official".
TITLE_MODIFIERS = word_set(
    """
    deputy vice first prime foreign defense defence interior finance trade economy economic
    security national special senior top acting former then state executive supreme external
    affairs home justice health education energy unification presidential press military
    intelligence assistant under principal regional party chief general permanent
    parliamentary opposition ruling main lead nuclear science culture transport labor labour
    agriculture environment industry commerce technology digital development cooperation
    international public relations policy research associate visiting mission crown
    """
)
#: Words that end the name of a body: "Defence Ministry", "Korea Institute for ...".
ORGANIZATION_HEADS = word_set(
    """
    ministry council institute agency army navy party committee commission assembly parliament
    bank fund organization organisation association university office department service command
    corporation company guard court forces force federation alliance union foundation academy
    bureau authority cabinet secretariat senate congress administration center centre directorate
    headquarters
    """
)
#: Bodies a state has, written in lower case after its name: "India's foreign ministry".
STATE_BODIES = (
    ("foreign", "ministry"),
    ("defense", "ministry"),
    ("defence", "ministry"),
    ("unification", "ministry"),
    ("interior", "ministry"),
    ("finance", "ministry"),
    ("coast", "guard"),
    ("air", "force"),
    ("armed", "forces"),
    ("central", "bank"),
    ("presidential", "office"),
    ("foreign", "office"),
    ("ministry",),
    ("government",),
    ("military",),
    ("army",),
    ("navy",),
    ("forces",),
    ("parliament",),
    ("cabinet",),
    ("embassy",),
)
#: Words for the people a state sends, which make the state a party: "Russian officials".
STATE_PEOPLE = word_set(
    """
    officials delegation delegations government diplomats negotiators authorities leaders
    envoys representatives counterparts side
    """
)

#: Meeting words and the kind of meeting they name.
TRIGGERS: dict[str, str] = {
    "meet": "talks",
    "meets": "talks",
    "met": "talks",
    "meeting": "talks",
    "meetings": "talks",
    "talks": "talks",
    "talked": "talks",
    "negotiations": "talks",
    "consultations": "talks",
    "discussions": "talks",  # "held discussions with", like "negotiations"
    "visit": "visit",
    "visits": "visit",
    "visited": "visit",
    "visiting": "visit",
    "trip": "visit",
    "trips": "visit",
    "travel": "visit",
    "travels": "visit",
    "traveled": "visit",
    "travelled": "visit",
    "traveling": "visit",
    "travelling": "visit",
    "arrive": "visit",
    "arrives": "visit",
    "arrived": "visit",
    "arriving": "visit",
    "return": "visit",  # "could return to Russia", needs "to" after it
    "returns": "visit",
    "returned": "visit",
    "returning": "visit",
    "fly": "visit",
    "flies": "visit",
    "flew": "visit",
    "flown": "visit",
    "flying": "visit",
    "summit": "summit",
    "summits": "summit",
    "sign": "signing",
    "signs": "signing",
    "signed": "signing",
    "signing": "signing",
    "hands": "talks",  # "shakes hands", "shook hands"
    "exercise": "exercise",
    "exercises": "exercise",
    "drill": "exercise",
    "drills": "exercise",
    "call": "phone_call",
    "calls": "phone_call",
    "phone": "phone_call",
    "telephone": "phone_call",
    "called": "talks",  # "called on Putin at the Kremlin" (not "called on Russia to ...")
    "telephoned": "phone_call",  # "telephoned X", "phoned X"
    "telephones": "phone_call",
    "phoned": "phone_call",
    "phones": "phone_call",
    "conversation": "talks",  # "held a telephone conversation with"
    "conversations": "talks",
    "conference": "conference",
    "forum": "conference",
    "host": "talks",
    "hosts": "talks",
    "hosted": "talks",
    "hosting": "talks",
    "receive": "talks",
    "receives": "talks",
    "received": "talks",
    "receiving": "talks",
    "welcome": "talks",
    "welcomes": "talks",
    "welcomed": "talks",
    "sit": "talks",  # "sat down with"
    "sits": "talks",
    "sat": "talks",
    "sitting": "talks",
    "speak": "talks",  # "spoke with", "spoke by phone"
    "speaks": "talks",
    "spoke": "talks",
    "spoken": "talks",
}
#: Meeting words that name a meeting only when an actor follows: "received the delegation",
#: "spoke with Wang" (not "received support", "spoke to reporters").
NEEDS_ACTOR_AFTER = word_set(
    "receive receives received receiving welcome welcomes welcomed speak speaks spoke spoken "
    "telephoned telephones phoned phones"
)
#: Words a trigger needs next to it to be one: "shakes hands", "military exercise".
TRIGGER_NEEDS: dict[str, frozenset[str]] = {
    "hands": frozenset(["shakes", "shook", "shake", "shaking"]),
    "exercise": word_set(
        "military joint naval air live-fire springtime summer winter annual combined "
        "large-scale missile field command drills war"
    ),
    "drill": word_set("military joint naval air live-fire combined missile war"),
    "call": frozenset(["phone", "telephone", "video"]),
    "calls": frozenset(["phone", "telephone", "video"]),
    "conference": frozenset(["peace", "international", "security", "donor", "donors", "video"]),
    "forum": frozenset(["economic", "security", "international", "regional"]),
}
for _word in ("exercises", "drills"):
    TRIGGER_NEEDS[_word] = TRIGGER_NEEDS[_word[:-1]]
#: Words a trigger needs right after it: "flew to Ankara" (not "flew drones").
TRIGGER_NEEDS_AFTER: dict[str, frozenset[str]] = {
    word: frozenset(["to", "into", "in", "back"])
    for word in ("fly", "flies", "flew", "flown", "flying")
}
TRIGGER_NEEDS_AFTER["called"] = frozenset(["on"])
for _word in ("return", "returns", "returned", "returning"):
    TRIGGER_NEEDS_AFTER[_word] = frozenset(["to"])
for _word in ("conversation", "conversations"):
    TRIGGER_NEEDS_AFTER[_word] = frozenset(["with", "between"])
for _word in ("sit", "sits", "sat", "sitting"):
    TRIGGER_NEEDS_AFTER[_word] = frozenset(["down"])
for _word in ("speak", "speaks", "spoke", "spoken"):
    TRIGGER_NEEDS_AFTER[_word] = frozenset(["with", "by"])
#: Words that make a neighbouring trigger something else: "press conference", "call for".
TRIGGER_NOT_AFTER = frozenset(["press", "news"])
TRIGGER_NOT_BEFORE = frozenset(["for", "on", "up"])
#: Verbs of arriving and travelling: their subject is the guest.
MOVING = word_set(
    "visit visits visited visiting trip trips travel travels traveled travelled traveling "
    "travelling arrive arrives arrived arriving fly flies flew flown flying return returns "
    "returned returning"
)
#: Verbs of hosting: their subject is the host.
HOSTING = word_set(
    "host hosts hosted hosting receive receives received receiving welcome welcomes welcomed"
)
#: Nouns that name a meeting (its predicate follows: "the visit was scheduled for ...").
MEETING_NOUNS = word_set(
    """
    meeting meetings talks visit visits trip trips summit summits call calls conference forum
    exercise exercises drill drills negotiations consultations discussions conversation
    conversations
    """
)
#: Words that make a clause habitual or general, not one meeting: "each time ... visit".
HABITUAL = word_set("whenever usually routinely regularly typically traditionally often")
#: Words before "of"/"by" that make the actor after them a sender, not a participant:
#: "on behalf of Putin", "an envoy of the king", "sent by the president".
SENDING = word_set(
    "behalf envoy envoys emissary representative representatives sent message letter"
)
#: Kinds in the order one wins over another when a meeting is named several ways.
KIND_ORDER = ("summit", "exercise", "phone_call", "visit", "signing", "conference", "talks")

#: Verbs and nouns whose object is a topic, not a meeting: "may discuss X", "talks on X".
DISCUSSING = word_set(
    """
    discuss discusses discussed discussing feature features featured featuring address
    addresses addressed addressing cover covers covered covering
    """
)
DISCUSSING_WITH_PREPOSITION = {
    "agreed": "on",
    "agree": "on",
    "agrees": "on",
    "focused": "on",
    "focus": "on",
    "focuses": "on",
    "talked": "about",
    "talk": "about",
}

#: Verbs that report what someone said: "experts said", "Tass reported".
SPEECH = word_set(
    """
    said says say told tells added adds noted reported wrote writes warned warns stated
    announced claimed quoted insisted argued explained confirmed
    """
)
#: Who is quoted when no name is given: "experts said", "observers".
GENERIC_SPEAKERS = word_set(
    """
    experts expert observers analysts analyst officials official sources source diplomats
    diplomat critics observers watchers insiders people residents witnesses media reports
    """
)

#: Words that begin a new clause: a meeting word after one belongs to another event.
SUBORDINATORS = word_set(
    """
    when while where after before amid since because although though until despite unless
    whereas which who whom whose that as if
    """
)
#: Words whose clause is not a new event: "as well as", "such as", "as an agenda item".
NOT_SUBORDINATING_AFTER = frozenset(["such", "well", "viewed", "seen", "known", "same"])

#: Prepositions after which a state or city is a place, not a party.
LOCATIVE = word_set("in at to from near into inside toward towards across via outside within")
#: Prepositions after which an actor is a topic, not a party.
TOPICAL = word_set("over against about on for of regarding concerning toward")
#: Prepositions after which an actor is a party: "talks with", "between X and Y".
WITH = frozenset(["with", "between", "among", "alongside", "by"])

#: Wording and the meeting status it shows, most doubtful first.
DENIED = frozenset(["denied", "denies", "deny", "dismissed", "rejected"])
CANCELLED = word_set("cancelled canceled cancel postponed postpone scrapped suspended called")
SPECULATED = word_set(
    """
    may might could possible possibly potential possibility speculation speculated rumored
    rumoured reportedly mulling weighing perhaps
    """
)
EXPECTED = word_set(
    """
    will would expected likely set due scheduled slated upcoming forthcoming plans planned
    planning intends intend intended next soon invited invites invite
    """
)
#: Wording of a meeting fixed in advance ("will", "is set to", "is due to"); with a word of
#: expectation beside it ("is expected to", "will likely") it is only expected.
PLANNED = word_set("scheduled slated plans planned planning intends set will due")
EXPECTATION = word_set("expected likely probably hopes hoped anticipated invited invites invite")
ONGOING = frozenset(["arrived", "arrives", "arriving", "arrive", "visiting"])
#: Verbs that end a multi-day event: "wrapped up ... Thursday" dates its end.
ENDING = word_set("wrapped ended concluded completed closed finished wound")
BEGINNING = frozenset(["began", "begun", "started", "launched", "kicked", "opened"])

#: Plural nouns by which a report refers back to the people of the last meeting.
PLURAL_PARTIES = word_set(
    """
    ministers leaders sides envoys representatives presidents counterparts delegations
    officials chiefs heads secretaries premiers chancellors advisers advisors negotiators
    """
)
#: Possessives that refer back to someone already named.
PRONOUNS_ONE = frozenset(["his", "her", "he", "she"])
PRONOUNS_MANY = frozenset(["their", "they", "both"])

#: Words that never start a name, capitalised or not.
NOT_NAMES = word_set(
    """
    the a an this that these those his her their its our my your mr mrs ms dr in on at of for
    and or but with by to from as monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december jan
    feb mar apr jun jul aug sep sept oct nov dec earlier later meanwhile however also shortly
    experts observers analysts officials sources according after before when while since during
    both neither either some many several other another one two three last next it he she they
    we i you
    """
)
#: Suffixes that belong to a personal name: "Ferdinand Marcos Jr."
NAME_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
