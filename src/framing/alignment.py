"""Retrieval aid for claim alignment: each unit of one group with its closest units in the others.

Which claims two texts share is read from the hand codes (``moscow_positions`` and
``putin_statements``, ``framing.packages.positions``); word overlap cannot decide it (a
paraphrase shares no words, a rebuttal shares them all). This module only lists, for a reader
checking the codes, the units of the other texts most like a given one:

- content words: ``distinctive.tokens`` (lower case, stop words out), Porter-stemmed (NLTK, offline),
  so "pressure", "pressuring" and "pressured" meet;
- actors: every actor alias replaced by its canonical group token (``actor_north_korea`` for
  "Pyongyang", "Kim Jong-un" and "North Korea"; ``framing.actors``), so metonyms meet;
- rhetoric: one token per affirmed rhetoric match (``cat_diplomacy``; negated ones as
  ``cat_diplomacy_neg``; attribution verbs left out).

Similarity is TF-IDF cosine (IDF fitted on every unit), computed for the units of one group
against the rest in blocks, so memory grows with the corpus, not with its square.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from framing import actors, distinctive, resources

ATTRIBUTION_LAYER = "attribution"
_SPECIAL = ("actor_", "cat_")
BLOCK = 2000  # query units per block of the similarity product


def category_tokens(matches: pd.DataFrame | None) -> dict[str, list[str]]:
    """Rhetoric matches (``rhetoric.match_sentences``) as feature tokens per sentence, attribution verbs left out."""
    if matches is None or matches.empty:
        return {}
    kept = matches[matches["layer"] != ATTRIBUTION_LAYER] if "layer" in matches else matches
    tokens: pd.Series = "cat_" + kept["category"] + np.where(kept["negated"].astype(bool), "_neg", "")
    return cast(dict[str, list[str]], tokens.groupby(kept["sentence_id"]).agg(list).to_dict())


def features(text: str, extra: list[str] | None = None) -> list[str]:
    """Stemmed content words, canonical actor tokens and ``extra`` tokens of one sentence."""
    plain = resources.normalise_same_length(text)
    mentions = actors.find_mentions(text)
    chunks, last = [], 0
    for m in mentions:
        chunks.append(plain[last : m.start])
        last = m.end
    chunks.append(plain[last:])
    words = [resources.stem(w) for w in distinctive.tokens(" ".join(chunks))]
    groups = ["actor_" + m.actor_group.lower().replace(" ", "_") for m in mentions]
    return words + groups + list(extra or [])


def sentence_features(sentences: pd.DataFrame, matches: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """``features`` of every sentence, keyed by sentence_id."""
    extra = category_tokens(matches)
    return {sid: features(t, extra.get(sid)) for sid, t in zip(sentences["sentence_id"], sentences["text"])}


def shared_words(a: list[str], b: list[str]) -> list[str]:
    """Content-word stems two units' features share (actor and rhetoric tokens left out)."""
    return sorted(w for w in set(a) & set(b) if not w.startswith(_SPECIAL))


def closest(
    sentences: pd.DataFrame, articles: pd.DataFrame, group: str, matches: pd.DataFrame | None = None, *, k: int = 1
) -> pd.DataFrame:
    """For every unit of ``group``: its ``k`` most similar units in the other groups.

    Columns: sentence_id, article_id, rank, match_sentence_id, match_article_id, similarity, shared_words.
    """
    groups = sentences["article_id"].map(articles.set_index("article_id")["group"])
    own, other = np.flatnonzero(groups.eq(group).to_numpy()), np.flatnonzero(groups.ne(group).to_numpy())
    if not len(own) or not len(other):
        raise ValueError(f"group {group!r} must hold some but not all units")
    docs = list(sentence_features(sentences, matches).values())
    vectors = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True).fit_transform(docs)
    ids, article_ids = sentences["sentence_id"].to_numpy(), sentences["article_id"].to_numpy()
    rows = []
    for start in range(0, len(own), BLOCK):
        block = own[start : start + BLOCK]
        sim = (vectors[block] @ vectors[other].T).toarray()
        for i, unit in enumerate(block):
            order = np.lexsort((other, -np.round(sim[i], 12)))[:k]  # ties: the earlier unit first
            for rank, j in enumerate(order, start=1):
                match = other[j]
                rows.append(
                    {
                        "sentence_id": ids[unit],
                        "article_id": article_ids[unit],
                        "rank": rank,
                        "match_sentence_id": ids[match],
                        "match_article_id": article_ids[match],
                        "similarity": round(float(sim[i, j]), 4),
                        "shared_words": " ".join(shared_words(docs[unit], docs[match])),
                    }
                )
    return pd.DataFrame(rows)
