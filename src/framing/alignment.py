"""Claim alignment: each sentence of one group matched to its closest sentences in the others.

Sentences are compared by TF-IDF cosine (scikit-learn) over a normalised bag of features:

- content words: ``distinctive.tokens`` (lower case, stop words out), Porter-stemmed (NLTK, offline),
  so "pressure", "pressuring" and "pressured" meet;
- actors: every actor alias replaced by its canonical group token (``actor_north_korea`` for
  "Pyongyang", "Kim Jong-un" and "North Korea"; ``framing.actors``), so metonyms meet;
- rhetoric: one token per affirmed rhetoric match (``cat_diplomacy``; negated ones as
  ``cat_diplomacy_neg``; attribution verbs left out), so "gentle suggestions and persuasion"
  and "direct dialogue" share ``cat_diplomacy`` although they share no word.

IDF is fitted on every sentence of the corpus. Labels for a pair (thresholds checked against
hand-judged pairs in ``data/lexicons/alignment_judgements.csv``, see notebook 04):

- ``shared fact``: cosine >= ``SHARED_FACT_MIN``: the two sentences state the same thing (between
  the reports, where the same Putin sentence is relayed in different translations, 0.35 and
  above held only same-claim pairs);
- ``same topic, different reading``: ``SAME_TOPIC_MIN`` <= cosine < ``SHARED_FACT_MIN``: the
  sentences share content words or rhetoric beyond actor names, but not the claim;
- ``<group> only``: below ``SAME_TOPIC_MIN``: no sentence of the other groups comes close.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from framing import actors, distinctive, resources

SHARED_FACT_MIN = 0.35
SAME_TOPIC_MIN = 0.16
MIN_SHARED_WORDS = 2  # a shared fact shares words, not only actors and a rhetoric category
SHARED, TOPIC = "shared fact", "same topic, different reading"
ATTRIBUTION_LAYER = "attribution"
_SPECIAL = ("actor_", "cat_")


def only_label(group: str) -> str:
    """The label of a sentence with no close match: '<group> only'."""
    return f"{group} only"


def category_tokens(matches: pd.DataFrame) -> dict[str, list[str]]:
    """Rhetoric matches (``rhetoric.match_sentences``) as feature tokens per sentence, attribution verbs left out."""
    if matches is None or matches.empty:
        return {}
    kept = matches[matches["layer"] != ATTRIBUTION_LAYER] if "layer" in matches else matches
    tokens = "cat_" + kept["category"] + np.where(kept["negated"].astype(bool), "_neg", "")
    return tokens.groupby(kept["sentence_id"]).agg(list).to_dict()


def features(text: str, extra: list[str] | None = None) -> list[str]:
    """Stemmed content words, canonical actor tokens and ``extra`` tokens of one sentence."""
    plain = resources.normalise_same_length(text)
    mentions = actors.find_mentions(text)
    chunks, last = [], 0
    for m in mentions:
        chunks.append(plain[last : m.start])
        last = m.end
    chunks.append(plain[last:])
    words = [resources.stemmer().stem(w) for w in distinctive.tokens(" ".join(chunks))]
    groups = ["actor_" + m.actor_group.lower().replace(" ", "_") for m in mentions]
    return words + groups + list(extra or [])


def sentence_features(sentences: pd.DataFrame, matches: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """``features`` of every sentence, keyed by sentence_id."""
    extra = category_tokens(matches)
    return {sid: features(t, extra.get(sid)) for sid, t in zip(sentences["sentence_id"], sentences["text"])}


@dataclass
class Space:
    """Features per sentence and the cosine similarity of every pair (indexed by sentence_id)."""

    docs: dict[str, list[str]]
    sim: pd.DataFrame

    def shared_words(self, a: str, b: str) -> list[str]:
        """Content-word stems two sentences share (actor and rhetoric tokens left out)."""
        return sorted(w for w in set(self.docs[a]) & set(self.docs[b]) if not w.startswith(_SPECIAL))

    def label(self, a: str, b: str, group: str) -> str:
        """The alignment label of the pair (a of ``group``, b of another group)."""
        return label(self.sim.at[a, b], group, len(self.shared_words(a, b)))


def build_space(sentences: pd.DataFrame, matches: pd.DataFrame | None = None) -> Space:
    """TF-IDF (IDF from every sentence) cosine similarity over ``features``."""
    docs = sentence_features(sentences, matches)
    vectors = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True).fit_transform(list(docs.values()))
    return Space(docs, pd.DataFrame((vectors @ vectors.T).toarray(), index=list(docs), columns=list(docs)))


def label(value: float, group: str, n_shared_words: int = MIN_SHARED_WORDS) -> str:
    """The alignment label of a similarity, for a sentence of ``group``."""
    if value >= SHARED_FACT_MIN and n_shared_words >= MIN_SHARED_WORDS:
        return SHARED
    if value >= SAME_TOPIC_MIN:
        return TOPIC
    return only_label(group)


def _group_of(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    return sentences["article_id"].map(articles.set_index("article_id")["group"])


def best_matches(sentences: pd.DataFrame, articles: pd.DataFrame, space: Space, group: str, *, k: int = 1) -> pd.DataFrame:
    """For every sentence of ``group``: its ``k`` closest sentences in all other groups, labelled.

    Columns: sentence_id, article_id, group, rank, match_sentence_id, match_article_id,
    match_group, similarity, shared_words, alignment (the pair's label; it uses ``group``: '<group> only'
    below ``SAME_TOPIC_MIN``).
    """
    groups = _group_of(sentences, articles)
    own = sentences[groups == group]
    other = sentences[groups != group]
    if own.empty or other.empty:
        raise ValueError(f"group {group!r} must hold some but not all sentences")
    article_of = sentences.set_index("sentence_id")["article_id"]
    group_of = groups.set_axis(sentences["sentence_id"])
    rows = []
    for row in own.itertuples():
        scores = space.sim.loc[row.sentence_id, other["sentence_id"]].sort_values(ascending=False, kind="stable")
        for rank, (match, value) in enumerate(scores.head(k).items(), start=1):
            rows.append({"sentence_id": row.sentence_id, "article_id": row.article_id, "group": group, "rank": rank,
                         "match_sentence_id": match, "match_article_id": article_of[match], "match_group": group_of[match],
                         "similarity": round(float(value), 4), "shared_words": " ".join(space.shared_words(row.sentence_id, match)),
                         "alignment": space.label(row.sentence_id, match, group)})
    return pd.DataFrame(rows)


def within_group_pairs(sentences: pd.DataFrame, articles: pd.DataFrame, space: Space, group: str) -> pd.DataFrame:
    """Every pair of sentences from two different articles of ``group``, most similar first (calibration)."""
    own = sentences[_group_of(sentences, articles) == group][["sentence_id", "article_id"]]
    pairs = own.merge(own, how="cross", suffixes=("", "_b"))
    pairs = pairs[pairs["article_id"] < pairs["article_id_b"]]
    values = [space.sim.at[a, b] for a, b in zip(pairs["sentence_id"], pairs["sentence_id_b"])]
    shared = [len(space.shared_words(a, b)) for a, b in zip(pairs["sentence_id"], pairs["sentence_id_b"])]
    pairs = pairs.assign(similarity=np.round(values, 4), n_shared_words=shared).rename(columns={"sentence_id_b": "match_sentence_id", "article_id_b": "match_article_id"})
    return pairs.sort_values(["similarity", "sentence_id", "match_sentence_id"], ascending=[False, True, True]).reset_index(drop=True)


def threshold_check(judged: pd.DataFrame, space: Space) -> pd.DataFrame:
    """Hand-judged pairs with their similarity and the label the rules give (group-neutral names).

    ``judged`` has sentence_id, match_sentence_id, judgement ('shared fact' | 'same topic' | 'unrelated').
    """
    pairs = list(zip(judged["sentence_id"], judged["match_sentence_id"]))
    out = judged.assign(similarity=[round(float(space.sim.at[a, b]), 4) for a, b in pairs],
                        shared_words=[" ".join(space.shared_words(a, b)) for a, b in pairs])
    neutral = {SHARED: SHARED, TOPIC: "same topic"}
    out["predicted"] = [neutral.get(space.label(a, b, ""), "unrelated") for a, b in pairs]
    return out.sort_values("similarity", ascending=False, kind="stable").reset_index(drop=True)
