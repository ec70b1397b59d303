"""Word lists, character tables and the loaders for the codebooks kept as data in ``data/lexicons``."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from framing import paths

# Punkt abbreviations (lower case, no final stop), chosen from what news text about
# diplomacy uses; Punkt would otherwise end a sentence at "U.S." or "Mr.".
ABBREVIATIONS = frozenset(
    {
        "u.s",
        "u.n",
        "u.k",
        "e.u",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "rev",
        "lt",
        "col",
        "sgt",
        "rep",
        "sen",
        "gov",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "etc",
        "approx",
        "inc",
        "corp",
        "a.m",
        "p.m",
        "adm",
        "ret",
        "capt",
        "cmdr",
        "maj",
        "jr",
        "sr",
    }
)

# One-to-one character replacements: they keep every offset valid, so spans found in
# the normalised text index the original text too.
SAME_LENGTH_NORMALISATION = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark / apostrophe
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u00a0": " ",  # no-break space
        "\u2009": " ",  # thin space
        "\u202f": " ",  # narrow no-break space
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
    }
)

OPENING_DOUBLE = {"\u201c"}
CLOSING_DOUBLE = {"\u201d"}
OPENING_SINGLE = {"\u2018"}
CLOSING_SINGLE = {"\u2019"}

TERMINAL_PUNCTUATION = ".!?"
CLOSING_MARKS = "\"'\u201d\u2019)"

WIRE_AGENCIES = {
    "reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "ap": "AP",
    "associated press": "AP",
    "bloomberg": "Bloomberg",
    "tass": "TASS",
    "interfax": "Interfax",
}


# The same mapping as (character, replacement) pairs. No replacement is itself a source
# character, so replacing them one after another equals the simultaneous ``str.translate``.
_SAME_LENGTH_PAIRS = tuple((chr(code), ascii_char) for code, ascii_char in SAME_LENGTH_NORMALISATION.items())


def normalise_same_length(text: str) -> str:
    """Typographic quotes, dashes and odd spaces mapped to ASCII, one character for one.

    Equal to ``text.translate(SAME_LENGTH_NORMALISATION)`` (``test_resources`` checks it), but
    about 15 times faster: ``str.translate`` with a dict looks up every character in Python
    objects, while ``str.replace`` scans in C, and ASCII text has nothing to replace.
    """
    if text.isascii():
        return text
    for typographic, ascii_char in _SAME_LENGTH_PAIRS:
        text = text.replace(typographic, ascii_char)
    return text


@cache
def _load_lexicon_cached(name: str, folder: str) -> pd.DataFrame:
    path = Path(folder) / name
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load_lexicon(name: str, folder=None) -> pd.DataFrame:
    """A codebook CSV from ``data/lexicons`` (a copy, all columns as strings)."""
    return _load_lexicon_cached(name, str(folder or paths.LEXICON_DIR)).copy()


@lru_cache(maxsize=1)
def stemmer():
    """NLTK's Porter stemmer (needs no downloaded data), built once for every module."""
    from nltk.stem import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The project's stop words (``data/lexicons/stopwords.csv``, lower case): scikit-learn's list
    less the content words it wrongly holds (see ``framing.distinctive``). Every module that drops
    function words uses this list."""
    return frozenset(load_lexicon("stopwords.csv")["term"].str.lower())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter stem of ``word`` (cached: a corpus repeats its words)."""
    return stemmer().stem(word)


_POSSESSIVE_END = re.compile(r"'s?$")


def strip_possessive(word: str) -> str:
    """``word`` without a final possessive ('s or a bare apostrophe, ASCII): "Russia's" -> 'Russia'."""
    return _POSSESSIVE_END.sub("", word)


@cache
def clause_words(*classes: str) -> tuple[str, ...]:
    """Words that open a clause, of the given ``classes`` of ``data/lexicons/clause_words.csv``
    (time, cause, concession, condition, contrast, result, complement, addition,
    time_cause_or_comparison; none: every class), sorted. Every module that stops at a clause
    boundary picks its classes from this one list."""
    table = load_lexicon("clause_words.csv")
    unknown = set(classes) - set(table["class"])
    if unknown:
        raise ValueError(f"clause_words.csv has no class {', '.join(sorted(unknown))}")
    chosen = table["class"].isin(classes) if classes else pd.Series(True, index=table.index)
    return tuple(sorted(set(table.loc[chosen, "word"])))


SUBORDINATOR_CLASSES = ("time", "cause", "concession")  # 'after', 'because', 'although' ...


@cache
def clause_word_pattern(*classes: str) -> re.Pattern[str]:
    """A whole-word, case-blind regex for :func:`clause_words` of ``classes``."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(clause_words(*classes)) + r")(?![\w-])", re.I)
