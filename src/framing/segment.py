"""Offline segmentation with NLTK: paragraphs are body lines, then sentences, then words.

``nltk.sent_tokenize`` needs the ``punkt_tab`` download, so Punkt is built here from explicit
parameters (``resources.ABBREVIATIONS``). Splitting on line breaks first keeps headlines,
bylines and captions from being glued onto the next sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from framing import resources

_LIST_MARKER = re.compile(r"\s*\d{1,2}[.)]\s*")
_CONTINUING = (")", "]", ",", ";")  # a piece opening with these never starts a sentence
WORD_PATTERN = r"(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)+|\w+(?:[-'\u2019]\w+)*"


@lru_cache(maxsize=1)
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """Punkt with the project's abbreviation list and no trained statistics."""
    params = PunktParameters()
    params.abbrev_types = set(resources.ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def word_tokenizer() -> RegexpTokenizer:
    """Words: initialisms such as ``U.S.`` kept whole, hyphenated and possessive forms kept whole."""
    return RegexpTokenizer(WORD_PATTERN)


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence in a paragraph. A piece that starts with a
    lower-case letter, a closing bracket or a comma continues the sentence before it: Punkt splits
    after '?”' or '!”', but '“... them?” said Ivan Serov.' is one sentence, and so is 'Sen. Ellen
    Marchetti (D-Md.), a member ...'; a list number ('1.') stays with its item."""
    spans: list[tuple[int, int]] = []
    for start, end in sentence_tokenizer().span_tokenize(paragraph):
        opening = paragraph[start : start + 1]
        if spans and (
            opening.islower() or opening in _CONTINUING or _LIST_MARKER.fullmatch(paragraph[slice(*spans[-1])])
        ):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences, as text."""
    return [paragraph[start:end] for start, end in sentence_spans(paragraph)]


def words(text: str) -> list[str]:
    """The words of a text (punctuation dropped)."""
    return word_tokenizer().tokenize(text)


def count_words(text: str) -> int:
    """How many words ``text`` has (``words``): the one word count of the project."""
    return len(words(text))
