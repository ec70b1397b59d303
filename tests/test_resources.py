"""Same-length normalisation: the fast replacement loop against ``str.translate``."""

from __future__ import annotations

import pytest

from framing import paths, resources


def test_normalise_equals_translate_on_the_raw_texts(built):
    lines = [
        line for path in sorted(paths.RAW_DIR.glob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")
    ]
    for text in lines + list(built.sentences["text"]):
        assert resources.normalise_same_length(text) == text.translate(resources.SAME_LENGTH_NORMALISATION), text


def test_normalise_equals_translate_on_every_character_up_to_u3000():
    everything = "".join(chr(code) for code in range(0x3000) if not 0xD800 <= code <= 0xDFFF)
    assert resources.normalise_same_length(everything) == everything.translate(resources.SAME_LENGTH_NORMALISATION)


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("\u201cno\u201d \u2018yes\u2019 \u2013 a\u00a0b\u2009c\u202fd \u2014", "\"no\" 'yes' - a b c d -"),
        ("plain ASCII", "plain ASCII"),
        ("caf\u00e9 \u2019", "caf\u00e9 '"),  # other non-ASCII letters stay
    ],
)
def test_normalise_hand_cases(text_in, expected):
    assert resources.normalise_same_length(text_in) == expected
    assert len(resources.normalise_same_length(text_in)) == len(text_in)


def test_normalising_keeps_every_offset_on_the_raw_texts(built):
    """Only the mapped characters change, one for one, so a span found in normalised text indexes the original."""
    mapped = set(resources.SAME_LENGTH_NORMALISATION)
    for text in built.sentences["text"]:
        plain = resources.normalise_same_length(text)
        assert len(plain) == len(text)
        assert all(a == b or ord(a) in mapped for a, b in zip(text, plain)), text


def test_load_lexicon_gives_strings_and_a_fresh_copy():
    actors = resources.load_lexicon("actors.csv")
    putin = actors[actors["alias"] == "Vladimir Putin"].iloc[0]
    assert putin["speaks_for"] == ""  # an empty cell is '', never NaN
    assert all(isinstance(v, str) for v in actors.to_numpy().ravel())
    actors.loc[:, "actor"] = "changed"
    assert (resources.load_lexicon("actors.csv")["actor"] != "changed").all()  # the caller's edits stay with the caller


def test_load_lexicon_reads_na_as_text(tmp_path):
    """'NA' is a word in a codebook (an alias, a term), not a missing value."""
    (tmp_path / "tiny.csv").write_text("term,note\nNA,North America\nnull,\n", encoding="utf-8")
    table = resources.load_lexicon("tiny.csv", tmp_path)
    assert table["term"].tolist() == ["NA", "null"] and table["note"].tolist() == ["North America", ""]


def test_stemmer_is_porters_and_built_once():
    assert resources.stemmer() is resources.stemmer()
    assert [resources.stemmer().stem(w) for w in ("balancing", "balanced", "futile", "nowhere")] == [
        "balanc",
        "balanc",
        "futil",
        "nowher",
    ]


def test_wire_agencies_name_each_agency_once():
    assert resources.WIRE_AGENCIES["agence france-presse"] == resources.WIRE_AGENCIES["afp"] == "AFP"
    assert all(key == key.lower() for key in resources.WIRE_AGENCIES)
    assert {"Reuters", "AFP", "AP"} <= set(resources.WIRE_AGENCIES.values())


def test_stem_is_the_cached_porter_stem():
    words = ["balancing", "conflicts", "provocations", "dead-end", "Russia's"]
    assert [resources.stem(w) for w in words] == [resources.stemmer().stem(w) for w in words]
    assert resources.stem("provocations") == "provoc"


def test_clause_words_are_picked_by_class_from_one_list():
    assert resources.clause_words(*resources.SUBORDINATOR_CLASSES) == (
        "after",
        "although",
        "because",
        "before",
        "since",
        "though",
        "when",
        "whereas",
        "while",
    )
    with pytest.raises(ValueError, match="no class clauses"):
        resources.clause_words("clauses")


def test_a_clause_word_matches_as_a_whole_word_in_any_case():
    pattern = resources.clause_word_pattern("concession")
    assert [m.group() for m in pattern.finditer("Though calm, although-ish; Whereas althoughness")] == [
        "Though",
        "Whereas",
    ]


@pytest.mark.parametrize("word, stripped", [("Russia's", "Russia"), ("Reuters'", "Reuters"), ("Jones", "Jones")])
def test_strip_possessive(word, stripped):
    assert resources.strip_possessive(word) == stripped
