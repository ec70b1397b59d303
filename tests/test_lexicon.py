"""Codebook matching: pattern syntax, overlaps, negation and offsets, on real sentences of the corpus."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

from framing import (
    attribution,
    clauses,
    distinctive,
    frames,
    lexicon,
    masking,
    paths,
    resources,
    rhetoric,
    spans,
    voice,
)


@pytest.fixture(scope="module")
def book():
    return rhetoric.compiled()


def sentence_with(built, fragment: str) -> str:
    """The one corpus sentence containing ``fragment`` (after quote normalisation)."""
    texts = [t for t in built.sentences["text"] if fragment in resources.normalise_same_length(t)]
    assert len(texts) == 1, f"{fragment!r} is in {len(texts)} sentences"
    return texts[0]


def one_term(term: str, category: str = "c", **extra) -> pd.DataFrame:
    return pd.DataFrame([{"category": category, "term": term, **extra}])


def found(text: str, codebook, category: str | None = None) -> list[tuple[str, str, bool]]:
    return [
        (m.category, m.matched_text, m.negated)
        for m in lexicon.find_matches(text, codebook)
        if category is None or m.category == category
    ]


# --- syntax ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "term, text_in, expected",
    [
        ("escalat*", "Russian experts put most of the blame for this escalating crisis", ["escalating"]),
        ("escalat*", "the only way to de-escalate tensions was through talks", []),  # hyphen bounds a word
        ("provok*", "Join thought-provoking conversations", []),
        ("provok*", "further pressure is likely to provoke a devastating war", ["provoke"]),
        ("fire and fury", 'its threats would be met with "fire and fury."', ["fire and fury"]),
        ("fire and fury", "met with FIRE AND FURY", ["FIRE AND FURY"]),  # case-insensitive
        ("(a|the)? road to nowhere", "bellicose, offensive rhetoric is a road to nowhere,", ["a road to nowhere"]),
        ("(a|the)? road to nowhere", "rhetoric, road to nowhere", ["road to nowhere"]),  # optional first word absent
        ("dead-end*", "insulting rhetoric are a dead-end road", ["dead-end"]),
        ("dead-end*", "a dead end", ["dead end"]),  # a pattern hyphen also matches a space
        ("large-scale conflict", "balanced on the verge of a large scale conflict", ["large scale conflict"]),
        (
            "all options .. on the table",
            'Trump said on August 28 that "all options" were on the table in',
            ['all options" were on the table'],
        ),
        ("all options .. on the table", "all options are on the table", ["all options are on the table"]),
        (
            "all options .. on the table",
            "all options for a settlement of the long dispute were put on the table",
            [],
        ),  # gap of 4 words at most
        ("deter;deterrence", "we need to determine the facts", []),
        ("(talk*|dialogue)", "through direct dialogue; talks resumed", ["dialogue", "talks"]),
        ("in _ way", "in a mild way", []),  # "_" is exactly one word
        ("in _ _ way", "in a mild way", ["in a mild way"]),
    ],
)
def test_term_syntax(term, text_in, expected):
    table = pd.DataFrame({"category": "c", "term": term.split(";")})
    assert [m.matched_text for m in lexicon.find_matches(text_in, table)] == expected


def test_typographic_quotes_keep_offsets(built, book):
    text = sentence_with(built, 'Trump\'s declaration that "all options are on the table"')
    assert "\u201c" in text  # the sentence really has typographic quotes
    threat = [m for m in lexicon.find_matches(text, book) if m.category == "threat_fear"]
    assert [m.matched_text for m in threat] == ["all options are on the table"]


def test_offsets_index_the_original_text_everywhere(built, book):
    for text in built.sentences["text"]:
        for m in lexicon.find_matches(text, book):
            assert text[m.start : m.end] == m.matched_text


@pytest.mark.parametrize(
    "term, letters",
    [
        ("escalat*", {"e"}),
        ("(a|the)? road to nowhere", {"a", "t", "r"}),
        ("(reduc*|eas*) (the)? tension*", {"r", "e"}),
        ("_ options", set("abcdefghijklmnopqrstuvwxyz")),
    ],
)
def test_first_letters(term, letters):
    assert lexicon.first_letters(term) == letters


def test_a_table_and_a_compiled_codebook_agree(built):
    table = rhetoric.codebook()
    compiled = lexicon.compile_codebook(table)
    text = sentence_with(built, "Provocations, pressure and militarist and insulting rhetoric")
    assert lexicon.find_matches(text, table) == lexicon.find_matches(text, compiled)


def test_a_term_cannot_start_with_a_gap():
    with pytest.raises(ValueError):
        lexicon.term_regex(".. on the table")


# --- overlaps -------------------------------------------------------------------------------


def test_more_specific_term_wins_across_categories(built, book):
    text = sentence_with(built, "a way to gradually reduce the tensions")
    assert ("diplomacy", "reduce the tensions", False) in found(text, book)
    assert [t for c, t, _ in found(text, book) if c == "escalation"] == []


def test_diplomatic_tension_is_conflict_not_diplomacy(built, book):
    text = sentence_with(built, "heightened diplomatic tension between Washington and Moscow")
    assert ("escalation", "diplomatic tension", False) in found(text, book)
    assert ("diplomacy", "diplomacy", False) in found(text, book)  # "North Korean diplomacy" later on
    assert ("hedging", "not clear", False) in found(text, book)
    assert "clear" not in [t for c, t, _ in found(text, book, "boosters")]


def test_layers_do_not_suppress_each_other(built, book):
    text = sentence_with(built, "Pyongyang has also threatened to surround")
    cats = {c for c, t, _ in found(text, book) if t == "threatened"}
    assert cats == {"threat_fear", "attribution_loaded"}


def test_same_term_in_two_categories_of_a_layer_counts_in_each():
    table = pd.DataFrame({"category": ["a", "b"], "term": ["war", "war"]})
    assert [m.category for m in lexicon.find_matches("a great war", table)] == ["a", "b"]


# --- negation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fragment, category, matched, negated",
    [
        # rejection after the term
        ('and "talking is not the answer."', "diplomacy", "talking", True),
        ("Talking is not the answer!", "diplomacy", "Talking", True),
        ("stepping up the pressure on Pyongyang won't solve the problem", "coercion", "pressure", True),
        # the rejection of talking does not reach back over "and" into the previous quote
        ('"all options are on the table" and', "threat_fear", "all options are on the table", False),
        # negator before the term, within the clause
        ("it does not have any intention of starting a great war", "escalation", "war", True),
        ("Pyongyang should not be intimidated", "coercion", "intimidated", True),
        ("the United States will not attack North Korea", "escalation", "attack", True),
        ("Moscow does not actually think that an outbreak of war", "escalation", "war", True),
        # not negated: contrastive "A not B", a clause break, a pseudo-negation
        (
            "saying Washington not Pyongyang should take the initiative on constructive talks",
            "diplomacy",
            "constructive",
            False,
        ),
        (
            "saying Washington not Pyongyang should take the initiative on constructive talks",
            "diplomacy",
            "talks",
            False,
        ),
        ("(what is allegedly done by Washington) but a dialogue needs", "diplomacy", "dialogue", False),
        ("if not hundreds of thousands of innocence people", "threat_fear", "innocence people", False),
        ("While quietly supporting Pyongyang, Moscow plays with fire", "threat_fear", "plays with fire", False),
        # irony is beyond a lexicon: Trump's sarcastic "talking to North Korea" counts as diplomacy
        ("talking to North Korea, and paying them extortion money", "diplomacy", "talking", False),
    ],
)
def test_negation_on_real_sentences(built, book, fragment, category, matched, negated):
    text = sentence_with(built, fragment)
    hits = [(t, n) for c, t, n in found(text, book) if c == category]
    assert (matched, negated) in hits


def test_negation_cue_is_recorded(built, book):
    text = sentence_with(built, "won't solve the problem")
    pressure = next(m for m in lexicon.find_matches(text, book) if m.matched_text == "pressure")
    assert pressure.negation_cue == "won't solve"


@pytest.mark.parametrize(
    "text_in, negated",
    [
        ("Pyongyang refused to talk", True),  # explicit negated entry
        ("Pyongyang agreed to talk", False),
    ],
)
def test_explicit_negated_entries(book, text_in, negated):
    diplomacy = [m for m in lexicon.find_matches(text_in, book) if m.category == "diplomacy"]
    assert [m.negated for m in diplomacy] == [negated]
    assert (diplomacy[0].negation_cue == "codebook") is negated


def test_negation_can_be_switched_off_per_row():
    on, off = one_term("war"), one_term("war", negation="no")
    assert found("there will be no war", on) == [("c", "war", True)]
    assert found("there will be no war", off) == [("c", "war", False)]


@pytest.mark.parametrize(
    "text_in, negated",
    [
        ("There is no war", True),
        ("Sanctions will not work, and war is near", False),  # the comma ends the scope
        ("No deal was reached but war was avoided", False),  # "but" ends the scope
        ("The war won't end soon", True),  # rejecting predicate
        ("It is not only a war", False),  # pseudo-negation "not only"
    ],
)
def test_negation_rules_on_hand_cases(text_in, negated):
    assert found(text_in, one_term("war")) == [("c", "war", negated)]


# --- the codebook as data -------------------------------------------------------------------


def test_reporting_verbs_are_reused_not_copied():
    """The codebook's attribution categories hold every form of reporting_verbs.csv's lemmas
    (``attribution.cue_forms``) under its stance."""
    forms = attribution.cue_forms()
    table = rhetoric.codebook()
    for stance in ("loaded", "neutral"):
        terms = set(table.loc[table["category"] == f"attribution_{stance}", "term"])
        assert {form for form, (_, s) in forms.items() if s == stance} <= terms, stance
    assert {"warned", "warns", "warning", "insisted", "denounced"} <= set(
        table.loc[table["category"] == "attribution_loaded", "term"]
    )


def test_every_term_compiles():
    for term in rhetoric.codebook()["term"]:
        lexicon.term_regex(term)


# --- fast paths: they must find exactly what the plain scan finds ---------------------------


def _texts(built) -> list[str]:
    """Every corpus sentence, also lower-case, upper-case, name-masked and with its quotes
    blanked (as ``voice`` masks them), and a few hand-made ones."""
    rows = list(zip(built.sentences["text"], built.sentences["quote_spans"]))
    texts = [text for text, _ in rows]
    variants = [t.lower() for t in texts] + [t.upper() for t in texts] + [masking.mask_names(t) for t in texts]
    variants += [spans.blank(text, spans.parse_spans(quoted)) for text, quoted in rows]
    return (
        texts
        + variants
        + [
            "There is no war. Nothing will stop it; they cannot, won't and WILL NOT. Casino notes, north.",
            "x" * 150 + " cannot war " + "y" * 10 + " war",  # negators near the 160-character window start
            "abcnot " + "z" * 155 + " war",  # the window of "war" starts inside "abcnot": its words are "not", "zzz..."
            "Talks are not the answer and sanctions DON'T work, said the naïve envoy.",
        ]
    )


def _project_codebooks() -> list[lexicon.Codebook]:
    return [
        rhetoric.compiled(),
        voice.extra_cues(),
        clauses.reporting_codebook(),
        frames.role_codebook(),
        frames.frame_terms(),
    ]


def _without_prefix_test(book: lexicon.Codebook) -> lexicon.Codebook:
    """``book`` with the empty prefix for every letter, so every regex is run at every word start."""
    layers = tuple(
        (layer, {letter: (regex, ("",)) for letter, (regex, _) in by_letter.items()})
        for layer, by_letter in book.layers
    )
    return dataclasses.replace(book, layers=layers)


@pytest.mark.parametrize(
    "term, prefixes",
    [
        ("escalat*", {"escalat"}),
        ("(a|the)? road to nowhere", {"a", "the", "road"}),
        ("(reduc*|eas*) (the)? tension*", {"reduc", "eas"}),
        ("Dead-end*", {"dead"}),  # a pattern hyphen may match a space or nothing
        ("_ options", {""}),  # any word
        ("naïve", {"na"}),  # cut before a non-ASCII letter
    ],
)
def test_first_prefixes(term, prefixes):
    assert lexicon.first_prefixes(term) == prefixes


def test_prefix_test_changes_no_match(built):
    """Running each letter's regex only where the text starts with one of its prefixes finds
    the same matches as running it at every word start, for every project codebook."""
    texts = _texts(built)
    for book in _project_codebooks():
        plain_scan = _without_prefix_test(book)
        for text in texts:
            assert lexicon.find_matches(text, book) == lexicon.find_matches(text, plain_scan), text


def test_every_match_starts_with_a_prefix_of_its_term(built, book):
    for text in _texts(built):
        for m in lexicon.find_matches(text, book):
            assert m.matched_text.lower().startswith(tuple(lexicon.first_prefixes(m.term))), (m.term, m.matched_text)


@pytest.mark.parametrize(
    "text_in, maybe",
    [
        ("There is no war", True),
        ("It CANNOT work", True),
        ("Sanctions won't work", True),
        ("North Korea notes the economic sanctions", False),  # "no" inside words is not a negator
        ("The casino", True),  # a word ending in "no" counts as a maybe
        ("A naïve plan", True),  # non-ASCII text is always a maybe
    ],
)
def test_may_hold_negator(text_in, maybe):
    assert lexicon.may_hold_negator(text_in) == maybe


def test_no_negation_where_no_word_ends_in_a_negator(built):
    """Where ``may_hold_negator`` says no, neither rule fires: no negator before any word start,
    no rejecting predicate after any position."""
    skipped = 0
    for text in _texts(built):
        plain = resources.normalise_same_length(text)
        if lexicon.may_hold_negator(plain):
            continue
        skipped += 1
        for word in lexicon._WORD_START.finditer(plain):
            assert lexicon.negation_before(plain, word.start()) == "", (plain, word.start())
        for end in range(len(plain) + 1):
            assert lexicon.rejection_after(plain, end) == "", (plain, end)
    assert skipped > len(built.sentences)  # the quick test does skip most sentences


# --- provenance: every row says where it comes from, and what can be checked offline is ------

ORIGINS = {"published", "adapted", "corpus-derived", "documented"}
# Tables that define items and categories rather than list terms: each row has a source, no origin.
DEFINITION_TABLES = {"frames.csv", "rhetoric_categories.csv"}
LEXICON_FILES = sorted(p.name for p in paths.LEXICON_DIR.glob("*.csv"))


def _reference_text() -> str:
    return (paths.ROOT / "data" / "reference" / "putin_2017-09-01_korea.txt").read_text(encoding="utf-8")


def _plain(text: str) -> str:
    return " ".join(resources.normalise_same_length(text).lower().split())


@pytest.mark.parametrize("name", LEXICON_FILES)
def test_every_lexicon_row_has_an_origin_and_a_source(name):
    table = resources.load_lexicon(name)
    assert "source" in table.columns and (table["source"].str.strip() != "").all(), name
    if name in DEFINITION_TABLES:
        assert "origin" not in table.columns
        return
    assert "origin" in table.columns, name
    assert set(table["origin"]) <= ORIGINS, (name, set(table["origin"]) - ORIGINS)


def test_the_stop_words_are_scikit_learn_s_list_less_the_documented_content_words():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    table = resources.load_lexicon("stopwords.csv")
    published = table[table["source"].str.contains("scikit-learn ENGLISH_STOP_WORDS")]
    assert set(published["origin"]) == {"published"} and len(published) == len(table)
    assert set(published["term"]) <= ENGLISH_STOP_WORDS
    # the removed words are exactly the ones distinctive.py names ("less the content words ...: amount, back, ...")
    listed = distinctive.__doc__.split("could use:")[1].split(".")[0]
    documented = {w.strip() for w in re.sub(r"\([^)]*\)", "", listed).split(",")}
    assert ENGLISH_STOP_WORDS - set(table["term"]) == documented


def test_published_kremlin_markers_are_in_the_kremlin_text_and_their_statement():
    markers = resources.load_lexicon("translation_markers.csv")
    kremlin = markers[(markers["family"] == "Kremlin English") & (markers["origin"] == "published")]
    assert len(kremlin) >= 5
    reference = _plain(_reference_text())
    statements = resources.load_lexicon("statements.csv", paths.ROOT / "data" / "reference").set_index("statement_id")[
        "text"
    ]
    sentences = [_plain(s) for s in statements]
    for row in kremlin.itertuples():
        phrase = _plain(row.phrase)
        assert phrase in reference, row.phrase
        assert phrase in _plain(statements[row.statement_id]), (row.phrase, row.statement_id)
        said = re.search(r"sentence (\d)", row.source)
        if said:  # 'data/reference/putin_2017-09-01_korea.txt, sentence 4'
            assert phrase in sentences[int(said.group(1)) - 1], (row.phrase, said.group(0))


def test_kremlin_wording_cited_as_a_contrast_is_the_kremlin_s():
    reference = _plain(_reference_text())
    cited = 0
    for row in resources.load_lexicon("translation_markers.csv").itertuples():
        for part in row.contrast.split(";"):
            found = re.match(r"\s*(?P<who>[^:]+):\s*'(?P<phrase>[^']+)'", part)
            if found and "Kremlin" in found["who"]:
                cited += 1
                assert _plain(found["phrase"]) in reference, (row.phrase, part)
    assert cited >= 10


def test_documented_markers_are_in_the_wording_their_source_quotes():
    markers = resources.load_lexicon("translation_markers.csv")
    quoted = [
        (row.phrase, found.group("q"))
        for row in markers[markers["origin"] == "documented"].itertuples()
        if (found := re.search(r"\)\s*:\s*'(?P<q>[^']+)'", row.source))
    ]
    assert len(quoted) >= 3
    for phrase, wording in quoted:
        assert _plain(phrase) in _plain(wording), (phrase, wording)


def test_no_kremlin_marker_is_in_another_family_s_wording():
    """A marker tells translations apart only if the other translations do not contain it."""
    markers = resources.load_lexicon("translation_markers.csv")
    primary = markers[markers["strength"] == "primary"]
    for row in primary.itertuples():
        others = primary[(primary["family"] != row.family) & (primary["statement_id"] == row.statement_id)]
        assert not any(_plain(row.phrase) in _plain(o) for o in others["phrase"]), row.phrase


CORPUS_DERIVED_TERM_LISTS = [
    "rhetoric.csv",
    "frame_terms.csv",
    "responsibility_roles.csv",
    "attribution_cues.csv",
    "gloss_terms.csv",
]


@pytest.mark.parametrize("name", CORPUS_DERIVED_TERM_LISTS)
def test_corpus_derived_terms_fire_on_the_seed_texts(built, name):
    """'corpus-derived' means the term was taken from the seeds: it must match a seed sentence."""
    table = resources.load_lexicon(name)
    derived = table[table["origin"] == "corpus-derived"]
    assert len(derived)
    texts = built.sentences["text"].tolist()
    for term in derived["term"]:
        book = lexicon.compile_codebook(pd.DataFrame([{"category": "c", "term": term, "negation": "no"}]))
        assert any(lexicon.find_matches(text, book) for text in texts), term


def test_corpus_derived_boilerplate_rules_remove_a_seed_line(built):
    table = resources.load_lexicon("boilerplate.csv")
    derived = set(table.loc[table["origin"] == "corpus-derived", "rule"])
    assert derived and derived <= set(built.removed_lines["rule"])


def _seed_text() -> str:
    return _plain("\n".join(p.read_text(encoding="utf-8") for p in sorted(paths.RAW_DIR.glob("*.txt"))))


def test_every_alias_said_to_be_written_in_the_texts_is_written_there():
    table = resources.load_lexicon("actors.csv")
    seeds = _seed_text()
    claimed = table[table["source"].str.contains("as written in the five texts")]
    assert [alias for alias in claimed["alias"] if _plain(alias) not in seeds] == []


@pytest.mark.xfail(
    strict=True,
    reason="BUG (data): rhetoric.csv's attribution rows say 'kept here, not in reporting_verbs.csv', "
    "but criticiz*, criticis*, condemn*, admit*, conced*, slam*, restated and commented match forms of lemmas "
    "reporting_verbs.csv now lists (the rows and their note are stale)",
)
def test_attribution_rows_kept_in_rhetoric_are_not_reporting_verbs():
    own = resources.load_lexicon(rhetoric.CODEBOOK_FILE)
    kept = own[own["note"].str.contains("not in reporting_verbs.csv")]
    assert len(kept)
    forms = attribution.cue_forms()
    for term in kept["term"]:
        book = lexicon.compile_codebook(pd.DataFrame([{"category": "c", "term": term}]))
        assert not [f for f in forms if lexicon.find_matches(f, book)], term
