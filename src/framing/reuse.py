"""Text reuse between articles: word n-gram containment and greedy string tiling (METER style).

Following the METER project (Clough, Gaizauskas, Piao & Wilks 2002), the reuse of text B in
text A is measured as the *containment* of A's word n-grams in B,
``C(A|B) = |S(A,n) ∩ S(B,n)| / |S(A,n)|`` (sets of distinct n-grams), and by *greedy string
tiling* (Wise 1993): the longest common word runs, taken greedily without overlap, of at least a
minimum length. Short n-grams catch shared topic vocabulary, long ones catch copied passages
(Nicholls 2019 uses the same shingling idea at scale).

Text is compared as lower-case words (typographic marks made ASCII). Each article can be read in
three parts: ``full`` body, ``narration`` (outside quotation marks) and ``quotes`` (inside).
Narration and quotes are cut where the other part was, so no n-gram or tile bridges a removed
quote. Reuse of quoted words is expected (everyone quotes Putin); shared narration is a sign of
shared wire copy.
"""

from __future__ import annotations

import difflib
import heapq
from collections import defaultdict
from dataclasses import dataclass
from itertools import permutations
from typing import cast

import numpy as np
import pandas as pd

from framing import candidates, resources, segment, spans, storage

PARTS = ("full", "narration", "quotes")
N_RANGE = tuple(range(1, 9))
# n is chosen as the smallest n at which the median ordered pair of texts shares under 1% of its
# n-grams: below it, what two reports on the same event share is mostly topic vocabulary.
BACKGROUND_CONTAINMENT = 0.01
# Three levels in the spirit of METER's wholly / partially / non-derived scheme. METER's levels
# were judged by journalists; these cut-offs are this project's: a tenth of A's n-grams found in B
# is ten times the background above, and a half means most of A could have been taken from B.
PARTIALLY_DERIVED = 0.10
WHOLLY_DERIVED = 0.50
LEVELS = ("wholly derived", "partially derived", "non-derived")


def tokens(text: str) -> list[str]:
    """Words of a text in their original case, typographic marks made ASCII."""
    return segment.words(resources.normalise_same_length(text))


def sentence_pieces(text: str, quote_spans: str, part: str) -> list[str]:
    """The pieces of one sentence that belong to ``part`` (quote spans as in sentences.csv)."""
    if part == "full":
        return [text]
    quoted = spans.parse_spans(quote_spans)
    if part == "quotes":
        return [text[a:b] for a, b in quoted]
    edges = [0, *[x for span in quoted for x in span], len(text)]
    return [text[edges[i] : edges[i + 1]] for i in range(0, len(edges), 2)]


def article_segments(sentences: pd.DataFrame, part: str = "full") -> dict[str, list[list[str]]]:
    """{article_id: runs of words}: the whole body as one run (``full``), or the runs of narration
    or of quoted words, in reading order."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")
    segments: dict[str, list[list[str]]] = {}
    for aid, group in sentences.sort_values(["article_id", "position"]).groupby("article_id", sort=True):
        pieces = [tokens(p) for row in storage.rows(group) for p in sentence_pieces(row.text, row.quote_spans, part)]
        runs = [[w for piece in pieces for w in piece]] if part == "full" else [p for p in pieces if p]
        segments[cast(str, aid)] = runs
    return segments


def ngram_set(segments: list[list[str]], n: int) -> set[tuple[str, ...]]:
    """Distinct lower-case word n-grams inside each run (none bridge two runs)."""
    grams: set[tuple[str, ...]] = set()
    for run in segments:
        low = [w.lower() for w in run]
        grams.update(tuple(low[i : i + n]) for i in range(len(low) - n + 1))
    return grams


def containment_counts(a: list[list[str]], b: list[list[str]], n: int) -> tuple[int, int]:
    """(shared n-grams, n-grams of A)."""
    grams_a = ngram_set(a, n)
    return len(grams_a & ngram_set(b, n)), len(grams_a)


def containment(a: list[list[str]], b: list[list[str]], n: int) -> float:
    """C(A|B): the share of A's distinct n-grams also in B (0 when A has none)."""
    shared, total = containment_counts(a, b, n)
    return shared / total if total else 0.0


CURVE_MAX_PAIRS = 600  # ordered pairs the containment curve is estimated on when there are more
CURVE_SEED = 20170901


def curve_pairs(ids: list[str], limit: int = CURVE_MAX_PAIRS, seed: int = CURVE_SEED) -> list[tuple[str, str]]:
    """Every ordered pair of texts, or a seeded random sample of ``limit`` of them: the curve only
    needs the median and spread of containment, which a sample estimates."""
    ids = sorted(ids)
    total = len(ids) * (len(ids) - 1)
    if total <= limit:
        return list(permutations(ids, 2))
    rng = np.random.default_rng(seed)
    chosen: set[tuple[str, str]] = set()
    while len(chosen) < limit:
        a, b = rng.choice(len(ids), 2, replace=False)
        chosen.add((ids[a], ids[b]))
    return sorted(chosen)


def containment_curve(segments: dict[str, list[list[str]]], ns=N_RANGE) -> pd.DataFrame:
    """Containment of ordered pairs of articles (all, or ``curve_pairs``'s sample) for each n."""
    grams = {(a, n): ngram_set(segments[a], n) for a in segments for n in ns}
    rows = []
    for a, b in curve_pairs(list(segments)):
        for n in ns:
            total = len(grams[(a, n)])
            shared = len(grams[(a, n)] & grams[(b, n)])
            rows.append(
                {
                    "article_id": a,
                    "other_article_id": b,
                    "n": n,
                    "shared_ngrams": shared,
                    "ngrams": total,
                    "containment": round(shared / total, 6) if total else 0.0,
                }
            )
    return pd.DataFrame(rows, columns=["article_id", "other_article_id", "n", "shared_ngrams", "ngrams", "containment"])


def choose_n(curve: pd.DataFrame, background: float = BACKGROUND_CONTAINMENT) -> int:
    """The smallest n whose median pair containment is below ``background``."""
    if curve.empty:
        raise ValueError("text reuse compares pairs of articles: the corpus needs at least two")
    medians = curve.groupby("n")["containment"].median()
    below = medians[medians < background]
    if below.empty:
        raise ValueError(f"no n in {list(medians.index)} brings the median containment under {background}")
    return int(below.index.min())


def _flatten(segments: list[list[str]], side: str) -> tuple[list[str], list[str]]:
    """Runs joined into one list, with a unique separator that matches nothing between runs."""
    low, shown = [], []
    for k, run in enumerate(segments):
        if k:
            low.append(f"\x00{side}{k}")
            shown.append("")
        low += [w.lower() for w in run]
        shown += run
    return low, shown


def _free_length(used: list[bool], start: int, length: int) -> int:
    """How many of the ``length`` positions from ``start`` come before the first used one."""
    try:
        return used.index(True, start, start + length) - start
    except ValueError:
        return length


def greedy_string_tiling(a: list[str], b: list[str], min_match: int) -> list[tuple[int, int, int]]:
    """Tiles (start in a, start in b, length): maximal common runs of at least ``min_match``
    words, longest first, no word in two tiles (Wise 1993's GST, as used by METER).

    A run can only start where a ``min_match``-word sequence of A occurs in B. Each start's full
    match length is known at once: ``min_match``, or one more than the start after it when that is
    a start too. In every round the longest runs, cut at the first word already tiled on either
    side (which is what re-extending them would give), are tiled in order of their starts; a
    max-heap keyed by each start's last known length finds them without rescanning every start."""
    where = defaultdict(list)
    for j in range(len(b) - min_match + 1):
        where[tuple(b[j : j + min_match])].append(j)
    starts = [(i, j) for i in range(len(a) - min_match + 1) for j in where.get(tuple(a[i : i + min_match]), ())]
    full: dict[tuple[int, int], int] = {}
    for i, j in reversed(starts):  # from the end: a start's run is one longer than the next start's
        full[(i, j)] = full[(i + 1, j + 1)] + 1 if (i + 1, j + 1) in full else min_match
    heap = [(-k, i, j) for (i, j), k in full.items()]
    heapq.heapify(heap)
    used_a, used_b, tiles = [False] * len(a), [False] * len(b), []

    def current(i: int, j: int) -> int:
        return min(_free_length(used_a, i, full[(i, j)]), _free_length(used_b, j, full[(i, j)]))

    while heap:
        key, i, j = heapq.heappop(heap)
        length = current(i, j)
        if length < -key:  # stale: its run was cut by a tile; file it again under its length now
            if length >= min_match:
                heapq.heappush(heap, (-length, i, j))
            continue
        found = [(i, j)]  # the longest runs now, all of them, in order of their starts
        while heap and heap[0][0] == key:
            _, i2, j2 = heapq.heappop(heap)
            k2 = current(i2, j2)
            if k2 == length:
                found.append((i2, j2))
            elif k2 >= min_match:
                heapq.heappush(heap, (-k2, i2, j2))
        for i, j in sorted(found):
            if not any(used_a[i : i + length]) and not any(used_b[j : j + length]):
                used_a[i : i + length], used_b[j : j + length] = [True] * length, [True] * length
                tiles.append((i, j, length))
            elif (k := current(i, j)) >= min_match:  # overlapped by a tile of this round: shorter now
                heapq.heappush(heap, (-k, i, j))
    return sorted(tiles)


def _longest(low_a: list[str], shown_a: list[str], low_b: list[str]) -> tuple[int, str]:
    match = difflib.SequenceMatcher(None, low_a, low_b, autojunk=False).find_longest_match(0, len(low_a), 0, len(low_b))
    return match.size, " ".join(shown_a[match.a : match.a + match.size])


def longest_shared(a: list[list[str]], b: list[list[str]]) -> tuple[int, str]:
    """The longest run of words A and B share (inside runs), as (length, A's words)."""
    low_a, shown_a = _flatten(a, "a")
    return _longest(low_a, shown_a, _flatten(b, "b")[0])


def _tiled(low_a: list[str], low_b: list[str], words: int, min_match: int) -> float:
    covered = sum(k for _, _, k in greedy_string_tiling(low_a, low_b, min_match))
    return covered / words if words else 0.0


def tiled_share(a: list[list[str]], b: list[list[str]], min_match: int) -> float:
    """Share of A's words covered by GST tiles with B of at least ``min_match`` words."""
    return _tiled(_flatten(a, "a")[0], _flatten(b, "b")[0], sum(len(run) for run in a), min_match)


def reuse_level(value: float) -> str:
    """METER-style level from a containment value (this project's cut-offs)."""
    if value >= WHOLLY_DERIVED:
        return LEVELS[0]
    return LEVELS[1] if value >= PARTIALLY_DERIVED else LEVELS[2]


@dataclass(frozen=True)
class Prepared:
    """One text's part (full, narration or quotes), prepared once for every pair it is in."""

    grams: frozenset
    words: int
    as_a: tuple[list[str], list[str]]  # lower-case and shown words, runs joined (``_flatten``, side a)
    as_b: list[str]


def prepare(segments: list[list[str]], n: int) -> Prepared:
    return Prepared(
        frozenset(ngram_set(segments, n)),
        sum(len(run) for run in segments),
        _flatten(segments, "a"),
        _flatten(segments, "b")[0],
    )


def _share(a: Prepared, b: Prepared) -> float:
    return len(a.grams & b.grams) / len(a.grams) if a.grams else 0.0


def _pair_row(a: str, b: str, parts: dict[str, dict[str, Prepared]], n: int) -> dict:
    full, narration, quoted = (parts[p] for p in PARTS)
    shared, total = len(full[a].grams & full[b].grams), len(full[a].grams)
    words, passage = _longest(*full[a].as_a, full[b].as_b)
    narr_words, narr_passage = _longest(*narration[a].as_a, narration[b].as_b)
    value = shared / total if total else 0.0
    return {
        "article_id": a,
        "other_article_id": b,
        "n": n,
        "ngrams": total,
        "shared_ngrams": shared,
        "containment": round(value, 6),
        "containment_narration": round(_share(narration[a], narration[b]), 6),
        "containment_quotes": round(_share(quoted[a], quoted[b]), 6),
        "tiled_share": round(_tiled(full[a].as_a[0], full[b].as_b, full[a].words, n), 6),
        "tiled_share_narration": round(_tiled(narration[a].as_a[0], narration[b].as_b, narration[a].words, n), 6),
        "reuse_level": reuse_level(value),
        "longest_shared_words": words,
        "longest_shared_passage": passage,
        "longest_narration_words": narr_words,
        "longest_narration_passage": narr_passage,
    }


def reuse_pairs(sentences: pd.DataFrame, n: int) -> pd.DataFrame:
    """Ordered pairs of articles (every pair in a small corpus; in a large one, the pairs that
    share a rare ``n``-gram, ``framing.candidates``): containment at ``n`` (full body, narration,
    quotes), the share of A tiled by runs of ``n``+ words, and the longest shared passages."""
    parts = {part: {aid: prepare(runs, n) for aid, runs in article_segments(sentences, part).items()} for part in PARTS}
    pairs = candidates.candidate_pairs({aid: text.grams for aid, text in parts["full"].items()})
    rows = [_pair_row(x, y, parts, n) for a, b in pairs for x, y in ((a, b), (b, a))]
    columns = [
        "article_id",
        "other_article_id",
        "n",
        "ngrams",
        "shared_ngrams",
        "containment",
        "containment_narration",
        "containment_quotes",
        "tiled_share",
        "tiled_share_narration",
        "reuse_level",
        "longest_shared_words",
        "longest_shared_passage",
        "longest_narration_words",
        "longest_narration_passage",
    ]
    return pd.DataFrame(rows, columns=columns).sort_values(["article_id", "other_article_id"]).reset_index(drop=True)


def part_curves(sentences: pd.DataFrame, ns=N_RANGE) -> pd.DataFrame:
    """``containment_curve`` for each part, stacked with a ``part`` column."""
    curves = [containment_curve(article_segments(sentences, part), ns).assign(part=part) for part in PARTS]
    stacked = pd.concat(curves, ignore_index=True)
    return stacked[["part", *[c for c in stacked.columns if c != "part"]]]


def reuse_matrix(pairs: pd.DataFrame, articles: pd.DataFrame, value: str = "containment") -> pd.DataFrame:
    """Square table of ``value`` (row: article A, column: article B), labelled by outlet; diagonal empty."""
    labels = dict(zip(articles["article_id"], articles["label"]))
    order = [labels[a] for a in sorted(labels)]
    table = pairs.assign(a=pairs["article_id"].map(labels), b=pairs["other_article_id"].map(labels))
    return table.pivot(index="a", columns="b", values=value).reindex(index=order, columns=order)


def median_by_n(curve: pd.DataFrame) -> pd.DataFrame:
    """Median and maximum pair containment for each part and n."""
    return curve.groupby(["part", "n"])["containment"].agg(median="median", maximum="max").reset_index()
