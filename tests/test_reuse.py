"""Text reuse: containment and tiling on hand-computed cases and on the five real texts."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import corpus, io, paths, reuse

MAT = [["the", "cat", "sat", "on", "the", "mat"]]
MAT_A = [["The", "cat", "sat", "on", "a", "mat"]]


@pytest.fixture(scope="module")
def built():
    return corpus.build_corpus(paths.RAW_DIR)


@pytest.fixture(scope="module")
def pairs(built):
    return reuse.reuse_pairs(built.sentences, n=5).set_index(["article_id", "other_article_id"])


@pytest.mark.parametrize(
    "a, b, n, expected",
    [
        (MAT, MAT_A, 1, 5 / 5),  # {the, cat, sat, on, mat} all in B (case ignored)
        (MAT_A, MAT, 1, 5 / 6),  # "a" is not in A -> asymmetric
        (MAT, MAT_A, 2, 3 / 5),  # the cat, cat sat, sat on shared; on the, the mat not
        (MAT, MAT_A, 3, 2 / 4),
        (MAT, MAT_A, 4, 1 / 3),
        (MAT, MAT_A, 7, 0.0),  # no 7-grams at all
    ],
)
def test_containment_hand_computed(a, b, n, expected):
    assert reuse.containment(a, b, n) == pytest.approx(expected)


def test_ngrams_do_not_bridge_runs():
    assert reuse.ngram_set([["a", "b"], ["c", "d"]], 2) == {("a", "b"), ("c", "d")}
    assert reuse.containment([["b", "c"]], [["a", "b"], ["c", "d"]], 2) == 0.0


@pytest.mark.parametrize(
    "min_match, expected",
    [(3, [(1, 4, 4), (6, 0, 3)]), (4, [(1, 4, 4)]), (5, [])],
)
def test_greedy_string_tiling(min_match, expected):
    a = "x a b c d y e f g".split()
    b = "e f g z a b c d".split()
    assert reuse.greedy_string_tiling(a, b, min_match) == expected


def test_tiling_takes_the_longest_first_and_never_reuses_words():
    a = "a b c d".split()
    b = "a b c d a b".split()
    assert reuse.greedy_string_tiling(a, b, 2) == [(0, 0, 4)]


def test_longest_shared_ignores_case_but_shows_the_original_words():
    assert reuse.longest_shared([["Then", "The", "Road", "to", "nowhere"]], [["the", "road", "to", "nowhere", "."]]) == (
        4, "The Road to nowhere")


@pytest.mark.parametrize("part, expected", [
    ("narration", ['\u201c', '\u201d Putin wrote.']),
    ("quotes", ["In Russia\u2019s opinion, the calculation that it is possible to halt North Korea\u2019s nuclear missile "
                "programs exclusively by putting pressure on Pyongyang is erroneous and futile,"]),
])
def test_sentence_pieces_on_a_real_sentence(built, part, expected):
    row = built.sentences.set_index("sentence_id").loc["000-002"]
    assert reuse.sentence_pieces(row["text"], row["quote_spans"], part) == expected


def test_choose_n_picks_the_first_n_whose_median_is_below_background():
    curve = pd.DataFrame({"n": [1, 1, 2, 2, 3, 3], "containment": [0.4, 0.3, 0.05, 0.02, 0.0, 0.004]})
    assert reuse.choose_n(curve, background=0.1) == 2  # median 0.035
    assert reuse.choose_n(curve, background=0.01) == 3  # median 0.002
    with pytest.raises(ValueError):
        reuse.choose_n(curve, background=0.001)


def test_n_chosen_on_the_real_texts(built):
    curve = reuse.containment_curve(reuse.article_segments(built.sentences, "full"))
    assert reuse.choose_n(curve) == 5
    medians = curve.groupby("n")["containment"].median()
    assert medians.loc[1] > 0.3 and medians.is_monotonic_decreasing  # topic words at n=1, fewer runs as n grows


@pytest.mark.parametrize("value, level", [(0.0, "non-derived"), (0.0999, "non-derived"), (0.10, "partially derived"),
                                          (0.4999, "partially derived"), (0.5, "wholly derived"), (1.0, "wholly derived")])
def test_reuse_level(value, level):
    assert reuse.reuse_level(value) == level


def test_the_strongest_reuse_is_reuters_quotes_shared_by_000_and_003(pairs):
    top = pairs["containment"].idxmax()
    assert set(top) == {"000", "003"}
    assert pairs.loc[("000", "003"), "longest_shared_words"] == 26
    assert pairs.loc[("000", "003"), "longest_shared_passage"].endswith("is erroneous and futile")
    assert pairs.loc[("003", "000"), "containment_quotes"] > 0.75
    assert pairs.loc[("003", "000"), "containment_narration"] < 0.02


def test_narration_shares_only_stock_phrases(pairs):
    assert pairs["containment_narration"].max() < 0.05
    assert pairs["longest_narration_words"].max() <= 6
    assert (pairs.loc["004", "containment"] < 0.01).all()


def test_pairs_cover_every_ordered_pair_and_are_deterministic(built, pairs):
    assert len(pairs) == 5 * 4 and not pairs.index.duplicated().any()
    shuffled = built.sentences.sample(frac=1.0, random_state=3)
    assert io.table_to_csv_text(reuse.reuse_pairs(shuffled, n=5)) == io.table_to_csv_text(pairs.reset_index())


def test_reuse_matrix_is_square_with_an_empty_diagonal(built, pairs):
    matrix = reuse.reuse_matrix(pairs.reset_index(), built.articles)
    assert list(matrix.index) == list(matrix.columns) == built.articles.sort_values("article_id")["label"].tolist()
    assert matrix.isna().sum().sum() == 5
    assert matrix.loc["The Independent", "Aggregator (000)"] == pytest.approx(pairs.loc[("003", "000"), "containment"])
