"""Distinctive vocabulary of one group of texts against another: weighted log-odds with an
informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", section 3.5).

For a word w with counts y_a, y_b in the two groups (totals n_a, n_b) and prior pseudo-counts
alpha_w that sum to alpha_0:

    delta_w = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
            - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w))
    var(delta_w) ~= 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)
    z_w = delta_w / sqrt(var(delta_w))

The prior is the whole corpus's word distribution scaled to ``alpha_0`` pseudo-words:
alpha_w = alpha_0 * (count of w in the corpus) / (corpus size). Positive z: typical of group a.

Beside it, plain keyness: Dunning's (1993) log-likelihood G2 (``stats.log_likelihood``), with
Rayson's cut-offs (3.84 for p < 0.05 with one degree of freedom; 15.13 for p < 0.0001, the level
he advises when many words are tested). ``min_count_for`` states the power: how often a word must
occur in the smaller group, and never in the other, to reach a cut-off.

Stop words: ``data/lexicons/stopwords.csv`` is scikit-learn's ENGLISH_STOP_WORDS (the Glasgow
Information Retrieval Group list) less the content words that list is known to include
(Nothman, Qin & Yurchak 2018) and that this corpus uses or could use: amount, back, bill, bottom,
call, con, cry, describe, detail, empty, fill, find, fire ("plays with fire", "fire and fury"),
found, front, full, interest ("in its interest"), mill, move, part, put ("put most of the blame"),
serious, show ("a show of force"), side, system, thick, thin, top.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd

from framing import resources, segment, stats

# alpha_0 as a multiple of the corpus size. 1.0 means "the prior adds the corpus once more",
# the setting of Monroe et al.'s informative prior when the background is the corpus itself.
PRIOR_SCALE = 1.0
G2_CUTOFFS = (3.84, 15.13)  # p < 0.05 and p < 0.0001, chi-squared with one degree of freedom (Rayson 2004)
MIN_TOKEN_CHARS = 2
_DIGITS = re.compile(r"^[\d.,-]+$")


def tokens(text: str, *, stop: Iterable[str] | None = None) -> list[str]:
    """Lower-case word tokens of ``text``: possessive 's dropped, stop words and numbers removed."""
    stop = resources.stopwords() if stop is None else frozenset(stop)
    out = []
    for word in segment.words(resources.normalise_same_length(text)):
        word = resources.strip_possessive(word.lower())
        if len(word) >= MIN_TOKEN_CHARS and word not in stop and not _DIGITS.match(word):
            out.append(word)
    return out


def group_counts(
    sentences: pd.DataFrame, groups: pd.Series, *, stop: Iterable[str] | None = None
) -> dict[str, Counter]:
    """Token counts per group: ``groups`` gives each sentence's group (aligned with ``sentences``)."""
    counts: dict[str, Counter] = {}
    for text, group in zip(sentences["text"], groups):
        counts.setdefault(group, Counter()).update(tokens(text, stop=stop))
    return counts


def log_odds_dirichlet(
    counts_a: Counter, counts_b: Counter, prior: Counter | None = None, *, alpha_0: float | None = None
) -> pd.DataFrame:
    """Monroe et al.'s z-scored log-odds for every word in either group (see the module docstring).

    ``prior`` defaults to counts_a + counts_b; ``alpha_0`` to ``PRIOR_SCALE`` x the prior's size.
    Returns term, count_a, count_b, prior_alpha, log_odds, variance, z (sorted by z, then term).
    """
    prior = counts_a + counts_b if prior is None else prior
    vocab = sorted(set(counts_a) | set(counts_b))
    prior_total = sum(prior[w] for w in vocab)
    alpha_0 = PRIOR_SCALE * prior_total if alpha_0 is None else alpha_0
    y_a = np.array([counts_a[w] for w in vocab], dtype=float)
    y_b = np.array([counts_b[w] for w in vocab], dtype=float)
    alpha = alpha_0 * np.array([prior[w] for w in vocab], dtype=float) / prior_total
    n_a, n_b = y_a.sum(), y_b.sum()
    delta = np.log((y_a + alpha) / (n_a + alpha_0 - y_a - alpha)) - np.log(
        (y_b + alpha) / (n_b + alpha_0 - y_b - alpha)
    )
    variance = 1 / (y_a + alpha) + 1 / (y_b + alpha)
    table = pd.DataFrame(
        {
            "term": vocab,
            "count_a": y_a.astype(int),
            "count_b": y_b.astype(int),
            "prior_alpha": alpha,
            "log_odds": delta,
            "variance": variance,
            "z": delta / np.sqrt(variance),
        }
    )
    return table.sort_values(["z", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def compare_groups(
    sentences: pd.DataFrame, articles: pd.DataFrame, focus: str, *, alpha_0: float | None = None
) -> pd.DataFrame:
    """Distinctive terms of group ``focus`` against all other groups (groups from ``articles.group``).

    Columns: term, z, count_focus, count_rest, total, log_odds, variance, prior_alpha, alpha_0, g2
    (signed Dunning log-likelihood: positive where the word is relatively more frequent in ``focus``).
    """
    group_of = articles.set_index("article_id")["group"]
    is_focus = sentences["article_id"].map(group_of).eq(focus)
    if not is_focus.any() or is_focus.all():
        raise ValueError(f"group {focus!r} must hold some but not all sentences")
    counts = group_counts(sentences, is_focus.map({True: "focus", False: "rest"}))
    prior = counts["focus"] + counts["rest"]
    alpha_0 = PRIOR_SCALE * sum(prior.values()) if alpha_0 is None else alpha_0
    table = log_odds_dirichlet(counts["focus"], counts["rest"], prior, alpha_0=alpha_0)
    table = table.rename(columns={"count_a": "count_focus", "count_b": "count_rest"})
    table["total"] = table["count_focus"] + table["count_rest"]
    table["alpha_0"] = alpha_0
    table["g2"] = stats.log_likelihood(
        table["count_focus"], table["count_rest"], sum(counts["focus"].values()), sum(counts["rest"].values())
    )
    return table[
        ["term", "z", "count_focus", "count_rest", "total", "log_odds", "variance", "prior_alpha", "alpha_0", "g2"]
    ]


def min_count_for(cutoff: float, total_a: int, total_b: int) -> int:
    """The fewest occurrences in group a, with none in group b, at which a word's G2 reaches ``cutoff``."""
    for count in range(1, total_a + 1):
        if stats.log_likelihood([count], [0], total_a, total_b)[0] >= cutoff:
            return count
    return total_a + 1


def strongest(table: pd.DataFrame, n: int, *, min_total: int = 2) -> pd.DataFrame:
    """The ``n`` most distinctive terms at each end (|z| largest), among terms used ``min_total``+ times."""
    used = table[table["total"] >= min_total]
    top = used.nlargest(n, "z", keep="first")
    bottom = used.nsmallest(n, "z", keep="first")
    return pd.concat([top, bottom]).drop_duplicates("term").reset_index(drop=True)


def spread_labels(values: list[float], min_gap: float) -> list[float]:
    """Label positions near ``values`` (same order) with at least ``min_gap`` between neighbours.

    Labels are pushed apart from the lowest up, then the block is shifted back so that the
    mean displacement is zero (labels stay centred on their points).
    """
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = {}
    previous = None
    for i in order:
        y = values[i] if previous is None else max(values[i], previous + min_gap)
        placed[i] = previous = y
    shift = sum(placed[i] - values[i] for i in order) / len(order) if order else 0.0
    return [placed[i] - shift for i in range(len(values))]
