"""Name masking (``framing.masking``): proper-name tokens masked letter for letter, on real
sentences of the five texts, hand-written lines and tricky tokens."""

from __future__ import annotations

import itertools
import re

import pytest

from framing import masking, resources

# --- masking names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text_in, expected",
    [
        # actor aliases, case kept letter for letter, possessive 's kept
        ("Kim Jong-un is playing a game", "Xxx Xxxx-xx is playing a game"),
        ("warned Washington and the United States.", "warned Xxxxxxxxxx and the Xxxxxx Xxxxxx."),
        ("members of the UN Security Council -- was", "members of the XX Xxxxxxxx Xxxxxxx -- was"),
        ("on the Kremlin's website", "on the Xxxxxxx's website"),
        # capitalised words not opening the sentence: multi-word names and single names
        (
            "A report in The Sydney Morning Herald notes that the talks had stalled.",
            "A report in Xxx Xxxxxx Xxxxxxx Xxxxxx notes that the talks had stalled.",
        ),
        (
            "a North Korea monitoring project at Johns Hopkins University, in Baltimore.",
            "a Xxxxx Xxxxx monitoring project at Xxxxx Xxxxxxx Xxxxxxxxxx, in Xxxxxxxxx.",
        ),
        ("Students at Liberty University cheered.", "Students at Xxxxxxx Xxxxxxxxxx cheered."),
        ("He praised Liberty and Hope.", "He praised Xxxxxxx and Xxxx."),
        # capitals that open the sentence or a quotation are grammar, not names
        ("Provocations, pressure and bellicose rhetoric", "Provocations, pressure and bellicose rhetoric"),
        ('when he said, "If we want to avoid a war', 'when he said, "If we want to avoid a war'),
        ("Great powers met.", "Great powers met."),
        # a lone ALL-CAPS word is VADER's emphasis, not a name
        ("Analysts called it a BAD idea.", "Analysts called it a BAD idea."),
    ],
)
def test_mask_names(text_in, expected):
    assert masking.mask_names(text_in) == expected


def test_mask_keeps_length_on_every_sentence(built):
    for text in built.sentences["text"]:
        masked = masking.mask_names(text)
        assert len(masked) == len(text)
        assert [c.isupper() for c in masked] == [c.isupper() for c in resources.normalise_same_length(text)]


# --- title case --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text_in, expected",
    [
        # a title-case headline: capitals are style; only the actor list vouches for a name
        (
            "Putin Says Threat Of 'Large-Scale Conflict' Looms Over Korean Peninsula",
            "Xxxxx Says Threat Of 'Large-Scale Conflict' Looms Over Korean Peninsula",
        ),
        ("Moscow Consistent in the Korean Crisis", "Xxxxxx Consistent in the Korean Crisis"),
        # the same words in a sentence-case line: non-initial capitals are names
        (
            "Putin says the threat looms over the Korean Peninsula",
            "Xxxxx says the threat looms over the Xxxxxx Xxxxxxxxx",
        ),
    ],
)
def test_title_case_headlines_mask_only_listed_actors(text_in, expected):
    assert masking.mask_names(text_in) == expected


# --- fast paths: they must give exactly what the plain computation gives -----------------


def _variants(built) -> list[str]:
    """Every corpus sentence as written, normalised, name-masked, lower-case and upper-case."""
    texts = list(built.sentences["text"])
    return (
        texts
        + [resources.normalise_same_length(t) for t in texts]
        + [masking.mask_names(t) for t in texts]
        + [t.lower() for t in texts]
        + [t.upper() for t in texts]
    )


TRICKY_TOKENS = [
    "U.S.Army and u.s. a.b",
    "2017Putin iPhone McDonald's",
    "x-y-z -Jong-un- Kim--Jong",
    "A.B.C U.",
    "é Émile _Ab",
    "",
]


def test_factored_token_pattern_finds_the_same_tokens(built):
    definition = re.compile(masking._TOKEN_DEFINITION)
    for text in _variants(built) + TRICKY_TOKENS:
        assert [m.span() for m in masking._TOKEN.finditer(text)] == [m.span() for m in definition.finditer(text)], text


def test_title_case_stops_at_the_first_long_lower_case_word(built):
    """``_is_title_case`` reads tokens only until it can tell; the answer is the whole list's."""

    def whole_list(text):
        long_words = [t for _, _, t in masking._token_spans(text) if len(t) >= masking.TITLE_CASE_MIN_LETTERS]
        return len(long_words) >= 3 and all(masking._is_capitalised(t) for t in long_words)

    for text in _variants(built) + TRICKY_TOKENS + ["Big Bad Wolf", "Three Long Words", "Three Long Words and more"]:
        tokens = (t for _, _, t in masking._token_spans(text))
        assert masking._is_title_case(tokens) == whole_list(text), text


def test_mask_keeps_case_and_length():
    assert masking._mask_chars("Émile-Zoë U.S. 2017") == "Xxxxx-Xxx X.X. 2017"


def test_is_initial_equals_the_regex(built):
    """The end-of-prefix reading of ``_INITIAL_PREFIX`` agrees with the regex at every position of
    every corpus sentence and of every short string over marks, odd spaces and letters."""
    alphabet = " \t\n\"'!?:.a\u00a0\x1c\u2028"
    short = ["".join(chars) for n in range(1, 5) for chars in itertools.product(alphabet, repeat=n)]
    for text in _variants(built) + short:
        for start in range(len(text) + 1):
            assert masking._is_initial(text, start) == bool(masking._INITIAL_PREFIX.search(text[:start])), (
                text,
                start,
            )
