#!/usr/bin/env python3
"""Benchmark the per-sentence scoring path against bare VADER (issue 3).

Builds synthetic corpora of 1,000 and 10,000 articles (15 sentences each) by resampling the
real sentences with a fixed seed. Every synthetic sentence gets a numeric tag unique across
both corpora and every repeated run ("… [10000-0-12345]"), which no lexicon scores, so the scorers'
per-text caches cannot turn repeats into free hits: each sentence costs what a new sentence would.
Then, in the same run:

- bare: vaderSentiment's ``polarity_scores`` on each sentence, nothing else;
- whole path: ``rhetoric.match_sentences`` (all codebook layers, negation, voice) plus
  ``sentiment.score_sentences`` (VADER and AFINN, raw and name-masked, with their terms).

Targets: whole path <= 4x bare VADER; 10x the articles costs <= 11x the time.
Usage: python scripts/benchmark_scoring.py [--sizes 1000 10000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from framing import corpus, dictionaries, paths, rhetoric, sentiment  # noqa: E402

SENTENCES_PER_ARTICLE = 15
QUOTES = pd.DataFrame(columns=corpus.QUOTE_COLUMNS)  # speakers are not scored: the quote spans in each sentence suffice
SEED = 20170901


def synthetic_sentences(real: pd.DataFrame, n_articles: int, run: int = 0, seed: int = SEED) -> pd.DataFrame:
    """``n_articles`` x 15 sentences drawn with replacement from ``real``, each made unique by a tag
    (the same draw for every ``run``, tagged anew)."""
    rng = np.random.default_rng(seed)
    picked = real.iloc[rng.integers(0, len(real), size=n_articles * SENTENCES_PER_ARTICLE)].reset_index(drop=True)
    numbers = np.arange(len(picked))
    return picked.assign(
        sentence_id=[f"s{i:07d}" for i in numbers],
        article_id=[f"a{i // SENTENCES_PER_ARTICLE:06d}" for i in numbers],
        text=[f"{text} [{n_articles}-{run}-{i}]" for text, i in zip(picked["text"], numbers)],
    )


def time_bare_vader(sentences: pd.DataFrame) -> float:
    analyzer = dictionaries.vader_analyzer()
    started = time.perf_counter()
    for text in sentences["text"]:
        analyzer.polarity_scores(text)
    return time.perf_counter() - started


def time_whole_path(sentences: pd.DataFrame) -> float:
    started = time.perf_counter()
    rhetoric.match_sentences(sentences, QUOTES)
    sentiment.score_sentences(sentences)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="articles per synthetic corpus")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per measurement, each on newly tagged sentences; the best is kept"
    )
    args = parser.parse_args()
    real = corpus.read_corpus(paths.PROCESSED_DIR).sentences
    rhetoric.compiled()  # compile the codebook once, outside the timings
    dictionaries.vader_analyzer(), dictionaries.afinn_analyzer()
    print(f"{'articles':>9} {'sentences':>10} {'bare VADER s':>13} {'whole path s':>13} {'ratio':>6}")
    results = {}
    for size in args.sizes:
        runs = [synthetic_sentences(real, size, run) for run in range(args.repeat)]
        bare = min(time_bare_vader(sentences) for sentences in runs)
        whole = min(time_whole_path(sentences) for sentences in runs)
        results[size] = whole
        print(f"{size:>9} {len(runs[0]):>10} {bare:>13.2f} {whole:>13.2f} {whole / bare:>5.2f}x")
    if len(args.sizes) >= 2:
        small, large = sorted(args.sizes)[:2][0], sorted(args.sizes)[-1]
        print(f"scaling: {large // small}x the articles took {results[large] / results[small]:.2f}x the time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
