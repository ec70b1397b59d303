"""Translation families and statement grouping, on the five real texts and small hand-made cases.

Seed quotes are named by article id and a snippet of their words (``unit_with``), never by their
running quote id.
"""

from __future__ import annotations

import pandas as pd
import pytest

from framing import corpus, paths, provenance as pv, resources, reuse, storage
from tests.conftest import unit_with


@pytest.fixture(scope="module")
def markers():
    return pv.load_markers()


@pytest.fixture(scope="module")
def statements(built):
    return pv.quote_statements(built.quotes)


@pytest.fixture(scope="module")
def families(built, markers):
    return pv.quote_families(built.quotes, markers)


def _family(text, markers):
    return pv.decide_family(pv.find_markers(text, markers))


def _plain(text: str) -> str:
    return " ".join(resources.normalise_same_length(str(text)).split())


def _one(table, article_id, snippet):
    """``unit_with``, preferring the row whose words are exactly ``snippet`` when several contain it
    (Newsweek quotes "on the brink of a large-scale conflict." alone and inside a longer quote)."""
    exact = table[(table["article_id"] == article_id) & (table["text"].map(_plain) == _plain(snippet))]
    return exact.iloc[0] if len(exact) == 1 else unit_with(table, article_id, snippet)


def quote_id(built, article_id, snippet):
    return _one(built.quotes, article_id, snippet)["quote_id"]


def statement_of(statements, article_id, snippet):
    """The statement of the one quote unit of ``article_id`` whose words contain ``snippet``."""
    return _one(statements.rename(columns={"unit_text": "text"}), article_id, snippet)["statement_id"]


# --- the marker table -----------------------------------------------------------------------


def test_marker_table_is_documented(markers):
    assert {"phrase", "family", "strength", "statement_id", "contrast", "source"} <= set(markers.columns)
    assert (markers["source"].str.len() > 0).all()
    assert set(markers["family"]) == set(pv.FAMILIES)
    assert set(markers["strength"]) == set(pv.STRENGTHS)
    assert not markers["phrase"].duplicated().any()
    assert set(markers["statement_id"]) <= {"P1", "P2", "P3", "P4", "P5"}


@pytest.mark.parametrize("column, value", [("family", "TASS"), ("strength", "strong")])
def test_an_unknown_family_or_strength_is_refused(tmp_path, column, value):
    table = pd.read_csv(paths.LEXICON_DIR / pv.MARKER_FILE, dtype=str, keep_default_na=False)
    table.loc[0, column] = value
    table.to_csv(tmp_path / pv.MARKER_FILE, index=False)
    with pytest.raises(ValueError, match=f"{pv.MARKER_FILE}: unknown {column} {value}; expected"):
        pv.load_markers(tmp_path)


# --- one rendering ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("is erroneous and futile,", "Reuters"),
        ("Erroneous, and futile", "Reuters"),
        ("rhetoric is a road to nowhere", "Reuters"),  # RFE/RL's article, Reuters' words
        ("bellicose, offensive rhetoric", "Reuters"),  # "and" dropped by an editor
        ("balanced on the verge of a large-scale conflict", "Reuters"),
        ("balancing on the verge of a large-scale conflict", "Reuters"),  # inflection: the noun decides
        ("is “misguided and futile.”", "Kremlin English"),
        ("futile and misguided", "Kremlin English"),  # a pair is still the pair in the other order
        ("the situation is balancing on the brink", "Kremlin English"),
        ("the situation balanced on the brink", "Kremlin English"),
        ("insulting rhetoric are a dead-end road", "Kremlin English"),  # hyphenated: not AFP's "dead end"
        ("insulting and militant rhetoric are a dead end", "AFP"),
        ("direct dialogue between all concerned parties, without preconditions.", "AFP"),
        ("the region's problems can only be solved via direct dialogue", "AFP"),
        # AFP's "major conflict" decides; the Kremlin's weak "on the brink" alone cannot
        ("on the brink of a major conflict", "AFP"),
        ("pointless and futile", "unknown"),  # a rendering no marker knows
        ("wrong and futile", "unknown"),
        ("large-scale conflict", "unknown"),  # every translation's words
        ("erroneous and futile ... a dead-end road", "mixed"),
    ],
)
def test_family_of_a_rendering(text_in, expected, markers):
    assert _family(text_in, markers) == expected


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("rhetoric is a dead end", "unknown (weak: AFP)"),  # a common phrase an outlet can use in its own words
        ("on the verge of a large-scale conflict", "unknown (weak: Reuters)"),
        # two independent weak markers of one family decide it
        ("In Russia's opinion, the peninsula is on the verge of war", "Reuters"),
        # weak markers of two families decide neither
        ("on the verge of war, and a dead end", "unknown (weak: AFP, Reuters)"),
        # a weak marker of another family does not make a decided family mixed
        ("erroneous and futile, a dead end", "Reuters"),
    ],
)
def test_weak_markers_need_a_second_independent_one(text_in, expected, markers):
    assert _family(text_in, markers) == expected


def test_decide_family_counts_distinct_weak_phrases(markers):
    weak = markers[markers["phrase"] == "on the verge"]
    assert pv.decide_family(pd.concat([weak, weak])) == "unknown (weak: Reuters)"  # the same phrase twice is one marker
    two = markers[markers["phrase"].isin(["on the verge", "in Russia's opinion"])]
    assert pv.decide_family(two) == "Reuters"
    assert pv.decide_family(markers.iloc[:0]) == pv.UNKNOWN


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("Balancing on the brink!", ("balanc", "on", "brink")),
        ("a road to nowhere", ("road", "to", "nowher")),
        ("the region’s problems", ("region", "problem")),
        ("a dead-end road", ("dead-end", "road")),
    ],
)
def test_stem_sequence_normalises(text_in, expected):
    assert pv.stem_sequence(text_in) == expected


# --- the seed quotes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "article_id, snippet, family, marker",
    [
        ("000", "is erroneous and futile", "Reuters", "erroneous and futile; in Russia's opinion"),
        (
            "000",
            "involving all sides without advancing any preconditions",
            "Reuters",
            "involving all sides; advancing any preconditions",
        ),
        ("001", "on the verge of a large-scale conflict", "unknown (weak: Reuters)", "on the verge"),
        ("001", "direct dialogue between all concerned parties", "AFP", "between all concerned parties"),
        (
            "001",
            "bellicose, offensive rhetoric is a road to nowhere",
            "Reuters",
            "road to nowhere; bellicose and offensive",
        ),
        ("001", "Large-Scale Conflict", "unknown", ""),  # RFE/RL's headline quote: every translation's words
        ("002", "misguided and futile", "Kremlin English", "misguided and futile"),
        ("002", "on the brink of a large-scale conflict.", "unknown (weak: Kremlin English)", "on the brink"),
        (
            "002",
            "militarist and insulting rhetoric are a dead-end road",
            "Kremlin English",
            "dead-end road; militarist and insulting; all the parties concerned",
        ),
        ("003", "Provocations, pressure, and offensive rhetoric is the road to nowhere", "Reuters", "road to nowhere"),
    ],
)
def test_real_quote_families(built, families, article_id, snippet, family, marker):
    row = families.set_index("quote_id").loc[quote_id(built, article_id, snippet)]
    assert (row["family"], row["marker"]) == (family, marker)


def test_quotes_of_other_speakers_carry_no_family(built, families):
    by_id = families.set_index("quote_id")
    for article_id, snippet in [
        ("000", "all options are on the table"),
        ("002", "counterproductive and dangerous"),
        ("004", "gentle suggestions and persuasion"),
        ("003", "ring of fire"),
    ]:
        assert by_id.loc[quote_id(built, article_id, snippet), "family"] == pv.NOT_APPLICABLE
    merged = built.quotes.merge(families[["quote_id", "family", "marker"]], on="quote_id", validate="one_to_one")
    not_putin = merged[~pv.is_translated(merged)]
    assert len(not_putin) == (built.quotes["speaker"] != pv.TRANSLATED_SPEAKER).sum() > 0
    assert (not_putin["family"] == pv.NOT_APPLICABLE).all() and (not_putin["marker"] == "").all()
    assert (merged.loc[pv.is_translated(merged), "family"] != pv.NOT_APPLICABLE).all()


def test_real_article_families(built, families, markers):
    table = pv.article_families(families, built.articles, markers).set_index("article_id")
    assert table["family"].to_dict() == {
        "000": "Reuters",
        # RFE/RL, crediting Reuters and AFP, prints Reuters' "road to nowhere" and AFP's
        # "between all concerned parties"
        "001": "mixed",
        "002": "Kremlin English",
        "003": "Reuters",
        "004": "not applicable",  # Russia Monitor quotes no words of Putin's article
    }
    assert table.loc["001", "parts"] == "Reuters: 1; AFP: 1; unknown: 1; unknown (weak: Reuters): 1"
    assert (table.loc["001", "n_putin_quotes"], table.loc["001", "n_marked_quotes"]) == (4, 3)
    assert table.loc["004", "n_putin_quotes"] == 0 and table.loc["004", "evidence"] == "no quote of Putin's article"
    assert table.loc["002", "parts"].startswith("Kremlin English: 3")


def _quotes(texts, speaker=pv.TRANSLATED_SPEAKER, **extra):
    n = len(texts)
    return pd.DataFrame(
        {
            "quote_id": [f"009-q{i:02d}" for i in range(1, n + 1)],
            "article_id": ["009"] * n,
            "speaker": [speaker] * n,
            "text": texts,
            **{k: [v] * n for k, v in extra.items()},
        }
    )


def test_an_article_mixing_translations_is_mixed_with_its_parts(markers):
    quotes = _quotes(["erroneous and futile", "a dead-end road", "we will see"])
    table = pv.article_families(pv.quote_families(quotes, markers), pd.DataFrame({"article_id": ["009"]}), markers)
    row = table.iloc[0]
    assert row["family"] == "mixed"
    assert row["parts"] == "Kremlin English: 1; Reuters: 1; unknown: 1"
    assert row["evidence"] == "009-q01: erroneous and futile; 009-q02: dead-end road"


def test_weak_markers_in_two_quotes_decide_the_article(markers):
    """Each quote alone is undecided; together they hold two independent Reuters markers."""
    quotes = _quotes(["on the verge of a large-scale conflict", "In Russia's opinion, pressure is pointless"])
    quote_level = pv.quote_families(quotes, markers)
    assert set(quote_level["family"]) == {"unknown (weak: Reuters)"}
    table = pv.article_families(quote_level, pd.DataFrame({"article_id": ["009"]}), markers)
    assert table.iloc[0]["family"] == "Reuters"


def test_putin_quoted_in_no_marked_wording(markers):
    table = pv.article_families(
        pv.quote_families(_quotes(["large-scale conflict"]), markers),
        pd.DataFrame({"article_id": ["009", "010"]}),
        markers,
    ).set_index("article_id")
    assert table.loc["009", "family"] == "unknown"
    assert table.loc["009", "evidence"] == "Putin quoted, but in no marked wording"
    assert table.loc["010", "family"] == pv.NOT_APPLICABLE  # a text with no quotes at all


def test_the_kremlin_speaking_for_putin_carries_a_family(markers):
    """A Kremlin statement gives Putin's position (actors.csv: speaks_for), so its wording is a translation."""
    kremlin = pv.quote_families(
        _quotes(["misguided and futile"], speaker="Kremlin", speaks_for=pv.TRANSLATED_SPEAKER), markers
    )
    assert kremlin.iloc[0]["family"] == "Kremlin English"
    ministry = pv.quote_families(_quotes(["misguided and futile"], speaker="Russia", speaks_for=""), markers)
    assert ministry.iloc[0]["family"] == pv.NOT_APPLICABLE
    no_column = pv.quote_families(_quotes(["misguided and futile"], speaker="Kremlin"), markers)  # old tables
    assert no_column.iloc[0]["family"] == pv.NOT_APPLICABLE


# --- statements ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, expected",
    [({"a", "b"}, {"a", "b", "c", "d"}, 1.0), ({"a", "b"}, {"b", "c"}, 0.5), ({"a"}, {"b"}, 0.0), (set(), {"a"}, 0.0)],
)
def test_overlap_coefficient(a, b, expected):
    assert pv.overlap_coefficient(frozenset(a), frozenset(b)) == expected


def test_translations_of_one_statement_are_grouped(statements):
    futile = {
        statement_of(statements, a, s)
        for a, s in [("000", "erroneous and futile"), ("003", "erroneous and futile"), ("002", "misguided and futile")]
    }
    brink = {
        statement_of(statements, a, s)
        for a, s in [
            ("000", "balanced on the verge"),
            ("001", "on the verge of a large-scale"),
            ("001", "Large-Scale Conflict"),
            ("002", "Brink of Large-Scale Conflict"),
            ("002", "on the brink of a large-scale conflict."),
            ("002", "balancing on the brink"),
            ("003", "balanced on the verge"),
        ]
    }
    rhetoric = {
        statement_of(statements, a, s)
        for a, s in [
            ("000", "bellicose and offensive rhetoric"),
            ("001", "bellicose, offensive rhetoric"),
            ("003", "Provocations, pressure, and offensive rhetoric"),
            ("002", "militarist and insulting rhetoric"),
        ]
    }
    dialogue = {
        statement_of(statements, a, s)
        for a, s in [
            ("000", "involving all sides"),
            ("001", "between all concerned parties"),
            ("003", "involving all sides"),
            ("002", "all the parties concerned"),
        ]
    }
    assert all(len(group) == 1 for group in (futile, brink, rhetoric, dialogue))
    assert len(futile | brink | rhetoric | dialogue) == 4


def test_a_two_sentence_quote_renders_two_statements(built, statements):
    newsweek = statements[statements["quote_id"] == quote_id(built, "002", "militarist and insulting rhetoric")]
    assert len(newsweek) == 2 and newsweek["statement_id"].nunique() == 2
    trump = statements[statements["quote_id"] == quote_id(built, "003", "paying them extortion money")]
    assert len(trump) == 2 and trump["statement_id"].nunique() == 2
    # its second sentence is the aggregator's "talking is not the answer"
    assert statement_of(statements, "003", "Talking is not the answer!") == statement_of(
        statements, "000", "talking is not the answer"
    )


def test_statements_never_mix_speakers_and_labels_come_from_members(statements):
    assert (statements.groupby("statement_id")["speaker"].nunique() == 1).all()
    for sid, group in statements.groupby("statement_id"):
        core = group.loc[group["unit_id"] == group["core_unit"].iloc[0], "unit_text"].iloc[0]
        assert pv.short_label(core) == group["statement"].iloc[0], sid
    # Peskov's "deep concern" and the Russian foreign ministry's "counterproductive and dangerous" stay apart
    assert statement_of(statements, "004", "deep concern") != statement_of(
        statements, "002", "counterproductive and dangerous"
    )


def test_threshold_decides_the_partial_translation(built):
    stricter = pv.quote_statements(built.quotes, threshold=0.6)
    # "misguided and futile" shares half its content stems with Reuters' long rendering
    assert statement_of(stricter, "002", "misguided and futile") != statement_of(
        stricter, "000", "erroneous and futile"
    )


def test_pairs_either_side_of_the_threshold(built, statements):
    """The nearest different statements by one speaker (0.33) stay apart; a looser cut would join them."""
    assert statement_of(statements, "000", "wild military act") != statement_of(
        statements, "000", "first military operation"
    )
    looser = pv.quote_statements(built.quotes, threshold=0.3)
    assert statement_of(looser, "000", "wild military act") == statement_of(looser, "000", "first military operation")


def test_short_label():
    assert pv.short_label("misguided and futile.") == "misguided and futile"
    long = "If North Korea were to attack the United States, as they often threaten to do, there would be a conflict."
    label = pv.short_label(long)
    assert len(label) <= pv.LABEL_MAX_CHARS + 1 and label.endswith("…") and long.startswith(label[:-1])


def test_statement_cells_judge_each_sentence_apart(built, statements, markers):
    cells = pv.statement_families(statements, markers)
    newsweek = cells[cells["article_id"] == "002"].set_index("statement_id")
    dialogue = statement_of(statements, "002", "all the parties concerned")
    rhetoric = statement_of(statements, "002", "militarist and insulting rhetoric")
    assert newsweek.loc[dialogue, "marker"] == "all the parties concerned"  # not the second sentence's markers
    assert newsweek.loc[rhetoric, "marker"] == "dead-end road; militarist and insulting"
    assert (newsweek["family"] == "Kremlin English").all()
    rfe = cells[cells["article_id"] == "001"].set_index("statement_id")
    assert rfe.loc[statement_of(statements, "001", "between all concerned parties"), "family"] == "AFP"
    assert "004" not in set(cells["article_id"])


def test_outputs_do_not_depend_on_row_order(built, markers):
    shuffled = built.quotes.sample(frac=1.0, random_state=7)
    for make in (lambda q: pv.quote_statements(q), lambda q: pv.quote_families(q, markers)):
        assert storage.table_to_csv_text(make(shuffled)) == storage.table_to_csv_text(make(built.quotes))
    again = pv.article_families(pv.quote_families(shuffled, markers), built.articles.iloc[::-1], markers)
    assert storage.table_to_csv_text(again) == storage.table_to_csv_text(
        pv.article_families(pv.quote_families(built.quotes, markers), built.articles, markers)
    )


def _sixth_article(raw_dir, seed):
    """A report quoting the Kremlin's English and copying three narration sentences of RFE/RL."""
    body = corpus.body(seed.sentences)
    copied = body[(body["article_id"] == "001") & (body["quoted_share"] == 0)].tail(3)
    text = (
        "Putin Renews Call For Talks\n\n"
        "Russian President Vladimir Putin said on Friday that relying on pressure alone to stop North Korea's "
        "missile programme was \u201cmisguided and futile,\u201d in an article on the Kremlin website.\n\n"
        + "\n\n".join(copied["text"])
        + "\n"
    )
    (raw_dir / "005_test.txt").write_text(text, encoding="utf-8")
    meta = pd.read_csv(raw_dir / "metadata.csv", dtype=str, keep_default_na=False)
    row = dict.fromkeys(meta.columns, "") | {
        "article_id": "005",
        "source_file": "005_test.txt",
        "outlet": "Test Wire",
        "group": "wire_report",
    }
    pd.concat([meta, pd.DataFrame([row])]).to_csv(raw_dir / "metadata.csv", index=False)
    return " ".join(copied["text"])


def test_a_sixth_article_is_placed_by_the_same_rules(raw_copy, built, markers):
    _sixth_article(raw_copy, built)
    grown = corpus.build_corpus(raw_copy)
    table = pv.article_families(pv.quote_families(grown.quotes, markers), grown.articles, markers).set_index(
        "article_id"
    )
    assert table.loc["005", "family"] == "Kremlin English"
    assert (
        table.drop(index="005")["family"].to_dict()
        == pv.article_families(pv.quote_families(built.quotes, markers), built.articles, markers)
        .set_index("article_id")["family"]
        .to_dict()
    )
    statements = pv.quote_statements(grown.quotes)
    assert statement_of(statements, "005", "misguided and futile") == statement_of(
        statements, "000", "erroneous and futile"
    )
    pairs = reuse.reuse_pairs(corpus.body(grown.sentences), n=5).set_index(["article_id", "other_article_id"])
    from_new = pairs.loc["005"]
    assert from_new["containment"].idxmax() == "001"
    assert from_new.loc["001", "containment"] >= reuse.WHOLLY_DERIVED
    assert from_new.loc["001", "longest_shared_words"] >= 40
    assert from_new.drop(index="001")["containment"].max() < reuse.PARTIALLY_DERIVED
