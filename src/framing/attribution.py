"""Who speaks: the subject of the reporting verb that governs a quote or a paraphrase.

One implementation for quotes (``framing.quotes``) and for paraphrase voice (``framing.voice``).
It works from the reporting clause, not from the nearest name:

1. **The governing cue.** A reporting verb (``reporting_verbs.csv``: lemmas, every inflection
   matched) right after a quote ('"...," X said', '"..." said X', '"...", X told reporters') governs
   it; otherwise the last cue before the quote in its sentence ('X said "..."', 'X called it "..."',
   'X told Y: "..."'). A headline of the form 'Name: "..."' is the name's.
2. **Its subject.** For a cue after the quote, the speaker between the quote and the cue, or right
   after the cue; for a cue before it, the first speaker of the cue's clause that is not an
   object; for a participle ('..., saying "..."') the sentence's first speaker.
3. **Speakers, open world** (``SpeakerFinder``): actors of ``actors.csv`` (canonical names);
   titled names ('Japanese Prime Minister Shinzo Abe', 'spokeswoman Liu Xiaoyan', 'Mr Oda');
   names with an apposition ('Park Min-jae, a former South Korean negotiator, said'); bodies ('the
   Russian foreign ministry', 'his office', 'a Kremlin readout'); unnamed people ('a senior
   Japanese official', 'one diplomat'); pronouns and role nouns ('he', 'the spokeswoman')
   resolved to the last person named who fits (by role and gender where the text tells).
4. **Continuation.** A quote with no cue that fills its sentence continues the previous quote's
   speaker (same or previous paragraph).

The raw words that name the speaker are always kept beside the canonical name; a quote the rules
cannot attribute has an empty speaker and method 'none'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

from framing import actors, resources, segment, storage

POST_MAX_WORDS = 6  # words between a quote's end and a cue after it ('"...", the Russian leader said')
CONTINUATION_MAX_OUTSIDE_WORDS = 2
PRONOUNS = {"he": "male", "she": "female"}
DETERMINERS = ("the", "a", "an", "one", "his", "her", "its", "their", "another")
PREPOSITIONS = frozenset(
    {
        "of",
        "to",
        "on",
        "against",
        "with",
        "between",
        "over",
        "about",
        "by",
        "from",
        "at",
        "in",
        "into",
        "for",
        "toward",
        "towards",
        "than",
        "behind",
        "near",
        "among",
        "like",
        "under",
        "including",
        "namely",
        "via",
        "upon",
    }
)
# Words that, capitalised at a sentence start, are never part of a name: determiners, prepositions,
# clause words (clause_words.csv) and these pronouns, adverbs and page labels.
NAME_STOP_WORDS = (
    "it",
    "its",
    "his",
    "her",
    "their",
    "this",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "there",
    "what",
    "who",
    "which",
    "nor",
    "unlike",
    "despite",
    "until",
    "also",
    "meanwhile",
    "still",
    "then",
    "now",
    "even",
    "only",
    "such",
    "every",
    "two",
    "some",
    "according",
    "asked",
    "former",
    "watch",
    "read",
    "related",
    "more",
    "update",
    # a headline's question opens with them ('Did Putin say ...', 'Why Putin Wrote About Korea')
    "why",
    "how",
    "did",
    "does",
    "do",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "could",
    "should",
    "would",
)


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The capitalised words that never begin or belong to a name ('The', 'To', 'Although' ...)."""
    words = {*DETERMINERS, *PREPOSITIONS, *resources.clause_words(), *NAME_STOP_WORDS}
    return frozenset(w.capitalize() for w in words) | {"I"}


DOCUMENT_NOUNS = ("article", "piece", "essay", "op-ed", "column", "letter", "text", "version", "translation")
# Calendar words are capitalised but never a speaker ('In a statement Tuesday, the president said')
CALENDAR_WORDS = frozenset(
    {
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Sept",
        "Sep",
    }
)
# A wire dateline opening a body sentence: 'MOSCOW (Meridian Wire) -', 'BEIJING, Sept. 1 --'
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'/-]{2,}(?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\([^)]*\))?\s*(?:-{1,2}|\u2014|\u2013)\s*"
)
# ', a former South Korean negotiator at the six-party talks,': words describing a name before them
_APPOSITION = re.compile(r",\s+(?:a|an|the|who|which)\s+[^,;:]{2,90}?,")
# letters of Latin-1 and Latin Extended-A ('Karataş', 'Wałęsa', 'Dvořák'), upper case first
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_LOWER = "a-zß-öø-ÿĀ-ſ"
_TITLE_TOKEN = rf"[{_UPPER}][{_LOWER}]+(?:['’-][{_UPPER}{_LOWER}]+)*\.?"
# 'Kang Eun-ji', 'Dr. Ulrich Hessel', 'KCNA'
_NAME = rf"(?:{_TITLE_TOKEN}(?:\s+{_TITLE_TOKEN}){{0,3}}|[A-Z]{{2,}}(?![\w-]))"
TITLE_WORDS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "professor",
        "sir",
        "gen",
        "adm",
        "rear",
        "lt",
        "col",
        "colonel",
        "maj",
        "capt",
        "captain",
        "lieutenant",
        "sgt",
        "class",  # 'Sgt. 1st Class Darnell Briggs', 'Private First Class'
        "freshman",  # a student's year before the name: 'Sophomore Anya Petrova', 'Senior Daniel Kwon'
        "sophomore",
        "junior",
        "senior",
        "undergraduate",
        "sergeant",
        "admiral",
        "cmdr",
        "commander",
        "rev",
        "reverend",
        "pastor",
        "rabbi",
        "imam",
        "gov",
        "governor",
        "mayor",
        "rep",
        "sen",
        "president",
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "chancellor",
        "premier",
        "general",
        "director",
        "councilwoman",
        "councilman",
        "councillor",
        "councilor",
    }
)


@dataclass(frozen=True)
class Speaker:
    """Who speaks: canonical name ('' when unnamed), person/body/unnamed, actor group, the words
    that named them, and the person a body speaks for (if the text or lexicon says)."""

    name: str
    kind: str
    group: str
    raw: str
    speaks_for: str = ""


@dataclass
class Attribution:
    speaker: str = ""
    speaker_kind: str = ""
    speaker_group: str = ""
    speaker_alias: str = ""
    speaks_for: str = ""
    cue: str = ""
    cue_stance: str = ""
    method: str = "none"

    @classmethod
    def of(cls, who: Speaker, cue: str, stance: str, method: str) -> Attribution:
        return cls(who.name, who.kind, who.group, who.raw, who.speaks_for, cue, stance, method)


# ----------------------------------------------------------------------------- lexicons


def inflections(lemma: str, irregular: str = "") -> set[str]:
    """Every form of a reporting verb: lemma, -s, -ed, -ing (regular rules) and listed irregular forms."""
    if " " in lemma:  # a phrase ('according to', 'put it' with its listed forms)
        return {lemma, *[f for f in irregular.split(";") if f]}
    forms = {lemma, *[f for f in irregular.split(";") if f]}
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "o")) else "s"))
    forms.add(stem + "ed" if not lemma.endswith("e") else lemma + "d")
    forms.add(stem + "ing")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return forms


@lru_cache(maxsize=1)
def cue_forms() -> dict[str, tuple[str, str]]:
    """{form (lower case): (lemma, stance)} of every reporting verb in ``reporting_verbs.csv``."""
    table = resources.load_lexicon("reporting_verbs.csv")
    forms: dict[str, tuple[str, str]] = {}
    for row in storage.rows(table):
        for form in inflections(row.lemma, row.irregular):
            forms.setdefault(form, (row.lemma, row.stance))
    return forms


_TOKEN = re.compile(r"(?<![\w-])[A-Za-z][\w'’]*(?![\w-])")  # a word as cue forms and role terms are written


@lru_cache(maxsize=1)
def _cue_phrases() -> re.Pattern:
    """The cue forms of more than one word ('according to'), as one pattern."""
    phrases = sorted((f for f in cue_forms() if " " in f), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in phrases) + r")(?![\w-])", re.I)


def _cue_hits(masked: str) -> list[re.Match]:
    """Every cue form in ``masked``, left to right: single words looked up, phrases matched."""
    forms = cue_forms()
    hits = [m for m in _TOKEN.finditer(masked) if m.group(0).lower() in forms]
    hits += list(_cue_phrases().finditer(masked))
    return sorted(hits, key=lambda m: m.start())


_NOUN_DETERMINERS = r"(?:the|a|an|his|her|its|their|this|that)"
# 'of the call', "Putin's call": a noun, not a cue
_NOUN_BEFORE = re.compile(rf"(?i)(?:\b{_NOUN_DETERMINERS}|\w['’]s)\s+$")
_GERUND_NOUN_BEFORE = re.compile(rf"(?i)\b{_NOUN_DETERMINERS}\s+(?:[\w-]+\s+){{0,2}}$")  # 'a regular press briefing'


_AUXILIARY_BEFORE = re.compile(r"(?i)\b(?:is|are|was|were|been|be)\s+(?:\w+ly\s+|also\s+|still\s+|again\s+)?$")
# 'a statement saying', 'a tweet warning': a participle after what was issued, not a noun
_AFTER_STATEMENT_NOUN = re.compile(r"(?i)\b(?:statement|readout|tweet|post|message|communique|release)\s+$")


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    form: str
    lemma: str
    stance: str

    progressive: bool = False  # 'was telling reporters': a finite verb, not a participle clause

    @property
    def participle(self) -> bool:
        return self.form.lower().endswith("ing") and self.lemma not in SOURCE_PHRASES and not self.progressive


def find_cues(masked: str) -> list[Cue]:
    """Reporting verbs in ``masked`` (quotes blanked), left to right; none inside an actor's name
    ('United States' holds no 'states')."""
    return list(_cues(masked))


@lru_cache(maxsize=65536)
def _cues(masked: str) -> tuple[Cue, ...]:
    hits = _cue_hits(masked)
    if not hits:
        return ()
    names = [(m.start, m.end) for m in actors.find_mentions(masked)]
    found = []
    for m in hits:
        before = masked[max(0, m.start() - 40) : m.start()]
        if (
            any(a <= m.start() < b for a, b in names)
            or _NOUN_BEFORE.search(before[-12:])
            or (
                m.group(0).lower().endswith("ing")
                and _GERUND_NOUN_BEFORE.search(before)
                and not _AFTER_STATEMENT_NOUN.search(before)
            )
        ):
            continue
        lemma, stance = cue_forms()[m.group(0).lower()]
        found.append(Cue(m.start(), m.end(), m.group(0), lemma, stance, bool(_AUXILIARY_BEFORE.search(before))))
    return tuple(found)


NOUN_CUES = (
    "declaration",
    "statement",
    "remarks",
    "remark",
    "comments",
    "comment",
    "warning",
    "words",
    "claim",
    "assertion",
    "insistence",
    "threat",
    "promise",
    "pledge",
    "vow",
    "tweet",
    "verdict",
    "call",
    "talk",
)
_POSSESSIVE = r"(?P<owner>[\w.'’ -]{2,60}?)['’]s?"  # "Trump's", "the Kremlin's", "the ministers'"
_NOUN_CUE = re.compile(
    _POSSESSIVE + r"\s+(?:(?:recent|latest|earlier|own)\s+)?(?P<noun>" + "|".join(NOUN_CUES) + r")\b"
)


def noun_cue_speakers(text: str, masked: str, before: int, context: Context) -> tuple[int, Speaker] | None:
    """'Trump's declaration that "..."': the possessor of the last reporting noun before ``before``
    (its end, and who), if any."""
    last = None
    for m in _NOUN_CUE.finditer(masked[:before]):
        who = _possessor(text, m.group("owner"), m.start(), context)
        if who is not None:
            last = (m.end(), who)
    return last


def _possessor(text: str, owner: str, offset: int, context: Context) -> Speaker | None:
    """Who the words before a possessive ("U.S. President Donald Trump" in "...Trump's") name: the
    last speaker phrase of ``owner`` (which starts at ``offset`` in ``text``), if it ends the words."""
    found = candidates(owner)
    if not found or found[-1].end < len(owner.rstrip()) - 1:
        return None
    c = found[-1]
    detail = (c.detail[0], False) if c.kind == "actor" else c.detail  # the possessive names its owner
    return resolve(replace(c.shifted(offset), detail=detail), context, text)


_OWNER_BEFORE = re.compile(_POSSESSIVE + r"\s*$")


_NOUN_AFTER = re.compile(r"[\s,.]*(?:" + "|".join(NOUN_CUES) + r")\b", re.I)


_DASH_AFTER = re.compile(r"[\s,.]*(?:\u2014|\u2013|--)\s*")


SIGNATURE_MAX_CHARS = 90  # '— Eunice Harrow, a Port Carroll resident, on ...'


def dash_speaker(text: str, masked: str, quote_end: int, context: Context) -> Speaker | None:
    """'"Don't fall for it." — Tom Kessler': the speaker a dash after the quote names (letters,
    pull quotes, reader comments), whether or not the sentence splitter kept them together."""
    dash = _DASH_AFTER.match(masked, quote_end + 1)
    if dash is None:
        return None
    found = candidates(masked[dash.end() : dash.end() + SIGNATURE_MAX_CHARS])
    if not found or found[0].start > 0:
        return None
    c = found[0]
    return resolve(c.shifted(dash.end()), context, text)


def signature_line(text: str, masked: str, context: Context) -> Speaker | None:
    """The speaker a paragraph that opens with a dash names ('— Gwen Ashcroft, a travel agent in
    Leeds'): the signature of the quote on the line above."""
    return (
        dash_speaker(text, masked, -1, context) if _DASH_AFTER.match(masked) and masked.strip()[:1] in "—–-" else None
    )


def possessor_speaker(text: str, masked: str, span: tuple[int, int], context: Context) -> Speaker | None:
    """'Trump's "fire and fury" threat', "Putin's 'dead end' remark": the person or body whose
    possessive stands right before a quote that a reporting noun follows (not "North Korea's
    'reckless provocations'", which is the object of someone's words)."""
    quote_start, quote_end = span
    if not _NOUN_AFTER.match(masked, quote_end + 1):
        return None
    m = _OWNER_BEFORE.search(masked, 0, max(quote_start - 1, 0))
    return _possessor(text, m.group("owner"), m.start(), context) if m else None


@lru_cache(maxsize=1)
def _roles() -> pd.DataFrame:
    return resources.load_lexicon("speaker_roles.csv")


@lru_cache(maxsize=1)
def _nationalities() -> dict[str, str]:
    table = resources.load_lexicon("nationalities.csv")
    return dict(zip(table["adjective"], table["group"]))


# what a body's name may end with after 'of': 'Ministry of Foreign Affairs and Trade', 'Office of the Prime Minister'
_BODY_OF_NAME = r"[A-Z][\w'’-]*(?:\s+(?:(?:and|for|of|the)\s+)*[A-Z][\w'’-]*){0,5}"


# words never inside a speaker phrase besides prepositions ('She joined the Foreign Service' is no body)
PHRASE_BREAKS = frozenset(
    {"after", "before", "during", "while", "and", "or", "the", "a", "an", "he", "she", "it", "we"}
)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    roles = _roles()
    person = sorted(roles.loc[roles["kind"] == "person", "term"], key=len, reverse=True)
    body = sorted(roles.loc[roles["kind"] == "body", "term"], key=len, reverse=True)
    person_re = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in person)
    body_re = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in body)
    not_first = "(?i:" + "|".join(sorted(PREPOSITIONS | PHRASE_BREAKS)) + ")"
    # words before a role noun: never a preposition ('a call with US President')
    mod = rf"(?:(?!{not_first}\s)[\w.-]+\s+){{0,4}}?"
    # before a title (with a name, or after 'the'), only capitalised words and the modifiers of titles
    # ('US President', 'the former deputy minister'), so 'the provocation US President' is no role
    title_mod = (
        r"(?:(?:[A-Z][\w.-]*|former|deputy|acting|vice|senior|chief|foreign|defence|defense|prime|then|ministry|office"
        r"|department|agency|embassy|council|presidential|veteran|top|new|outgoing|retired|local|regional|state"
        r"|national|military|party)\s+){0,4}?"
    )
    calendar = "(?:" + "|".join(sorted(CALENDAR_WORDS)) + ")"
    return {
        # 'Japanese Prime Minister Shinzo Abe', 'spokeswoman Liu Xiaoyan', 'Mr Oda', 'Professor Yoon Sang-hoon'
        "titled": re.compile(
            rf"(?<![\w-])(?P<title>(?:{_TITLE_TOKEN}['’]s\s+)?(?:{title_mod})(?i:{person_re}))\.?\s+(?P<name>{_NAME})"
        ),
        # 'Park Min-jae, a former South Korean negotiator at the six-party talks,'
        "apposed": re.compile(rf"(?<![\w-])(?P<name>{_NAME}),\s+(?P<desc>(?:(?:a|an|the)\s+)?[^,;:]{{2,90}}?),"),
        # 'a senior Japanese defence official', 'one diplomat', 'a trader at a Japanese bank in Tokyo'
        "unnamed": re.compile(
            rf"(?<![\w-])(?P<det>[Aa]n?|[Oo]ne|[Aa]nother|[Mm]y)\s+(?P<desc>{mod}(?i:{person_re}))(?:s)?(?![\w-])"
            rf"(?!\s+(?!{calendar}\b){_TITLE_TOKEN}\s+{_TITLE_TOKEN})"  # 'my old colleague Dana Whitfield' is named
            rf"(?P<tail>(?:\s+(?:at|of|in|from|with|for)\s+(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){{0,2}}[\w-]+)*)"
        ),
        # 'U.S. officials', 'workers', 'Chinese analysts': people the text does not name
        "plural": re.compile(
            rf"(?<![\w-])(?P<desc>(?:(?!{not_first}\s)[\w.'’-]+\s+){{0,3}}?(?i:{person_re})s)(?![\w-])"
            rf"(?P<tail>(?:\s+(?:at|of|from|with)\s+(?:(?:the|a|an)\s+)?(?:[\w'’.-]+\s+){{0,3}}[\w'’.-]+)?)"
        ),
        # 'the article', "the Kremlin's own English version", 'his op-ed': a document speaks for its author
        "document": re.compile(
            rf"(?<![\w-])(?P<det>(?:[Tt]he\s+)?{_TITLE_TOKEN}['’]s|[Tt]he|[Hh]is|[Hh]er)\s+(?:own\s+)?(?:(?:English|Russian)\s+)?"
            rf"(?P<doc>{'|'.join(DOCUMENT_NOUNS)})(?![\w-])"
        ),
        # 'the spokesman', 'the Russian leader', "Japan's prime minister"
        "role": re.compile(
            rf"(?<![\w-])(?P<det>[Tt]he|{_TITLE_TOKEN}['’]s)\s+(?P<desc>{title_mod}(?i:{person_re}))(?![\w-])"
        ),
        # 'the Russian foreign ministry', 'his office', "The Prime Minister's office",
        # 'the research firm Hollis Partners'
        "body": re.compile(
            rf"(?<![\w-])(?:(?P<det>[Tt]he|[Hh]is|[Hh]er|[Aa]n?|[Ii]ts)\s+)?"
            rf"(?P<desc>(?:(?!{not_first}\s)[\w'’.-]+\s+){{0,4}}?(?i:{body_re}))(?![\w-])"
            rf"(?:\s+(?P<joiner>of|for)\s+(?P<of>(?:the\s+)?{_BODY_OF_NAME}))?"
            rf"(?:\s+(?!{calendar}\b)(?P<name>{_NAME})|,\s+(?P<acronym>[A-Z]{{2,}}),"
            r"|\s+\((?P<short>[A-Z][A-Za-z]{1,9})\))?"
        ),
        "name": re.compile(rf"(?<![\w-]){_NAME}"),
        "pronoun": re.compile(r"(?<![\w-])(?:he|she|He|She)(?![\w-])"),
    }


# ----------------------------------------------------------------------------- people in a text


@dataclass
class Person:
    name: str
    group: str = ""
    gender: str = ""
    roles: set[str] = field(default_factory=set)
    last_seen: int = -1
    last_spoke: int = -1

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.name else ""


RECENT_SPEAKER_SENTENCES = 2  # a pronoun prefers a person who spoke within this many sentences


@dataclass
class Context:
    """What an article has said so far: the people it named (in order), who spoke, the running
    sentence and paragraph, and the last quote's attribution."""

    people: dict[str, Person] = field(default_factory=dict)
    sentence: int = 0
    tick: int = 0
    previous: Attribution | None = None
    previous_paragraph: int = -1
    paragraph: int = 0
    paragraph_first_sentence: int = 0
    writer: str = ""  # the last person the text says wrote something: 'the article' speaks for them
    subject: tuple[str, int] | None = None  # (person, sentence) who was the last sentence's subject
    unnamed_subject: tuple[Speaker, int] | None = None  # (speaker, sentence): an unnamed person as subject
    unnamed_mention: tuple[Speaker, int, int] | None = None  # (speaker, sentence, tick): the last unnamed person named
    bare_names: dict[str, str] = field(default_factory=dict)  # surname -> a full name the text gave bare
    body: Speaker | None = None  # the last body a sentence had as subject or that spoke: what 'it says' means
    bodies: list[Speaker] = field(default_factory=list)  # bodies named by a proper name, in reading order

    def named_body(self, noun: str) -> Speaker | None:
        """The body a bare 'the ministry' means: the last body named in full whose name holds that noun."""
        words = noun.lower().split()
        return next((b for b in reversed(self.bodies) if set(words) <= set(b.name.lower().split())), None)

    def person(self, name: str, group: str = "", gender: str = "", roles=()) -> Person:
        known = self.people.get(name) or self.people.setdefault(name, Person(name))
        known.group = known.group or group
        known.gender = known.gender or gender
        known.roles |= {r.lower() for r in roles}
        self.tick += 1
        known.last_seen = self.tick
        return known

    def spoke(self, who: Speaker | None, gender_hint: str = "") -> None:
        """Record that ``who`` spoke in the current sentence (a pronoun tells the person's gender)."""
        if who is not None and who.kind == "person" and who.name:
            person = self.people.get(who.name) or self.person(who.name, who.group)
            person.last_spoke = self.sentence
            person.gender = person.gender or gender_hint

    def unnamed_in_sentence(self, gender: str) -> Speaker | None:
        """The unnamed person mentioned last in the current sentence, if no named person came after
        them and their words do not say another gender ('a spokeswoman' is no 'he')."""
        if self.unnamed_mention is None:
            return None
        who, sentence, tick = self.unnamed_mention
        if sentence != self.sentence or any(p.last_seen > tick for p in self.people.values()):
            return None
        return who if _gender(who.raw) in ("", gender) else None

    def paragraph_subject(self, gender: str = "") -> Person | None:
        """The person the sentence just before, or any sentence of the current paragraph, last had
        as subject, if their gender fits."""
        if self.subject is None or self.subject[1] < min(self.paragraph_first_sentence, self.sentence - 1):
            return None
        person = self.people.get(self.subject[0])
        return person if person is not None and (not gender or person.gender in ("", gender)) else None

    def known_by_one_name(self, token: str) -> Person | None:
        """The person a lone name means: a named person with that surname, else the full name the
        text gave bare ('To Thomas Whitlock, ...' for a later 'Whitlock'), else None."""
        person = self.by_surname(token)
        if person is None and token in self.bare_names:
            person = self.person(self.bare_names[token])
        return person

    def by_surname(self, token: str) -> Person | None:
        found = [p for p in self.people.values() if token in p.name.split() and p.name != token]
        return max(found, key=lambda p: p.last_seen) if found else None

    def only_one_of(self, group: str) -> Person | None:
        """The one person of ``group`` the text has named ('the US president' when Trump is the only
        American so far), if there is exactly one."""
        found = [p for p in self.people.values() if group and p.group == group]
        return found[0] if len(found) == 1 else None

    def recent(self, gender: str = "", role: str = "", group: str = "") -> Person | None:
        """The person a pronoun or role noun refers to, among those whose gender, role and group
        fit: the subject of the sentence before, else one who spoke in the last
        ``RECENT_SPEAKER_SENTENCES`` sentences, else the last one named."""
        fits = [
            p
            for p in self.people.values()
            if (not gender or p.gender in ("", gender))
            and (not role or any(role in r or r in role for r in p.roles))
            and (not group or p.group == group)
        ]
        subject = self.people.get(self.subject[0]) if self.subject and self.subject[1] == self.sentence - 1 else None
        if subject in fits:
            return subject
        speakers = [p for p in fits if p.last_spoke >= self.sentence - RECENT_SPEAKER_SENTENCES]
        if speakers:
            return max(speakers, key=lambda p: (p.last_spoke, p.last_seen))
        return max(fits, key=lambda p: p.last_seen) if fits else None


# ----------------------------------------------------------------------------- finding speakers


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str  # actor, titled, apposed, name, body, unnamed, role, pronoun
    raw: str
    detail: tuple = ()

    def shifted(self, offset: int) -> Candidate:
        """The same phrase found in a slice of a text that starts at ``offset``, placed in the text."""
        return replace(self, start=self.start + offset, end=self.end + offset)


def _nationality(text: str) -> str:
    for adjective, group in _nationalities().items():
        if re.search(rf"(?<![\w-]){re.escape(adjective)}(?![\w-])", text):
            return group
    return ""


@lru_cache(maxsize=4096)
def _gender(words: str) -> str:
    roles = _roles()
    for term, gender in zip(roles["term"], roles["gender"]):
        if gender and re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", words, re.I):
            return gender
    return ""


def candidates(text: str) -> list[Candidate]:
    """Every phrase of ``text`` that can name a speaker, longest first at any position, not overlapping."""
    return list(_candidates(text))


@lru_cache(maxsize=1)
def _needed_words() -> dict[str, frozenset[str]]:
    """The words a text must hold one of for a kind of speaker phrase to be possible: the last word
    of a role term (and its plural), of a body term, or a document noun."""
    roles = _roles()
    last = lambda kind: {t.split()[-1].lower() for t in roles.loc[roles["kind"] == kind, "term"]}  # noqa: E731
    return {
        "any_person_term": frozenset(last("person") | {w + "s" for w in last("person")}),
        "any_body_term": frozenset(last("body")),
        "any_document": frozenset(DOCUMENT_NOUNS),
    }


_NEEDS = {  # a kind of speaker phrase, and the words a text must hold for it to be worth looking for
    "titled": "any_person_term",
    "apposed": None,
    "unnamed": "any_person_term",
    "plural": "any_person_term",
    "document": "any_document",
    "role": "any_person_term",
    "body": "any_body_term",
}


@lru_cache(maxsize=65536)
def _candidates(text: str) -> tuple[Candidate, ...]:
    plain = resources.normalise_same_length(text)
    found: list[Candidate] = []
    for mention in actors.find_mentions(text):
        start, end = mention.start, mention.end
        owner = plain[start:end].endswith(("'s", "'")) or plain[end : end + 2] in ("'s",)
        found.append(Candidate(start, end, "actor", plain[start:end], (mention, owner)))
    pats = _patterns()
    present = {w.lower() for w in _TOKEN.findall(plain)}
    kinds = [k for k, needs in _NEEDS.items() if needs is None or present & _needed_words()[needs]]
    for kind in kinds:
        for m in pats[kind].finditer(plain):
            if kind == "body" and not (m.group("det") or m.group("name") or m.group("desc")[:1].isupper()):
                continue
            if kind == "apposed" and m.group("name").split()[-1].rstrip(".") in CALENDAR_WORDS:
                continue  # 'on Friday 1 September, the Russian president ...': a date, not a name
            if kind == "apposed" and _opening_phrase(plain, m.start(), m.group("name")):
                continue  # 'In Warsaw, Bartosz Wilk, ...': an opening phrase, not a name and its apposition
            if kind == "body" and m.group("name") and m.group("name").split()[0].rstrip(".").lower() in TITLE_WORDS:
                continue  # 'Army Col. Mark Dunleavy': a titled person, not a body named 'Col. Mark Dunleavy'
            if kind == "body" and m.group("name") and _proper_body(m.group("desc"), m.group("of")):
                # 'professor of the Far Eastern Federal University Dmitry Kolesov': a proper name
                # already names the body, so the name after it is a person's
                end = m.end("of") if m.group("of") else m.end("desc")
                detail = {**m.groupdict(), "name": None}
                found.append(Candidate(m.start(), end, kind, plain[m.start() : end].strip(" ,"), tuple(detail.items())))
                found.append(Candidate(m.start("name"), m.end("name"), "name", m.group("name")))
                continue
            found.append(
                Candidate(
                    m.start(),
                    m.end() if kind != "apposed" else m.start("name") + len(m.group("name")),
                    kind,
                    m.group(0).strip(" ,"),
                    tuple(m.groupdict().items()),
                )
            )
    for m in pats["name"].finditer(plain):
        words = m.group(0).split()
        possessive = [i for i, w in enumerate(words) if w.endswith(("'s", "’s"))]
        # "Japan's Prime Minister Shinzo Abe": the owner is no part of the name
        if possessive and possessive[-1] < len(words) - 1:
            words = words[possessive[-1] + 1 :]
        # 'Rear Adm. (ret.)' names no one
        while words and (
            words[0] in function_words()
            or words[0].rstrip(".") in CALENDAR_WORDS
            or words[0].rstrip(".").lower() in TITLE_WORDS
        ):
            words = words[1:]
        if words:
            start = m.start() + m.group(0).index(words[0])
            found.append(Candidate(start, m.end(), "name", " ".join(words)))
    for m in _KIN_APPOSITION.finditer(plain):  # 'His wife, Marina,': a person named by a first name alone
        found.append(
            Candidate(
                m.start(),
                m.end("name"),
                "titled",
                m.group(0).rstrip(","),
                (("title", m.group("kin")), ("name", m.group("name"))),
            )
        )
    for m in pats["pronoun"].finditer(plain):
        found.append(Candidate(m.start(), m.end(), "pronoun", m.group(0)))
    found = _owned_bodies(found, plain)
    appositions = [(m.start(), m.end()) for m in _APPOSITION.finditer(plain)]
    labels = [(m.start(), m.end()) for m in _BRACKETED_LABEL.finditer(plain)]  # '[SOUND BITE]' names no one
    found = [
        c
        for c in found
        if not any(a < c.start and c.end <= b for a, b in appositions) and not any(a <= c.start < b for a, b in labels)
    ]
    rank = {
        "titled": 0,
        "apposed": 1,
        "unnamed": 2,
        "plural": 2,
        "document": 3,
        "body": 3,
        "actor": 4,
        "role": 5,
        "name": 6,
        "pronoun": 7,
    }
    found.sort(key=lambda c: (c.start, -(c.end - c.start), rank[c.kind]))
    chosen: list[Candidate] = []
    for c in found:
        if not chosen or c.start >= chosen[-1].end:
            chosen.append(c)
        elif c.end > chosen[-1].end and rank[c.kind] < rank[chosen[-1].kind] and c.start == chosen[-1].start:
            chosen[-1] = c
    return tuple(chosen)


def _proper_body(desc: str, of: str | None) -> bool:
    """Whether a body phrase is a proper name by itself ('Far Eastern Federal University', 'Ministry
    of Unification'): its body noun is capitalised after another capitalised word, or an 'of' phrase follows."""
    words = desc.split()
    return bool(of) or (len(words) >= 2 and words[-1][:1].isupper() and words[-2][:1].isupper())


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?][\"”’]?\s+)\s*(\w+)\s+(?:the\s+)?$")


def _opening_phrase(plain: str, start: int, name: str) -> bool:
    """Whether a name before a comma is an opening prepositional phrase ('In Warsaw,', 'At the Pentagon,')."""
    opening = _SENTENCE_OPENING.search(plain[:start])
    return name.split()[0].lower() in PREPOSITIONS or (opening is not None and opening.group(1).lower() in PREPOSITIONS)


_BRACKETED_LABEL = re.compile(r"\[[^\]]{1,40}\]")
KIN_NOUNS = (
    "wife",
    "husband",
    "mother",
    "father",
    "son",
    "daughter",
    "brother",
    "sister",
    "partner",
    "neighbour",
    "neighbor",
)
_KIN_APPOSITION = re.compile(
    rf"(?<![\w-])(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?P<kin>{'|'.join(KIN_NOUNS)}),\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?),"
)


def _owned_bodies(found: list[Candidate], plain: str) -> list[Candidate]:
    """ "South Korean President Moon Jae-in's office": a body whose owner is a titled name is one
    phrase from the title on (the owner is no speaker)."""
    owners = [c for c in found if c.kind == "titled" and c.raw.endswith(("'s", "’s"))]
    widened = []
    for c in found:
        owner = next((o for o in owners if c.kind == "body" and o.start < c.start < o.end < c.end), None)
        if owner is not None:
            detail = {**dict(c.detail), "det": None, "desc": plain[owner.start : c.end], "owner": owner}
            c = Candidate(owner.start, c.end, "body", plain[owner.start : c.end], tuple(detail.items()))
        widened.append(c)
    return widened


def _full_body_name(name: str) -> bool:
    """Whether a body's name names it in full ('Ministry of Foreign Affairs and Trade', 'Japanese
    foreign ministry', 'MFAT'), not as a bare noun ('ministry', 'the department')."""
    words = name.split()
    return len(words) > 1 and any(w[:1].isupper() for w in words) or name.isupper()


def _clean_name(name: str) -> str:
    """A name without function words, title words before it ('Cabinet Secretary Masato Oda' ->
    'Masato Oda', 'Dr. Ulrich Hessel' -> 'Ulrich Hessel') and a final full stop."""
    words = [w.rstrip(".") for w in name.split() if w not in function_words()]
    titles = [i for i, w in enumerate(words) if w.lower() in TITLE_WORDS]
    if titles and titles[-1] < len(words) - 1:
        words = words[titles[-1] + 1 :]
    return " ".join(words)


def resolve(c: Candidate, context: Context, text: str) -> Speaker | None:
    """The speaker a candidate phrase names, using (and adding to) what the article said so far."""
    detail = dict(c.detail) if c.kind not in ("actor",) else {}
    if c.kind == "actor":
        mention, possessive = c.detail
        if possessive:
            return None
        if mention.kind == "person":
            context.person(mention.actor, mention.actor_group, _actor_gender(mention.actor))
        return Speaker(mention.actor, mention.kind, mention.actor_group, c.raw, _speaks_for(mention.actor))
    if c.kind in ("unnamed", "role") and (apposed := _named_in_apposition(text, c, context)) is not None:
        return apposed  # 'A JBLM spokeswoman, Maj. Teresa Quintanilla, said'
    if c.kind in ("titled", "apposed"):
        name = _clean_name(detail["name"])
        words = detail.get("title") or detail.get("desc") or ""
        known = actors.find_mentions(name)
        if not name:
            return None
        if known and known[0].kind == "person" and known[0].end >= len(name) - 1:
            context.person(known[0].actor, known[0].actor_group, _gender(words), [words])
            return resolve(Candidate(c.start, c.end, "actor", c.raw, (known[0], False)), context, text)
        is_age = re.fullmatch(r"\s*\d{1,3}\s*", words) is not None  # 'Lee, 76, ...'
        if (
            c.kind == "apposed"
            and not is_age
            and not re.search(r"(?i)\b(" + "|".join(map(re.escape, _roles()["term"])) + r")\b", words)
        ):
            return _name_speaker(name, c.raw, context)
        person = context.known_by_one_name(name) if len(name.split()) == 1 else None
        if person is None:
            person = context.person(name, _nationality(words), _gender(words), [words])
        else:
            person.roles.add(words.lower())
        return Speaker(person.name, "person", person.group, c.raw)
    if c.kind == "name":
        who = _name_speaker(_clean_name(c.raw), c.raw, context)
        if who is None and _PERSON_MARK_AFTER.match(text, c.end):  # 'Maureen from Kidderminster', 'Lee, 76,'
            person = context.known_by_one_name(_clean_name(c.raw)) or context.person(_clean_name(c.raw))
            return Speaker(person.name, "person", person.group, c.raw)
        return who
    if c.kind == "pronoun":
        if context.unnamed_subject is not None and context.unnamed_subject[1] == context.sentence - 1:
            return context.unnamed_subject[0]  # 'A senior official ... was more sceptical. "...," he said.'
        gender = PRONOUNS[c.raw.lower()]
        in_sentence = context.unnamed_in_sentence(gender)
        if in_sentence is not None:
            return in_sentence  # 'When I put it to a retired Russian ambassador, he laughed.'
        person = context.recent(gender)
        if person is None:
            return None
        person.gender = person.gender or gender  # 'she' told us: later pronouns can rely on it
        return Speaker(person.name, "person", person.group, c.raw)
    if c.kind == "role":
        owner = re.sub(r"['’]s$", "", detail["det"]) if detail["det"].lower() != "the" else ""
        group = (
            next((m.actor_group for m in actors.find_mentions(owner)), "") if owner else _nationality(detail["desc"])
        )
        role = detail["desc"].split()[-1].lower()
        unnamed = context.unnamed_subject
        if unnamed is not None and unnamed[1] == context.sentence - 1 and role in unnamed[0].raw.lower().split():
            return unnamed[0]  # 'A senior official, who did not wish to be named, opined ... "...," the official said.'
        person = context.recent(_gender(detail["desc"]), role, group) or context.only_one_of(group)
        if person is None and re.match(r"\s+[A-Z]", text[c.end :]):
            return None  # 'the Korea expert Dr. Ulrich Hessel': the name that follows speaks
        previous = context.previous
        if (
            person is None
            and previous is not None
            and previous.speaker_kind == "unnamed"
            and role in previous.speaker_alias.lower().split()
        ):  # 'A senior official told reporters ... "...," the official said.' ... 'The official said ...'
            return Speaker("", "unnamed", previous.speaker_group, c.raw)
        if person is None and detail["det"].lower() == "the":
            person = context.paragraph_subject(_gender(detail["desc"]))  # 'Choi ... "...," the lawmaker says'
        if person is None:  # 'The children asked me', 'the announcer called it': people the text leaves unnamed
            return Speaker("", "unnamed", group or "other", c.raw)
        return Speaker(person.name, "person", person.group, c.raw)
    if c.kind == "unnamed" and (named := _NAME_GIVEN_AFTER.match(text, c.end)):
        # 'a railway worker named Sergei', 'a taxi driver who gave only his surname, Lin,'
        name = named.group("name")
        person = context.known_by_one_name(name) if len(name.split()) == 1 else None
        person = person or context.person(name, _nationality(c.raw), _gender(c.raw), [c.raw])
        return Speaker(person.name, "person", person.group, c.raw)
    if c.kind in ("unnamed", "plural"):
        # 'analysts at the research firm Hollis Partners': the firm speaks
        for b in candidates(detail.get("tail") or ""):
            if b.kind == "body" and dict(b.detail).get("name"):
                return _body_speaker(dict(b.detail), b.raw, context)
        return Speaker(
            "",
            "unnamed",
            _nationality(c.raw) or next((m.actor_group for m in actors.find_mentions(c.raw)), "") or "other",
            c.raw,
        )
    if c.kind == "document":
        return _author(detail["det"], c.raw, context)
    if c.kind == "body":
        who = _body_speaker(detail, c.raw, context)
        noun = _PERSON_NOUN_AFTER.match(text, c.end)
        if noun is not None and noun.group(1) in _person_nouns():  # 'A Department of Foreign Affairs spokeswoman'
            return Speaker("", "unnamed", who.group or "other", f"{c.raw} {noun.group(1)}")
        return who
    return None


_PERSON_NOUN_AFTER = re.compile(r"\s+([a-z]+)\b")
# 'A JBLM spokeswoman, Maj. Teresa Quintanilla, said', 'the head of the Khasan district, Igor Stepanenko,':
# at most this many words between a description and the name in commas after it
APPOSITION_GAP_WORDS = 6
_APPOSED_NAME_AFTER = re.compile(rf"(?:\s+[\w'’.-]+){{0,{APPOSITION_GAP_WORDS}}}?,\s+(?P<name>{_NAME}),")


def _named_in_apposition(text: str, c: Candidate, context: Context) -> Speaker | None:
    """The person an unnamed description or a role noun is followed by in commas, if the name has
    two words or more once its titles are dropped."""
    found = _APPOSED_NAME_AFTER.match(text, c.end)
    name = _clean_name(found.group("name")) if found else ""
    if found is None or len(name.split()) < 2:
        return None
    if (known := actors.find_mentions(name)) and known[0].kind != "person":
        return None
    person = context.person(name)
    return Speaker(person.name, "person", person.group, text[c.start : found.end()].strip(" ,"))


# the name a text gives an unnamed description right after it
_NAME_GIVEN_AFTER = re.compile(
    r",?\s+(?:named|called|identified\s+only\s+as|who\s+gave\s+(?:only\s+)?(?:his|her|their)\s+"
    r"(?:first\s+|family\s+|last\s+)?(?:name|surname)(?:\s+as)?,?)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """speaker_roles.csv's one-word person nouns ('spokeswoman', 'official', 'analyst')."""
    roles = _roles()
    return frozenset(t for t in roles.loc[roles["kind"] == "person", "term"] if t.isalpha())


def _author(owner: str, raw: str, context: Context) -> Speaker | None:
    """Who a document speaks for: its owner when the owner is a person ("Putin's article") or a
    body speaking for one ("the Kremlin's version"); else the person the text was last about
    ('the article', 'his op-ed', "Reuters' translation": a translator renders someone's words);
    'the article' first means the last person the text said wrote something."""
    owner = re.sub(r"^(?:the|The)\s+|['’]s$", "", owner)
    if owner.lower() not in ("the", "his", "her"):
        for m in actors.find_mentions(owner):
            if m.kind == "person" or _speaks_for(m.actor):
                name = m.actor if m.kind == "person" else _speaks_for(m.actor)
                person = context.person(name, m.actor_group)
                context.writer = person.name
                return Speaker(person.name, "person", person.group, raw)
    if owner.lower() == "the" and context.writer in context.people:
        person = context.people[context.writer]
        return Speaker(person.name, "person", person.group, raw)
    recent = context.recent(PRONOUNS.get({"his": "he", "her": "she"}.get(owner.lower(), ""), ""))
    return Speaker(recent.name, "person", recent.group, raw) if recent else None


SOURCE_PHRASES = ("according to", "in the words of")  # the source is named after the phrase
PRONOUN_SOURCE_PHRASES = ("in his words",)  # the source is the phrase's pronoun ('in her view')
WRITING_LEMMAS = ("write", "pen", "publish")
TRANSLATION_LEMMAS = ("translate", "render")  # the words are the translated writer's, not the translator's


# what marks a lone capitalised word as a person: a home town ('Maureen from Kidderminster') or an age ('Lee, 76,')
_PERSON_MARK_AFTER = re.compile(r"\s+from\s+[A-Z]|,\s+\d{1,3},")


def _name_speaker(name: str, raw: str, context: Context) -> Speaker | None:
    if not name:
        return None
    known = actors.find_mentions(name)
    if known and known[0].start == 0:
        m = known[0]
        return Speaker(m.actor, m.kind, m.actor_group, raw, _speaks_for(m.actor))
    if any(word in _nationalities() for word in name.split()):
        return None  # 'the Korean Peninsula', 'the Russian Far East': a place, not a person
    if len(name.split()) == 1:
        person = context.known_by_one_name(name)
        if person:
            return Speaker(person.name, "person", person.group, raw)
        if name.isupper():
            return Speaker(name, "body", "", raw)
        return None  # a lone capitalised word is no speaker by itself
    person = context.person(name)
    return Speaker(person.name, "person", person.group, raw)


STATEMENT_NOUNS = ("statement", "readout")  # documents that speak for whoever issued them


def _body_speaker(detail: dict, raw: str, context: Context) -> Speaker:
    det = (detail.get("det") or "").lower()
    desc = " ".join(detail["desc"].split())
    if detail.get("of"):  # 'the Ministry of Unification', "Finland's Ministry for Foreign Affairs"
        desc = f"{desc} {detail['joiner']} {' '.join(detail['of'].split())}"
    if detail.get("name") or detail.get("acronym") or detail.get("short"):
        # 'the research firm Hollis Partners'; "New Zealand's Ministry of Foreign Affairs and Trade
        # (MFAT)": the short name the text gives in brackets
        name = detail.get("short") or _clean_name(detail.get("name") or detail["acronym"])
        group = _nationality(desc) or next((m.actor_group for m in actors.find_mentions(desc)), "")
        return Speaker(name, "body", group, raw)
    if det in ("his", "her"):
        person = context.recent(PRONOUNS["he" if det == "his" else "she"])
        if person:
            office = _office_of(f"{person.name}'s {desc}", context)
            if office:  # 'his office' after Moon: the body that speaks for him
                return Speaker(office, "body", person.group, raw, person.name)
            return Speaker(f"{person.name}'s {desc}", "body", person.group, raw, person.name)
    bare = det == "the" and not detail.get("of") and desc.islower() and len(desc.split()) <= 2
    earlier = context.named_body(desc) if bare and desc.lower() not in STATEMENT_NOUNS else None
    if earlier is not None:  # 'the ministry said' after 'the Ministry of Foreign Affairs and Trade'
        return Speaker(earlier.name, "body", earlier.group, raw, earlier.speaks_for)
    previous = context.previous
    if det in ("the", "its") and desc.lower() in STATEMENT_NOUNS and previous is not None and previous.speaker:
        # 'In a statement, the governor's office said ... "...," the statement said': its issuer speaks
        return Speaker(previous.speaker, previous.speaker_kind, previous.speaker_group, raw, previous.speaks_for)
    inside = actors.find_mentions(desc)
    for m in inside:
        if m.kind == "body" and m.actor == desc.split()[-1]:
            return Speaker(m.actor, "body", m.actor_group, raw, _speaks_for(m.actor))
    group = _nationality(desc) or next((m.actor_group for m in inside), "")
    owner = next(
        (m for m in inside if m.kind == "body" and resources.normalise_same_length(desc).startswith(m.alias)), None
    )
    name = _adjectival(re.sub(r"^(?:the|a|an)\s+", "", desc, flags=re.I))
    office = _office_of(name, context)
    if office:  # "Moon's office": the body that speaks for him
        return Speaker(office, "body", group, raw, _speaks_for(office))
    if detail.get("owner") is not None:  # "Defence Minister Ivan Petrov's office": his office, by his name
        holder = resolve(detail["owner"], context, raw)
        if holder is not None and holder.kind == "person":
            noun = raw[detail["owner"].end - detail["owner"].start :].strip()
            return Speaker(f"{holder.name}'s {noun}", "body", holder.group, raw, holder.name)
    if owner is not None and owner.actor in ("Kremlin",):
        return Speaker(owner.actor, "body", owner.actor_group, raw, _speaks_for(owner.actor))
    shown = (
        name[:1].lower() + name[1:]
        if name.split()[0].istitle() and not any(w[:1].isupper() for w in name.split()[1:])
        else name
    )
    return Speaker(shown, "body", group, raw)


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    """Actor group -> its first nationality adjective in ``nationalities.csv`` ('Japan' -> 'Japanese')."""
    table = resources.load_lexicon("nationalities.csv")
    return dict(reversed(list(zip(table["group"], table["adjective"]))))


@lru_cache(maxsize=1)
def _country_adjectives() -> dict[str, str]:
    """Country name -> its nationality adjective (``countries.csv``: 'Turkey' -> 'Turkish')."""
    table = resources.load_lexicon("countries.csv")
    return dict(zip(table["country"], table["adjective"]))


def _adjectival(name: str) -> str:
    """One name for a country's body however the text puts it: "Japan's foreign ministry" ->
    'Japanese foreign ministry' (a country's possessive as its nationality adjective)."""
    owner = re.match(r"(.+?)['’]s\s+(.+)$", name)
    if owner is None:
        return name
    country = _country_adjectives().get(owner.group(1))
    if country:  # "Turkey's Foreign Ministry" -> 'Turkish Foreign Ministry'
        return f"{country} {owner.group(2)}"
    mentions = actors.find_mentions(owner.group(1))
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(owner.group(1)):
        adjective = _adjectives().get(mentions[0].actor_group)
        if adjective and mentions[0].kind == "body":
            return f"{adjective} {owner.group(2)}"
    return name


@lru_cache(maxsize=4)
def _actor_column(column: str) -> dict[str, str]:
    """Actor -> its non-empty value in ``column`` of actors.csv ({} if the column is absent)."""
    table = resources.load_lexicon("actors.csv")
    if column not in table.columns:
        return {}
    return {a: v for a, v in zip(table["actor"], table[column]) if v}


def _office_of(name: str, context: Context) -> str:
    """ "Moon's office", "President Moon Jae-in's office": the body that speaks for that person
    (actors.csv ``speaks_for``; a lone surname means the person the text names with it), or ''."""
    owner = re.fullmatch(r"(.+?)['’]s\s+office", name)
    if owner is None:
        return ""
    people = [m.actor for m in actors.find_mentions(owner.group(1)) if m.kind == "person"]
    if not people and (known := context.known_by_one_name(owner.group(1))):
        people = [known.name]
    spoken_for = {person: body for body, person in _actor_column("speaks_for").items()}
    return spoken_for.get(people[-1], "") if people else ""


def _speaks_for(actor: str) -> str:
    """The person a body speaks for (actors.csv ``speaks_for``), or ''."""
    return _actor_column("speaks_for").get(actor, "")


def _actor_gender(actor: str) -> str:
    """A known person's gender (actors.csv ``gender``), for the pronouns that refer to them, or ''."""
    return _actor_column("gender").get(actor, "")


# ----------------------------------------------------------------------------- subjects of cues


def preceding_word(text: str, start: int) -> str:
    """The last word before ``start``, determiners skipped ('' at the start of ``text``)."""
    words = [w.lower() for w in re.findall(r"[\w'-]+", text[:start])]
    while words and words[-1] in (*DETERMINERS, "this", "these", "those", "both"):
        words.pop()
    return words[-1] if words else ""


# Words that open a leading phrase before the main clause's comma ('Asked about X, Lavrov said'):
# subordinators (classes of data/lexicons/clause_words.csv) and these participles and words.
LEAD_CLASSES = ("time", "cause", "concession", "condition", "time_cause_or_comparison")
LEAD_WORDS = ("once", "despite", "two", "asked", "speaking", "responding", "commenting", "writing", "answering")


_VIEWPOINT_OPENING = re.compile(r"(?:^|[.!?][\"”’]?\s+)\s*For\s+$")  # 'For Martina Gehrig-Sutter, ...'


def _is_object(text: str, start: int) -> bool:
    """Whether the phrase at ``start`` follows a preposition, except a sentence's opening 'For'
    ('For Martina Gehrig-Sutter, the offer is modest': whose view the sentence gives)."""
    return preceding_word(text, start) in PREPOSITIONS and not _VIEWPOINT_OPENING.search(text[:start])


AFFILIATION_PREPOSITIONS = ("at", "of", "from", "with")


def _affiliation(text: str, start: int) -> bool:
    """'Analysts at the research firm Hollis Partners': a body after a person noun and 'at', 'of',
    'from' or 'with' is where the speakers work, so it speaks (it is no object)."""
    words = [w.lower() for w in re.findall(r"[\w'-]+", text[:start])]
    while words and words[-1] in (*DETERMINERS, "this", "these", "those"):
        words.pop()
    if len(words) < 2 or words[-1] not in AFFILIATION_PREPOSITIONS:
        return False
    noun = words[-2]
    terms = {t.lower() for t in _roles().loc[_roles()["kind"] == "person", "term"]}
    return noun in terms or noun.removesuffix("s") in terms


_COORDINATED_VERB = re.compile(r"(?<![\w-])(?:and|or|but)\s+(?:(?:then|also|later|again|[a-z]+ly)\s+)?$")


def _clause_start(masked: str, region_start: int, cue_start: int) -> tuple[int, str]:
    """Where the cue's clause starts and how: after the last ';', 'that', 'who', 'which', 'what' or
    ', while' (', and', ', as' ...) before the cue ('relative' for who/which), or after a leading
    subordinate clause's comma ('Two days after North Korea fired ..., Trump said')."""
    dateline = _DATELINE.match(masked[region_start:cue_start])
    region_start += dateline.end() if dateline else 0
    cut, how = region_start, "clause"
    # a verb coordinated with the one before shares its subject ('Putin warned that ... and argued that ...')
    coordinated = _COORDINATED_VERB.search(masked, region_start, cue_start) is not None
    for m in re.finditer(
        r";|:\s|\bthat\b|\b(?P<rel>who|which)\b|\bwhat\b|,\s+(?:while|whereas|and|but|as)\s",
        masked[region_start:cue_start],
    ):
        if coordinated and m.group(0) in ("that", "what"):
            continue
        if m.group("rel") and "," in masked[region_start + m.end() : cue_start]:
            # 'Jonathan Pell, a diplomat who served in Pyongyang, said': the relative clause has closed,
            # and its antecedent is the cue's subject
            cut, how = region_start + m.start(), "closed relative"
            continue
        cut, how = region_start + m.end(), "relative" if m.group("rel") else "clause"
    if cut == region_start:
        lead = re.match(r"\s*(\w+)", masked[region_start:cue_start])
        comma = masked.find(",", region_start, cue_start)
        lead_word = lead.group(1).lower() if lead else ""
        if lead_word in (*resources.clause_words(*LEAD_CLASSES), *LEAD_WORDS) and comma > 0:
            cut = comma + 1
    return cut, how


def _first_speaker(
    text: str,
    masked: str,
    region: tuple[int, int],
    context: Context,
    *,
    last: bool = False,
    objects: bool = True,
    sentence: tuple[int, int] | None = None,
) -> Speaker | None:
    """The first speaker named in ``region`` (the last, with ``last``), skipping objects of a
    preposition unless ``objects`` is false. A pronoun refers first to a person named earlier in
    ``sentence`` ('Tanabe has condemned what he called ...')."""
    found = candidates(masked[region[0] : region[1]])
    skipped_end = None  # where the last object skipped ends: 'at Washington and Tokyo' are both objects
    for c in reversed(found) if last else found:
        shifted = c.shifted(region[0])
        local = masked[region[0] :]
        coordinated = skipped_end is not None and re.fullmatch(r"\s*,?\s*(?:and|or)\s*", local[skipped_end : c.start])
        if objects and (
            coordinated or (_is_object(local, c.start) and not (c.kind == "body" and _affiliation(local, c.start)))
        ):
            skipped_end = c.end
            continue
        if c.kind in ("pronoun", "role") and sentence is not None:
            earlier = _named_earlier(text, masked, sentence, shifted, context)
            if earlier is not None:
                return earlier
        who = resolve(shifted, context, text)
        if who is not None:
            return who
    return None


def _named_earlier(text: str, masked: str, sentence: tuple[int, int], c: Candidate, context: Context) -> Speaker | None:
    """The person a pronoun or a role noun at ``c`` refers to when one is named earlier in its own
    sentence: the first such person ('Tanabe has condemned what he called ...'), for a role noun the
    first whose titles hold it ('after President Donald Trump tweeted ... the president warned')."""
    if c.start <= sentence[0]:
        return None
    role = dict(c.detail)["desc"].split()[-1].lower() if c.kind == "role" else ""
    for e in candidates(masked[sentence[0] : c.start]):
        if e.kind not in ("titled", "apposed", "name", "actor"):
            continue
        who = resolve(e.shifted(sentence[0]), context, text)
        if who is not None and who.kind == "person" and (not role or _has_role(who.name, role, context)):
            return who
    return None


def _has_role(name: str, role: str, context: Context) -> bool:
    person = context.people.get(name)
    return person is not None and any(role in r.lower().split() for r in person.roles)


def subject_before(text: str, masked: str, cue: Cue, sentence: tuple[int, int], context: Context) -> Speaker | None:
    """The speaker of a cue that precedes what it reports: the first non-object speaker of its
    clause (the sentence's, for a participle; the antecedent, for a relative clause), else of the sentence."""
    if cue.participle:
        dateline = _DATELINE.match(masked[sentence[0] : cue.start])
        start, how = _clause_start(masked, sentence[0] + (dateline.end() if dateline else 0), cue.start)
        start = start if how == "relative" else sentence[0] + (dateline.end() if dateline else 0)
    else:
        start, how = _clause_start(masked, sentence[0], cue.start)
        aside = _parenthetical_speaker(text, masked, cue, sentence, context)
        if aside is not None:
            return aside
    if how == "closed relative":
        who = _named_antecedent(text, masked, (sentence[0], start), context)
        if who is not None:
            return who
    if how == "relative":  # 'President Donald Trump, who warned Pyongyang that ...': the antecedent,
        # even as an object ('a rebuke to US President Donald Trump, who has warned ...')
        who = _first_speaker(text, masked, (sentence[0], start), context, last=True, objects=False)
        if who is not None:
            return who
    adjacent = None if cue.participle else _adjacent_speaker(text, masked, (start, cue.start), context, sentence)
    if adjacent is not None:
        return adjacent
    return _first_speaker(text, masked, (start, cue.start), context, sentence=sentence) or _first_speaker(
        text, masked, (sentence[0], cue.start), context, sentence=sentence
    )


def _named_antecedent(text: str, masked: str, region: tuple[int, int], context: Context) -> Speaker | None:
    """The antecedent of a relative clause that ends ``region``: the last speaker named before it
    ('a retired translator named Galina Ostrovskaya who ...'), past an unnamed description in
    apposition ('Jonathan Pell, a former British diplomat who ...'); else the last unnamed one."""
    found = [
        c.shifted(region[0])
        for c in candidates(masked[region[0] : region[1]])
        if not _is_object(masked[region[0] :], c.start)
    ]
    unnamed = None
    for c in reversed(found):
        who = resolve(c, context, text)
        if who is not None and who.name:
            return who
        unnamed = unnamed or who
    return unnamed


PARENTHETICAL_MAX_WORDS = 4  # 'The government, she said, saw ...', 'Russia, the analyst noted on Friday, has ...'
_ASIDE_OPENING = re.compile(r"\s*as(?=\s)", re.I)
_ASIDE_CLOSES = re.compile(rf"(?:\s+[\w-]+){{0,{PARENTHETICAL_MAX_WORDS - 1}}}?\s*,")


def _parenthetical_speaker(
    text: str, masked: str, cue: Cue, sentence: tuple[int, int], context: Context
) -> Speaker | None:
    """The speaker of a cue set off by commas inside the clause it reports ('The government, she
    said, saw "no military solution"'): the speaker between the comma and the cue, not the
    clause's subject before it."""
    comma = masked.rfind(",", sentence[0], cue.start)
    closes = _ASIDE_CLOSES.match(masked, cue.end)
    opening = _ASIDE_OPENING.match(masked, comma + 1) if comma >= 0 else None
    comma = opening.end() - 1 if opening else comma  # 'Putin, as he put it, "..."': the aside may open with 'as'
    if comma < 0 or closes is None or not masked[sentence[0] : comma].strip():
        return None
    if text[cue.end : closes.end()] != masked[cue.end : closes.end()]:
        return None  # 'When Putin writes "...", he means': the cue reports the quote after it
    aside = masked[comma + 1 : cue.start]
    found = candidates(aside)
    if len(found) != 1 or words_between(aside, 0, found[0].start) or words_between(aside, found[0].end, len(aside)) > 1:
        return None
    c = found[0]
    return resolve(c.shifted(comma + 1), context, text)


ADJACENT_MAX_WORDS = 3  # 'Donald Trump declared', 'Putin on Friday warned', 'X said on August 28'


def _adjacent_speaker(
    text: str, masked: str, region: tuple[int, int], context: Context, sentence: tuple[int, int]
) -> Speaker | None:
    """A named speaker ending at most ``ADJACENT_MAX_WORDS`` words before the cue, or a role noun
    right before it ('the president said'), not an object (a pronoun is left to the clause rule)."""
    everything = candidates(masked[region[0] : region[1]])
    if (
        everything
        and everything[-1].kind == "pronoun"
        and words_between(masked, region[0] + everything[-1].end, region[1]) == 0
    ):
        # 'Speaking to the Clarion, a day after North Korea carried out its test, she said:' the
        # pronoun right before the cue is its subject
        c = everything[-1]
        shifted = c.shifted(region[0])
        return _named_earlier(text, masked, sentence, shifted, context) or resolve(shifted, context, text)
    found = [c for c in everything if c.kind != "pronoun"]
    if not found:
        return None
    c = found[-1]
    gap = words_between(masked, region[0] + c.end, region[1])
    if _COORDINATED_VERB.search(masked, region[0] + c.end, region[1]):
        return None  # 'Putin warned that the Korean Peninsula "..." and argued': the subject is further back
    if (
        gap > (ADJACENT_MAX_WORDS if c.kind != "role" else 0)
        or preceding_word(masked[region[0] :], c.start) in PREPOSITIONS
        or masked[: region[0] + c.start].rstrip().endswith("(")  # '... Ministry of Foreign Affairs (MFA) said': a gloss
    ):
        return None
    shifted = c.shifted(region[0])
    earlier = _named_earlier(text, masked, sentence, shifted, context) if c.kind == "role" else None
    return earlier or resolve(shifted, context, text)


VERB_FIRST_GAP_WORDS = 2  # '"...," said state Rep. Carla Beaudette': words between the cue and its speaker


NO_INVERSION_LEMMAS = ("tell",)  # '"...," told reporters' never happens: who follows 'told' is the hearer


def subject_after(
    text: str, masked: str, quote_end: int, cue: Cue, sentence_end: int, context: Context
) -> Speaker | None:
    """The speaker of a cue that follows a quote: between the two ('"...", X said'), else, when
    the cue comes right after the quote, right after the cue ('"..." said X, head of ...')."""
    between = _first_speaker(text, masked, (quote_end, cue.start), context, objects=False)
    if between is not None or words_between(masked, quote_end, cue.start) > 1 or cue.lemma in NO_INVERSION_LEMMAS:
        return between
    for c in candidates(masked[cue.end : min(sentence_end, cue.end + 120)]):
        if words_between(masked, cue.end, cue.end + c.start) > VERB_FIRST_GAP_WORDS:
            break
        who = resolve(c.shifted(cue.end), context, text)
        if who is not None:  # 'said the Rev. Daniel Shin': the title names no one, the name after it does
            return who
    return None


def according_to(text: str, masked: str, cue: Cue, sentence_end: int, context: Context) -> Speaker | None:
    """The source named after 'according to'."""
    for c in candidates(masked[cue.end : sentence_end]):
        shifted = c.shifted(cue.end)
        who = resolve(shifted, context, text)
        if who is not None:
            return who
    return None


_KOREAN_GIVEN_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+")  # 'Chang-soo', 'Min-seo': the surname comes first


def _bare_name(raw: str) -> str:
    """A person's full name given with no title ('To Thomas Whitlock, ...' -> 'Thomas Whitlock'):
    two or more words, within one sentence, naming no known actor; else ''."""
    name = _clean_name(raw)
    if len(name.split()) < 2 or re.search(r"[.!?]\s", raw) or actors.find_mentions(name):
        return ""
    return name


def register(text: str, context: Context) -> None:
    """Add the people a text names with a title, an apposition or as known actors to the article's
    context (for later pronouns, surnames and roles); a bare capitalised phrase is not enough, but
    its surname is kept so that a later speaker named by surname alone gets the full name."""
    for c in candidates(text):
        if c.kind in ("titled", "apposed", "actor"):
            resolve(c, context, text)
        elif c.kind == "unnamed" and (who := resolve(c, context, text)) is not None and who.kind == "unnamed":
            context.unnamed_mention = (who, context.sentence, context.tick)
        elif (
            c.kind == "body"
            and _full_body_name(c.raw)
            and (who := resolve(c, context, text)) is not None
            and _full_body_name(who.name)
        ):
            context.bodies.append(who)
        elif c.kind == "name" and (name := _bare_name(c.raw)):
            context.bare_names.setdefault(name.split()[-1], name)  # 'Thomas Whitlock' for a later 'Whitlock says'
            if _KOREAN_GIVEN_NAME.fullmatch(name.split()[-1]):  # 'Lee Chang-soo' for a later 'Lee said'
                context.bare_names.setdefault(name.split()[0], name)


def note_subject(text: str, masked: str, context: Context) -> None:
    """Record the sentence's subject: its first person named, not as an object (for 'he' in the next)."""
    for c in candidates(masked):
        if c.kind == "unnamed" and not _is_object(masked, c.start):
            who = resolve(c, context, text)
            context.unnamed_subject = (who, context.sentence) if who is not None else None
            return
        if c.kind in ("titled", "apposed", "actor", "name", "pronoun") and not _is_object(masked, c.start):
            who = resolve(c, context, text)
            if who is None and c.kind == "name" and len(c.raw.split()) == 1:
                continue  # 'Back on College Road, Marsha Tillery was ...': a lone capitalised word names no one
            if who is not None and who.kind == "unnamed":  # 'He tapped it.': the unnamed person goes on
                context.unnamed_subject = (who, context.sentence)
            if who is not None and who.kind == "person" and who.name:
                context.subject = (who.name, context.sentence)
            if who is not None and who.kind == "body" and who.name:
                context.body = who  # 'The Kremlin has put out a readout.' ... 'it says'
            return


_IT_BEFORE = re.compile(r"(?<![\w-])[Ii]t\s*$")  # 'it says', ', it added,'
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:also\s+|later\s+|first\s+)?$", re.I)
_BY_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?by\s+")  # 'was said by', 'was commented also by'


def agentless_passive(masked: str, cue: Cue, sentence_start: int) -> bool:
    """'the article was written "as much for Beijing ..."': a passive cue with no 'by' names what
    was said, not who said it, so it governs no quote."""
    return (
        not cue.form.lower().endswith("ing")
        and bool(_PASSIVE_BEFORE.search(masked[sentence_start : cue.start]))
        and _BY_AFTER.match(masked, cue.end) is None
    )


def cue_speaker(
    text: str, masked: str, cue: Cue, sentence: tuple[int, int], context: Context, quote_end: int | None = None
) -> Speaker | None:
    """The speaker of ``cue`` in a sentence: after a quote ending at ``quote_end``, 'according to',
    the agent of a passive cue ('it was said by Foreign Minister Sergey Lavrov'), or the subject of
    a cue before what it reports."""
    if cue.lemma in SOURCE_PHRASES:
        return according_to(text, masked, cue, sentence[1], context)
    if cue.lemma in PRONOUN_SOURCE_PHRASES:  # 'In his words, ...': whom the possessive pronoun means
        pronoun = "she" if re.search(r"(?i)\bher\b", cue.form) else "he"
        return resolve(Candidate(cue.start, cue.end, "pronoun", pronoun), context, text)
    if cue.lemma in TRANSLATION_LEMMAS and context.writer in context.people:  # 'Reuters translated the phrase as "..."'
        person = context.people[context.writer]
        return Speaker(person.name, "person", person.group, masked[cue.start : cue.end])
    if _PASSIVE_BEFORE.search(masked[sentence[0] : cue.start]) and (agent := _BY_AFTER.match(masked, cue.end)):
        return according_to(
            text,
            masked,
            Cue(cue.start, agent.end(), cue.form, cue.lemma, cue.stance),
            sentence[1],
            context,
        )
    if quote_end is not None and quote_end <= cue.start:
        return the_writer(subject_after(text, masked, quote_end, cue, sentence[1], context), cue, context)
    if _IT_BEFORE.search(masked, sentence[0], cue.start) and context.body is not None:
        return context.body  # 'The two leaders, it says, "..."': the body the text is about
    return own_country_body(subject_before(text, masked, cue, sentence, context), masked, cue.end)


def the_writer(who: Speaker | None, cue: Cue, context: Context) -> Speaker | None:
    """'"...," he wrote': a pronoun with a writing verb means the person the text says wrote
    something (the author of the article under discussion), if the pronoun's gender fits them."""
    if who is None or cue.lemma not in WRITING_LEMMAS or who.raw.lower() not in PRONOUNS:
        return who
    writer = context.people.get(context.writer)
    if writer is None or writer.gender not in ("", PRONOUNS[who.raw.lower()]):
        return who
    return Speaker(writer.name, "person", writer.group, who.raw)


# 'said in a statement issued later that China would ...', 'said Italy, which ...': the country
# a government body's report opens with, within this many words after the cue
OWN_COUNTRY_MAX_WORDS = 10
_REPORT_OPENING = re.compile(rf"\s+(?:(?:[\w,'’-]+\s+){{0,{OWN_COUNTRY_MAX_WORDS}}}?that\s+)?")


def own_country_body(who: Speaker | None, masked: str, cue_end: int) -> Speaker | None:
    """A body the text names without its country ('the foreign ministry said that China would
    ...') belongs to the country its report opens with, as a government speaks of its own country
    ('Chinese foreign ministry'); any other speaker as it is."""
    if who is None or who.kind != "body" or who.group or _names_a_country(who.name) or " of " in who.name:
        return who  # a proper name with 'of' ('Department of Foreign Affairs') is kept as the text gives it
    opening = _REPORT_OPENING.match(masked, cue_end)
    after = masked[opening.end() :] if opening else ""
    country = next((c for c in _country_adjectives() if re.match(rf"{re.escape(c)}(?![\w-])", after)), "")
    if not country:
        return who
    adjective = _country_adjectives()[country]
    return Speaker(f"{adjective} {who.name}", "body", _nationalities().get(adjective, ""), who.raw, who.speaks_for)


def _names_a_country(name: str) -> bool:
    """Whether a body's name holds a country or its adjective ('Swedish Foreign Ministry')."""
    words = set(re.findall(r"[\w-]+", name))
    return any(
        set(country.split()) <= words or set(adjective.split()) <= words
        for country, adjective in _country_adjectives().items()
    ) or bool(_nationality(name))


def words_between(text: str, start: int, end: int) -> int:
    return segment.count_words(text[start:end])


def headline_speaker(text: str, masked: str, context: Context) -> Speaker | None:
    """'Putin: Pressure on North Korea is "futile"': the name before a colon at the start speaks
    (after a list marker: '1. Putin: ...', '• Peskov: ...')."""
    found = re.match(r"\s*(?:\d{1,2}[.)]\s+|[•*–-]\s+)?([^:\"“”«»„]{2,40}):\s", masked)
    if not found:
        return None
    for c in candidates(found.group(1)):
        who = resolve(c, context, text)
        if who is not None:
            return who
    return None


def colon_speaker(
    text: str, masked: str, sentence: tuple[int, int], quote_start: int, context: Context
) -> Speaker | None:
    """'Korea expert Dr. Ulrich Hessel sees it critically: "..."': a quote introduced by a colon
    with no reporting verb is the first (non-object) person or body named before the colon."""
    return _first_speaker(text, masked, (sentence[0], quote_start), context, sentence=sentence)


_VIEWPOINT = re.compile(r"\s*For\s+[^,;:]{2,120}?,")


def viewpoint_speaker(
    text: str, masked: str, sentence: tuple[int, int], quote_start: int, context: Context
) -> Speaker | None:
    """'For the researcher Sophie Marchal, of the Lyon institute, the text is "a message"': the
    person whose view a sentence opening with 'For' gives, when no reporting verb governs the quote."""
    opening = _VIEWPOINT.match(masked, sentence[0], quote_start)
    if opening is None:
        return None
    who = _first_speaker(text, masked, (sentence[0], opening.end()), context, sentence=sentence)
    return who if who is not None and who.kind in ("person", "unnamed") else None


# 'That was the verdict of Dean, 36', 'Those were the words of Karatas', 'That was Volkova',
# 'The demand came from the Greens' defence expert Anja Merz': a sentence that names the speaker of
# the quotes just before it.
NAMED_AFTER_MAX_WORDS = 2  # "The demand came from the Greens' defence expert Anja Merz"
_NAMED_AFTER = re.compile(
    r"^\s*(?:(?:That|This|Those|These)\s+(?:was|were)\s+(?:(?:the|a|an)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:of|from|by)\s+)?|The\s+(?:[\w'-]+\s+){1,3}?came\s+from\s+)"
)


def named_after(text: str, masked: str, sentence: tuple[int, int], context: Context) -> Speaker | None:
    """The speaker a sentence names for the quotes before it ('That was the view of Ray Cruz, 63, ...'),
    if it has that shape: the first person or body named, with at most ``NAMED_AFTER_MAX_WORDS``
    other words before it."""
    shape = _NAMED_AFTER.match(masked[sentence[0] : sentence[1]])
    if shape is None:
        return None
    start = reach = sentence[0] + shape.end()
    for c in candidates(masked[start : sentence[1]]):
        if words_between(masked, reach, start + c.start) > NAMED_AFTER_MAX_WORDS:
            return None
        who = resolve(c.shifted(start), context, text)
        if who is not None:
            return who
        reach = start + c.end  # 'the defence expert Anja Merz': a phrase naming no one leads on to the name
    return None
