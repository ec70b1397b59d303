"""Uncertainty for small samples: bootstrap intervals and permutation tests, all seeded.

Sentences are the resampling unit: with five texts, article-level resampling would have
almost no information. Sentences within one article are not independent, so the intervals
are optimistic; the notebooks say so wherever they use them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

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


def bootstrap_mean(values: Sequence[float], *, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED,
                   level: float = LEVEL) -> tuple[float, float, float]:
    """Mean of ``values`` with a percentile bootstrap interval: (mean, low, high).

    An empty input gives NaNs; a single value gives a zero-width interval.
    """
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return float("nan"), float("nan"), float("nan")
    index = _rng(seed).integers(0, values.size, size=(resamples, values.size))
    low, high = percentile_interval(values[index].mean(axis=1), level)
    return float(values.mean()), low, high


def bootstrap_rate(counts: Sequence[float], words: Sequence[float], *, per: int = PER_WORDS,
                   resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED,
                   level: float = LEVEL) -> tuple[float, float, float]:
    """Rate ``per`` words (sum of counts / sum of words) with an interval from resampling units.

    ``counts[i]`` and ``words[i]`` belong to the same unit (a sentence). Returns (rate, low, high).
    """
    counts = np.asarray(counts, dtype=float)
    words = np.asarray(words, dtype=float)
    if counts.shape != words.shape:
        raise ValueError(f"counts and words differ in length: {counts.size} vs {words.size}")
    if counts.size == 0 or words.sum() == 0:
        return float("nan"), float("nan"), float("nan")
    index = _rng(seed).integers(0, counts.size, size=(resamples, counts.size))
    with np.errstate(invalid="ignore", divide="ignore"):
        samples = counts[index].sum(axis=1) / words[index].sum(axis=1) * per
    low, high = percentile_interval(samples, level)
    return float(counts.sum() / words.sum() * per), low, high


def permutation_test(values: Sequence[float], labels: Sequence[bool], statistic: Callable[[np.ndarray, np.ndarray], float],
                     *, permutations: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> tuple[float, float]:
    """Two-sided permutation test of ``statistic(values[labels], values[~labels])``.

    Returns (observed statistic, p-value) with the add-one correction, p = (1 + #{|perm| >= |obs|}) / (1 + n).
    """
    values = np.asarray(values, dtype=float)
    labels = np.asarray(labels, dtype=bool)
    if labels.all() or not labels.any():
        raise ValueError("permutation test needs units in both groups")
    observed = statistic(values[labels], values[~labels])
    if np.isnan(observed):  # e.g. a rate over zero words: no evidence either way, not p = 1/(n+1)
        return float("nan"), float("nan")
    rng = _rng(seed)
    extreme = 0
    for _ in range(permutations):
        shuffled = rng.permutation(labels)
        if abs(statistic(values[shuffled], values[~shuffled])) >= abs(observed) - 1e-12:
            extreme += 1
    return float(observed), (1 + extreme) / (1 + permutations)


