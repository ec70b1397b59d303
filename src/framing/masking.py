"""Proper names masked letter for letter, so that a name cannot move a sentiment score.

Names must not move sentiment ("United States", "Security Council" hold the lexicon words
*united* and *security*), so ``framing.sentiment`` also scores every text with its proper-name
tokens masked. Masking is same-length and case-preserving (``Putin`` -> ``Xxxxx``): character
offsets stay valid, VADER sees the same number of tokens (its negation and booster windows are
unchanged) and the same ALL-CAPS profile (its emphasis rule is unchanged).

A name token is found by the actor list (``data/lexicons/actors.csv``, through ``framing.actors``)
or by this module's capitalisation rule (``name_spans``). Text is normalised first, as for
scoring (``resources.normalise_same_length``: typographic marks as ASCII, one for one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from framing import actors, resources

# Same-length mask characters, case-preserving.
MASK_UPPER, MASK_LOWER = "X", "x"

# Name tokens: initialisms (U.S.) and hyphenated names (Jong-un) stay whole; an apostrophe
# ends a token, so the possessive 's of "Russia's" is never masked. ``_TOKEN`` is
# ``_TOKEN_DEFINITION`` with the first letter of both alternatives factored out: the same
# tokens (``test_masking`` checks it), found faster, as a pattern that starts with a
# character class lets the regex engine skip straight to where a token can start.
_TOKEN_DEFINITION = r"(?:[A-Za-z]\.){2,}|[A-Za-z]\w*(?:-\w+)*"
_TOKEN = re.compile(r"[A-Za-z](?:\.(?:[A-Za-z]\.)+|\w*(?:-\w+)*)")
# A token opens the sentence or a quotation when only whitespace, an opening quotation mark
# (straight marks open at the start or after whitespace), "!", "?" or ":" precede it. A full
# stop does not count: inside one sentence it ends an abbreviation ("U.S. Aegis").
_INITIAL_PREFIX = re.compile(r"(?:^|[!?:]|(?:^|\s)[\"']+)\s*$")

TITLE_CASE_MIN_LETTERS = 4  # title case capitalises every word this long ('Threat Of ... Looms Over Korean Peninsula')


def _is_initial(text: str, start: int) -> bool:
    """Whether the token at ``start`` opens the sentence or a quotation (``_INITIAL_PREFIX``).

    The same test read from the end of the text before the token, which is faster than
    searching all of it with the regex (``test_masking`` checks equality at every position):
    after trailing whitespace, nothing, "!", "?" or ":", or a run of quotation marks that opens
    the text or follows whitespace.
    """
    before = text[:start].rstrip()  # str.rstrip strips what the regex's \s matches
    if not before or before[-1] in "!?:":
        return True
    unquoted = before.rstrip("\"'")
    return len(unquoted) < len(before) and (not unquoted or unquoted[-1].isspace())


def _is_capitalised(token: str) -> bool:
    return token[0].isupper()


def _token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of each word that could be part of a name."""
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def name_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of proper-name tokens to mask, left to right.

    A token is masked when it is capitalised and either (1) lies inside an actor mention from
    ``data/lexicons/actors.csv`` (any position: the list vouches for it), or (2) does not open
    the sentence or a quotation (where capitals are grammatical, not a sign of a name) and is
    title-case ("Liberty") or ALL-CAPS next to another capitalised token ("UN Security"). Rule (2)
    does not apply to a unit in title case (every word of ``TITLE_CASE_MIN_LETTERS``+ letters
    capitalised, and at least three such: a headline), where capitals are style.
    A lone ALL-CAPS word is kept: VADER reads it as emphasis ("a BAD idea").
    """
    return list(_name_spans_cached(resources.normalise_same_length(text)))


@lru_cache(maxsize=65536)
def _name_spans_cached(plain: str) -> tuple[tuple[int, int], ...]:
    inside = actors.mention_spans(plain)
    # Only capitalised tokens can be names. Their neighbours in this shorter list are the
    # same as in the full token list whenever only whitespace separates them, which is all
    # ``_in_run`` asks, so dropping lower-case tokens changes no result.
    words = _token_spans(plain)
    tokens = [t for t in words if _is_capitalised(t[2])]
    # In a title-case headline capitals are style, not names: only the actor list vouches there.
    title_case = _is_title_case(token for _, _, token in words)
    spans = []
    for index, (start, end, token) in enumerate(tokens):
        in_mention = any(a <= start and end <= b for a, b in inside)
        by_shape = (
            not title_case and not _is_initial(plain, start) and (not token.isupper() or _in_run(plain, tokens, index))
        )
        if in_mention or by_shape:
            spans.append((start, end))
    return tuple(spans)


def _is_title_case(tokens: Iterable[str]) -> bool:
    """Whether at least three ``tokens`` have ``TITLE_CASE_MIN_LETTERS``+ letters and all such
    tokens are capitalised; read only up to the first long token that is not."""
    long_words = 0
    for token in tokens:
        if len(token) >= TITLE_CASE_MIN_LETTERS:
            if not _is_capitalised(token):
                return False
            long_words += 1
    return long_words >= 3


def _in_run(text: str, tokens: list[tuple[int, int, str]], index: int) -> bool:
    """Whether token ``index`` is joined by whitespace alone to a capitalised neighbour."""
    start, end, _ = tokens[index]
    before = index > 0 and _is_capitalised(tokens[index - 1][2]) and not text[tokens[index - 1][1] : start].strip()
    after = (
        index + 1 < len(tokens)
        and _is_capitalised(tokens[index + 1][2])
        and not text[end : tokens[index + 1][0]].strip()
    )
    return bool(before or after)


def _mask_chars(chunk: str) -> str:
    """Upper-case letters as ``MASK_UPPER``, other letters as ``MASK_LOWER``, the rest kept."""
    return "".join(MASK_UPPER if c.isupper() else MASK_LOWER if c.isalpha() else c for c in chunk)


def mask_names(text: str) -> str:
    """``text`` (normalised) with proper-name tokens masked letter for letter (``Putin`` -> ``Xxxxx``)."""
    plain = resources.normalise_same_length(text)
    return _mask_spans(plain, _name_spans_cached(plain))


def _mask_spans(plain: str, spans) -> str:
    """``plain`` (normalised) with each of the ``spans`` masked letter for letter."""
    pieces, last = [], 0
    for start, end in spans:
        pieces += [plain[last:start], _mask_chars(plain[start:end])]
        last = end
    return "".join(pieces) + plain[last:]


def masked_names(text: str) -> str:
    """The masked names as written, adjacent tokens joined ("United States;Security Council")."""
    plain = resources.normalise_same_length(text)
    return _joined_names(plain, _name_spans_cached(plain))


def _joined_names(plain: str, spans) -> str:
    """The text of ``spans`` in ``plain`` (normalised), spans with only whitespace between them joined."""
    runs: list[list[int]] = []
    for start, end in spans:
        if runs and not plain[runs[-1][1] : start].strip():
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return ";".join(plain[a:b] for a, b in runs)
