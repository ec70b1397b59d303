"""Translation families and statement grouping, on the five real texts and small hand-made cases."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from framing import corpus, io, paths, provenance as pv, reuse


@pytest.fixture(scope="module")
def built():
    return corpus.build_corpus(paths.RAW_DIR)


@pytest.fixture(scope="module")
def markers():
    return pv.load_markers()


@pytest.fixture(scope="module")
def statements(built):
    return pv.quote_statements(built.quotes)


def _family(text, markers):
    return pv.family_of(pv.find_markers(text, markers)["family"])


def test_marker_table_is_documented(markers):
    assert {"phrase", "family", "strength", "contrast", "source"} <= set(markers.columns)
    assert (markers["source"].str.len() > 0).all()
    assert set(markers["family"]) == set(pv.FAMILIES)
    assert not markers["phrase"].duplicated().any()


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("is erroneous and futile,", "Reuters"),
        ("Erroneous, and futile", "Reuters"),
        ("rhetoric is a road to nowhere", "Reuters"),  # RFE/RL's article, Reuters' words
        ("balanced on the verge of a large-scale conflict", "Reuters"),
        ("balancing on the verge of a large-scale conflict", "Reuters"),  # inflection: the noun decides
        ("is “misguided and futile.”", "Kremlin English"),
        ("the situation is balancing on the brink", "Kremlin English"),
        ("the situation balanced on the brink", "Kremlin English"),
        ("insulting rhetoric are a dead-end road", "Kremlin English"),  # hyphenated: not AFP's "dead end"
        ("rhetoric is a dead end", "AFP"),
        ("wrong and futile", "AFP"),
        ("pointless and futile", "unknown"),  # a rendering no marker knows
        ("direct dialogue between all concerned parties, without preconditions.", "unknown"),
        ("large-scale conflict", "unknown"),
        ("erroneous and futile ... a dead-end road", "mixed"),
    ],
)
def test_family_of_a_rendering(text_in, expected, markers):
    assert _family(text_in, markers) == expected


@pytest.mark.parametrize(
    "text_in, expected",
    [("Balancing on the brink!", ("balanc", "on", "brink")), ("a road to nowhere", ("road", "to", "nowher")),
     ("the region’s problems", ("region", "problem"))],
)
def test_stem_sequence_normalises(text_in, expected):
    assert pv.stem_sequence(text_in) == expected


def test_real_quote_families(built, markers):
    families = pv.quote_families(built.quotes, markers).set_index("quote_id")
    expected = {"000-q01": "Reuters", "000-q03": "Reuters", "000-q04": "Reuters", "001-q03": "Reuters",
                "001-q02": "unknown", "002-q03": "Kremlin English", "002-q06": "Kremlin English",
                "003-q05": "Reuters", "003-q01": "unknown", "004-q04": "not applicable", "000-q05": "not applicable"}
    assert {q: families.loc[q, "family"] for q in expected} == expected
    assert families.loc["003-q05", "marker"] == "erroneous and futile"
    not_putin = families[families["speaker"] != pv.TRANSLATED_SPEAKER]
    assert (not_putin["family"] == pv.NOT_APPLICABLE).all() and (not_putin["marker"] == "").all()


def test_real_article_families(built, markers):
    families = pv.article_families(pv.quote_families(built.quotes, markers), built.articles).set_index("article_id")
    assert families["family"].to_dict() == {
        "000": "Reuters", "001": "Reuters", "002": "Kremlin English", "003": "Reuters", "004": "not applicable"}
    assert families.loc["001", "parts"] == "Reuters: 2; unknown: 1"
    assert families.loc["004", "n_putin_quotes"] == 0


def test_an_article_mixing_translations_is_mixed_with_its_parts(markers):
    quotes = pd.DataFrame({
        "quote_id": ["009-q01", "009-q02", "009-q03"], "article_id": ["009"] * 3,
        "speaker": [pv.TRANSLATED_SPEAKER] * 3,
        "text": ["erroneous and futile", "a dead-end road", "we will see"],
    })
    families = pv.article_families(pv.quote_families(quotes, markers), pd.DataFrame({"article_id": ["009"]}))
    row = families.iloc[0]
    assert row["family"] == "mixed"
    assert row["parts"] == "Kremlin English: 1; Reuters: 1; unknown: 1"


def test_front_matter_cross_check(built, markers):
    found = pv.front_matter_markers(built.articles, markers)
    assert set(zip(found["article_id"], found["family"])) == {("002", "Kremlin English"), ("003", "Reuters")}


@pytest.mark.parametrize(
    "a, b, expected",
    [({"a", "b"}, {"a", "b", "c", "d"}, 1.0), ({"a", "b"}, {"b", "c"}, 0.5), ({"a"}, {"b"}, 0.0), (set(), {"a"}, 0.0)],
)
def test_overlap_coefficient(a, b, expected):
    assert pv.overlap_coefficient(frozenset(a), frozenset(b)) == expected


def _statement(statements, unit_id):
    return statements.set_index("unit_id").loc[unit_id, "statement_id"]


def test_translations_of_one_statement_are_grouped(statements):
    futile = {_statement(statements, u) for u in ("000-q01.1", "003-q05.1", "002-q03.1")}
    brink = {_statement(statements, u) for u in ("000-q04.1", "001-q01.1", "002-q01.1", "002-q02.1", "003-q01.1", "003-q04.1")}
    rhetoric = {_statement(statements, u) for u in ("000-q03.1", "001-q03.1", "003-q03.1", "002-q06.2")}
    dialogue = {_statement(statements, u) for u in ("000-q02.1", "001-q02.1", "003-q02.1", "002-q06.1")}
    assert all(len(group) == 1 for group in (futile, brink, rhetoric, dialogue))
    assert len(futile | brink | rhetoric | dialogue) == 4


def test_a_two_sentence_quote_renders_two_statements(statements):
    units = statements[statements["quote_id"] == "002-q06"]
    assert len(units) == 2 and units["statement_id"].nunique() == 2
    trump = statements[statements["quote_id"] == "003-q08"]
    assert trump["statement_id"].nunique() == 2
    assert _statement(statements, "003-q08.2") == _statement(statements, "000-q06.1")


def test_statements_never_mix_speakers_and_labels_come_from_members(statements):
    assert (statements.groupby("statement_id")["speaker"].nunique() == 1).all()
    for sid, group in statements.groupby("statement_id"):
        core = group.loc[group["unit_id"] == group["core_unit"].iloc[0], "unit_text"].iloc[0]
        assert pv.short_label(core) == group["statement"].iloc[0], sid
    assert _statement(statements, "004-q02.1") != _statement(statements, "002-q06.1")  # "deep concern"


def test_threshold_decides_the_partial_translation(built):
    stricter = pv.quote_statements(built.quotes, threshold=0.6)
    assert _statement(stricter, "002-q03.1") != _statement(stricter, "000-q01.1")


def test_statement_cells_judge_each_sentence_apart(statements, markers):
    cells = pv.statement_families(statements, markers)
    newsweek = cells[cells["article_id"] == "002"].set_index("statement_id")
    dialogue = _statement(statements, "002-q06.1")
    assert newsweek.loc[dialogue, "marker"] == "all the parties concerned"
    assert (newsweek["family"] == "Kremlin English").all()


def test_outputs_do_not_depend_on_row_order(built, markers):
    shuffled = built.quotes.sample(frac=1.0, random_state=7)
    for make in (lambda q: pv.quote_statements(q), lambda q: pv.quote_families(q, markers)):
        assert io.table_to_csv_text(make(shuffled)) == io.table_to_csv_text(make(built.quotes))
    again = pv.article_families(pv.quote_families(shuffled, markers), built.articles.iloc[::-1])
    assert io.table_to_csv_text(again) == io.table_to_csv_text(pv.article_families(pv.quote_families(built.quotes, markers), built.articles))


def _sixth_article(raw_dir, seed):
    """A report quoting the Kremlin's English and copying three narration sentences of RFE/RL."""
    copied = seed.sentences[(seed.sentences["article_id"] == "001") & (seed.sentences["quoted_share"] == 0)].tail(3)
    text = ("Putin Renews Call For Talks\n\n"
            "Russian President Vladimir Putin said on Friday that relying on pressure alone to stop North Korea's "
            "missile programme was \u201cmisguided and futile,\u201d in an article on the Kremlin website.\n\n"
            + "\n\n".join(copied["text"]) + "\n")
    (raw_dir / "005_test.txt").write_text(text, encoding="utf-8")
    meta = pd.read_csv(raw_dir / "metadata.csv", dtype=str, keep_default_na=False)
    row = dict.fromkeys(meta.columns, "") | {"article_id": "005", "source_file": "005_test.txt",
                                              "outlet": "Test Wire", "group": "wire_report"}
    pd.concat([meta, pd.DataFrame([row])]).to_csv(raw_dir / "metadata.csv", index=False)
    return " ".join(copied["text"])


def test_a_sixth_article_is_placed_by_the_same_rules(tmp_path, built, markers):
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in list(paths.RAW_DIR.glob("*.txt")) + [paths.RAW_DIR / "metadata.csv"]:
        shutil.copy(path, raw / path.name)
    _sixth_article(raw, built)
    grown = corpus.build_corpus(raw)
    families = pv.article_families(pv.quote_families(grown.quotes, markers), grown.articles).set_index("article_id")
    assert families.loc["005", "family"] == "Kremlin English"
    assert families.drop(index="005")["family"].to_dict() == {
        "000": "Reuters", "001": "Reuters", "002": "Kremlin English", "003": "Reuters", "004": "not applicable"}
    statements = pv.quote_statements(grown.quotes)
    assert _statement(statements, "005-q01.1") == _statement(statements, "000-q01.1")  # the "futile" statement
    pairs = reuse.reuse_pairs(grown.sentences, n=5).set_index(["article_id", "other_article_id"])
    from_new = pairs.loc["005"]
    assert from_new["containment"].idxmax() == "001"
    assert from_new.loc["001", "containment"] >= reuse.WHOLLY_DERIVED
    assert from_new.loc["001", "longest_shared_words"] >= 40
    assert from_new.drop(index="001")["containment"].max() < reuse.PARTIALLY_DERIVED


def test_pairs_either_side_of_the_threshold(built, statements):
    """The nearest different statements by one speaker (0.33) stay apart; a looser cut would join them."""
    assert _statement(statements, "000-q08.1") != _statement(statements, "000-q09.1")
    looser = pv.quote_statements(built.quotes, threshold=0.3)
    assert _statement(looser, "000-q08.1") == _statement(looser, "000-q09.1")
