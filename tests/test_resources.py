"""Same-length normalisation: the fast replacement loop against ``str.translate``."""

from __future__ import annotations

import pytest

from framing import paths, resources


def test_normalise_equals_translate_on_the_raw_texts(built):
    lines = [line for path in sorted(paths.RAW_DIR.glob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")]
    for text in lines + list(built.sentences["text"]):
        assert resources.normalise_same_length(text) == text.translate(resources.SAME_LENGTH_NORMALISATION), text


def test_normalise_equals_translate_on_every_character_up_to_u3000():
    everything = "".join(chr(code) for code in range(0x3000) if not 0xD800 <= code <= 0xDFFF)
    assert resources.normalise_same_length(everything) == everything.translate(resources.SAME_LENGTH_NORMALISATION)


@pytest.mark.parametrize("text_in, expected", [
    ("\u201cno\u201d \u2018yes\u2019 \u2013 a\u00a0b\u2009c\u202fd \u2014", "\"no\" 'yes' - a b c d -"),
    ("plain ASCII", "plain ASCII"),
    ("caf\u00e9 \u2019", "caf\u00e9 '"),  # other non-ASCII letters stay
])
def test_normalise_hand_cases(text_in, expected):
    assert resources.normalise_same_length(text_in) == expected
    assert len(resources.normalise_same_length(text_in)) == len(text_in)
