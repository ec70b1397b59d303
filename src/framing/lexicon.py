"""Match a codebook of terms (a table with ``category`` and ``term``) in text, with negation.

Term syntax (one term per codebook row; matching is case-insensitive):

- words separated by spaces; between two words any run of spaces, quotation marks, brackets or
  commas is allowed, so ``all options _ on the table`` matches ``"all options" were on the table``;
- ``stem*`` a stem wildcard: ``escalat*`` matches escalate, escalating, escalation;
- ``(a|b|c)`` alternatives for one word (each may carry ``*``): ``(talk*|dialogue)``;
- a token ending in ``?`` is optional: ``(a|the)? road to nowhere``;
- ``_`` any one word; ``..`` up to ``GAP_MAX_WORDS`` words;
- a hyphen inside a word also matches a space or nothing: ``large-scale`` ~ ``large scale``.

Words are bounded by anything but a letter, digit or hyphen, so ``escalat*`` does not match inside
``de-escalate`` and ``provok*`` not inside ``thought-provoking``. Text is matched after
``resources.normalise_same_length`` (typographic quotes to ASCII, one for one), so offsets index
the original text.

Overlaps. Each ``layer`` (default 'rhetoric'; the reporting verbs are layer 'attribution') is
matched in one left-to-right pass over word starts: its matches never overlap, and at one
position the more specific term wins (more words, then a longer pattern), whatever its category.
So ``reduce the tensions`` (diplomacy) hides ``tensions`` (escalation) and ``not clear`` (hedge)
hides ``clear`` (booster). A term listed under two categories of one layer yields a match in
each; layers never interact ("threatened" is a threat word and a loaded reporting verb).

Negation (a match is ``negated`` when one of these holds, unless its row says ``negation = no``):

1. *negator before the term* (NegEx, Chapman et al. 2001; VADER's negation list, Hutto & Gilbert
   2014): one of ``NEGATORS`` (not, no, never, without, n't ...) among the ``NEGATION_SCOPE_WORDS``
   words before the term, in the same clause (a scope ends at , ; : ( ) . ! ? a dash, or a
   conjunction of the ``CLAUSE_BREAK_CLASSES``): "does not have any intention of starting a great
   war". Pseudo-negations do not negate (``not only``, ``if not``, ``not clear`` ...), nor does
   the contrastive ``Washington not Pyongyang`` (``not`` between two capitalised words);
2. *rejection after the term*: the term is followed, within ``GAP_MAX_WORDS`` words of the same
   clause, by a rejecting predicate (``is not the answer``, ``won't solve``, ``will not work``):
   "talking is not the answer", "pressure on Pyongyang won't solve the problem";
3. *explicit negated entries*: a row with ``negated = yes`` is a phrase that rejects what its
   category names ("refuse to talk" is diplomacy, negated).

A lexicon cannot see irony, implicature, scope beyond the clause, or lexical negation
("skeptical that North Korea would ever attack"); the codebook says so per category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from framing import resources

GAP_MAX_WORDS = 4
NEGATION_SCOPE_WORDS = 8  # NegEx used 5 words; 8 reaches "not have any intention of starting a great war"
NEGATION_LOOKBACK_CHARS = 160

# VADER's NEGATE list (Hutto & Gilbert 2014), trimmed to words that negate in news prose.
NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "without",
        "nor",
        "neither",
        "cannot",
        "none",
        "nothing",
        "nobody",
        "ain't",
        "aren't",
        "can't",
        "couldn't",
        "didn't",
        "doesn't",
        "don't",
        "hadn't",
        "hasn't",
        "haven't",
        "isn't",
        "mustn't",
        "needn't",
        "shan't",
        "shouldn't",
        "wasn't",
        "weren't",
        "won't",
        "wouldn't",
    }
)
# Pseudo-negations (NegEx): a negator followed by these words does not negate what comes after.
PSEUDO_NEGATION_FOLLOWERS = frozenset(
    {"only", "just", "merely", "least", "necessarily", "clear", "sure", "certain", "unlike", "doubt"}
)
PSEUDO_NEGATION_PRECEDERS = frozenset({"if", "whether"})  # "dozens, if not hundreds"
# Conjunctions that end a negator's scope: classes of data/lexicons/clause_words.csv. Not
# 'condition': 'if' opens the pseudo-negation "if not hundreds".
CLAUSE_BREAK_CLASSES = ("contrast", "concession", "cause")

_GAP = r"[\s\"'(),\[\]]+"
_RIGHT = r"(?![\w-])"
_ANY_WORD = r"[\w][\w'-]*"
_WORD_START = re.compile(r"(?<![\w-])\w")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_CLAUSE_BREAK = re.compile(r"[,;:()\[\].!?]|\s-+\s|\s-+$|^-+\s")
_TOKEN = re.compile(_ANY_WORD)
# A negator followed by what ends a word (``_TOKEN``), in lower-case text: ``may_hold_negator``.
_NEGATOR_AT_WORD_END = re.compile(r"(?:" + "|".join(re.escape(word) for word in sorted(NEGATORS)) + r")(?![\w'-])")
# Rejecting predicates after a term ("talking is not the answer", "pressure won't solve").
REJECTING_COPULA = (
    r"(?:is|are|was|were|will\s+be|would\s+be)\s+(?:not|never|no\s+longer)\s+(?:the\s+|an?\s+)?"
    r"(?:answer|solution|way|option)"
)
REJECTING_VERB = (
    r"(?:won't|will\s+not|will\s+never|cannot|can't|does\s+not|doesn't|do\s+not|don't|did\s+not|didn't|would\s+not|wouldn't)"
    r"\s+(?:solve|resolve|work|help|succeed|end|stop|halt|fix)"
)


@cache
def _rejection() -> re.Pattern[str]:
    """A rejecting predicate after a term; the gap may not cross punctuation, a new quotation or a
    conjunction."""
    joins = resources.clause_words("addition", *CLAUSE_BREAK_CLASSES)
    not_a_join = r"(?!(?:" + "|".join(joins) + r")(?![\w-]))"
    return re.compile(
        rf"[^\w.,;:!?\"]*(?:{not_a_join}{_ANY_WORD}[^\w.,;:!?\"]+){{0,{GAP_MAX_WORDS}}}?"
        rf"(?P<cue>{REJECTING_COPULA}|{REJECTING_VERB})(?![\w-])",
        re.I,
    )


@dataclass(frozen=True)
class Match:
    """One codebook term found in a text: ``text[start:end] == matched_text``.

    ``negation_cue`` says why a match is negated ('' when it is not): the negator word, the
    rejecting phrase after the term, or 'codebook' for an explicit negated entry.
    """

    category: str
    term: str
    start: int
    end: int
    matched_text: str
    negated: bool
    negation_cue: str = ""


@dataclass(frozen=True)
class Codebook:
    """A compiled codebook. Per layer, one regex per first letter (matching is tried only at
    word starts, with the regex for that word's letter) and the prefixes its matches start with
    (``first_prefixes``); each named group maps to its codebook rows (several when the same
    term is listed under two categories of a layer)."""

    table: pd.DataFrame
    layers: tuple[tuple[str, dict], ...]  # (layer, {first letter: (regex, prefixes)}), layers in codebook order
    entries: dict  # group name -> tuple of (category, term, negation rule applies, negated entry)


def _word_regex(word: str) -> str:
    """One pattern word (possibly ``stem*``, with hyphens) as a regex."""
    stem = word.endswith("*")
    body = word[:-1] if stem else word
    parts = [re.escape(p) for p in body.split("-")]
    regex = "[-\\s]?".join(parts)
    return regex + (r"[\w'-]*" if stem else "")


def _token_regex(token: str) -> tuple[str, bool]:
    """A pattern token as (regex, optional)."""
    optional = token.endswith("?") and len(token) > 1
    token = token[:-1] if optional else token
    if token == "_":
        return _ANY_WORD, optional
    if token.startswith("(") and token.endswith(")"):
        return "(?:" + "|".join(_word_regex(w) for w in token[1:-1].split("|")) + ")", optional
    return _word_regex(token), optional


def term_regex(term: str) -> str:
    """The regex for one codebook term (see the module docstring for the syntax)."""
    tokens = resources.normalise_same_length(term).lower().split()
    if not tokens:
        raise ValueError("empty codebook term")
    out, leading = "", True  # leading: no word emitted yet, so the next one needs no gap before it
    for token in tokens:
        if token == "..":
            if leading:
                raise ValueError(f"{term!r}: a term cannot start with '..'")
            out += rf"(?:{_GAP}{_ANY_WORD}){{0,{GAP_MAX_WORDS}}}"
            continue
        regex, optional = _token_regex(token)
        if leading:
            out += f"(?:{regex}{_GAP})?" if optional else regex
            leading = optional
        else:
            out += f"(?:{_GAP}{regex})?" if optional else _GAP + regex
    return out


def _specificity(term: str) -> tuple[int, int]:
    words = [t for t in term.split() if not t.endswith("?")]
    return len(words), len(term)


def _flag(value, default: bool) -> bool:
    text = str(value).strip().lower() if value is not None else ""
    return default if text in ("", "nan") else text in ("yes", "true", "1")


def first_letters(term: str) -> frozenset[str]:
    """The lower-case letters a match of ``term`` can start with (every letter after ``_``)."""
    letters: set[str] = set()
    for token in resources.normalise_same_length(term).lower().split():
        optional = token.endswith("?") and len(token) > 1
        body = token[:-1] if optional else token
        if body == "_":
            return frozenset(_LETTERS)
        words = body[1:-1].split("|") if body.startswith("(") and body.endswith(")") else [body]
        letters |= {w[0] for w in words if w}
        if not optional:
            break
    return frozenset(letters)


def first_prefixes(term: str) -> frozenset[str]:
    """Lower-case ASCII text that every match of ``term`` starts with, one per way to start
    ('' when a match can start with anything: after ``_``).

    The prefix of a first word is its literal part up to its first hyphen (a pattern hyphen
    may match a space or nothing) or stem ``*``, cut before any non-ASCII letter (whose
    case-insensitive matching is not ``str.lower``'s). Leading optional words add their own.
    """
    prefixes: set[str] = set()
    for token in resources.normalise_same_length(term).lower().split():
        optional = token.endswith("?") and len(token) > 1
        body = token[:-1] if optional else token
        if body == "_":
            return frozenset({""})
        words = body[1:-1].split("|") if body.startswith("(") and body.endswith(")") else [body]
        prefixes |= {_ascii_start(word.removesuffix("*").split("-")[0]) for word in words}
        if not optional:
            break
    return frozenset(prefixes)


def _ascii_start(text: str) -> str:
    """``text`` up to its first non-ASCII character."""
    for index, char in enumerate(text):
        if not char.isascii():
            return text[:index]
    return text


def _compile_layer(rows: list[tuple]) -> dict:
    """{first letter: (regex, prefixes)} for one layer's (specificity, index, group name, term)
    rows; ``prefixes`` (a tuple, for ``str.startswith``) are those of the letter's terms."""
    rows = sorted(rows, key=lambda r: (-r[0][0], -r[0][1], r[1]))
    by_letter: dict[str, list[str]] = {}
    prefixes: dict[str, set[str]] = {}
    for _, _, name, term in rows:
        for letter in sorted(first_letters(term)):
            by_letter.setdefault(letter, []).append(f"(?P<{name}>{term_regex(term)})")
            prefixes.setdefault(letter, set()).update(first_prefixes(term))
    return {
        letter: (re.compile(rf"(?:{'|'.join(alts)}){_RIGHT}", re.I), tuple(sorted(prefixes[letter])))
        for letter, alts in by_letter.items()
    }


def compile_codebook(table: pd.DataFrame) -> Codebook:
    """Compile a codebook table: columns ``category`` and ``term`` (or ``pattern``); optional
    ``layer`` (default 'rhetoric'), ``negation`` (yes/no, default yes) and ``negated`` (yes/no)."""
    table = table.rename(columns={"pattern": "term"}) if "term" not in table.columns else table
    table = table.reset_index(drop=True)
    groups: dict[tuple[str, str], tuple[str, list[tuple]]] = {}  # (layer, term) -> (group name, entries)
    by_layer: dict[str, list[tuple]] = {}  # layer -> (specificity, index, group name, term)
    for index, row in table.iterrows():
        layer = str(row.get("layer", "") or "rhetoric")
        entry = (row["category"], row["term"], _flag(row.get("negation"), True), _flag(row.get("negated"), False))
        key = (layer, resources.normalise_same_length(row["term"]).lower())
        if key not in groups:
            groups[key] = (f"t{len(groups)}", [])
            by_layer.setdefault(layer, []).append((_specificity(row["term"]), index, groups[key][0], row["term"]))
        groups[key][1].append(entry)
    layers = tuple((layer, _compile_layer(rows)) for layer, rows in by_layer.items())
    return Codebook(table, layers, {name: tuple(rows) for name, rows in groups.values()})


def _tokens_before(plain: str, start: int) -> list[str]:
    """Words between the last clause break before ``start`` and ``start``."""
    window = plain[max(0, start - NEGATION_LOOKBACK_CHARS) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    tokens = _TOKEN.findall(window)
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].lower() in resources.clause_words(*CLAUSE_BREAK_CLASSES):
            return tokens[index + 1 :]
    return tokens


def _is_pseudo_negation(tokens: list[str], index: int) -> bool:
    """``tokens[index]`` is a negator that does not negate (NegEx pseudo-negation, 'A not B')."""
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    before = tokens[index - 1] if index > 0 else ""
    if after.lower() in PSEUDO_NEGATION_FOLLOWERS or before.lower() in PSEUDO_NEGATION_PRECEDERS:
        return True
    return tokens[index].lower() == "not" and after[:1].isupper() and before[:1].isupper()


def negation_before(plain: str, start: int) -> str:
    """The negator that scopes over a term starting at ``start`` ('' if none)."""
    tokens = _tokens_before(plain, start)
    first = max(0, len(tokens) - NEGATION_SCOPE_WORDS)
    for index in range(len(tokens) - 1, first - 1, -1):
        word = tokens[index].lower()
        if word in NEGATORS and not _is_pseudo_negation(tokens, index):
            return tokens[index]
    return ""


def rejection_after(plain: str, end: int) -> str:
    """The rejecting predicate that follows a term ending at ``end`` ('' if none)."""
    found = _rejection().match(plain, end, min(len(plain), end + NEGATION_LOOKBACK_CHARS))
    return re.sub(r"\s+", " ", found.group("cue")) if found else ""


def may_hold_negator(plain: str) -> bool:
    """False when no word of ``plain`` (ASCII) ends in a negator (no negator, in lower case,
    is followed by what ends a word). Then neither negation rule can fire at any word start of
    ``plain``, so ``find_matches`` skips both for the whole sentence.

    ``negation_before`` returns a word of its look-back window that is a negator (any case).
    The window's words are the text's words, except that the first may be the end of one cut
    by the window start, and the last the beginning of one cut at ``start``; at a word start
    that last word ends in an apostrophe, never in the letter every negator ends with.
    ``rejection_after`` needs a rejecting predicate, and each holds a negator (not, never, no,
    won't, cannot, ...) followed by a space, so ending a word. Non-ASCII text always counts as
    a maybe: the regex's case-insensitive matching of other letters is not ``str.lower``'s.
    ``test_lexicon`` checks the claim at every word start of every corpus sentence.
    """
    if not plain.isascii():
        return True
    return _NEGATOR_AT_WORD_END.search(plain.lower()) is not None


def _negation(plain: str, start: int, end: int, applies: bool, negated_entry: bool, may_negate: bool = True) -> str:
    """The negation cue of a match ('' if none); ``may_negate`` is ``may_hold_negator(plain)``."""
    if negated_entry:
        return "codebook"
    if not applies or not may_negate:
        return ""
    return negation_before(plain, start) or rejection_after(plain, end)


def find_matches(text: str, codebook: Codebook | pd.DataFrame) -> list[Match]:
    """Codebook terms in ``text``, sorted by start, then category.

    Pass a compiled ``Codebook`` (``compile_codebook``) when matching many texts; a table is
    compiled on every call.
    """
    if not isinstance(codebook, Codebook):
        codebook = compile_codebook(codebook)
    plain = resources.normalise_same_length(text)
    starts = [w.start() for w in _WORD_START.finditer(plain)]
    may_negate = may_hold_negator(plain)
    matches = []
    for _, by_letter in codebook.layers:
        for found in _layer_matches(plain, starts, by_letter):
            start, end = found.span()
            for category, term, applies, negated_entry in codebook.entries[found.lastgroup]:
                cue = _negation(plain, start, end, applies, negated_entry, may_negate)
                matches.append(Match(category, term, start, end, text[start:end], bool(cue), cue))
    return sorted(matches, key=lambda m: (m.start, m.category, m.end))


def _layer_matches(plain: str, starts: list[int], by_letter: dict):
    """One layer's matches in ``plain``, left to right, not overlapping: at each word start
    (``starts``) not inside the last match, the regex of the word's first letter.

    In ASCII text, a regex is run only where the text starts with one of its prefixes
    (``first_prefixes``), which every match does; ``test_lexicon`` checks that this changes
    no match on any corpus sentence.
    """
    lower = plain.lower() if plain.isascii() else None  # ASCII: same length, so positions hold
    covered = 0
    for pos in starts:
        compiled = by_letter.get(plain[pos].lower()) if pos >= covered else None
        if compiled is None:
            continue
        pattern, prefixes = compiled
        if lower is not None and not lower.startswith(prefixes, pos):
            continue
        found = pattern.match(plain, pos)
        if found is not None:
            covered = found.end()
            yield found
