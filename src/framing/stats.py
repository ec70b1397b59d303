"""Uncertainty for small samples, honest about the design: all seeded, all deterministic.

- Counts in one text (matches of a category per 1,000 words) get exact Poisson intervals
  (``poisson_interval``): the text is one observation, and the interval describes its rate.
- Means of sentence scores within a text get percentile bootstrap intervals over its
  sentences (``bootstrap_mean``); sentences of one text are not independent, so these are
  optimistic, and the notebooks say so.
- Groups of texts are compared only by shuffling whole texts (``text_permutation_test``), and
  only when each group has at least ``MIN_TEXTS_PER_GROUP`` texts; the smallest attainable p is
  reported with every p.
- Keyness: Dunning's log-likelihood (``log_likelihood``) beside ``framing.distinctive``'s log-odds.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

DEFAULT_SEED = 20170901
DEFAULT_RESAMPLES = 2000
LEVEL = 0.95
PER_WORDS = 1000


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def percentile_interval(samples: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    """The central ``level`` interval of bootstrap ``samples`` (NaNs ignored)."""
    tail = (1 - level) / 2 * 100
    low, high = np.nanpercentile(samples, [tail, 100 - tail])
    return float(low), float(high)


def bootstrap_mean(
    values: ArrayLike, *, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED, level: float = LEVEL
) -> tuple[float, float, float]:
    """Mean of ``values`` with a percentile bootstrap interval: (mean, low, high).

    An empty input gives NaNs; a single value gives a zero-width interval.
    """
    (result,) = bootstrap_means(np.asarray(values, dtype=float)[:, None], resamples=resamples, seed=seed, level=level)
    return result


def bootstrap_means(
    columns: np.ndarray, *, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED, level: float = LEVEL
) -> list[tuple[float, float, float]]:
    """``bootstrap_mean`` of each column of a 2-D array (rows are units): one resample of the rows
    serves every column, as it would each alone (same seed, same number of rows)."""
    x = np.asarray(columns, dtype=float)
    if x.shape[0] == 0:
        return [(float("nan"), float("nan"), float("nan"))] * x.shape[1]
    index = _rng(seed).integers(0, x.shape[0], size=(resamples, x.shape[0]))
    results = []
    for column in x.T:
        low, high = percentile_interval(column[index].mean(axis=1), level)
        results.append((float(column.mean()), low, high))
    return results


def poisson_interval(
    count: int, exposure: float, *, per: int = PER_WORDS, level: float = LEVEL
) -> tuple[float, float, float]:
    """Rate ``per`` units of exposure with the exact (Garwood 1936) Poisson interval: (rate, low, high).

    Treats the count as one Poisson draw, which is what one text gives; with no exposure, NaNs.
    """
    from scipy.stats import chi2

    if exposure <= 0:
        return float("nan"), float("nan"), float("nan")
    tail = (1 - level) / 2
    low = chi2.ppf(tail, 2 * count) / 2 if count > 0 else 0.0
    high = chi2.ppf(1 - tail, 2 * (count + 1)) / 2
    scale = per / exposure
    return count * scale, float(low * scale), float(high * scale)


def holm(p_values: ArrayLike) -> np.ndarray:
    """Holm (1979) step-down adjusted p-values, in input order; NaN (untestable) stays NaN."""
    p = np.asarray(p_values, dtype=float)
    tested = ~np.isnan(p)  # an untestable contrast (NaN) is left out of the family and stays NaN
    q = p[tested]
    order = np.argsort(q, kind="stable")
    adjusted = np.maximum.accumulate((len(q) - np.arange(len(q))) * q[order])
    within = np.empty_like(q)
    within[order] = np.minimum(adjusted, 1.0)
    out = np.full_like(p, np.nan)
    out[tested] = within
    return out


MIN_TEXTS_PER_GROUP = 3  # below this a shuffle of texts has too few arrangements to test anything
EXACT_MAX_ARRANGEMENTS = 20000  # enumerate every arrangement up to this many, else sample


def text_permutation_test(
    values: ArrayLike, labels: ArrayLike, *, permutations: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
) -> tuple[float, float, float]:
    """Two-sided test of the difference in means of per-text ``values`` between two groups, by
    shuffling the group labels of whole texts (the texts are the independent units).

    Returns (observed difference, p, smallest attainable p). Every arrangement is enumerated when
    there are at most ``EXACT_MAX_ARRANGEMENTS`` (exact p; smallest = 1 / arrangements, or 2 /
    arrangements when the groups are the same size); otherwise
    ``permutations`` are sampled (add-one p). A group of fewer than ``MIN_TEXTS_PER_GROUP`` texts
    gives NaNs: one analysis against four reports cannot be tested.
    """
    from itertools import combinations
    from math import comb

    x = np.asarray(values, dtype=float)
    in_group = np.asarray(labels, dtype=bool)
    n, k = len(x), int(in_group.sum())
    if min(k, n - k) < MIN_TEXTS_PER_GROUP or np.isnan(x).any():
        return float("nan"), float("nan"), float("nan")
    observed = x[in_group].mean() - x[~in_group].mean()
    total = x.sum()

    def difference(members: np.ndarray) -> float:
        inside = x[members].sum()
        return inside / k - (total - inside) / (n - k)

    arrangements = comb(n, k)
    if arrangements <= EXACT_MAX_ARRANGEMENTS:
        diffs = np.array([difference(np.fromiter(c, dtype=int)) for c in combinations(range(n), k)])
        p = float(np.mean(np.abs(diffs) >= abs(observed) - 1e-12))
        mirrored = 2 if 2 * k == n else 1  # with equal groups every arrangement has a mirror image
        return float(observed), p, mirrored / arrangements
    rng = _rng(seed)
    extreme = sum(
        abs(difference(rng.choice(n, k, replace=False))) >= abs(observed) - 1e-12 for _ in range(permutations)
    )
    return float(observed), (1 + extreme) / (1 + permutations), 1 / (1 + permutations)


def log_likelihood(count_a: ArrayLike, count_b: ArrayLike, total_a: float, total_b: float) -> np.ndarray:
    """Dunning's (1993) log-likelihood G2 for each word, from its 2x2 table (the word and every
    other word, in corpus a and in corpus b), signed: positive where the word is relatively more
    frequent in corpus a. Equal to the G-test of independence (scipy's ``power_divergence`` with
    ``lambda_="log-likelihood"``)."""
    a, b = np.asarray(count_a, dtype=float), np.asarray(count_b, dtype=float)
    table = np.stack([a, b, total_a - a, total_b - b])  # word in a, word in b, others in a, others in b
    n = total_a + total_b
    expected = np.stack(
        [total_a * (a + b) / n, total_b * (a + b) / n, total_a * (n - a - b) / n, total_b * (n - a - b) / n]
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(table > 0, table * np.log(table / expected), 0.0)
    return np.sign(a / total_a - b / total_b) * 2 * terms.sum(axis=0)
