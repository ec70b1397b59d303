"""Copy shared with another text or a wire: what an outlet printed that is not its own wording.

A unit's words outside quotation marks are *shared copy* when at least ``SHARED_MIN`` of their
word ``N``-grams occur outside quotes in another text of the corpus (``corpus``), or when the unit
is listed in ``data/reference/wire_copy.csv`` as found in a wire agency's published story
(``wire``: hand evidence, keyed by article id and text, with the page where the match was read).
A sentence keeps its voice (``framing.voice``); "the outlet's own narration" in the findings is
own narration that is not shared copy.

Candidate texts are found through an index of n-grams (each n-gram to the texts that hold it), so
the cost grows with the number of n-grams, not with the number of pairs of texts.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd

from framing import judgements, paths, resources, segment, spans

N = 5
SHARED_MIN = 0.5
WIRE_FILE = "wire_copy.csv"


def outside_ngrams(text: str, quote_spans: str, n: int = N) -> set[tuple[str, ...]]:
    """Lower-case word n-grams of a unit's text outside its quotation marks (none bridge a quote)."""
    quoted = spans.parse_spans(quote_spans)
    edges = [0, *[x for span in quoted for x in span], len(text)]
    grams: set[tuple[str, ...]] = set()
    for i in range(0, len(edges), 2):
        words = [w.lower() for w in segment.words(resources.normalise_same_length(text[edges[i] : edges[i + 1]]))]
        grams.update(tuple(words[k : k + n]) for k in range(len(words) - n + 1))
    return grams


def shared_with_corpus(sentences: pd.DataFrame, n: int = N, threshold: float = SHARED_MIN) -> pd.DataFrame:
    """Per unit: the share of its outside-quote n-grams found outside quotes in another text, and
    those texts (``shared_with_ids``, the ids holding the most of them first)."""
    grams = {
        sid: outside_ngrams(t, q, n)
        for sid, t, q in zip(sentences["sentence_id"], sentences["text"], sentences["quote_spans"])
    }
    holders: dict[tuple, set[str]] = defaultdict(set)
    for sid, aid in zip(sentences["sentence_id"], sentences["article_id"]):
        for gram in grams[sid]:
            holders[gram].add(aid)
    rows = []
    for sid, aid in zip(sentences["sentence_id"], sentences["article_id"]):
        mine = grams[sid]
        counts: dict[str, int] = defaultdict(int)
        for gram in mine:
            for other in holders[gram] - {aid}:
                counts[other] += 1
        best = max(counts.values(), default=0)
        share = best / len(mine) if mine else 0.0
        ranked = sorted(counts, key=lambda a: (-counts[a], a))
        rows.append(
            {
                "sentence_id": sid,
                "copy_share": round(share, 4),
                "shared_with_ids": ";".join(a for a in ranked if counts[a] / len(mine) >= threshold) if mine else "",
            }
        )
    return pd.DataFrame(rows)


def wire_evidence(sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """``wire_copy.csv`` attached to the units it names (an error names a row whose text is gone);
    rows for texts not in this corpus are ignored."""
    path = Path(folder or paths.ROOT / "data" / "reference") / WIRE_FILE
    if not path.is_file():
        return pd.DataFrame(columns=["sentence_id", "wire", "match", "evidence"])
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return judgements.attach(table, sentences, path, corpus_only=True)[["sentence_id", "wire", "match", "evidence"]]


def shared_copy(sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """Per unit: ``shared_copy`` ('corpus', 'wire', 'corpus;wire' or ''), ``copy_share``,
    ``shared_with_ids`` (text ids) and ``wire`` (agency), for the sentences table."""
    corpus_copy = shared_with_corpus(sentences)
    wire = wire_evidence(sentences, folder).groupby("sentence_id")["wire"].agg(lambda w: ";".join(sorted(set(w))))
    table = corpus_copy.assign(wire=[wire.get(sid, "") for sid in corpus_copy["sentence_id"]])
    kinds = [
        ";".join(k for k, on in (("corpus", bool(s)), ("wire", bool(w))) if on)
        for s, w in zip(table["shared_with_ids"], table["wire"])
    ]
    return table.assign(shared_copy=kinds)[["sentence_id", "shared_copy", "copy_share", "shared_with_ids", "wire"]]
