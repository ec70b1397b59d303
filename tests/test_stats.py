"""Uncertainty helpers checked against hand computation and published tables.

Poisson intervals: exact (Garwood 1936) limits as tabulated, e.g. for a count of 0: [0, 3.689],
1: [0.0253, 5.572], 5: [1.623, 11.668] (95%). Holm (1979): p_(i) * (m - i + 1), made monotone.
Text permutation tests are enumerated by hand for six or seven texts. G2 is Dunning's (1993)
likelihood ratio of the 2x2 table (word, other words) x (corpus a, corpus b).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import chi2_contingency

from framing import stats

# --- exact Poisson intervals -------------------------------------------------------------


@pytest.mark.parametrize(
    "count, exposure, per, expected",
    [
        # 0 matches in 1,000 words: rate 0, limits [0, 3.689] per 1,000 words (the "rule of 3.7")
        (0, 1000, 1000, (0.0, 0.0, 3.6889)),
        # 1 match in 1,000 words: [0.0253, 5.5716]
        (1, 1000, 1000, (1.0, 0.0253, 5.5716)),
        # 5 matches in 2,000 words: the count's limits [1.6235, 11.6683] halved
        (5, 2000, 1000, (2.5, 0.8117, 5.8342)),
        # per 100 words instead of per 1,000: everything scales by 1/10
        (5, 2000, 100, (0.25, 0.0812, 0.5834)),
    ],
)
def test_poisson_interval_matches_the_exact_tables(count, exposure, per, expected):
    rate, low, high = stats.poisson_interval(count, exposure, per=per)
    assert (rate, low, high) == pytest.approx(expected, abs=1e-4)


def test_poisson_interval_is_nan_without_words():
    assert all(math.isnan(v) for v in stats.poisson_interval(3, 0))


def test_a_wider_level_gives_a_wider_interval():
    _, low95, high95 = stats.poisson_interval(7, 1500)
    _, low99, high99 = stats.poisson_interval(7, 1500, level=0.99)
    assert low99 < low95 < 7 / 1.5 < high95 < high99


# --- Holm ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "p, expected",
    [
        # sorted 0.005, 0.01, 0.03, 0.04 -> x4, x3, x2, x1 = 0.02, 0.03, 0.06, 0.04 -> monotone 0.06
        ([0.01, 0.04, 0.03, 0.005], [0.03, 0.06, 0.06, 0.02]),
        # an untestable contrast (NaN) leaves the family: two tests, not three
        ([0.01, float("nan"), 0.04], [0.02, float("nan"), 0.04]),
        # capped at 1
        ([0.6, 0.7], [1.0, 1.0]),
        # ties keep their order and their value
        ([0.02, 0.02], [0.04, 0.04]),
        ([0.5], [0.5]),
    ],
)
def test_holm_by_hand(p, expected):
    np.testing.assert_allclose(stats.holm(p), expected, equal_nan=True)


def test_holm_never_lowers_a_p_value_and_keeps_the_order():
    p = np.array([0.001, 0.2, 0.03, 0.04, 0.9, 0.011])
    adjusted = stats.holm(p)
    assert (adjusted >= p).all()
    assert list(np.argsort(adjusted, kind="stable")) == list(np.argsort(p, kind="stable"))


def test_holm_of_nothing_but_nan():
    assert np.isnan(stats.holm([float("nan"), float("nan")])).all()


# --- permutation test over whole texts ------------------------------------------------------


def test_three_against_three_texts_enumerated_by_hand():
    """C(6,3) = 20 arrangements; only the observed one and its mirror reach |9|: p = 2/20, which
    is also the smallest p three texts against three can give."""
    values = [1, 2, 3, 10, 11, 12]
    labels = [False, False, False, True, True, True]
    difference, p, smallest = stats.text_permutation_test(values, labels)
    assert difference == pytest.approx(11 - 2)
    assert p == pytest.approx(2 / 20)
    assert smallest == pytest.approx(2 / 20)


def test_three_against_four_texts_enumerated_by_hand():
    """C(7,3) = 35 arrangements; the difference (7s - 129) / 12 for a triple summing to s reaches
    8.5 only at s = 33 (the observed triple), and no triple is low enough for -8.5: p = 1/35."""
    values = [1, 2, 3, 4, 10, 11, 12]
    labels = [False] * 4 + [True] * 3
    difference, p, smallest = stats.text_permutation_test(values, labels)
    assert difference == pytest.approx(11 - 2.5)
    assert p == pytest.approx(1 / 35)
    assert smallest == pytest.approx(1 / 35)


def test_p_counts_every_arrangement_at_least_as_extreme():
    """Values 1..6, focus {4, 6, 5}: |diff| = 3 is reached by {4,5,6} and {1,2,3} only; focus
    {1, 5, 6}: diff = 4 - 3 = 1, and 14 of the 20 triples have a sum s with |2s - 21| / 3 >= 1."""
    _, p, _ = stats.text_permutation_test([1, 2, 3, 4, 5, 6], [False, False, False, True, True, True])
    assert p == pytest.approx(2 / 20)
    _, p, _ = stats.text_permutation_test([1, 2, 3, 4, 5, 6], [True, False, False, False, True, True])
    sums = [a + b + c for a in range(1, 7) for b in range(a + 1, 7) for c in range(b + 1, 7)]
    assert p == pytest.approx(sum(abs(2 * s - 21) / 3 >= 1 - 1e-12 for s in sums) / 20)
    assert p == pytest.approx(14 / 20)


def test_identical_texts_give_p_one():
    difference, p, _ = stats.text_permutation_test([4.0] * 6, [True] * 3 + [False] * 3)
    assert difference == 0 and p == 1.0


@pytest.mark.parametrize("labels", [[True, False, False, False, False], [True, True, False, False, False, False]])
def test_fewer_than_three_texts_in_a_group_is_not_tested(labels):
    """One analysis against four reports (the seed design) cannot be tested by shuffling texts."""
    values = list(range(len(labels)))
    assert all(math.isnan(v) for v in stats.text_permutation_test(values, labels))
    assert stats.MIN_TEXTS_PER_GROUP == 3


def test_a_text_without_a_rate_is_not_tested():
    assert all(
        math.isnan(v) for v in stats.text_permutation_test([1, 2, float("nan"), 4, 5, 6], [True] * 3 + [False] * 3)
    )


def test_many_texts_are_sampled_with_the_add_one_p():
    """12 against 12 texts have C(24,12) = 2.7 million arrangements: sampled, seeded, and the
    smallest p is 1 / (permutations + 1)."""
    values = list(range(24))
    labels = [i >= 12 for i in range(24)]
    first = stats.text_permutation_test(values, labels, permutations=200, seed=1)
    assert first == stats.text_permutation_test(values, labels, permutations=200, seed=1)
    difference, p, smallest = first
    assert difference == pytest.approx(12)
    assert smallest == pytest.approx(1 / 201)
    assert p == pytest.approx(1 / 201)  # no random split of 0..23 is as far apart as 0-11 / 12-23
    _, p_null, _ = stats.text_permutation_test([v % 2 for v in values], labels, permutations=200, seed=1)
    assert p_null > 0.5  # alternating values: no difference between the halves


# --- bootstrap ------------------------------------------------------------------------------


def test_bootstrap_mean_edges():
    assert all(math.isnan(v) for v in stats.bootstrap_mean([]))
    assert stats.bootstrap_mean([0.3]) == (0.3, 0.3, 0.3)
    mean, low, high = stats.bootstrap_mean([-0.5, -0.2, 0.1, 0.4])
    assert mean == pytest.approx(-0.05) and -0.5 <= low < mean < high <= 0.4


# --- Dunning's log-likelihood ----------------------------------------------------------------


def _dunning(a: float, b: float, total_a: float, total_b: float) -> float:
    """G2 of the 2x2 table [[a, total_a - a], [b, total_b - b]], by hand: 2 * sum O * ln(O / E)."""
    table = [[a, total_a - a], [b, total_b - b]]
    n = total_a + total_b
    rows = [total_a, total_b]
    cols = [a + b, n - a - b]
    g2 = sum(o * math.log(o / (rows[i] * cols[j] / n)) for i in range(2) for j in range(2) if (o := table[i][j]) > 0)
    return 2 * g2


def test_the_hand_formula_is_scipys_g_test():
    table = np.array([[20, 1980], [10, 2990]])
    assert _dunning(20, 10, 2000, 3000) == pytest.approx(
        chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
    )


@pytest.mark.parametrize(
    "a, b, total_a, total_b",
    [(10, 0, 1000, 1000), (0, 10, 1000, 1000), (20, 10, 2000, 3000), (3, 1, 950, 4100)],
)
def test_log_likelihood_is_dunnings_g2(a, b, total_a, total_b):
    expected = math.copysign(_dunning(a, b, total_a, total_b), a / total_a - b / total_b)
    assert stats.log_likelihood(np.array([a]), np.array([b]), total_a, total_b)[0] == pytest.approx(expected, rel=1e-6)


def test_log_likelihood_is_close_to_dunnings_g2_in_large_corpora():
    """Whatever cells are summed, the statistic must approach G2 when a word is rare in big corpora."""
    got = stats.log_likelihood(np.array([30, 5]), np.array([10, 25]), 1_000_000, 1_200_000)
    expected = [_dunning(30, 10, 1_000_000, 1_200_000), -_dunning(5, 25, 1_000_000, 1_200_000)]
    np.testing.assert_allclose(got, expected, rtol=1e-3)


def test_log_likelihood_sign_and_zero():
    """Positive where the word is relatively more frequent in corpus a, negative where in b, zero
    where the relative frequencies are equal (5 per 1,000 in both); a zero count gives no NaN."""
    got = stats.log_likelihood(np.array([10, 0, 5, 20]), np.array([0, 10, 15, 10]), 1000, 3000)
    assert got[0] > 0 and got[1] < 0
    assert got[2] == 0
    assert got[3] > 0  # 20 per 1,000 against 3.3 per 1,000
    assert not np.isnan(got).any()


def test_log_likelihood_swapping_the_corpora_flips_the_sign():
    a, b = np.array([12, 3, 7]), np.array([4, 9, 7])
    np.testing.assert_allclose(stats.log_likelihood(a, b, 1500, 2500), -stats.log_likelihood(b, a, 2500, 1500))


def test_log_likelihood_grows_with_the_evidence():
    """The same relative frequencies in corpora ten times larger give a larger statistic."""
    small = stats.log_likelihood(np.array([10]), np.array([2]), 1000, 1000)[0]
    large = stats.log_likelihood(np.array([100]), np.array([20]), 10000, 10000)[0]
    assert 0 < small < large
