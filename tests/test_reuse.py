"""Text reuse: containment and tiling on hand-computed cases and on the five real texts."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import corpus, reuse, storage
from tests.conftest import unit_with

MAT = [["the", "cat", "sat", "on", "the", "mat"]]
MAT_A = [["The", "cat", "sat", "on", "a", "mat"]]


@pytest.fixture(scope="module")
def body(built):
    """Body sentences: notebook 05 compares bodies (display units such as headlines left out)."""
    return corpus.body(built.sentences)


@pytest.fixture(scope="module")
def pairs(body):
    return reuse.reuse_pairs(body, n=5).set_index(["article_id", "other_article_id"])


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
    assert reuse.longest_shared(
        [["Then", "The", "Road", "to", "nowhere"]], [["the", "road", "to", "nowhere", "."]]
    ) == (4, "The Road to nowhere")


@pytest.mark.parametrize(
    "part, expected",
    [
        ("narration", ["\u201c", "\u201d Putin wrote."]),
        (
            "quotes",
            [
                "In Russia\u2019s opinion, the calculation that it is possible to halt "
                "North Korea\u2019s nuclear missile programs exclusively by putting pressure on Pyongyang "
                "is erroneous and futile,"
            ],
        ),
        (
            "full",
            [
                "\u201cIn Russia\u2019s opinion, the calculation that it is possible to halt "
                "North Korea\u2019s nuclear missile programs exclusively by putting pressure on Pyongyang "
                "is erroneous and futile,\u201d Putin wrote."
            ],
        ),
    ],
)
def test_sentence_pieces_on_a_real_sentence(built, part, expected):
    row = unit_with(built.sentences, "000", "is erroneous and futile,\u201d Putin wrote")
    assert reuse.sentence_pieces(row["text"], row["quote_spans"], part) == expected


def test_two_quotes_cut_a_sentence_into_three_narration_pieces(built):
    row = unit_with(built.sentences, "000", "denounced as a \u201crash\u201d")
    quoted = reuse.sentence_pieces(row["text"], row["quote_spans"], "quotes")
    narration = reuse.sentence_pieces(row["text"], row["quote_spans"], "narration")
    assert quoted == ["rash", "wild military act."]
    assert len(narration) == 3 and narration[1] == "\u201d and a \u201c"
    assert "".join(narration[i] + (quoted[i] if i < 2 else "") for i in range(3)) == row["text"]


def test_article_segments_keep_runs_apart(body):
    full = reuse.article_segments(body, "full")
    narration = reuse.article_segments(body, "narration")
    quotes = reuse.article_segments(body, "quotes")
    assert sorted(full) == ["000", "001", "002", "003", "004"] and all(len(runs) == 1 for runs in full.values())
    for article_id, runs in full.items():
        words = sum(len(r) for r in runs)
        assert sum(len(r) for r in narration[article_id]) + sum(len(r) for r in quotes.get(article_id, [])) == words
    assert len(quotes["004"]) == 5  # Russia Monitor's five short quotes, each its own run
    with pytest.raises(ValueError, match="part must be one of"):
        reuse.article_segments(body, "headline")


def test_choose_n_picks_the_first_n_whose_median_is_below_background():
    curve = pd.DataFrame({"n": [1, 1, 2, 2, 3, 3], "containment": [0.4, 0.3, 0.05, 0.02, 0.0, 0.004]})
    assert reuse.choose_n(curve, background=0.1) == 2  # median 0.035
    assert reuse.choose_n(curve, background=0.01) == 3  # median 0.002
    with pytest.raises(ValueError):
        reuse.choose_n(curve, background=0.001)


def test_n_chosen_on_the_real_texts(body):
    curve = reuse.containment_curve(reuse.article_segments(body, "full"))
    assert len(curve) == 5 * 4 * len(reuse.N_RANGE)
    assert reuse.choose_n(curve) == 5
    medians = curve.groupby("n")["containment"].median()
    assert medians.loc[1] > 0.3 and medians.is_monotonic_decreasing  # topic words at n=1, fewer runs as n grows


def test_part_curves_and_their_medians(body):
    curve = reuse.part_curves(body, ns=(1, 5))
    assert list(curve.columns[:3]) == ["part", "article_id", "other_article_id"]
    assert set(curve["part"]) == set(reuse.PARTS) and len(curve) == 3 * 20 * 2
    medians = reuse.median_by_n(curve).set_index(["part", "n"])
    # quoted words are shared far more than narration at n = 5, relative to each text's own n-grams
    assert medians.loc[("quotes", 5), "maximum"] > 0.75 > 0.02 > medians.loc[("narration", 5), "maximum"]


def test_curve_pairs_sample_only_large_corpora():
    assert reuse.curve_pairs(["b", "a", "c"]) == [
        ("a", "b"),
        ("a", "c"),
        ("b", "a"),
        ("b", "c"),
        ("c", "a"),
        ("c", "b"),
    ]
    ids = [f"{i:03d}" for i in range(30)]  # 870 ordered pairs > 600
    sample = reuse.curve_pairs(ids)
    assert len(sample) == len(set(sample)) == reuse.CURVE_MAX_PAIRS
    assert sample == sorted(sample) and all(a != b for a, b in sample)
    assert sample == reuse.curve_pairs(list(reversed(ids)))  # seeded: the same sample every run
    assert reuse.curve_pairs(ids, limit=870) == reuse.curve_pairs(ids, limit=10_000)


def test_choose_n_needs_two_texts():
    with pytest.raises(ValueError, match="at least two"):
        reuse.choose_n(reuse.containment_curve({"004": [["only", "one", "text"]]}))


@pytest.mark.parametrize(
    "value, level",
    [
        (0.0, "non-derived"),
        (0.0999, "non-derived"),
        (0.10, "partially derived"),
        (0.4999, "partially derived"),
        (0.5, "wholly derived"),
        (1.0, "wholly derived"),
    ],
)
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


def test_pairs_cover_every_ordered_pair_and_are_deterministic(body, pairs):
    assert len(pairs) == 5 * 4 and not pairs.index.duplicated().any()
    shuffled = body.sample(frac=1.0, random_state=3)
    assert storage.table_to_csv_text(reuse.reuse_pairs(shuffled, n=5)) == storage.table_to_csv_text(pairs.reset_index())


def test_reuse_matrix_is_square_with_an_empty_diagonal(built, pairs):
    matrix = reuse.reuse_matrix(pairs.reset_index(), built.articles)
    labels = built.articles.set_index("article_id")["label"]
    assert list(matrix.index) == list(matrix.columns) == labels.sort_index().tolist()
    assert matrix.isna().sum().sum() == 5
    assert all(pd.isna(matrix.loc[label, label]) for label in labels)
    assert matrix.loc[labels["003"], labels["000"]] == pytest.approx(pairs.loc[("003", "000"), "containment"])
    assert matrix.loc[labels["000"], labels["003"]] == pytest.approx(pairs.loc[("000", "003"), "containment"])
    tiled = reuse.reuse_matrix(pairs.reset_index(), built.articles, "tiled_share")
    assert tiled.loc[labels["003"], labels["000"]] == pytest.approx(pairs.loc[("003", "000"), "tiled_share"])


def _plain_gst(a: list[str], b: list[str], min_match: int) -> list[tuple[int, int, int]]:
    """Wise's (1993) greedy string tiling as written: each round, extend every unmarked start to
    its maximal unmarked match, tile the longest ones (non-overlapping), repeat until none reaches
    ``min_match``."""
    used_a, used_b, tiles = [False] * len(a), [False] * len(b), []
    while True:
        best, found = min_match, []
        for i in range(len(a)):
            for j in range(len(b)):
                k = 0
                while (
                    i + k < len(a)
                    and j + k < len(b)
                    and a[i + k] == b[j + k]
                    and not used_a[i + k]
                    and not used_b[j + k]
                ):
                    k += 1
                if k > best:
                    best, found = k, [(i, j, k)]
                elif k == best and k:
                    found.append((i, j, k))
        if not found:
            return sorted(tiles)
        for i, j, k in found:
            if not any(used_a[i : i + k]) and not any(used_b[j : j + k]):
                used_a[i : i + k], used_b[j : j + k] = [True] * k, [True] * k
                tiles.append((i, j, k))


def test_tiling_equals_wises_algorithm_on_random_word_lists():
    """The fast tiling (each start measured once) gives Wise's tiles on 1,500 seeded random cases
    over small vocabularies, where repeats, overlaps and ties are common."""
    import random

    rng = random.Random(20170901)
    for _ in range(1500):
        vocabulary = "abcd"[: rng.randint(1, 4)]
        a = [rng.choice(vocabulary) for _ in range(rng.randint(0, 12))]
        b = [rng.choice(vocabulary) for _ in range(rng.randint(0, 12))]
        min_match = rng.randint(1, 4)
        assert reuse.greedy_string_tiling(a, b, min_match) == _plain_gst(a, b, min_match), (a, b, min_match)


def test_tiled_share_of_the_independent_in_the_aggregator(pairs, body):
    """The Independent's words tiled by runs of 5+ words shared with the aggregator: most of them
    Putin's quoted sentences, so the narration's share is far smaller."""
    row = pairs.loc[("003", "000")]
    segments = reuse.article_segments(body, "full")
    assert row["tiled_share"] == pytest.approx(reuse.tiled_share(segments["003"], segments["000"], 5), abs=1e-6)
    assert row["tiled_share"] >= row["containment"] > 0.1
    assert row["tiled_share_narration"] < 0.05
