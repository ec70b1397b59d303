"""Frames as coded items, and responsibility by voice.

Two parts, both transparent rules over the corpus tables:

1. **Responsibility roles.** A trigger from ``data/lexicons/responsibility_roles.csv`` (lexicon
   syntax, ``framing.lexicon``) is attached to an actor mention (``framing.actors``) of the same
   clause by its ``slot`` (subject, object or agent: ``framing.clauses``). Roles: ``cause`` (cast
   as causing or escalating the crisis), ``resolver`` (cast as able or called on to resolve it, or
   proposing a remedy). Negated triggers are dropped.

2. **Voice** of each role: ``framing.voice`` (one definition for every stage), with one addition
   here: a blame trigger whose object is the blamed actor and whose subject is the blamer
   ("Moscow assigned the blame to the United States") is voiced by that subject.

The frame codebook (``data/lexicons/frames.csv``) codes Entman's (1993) four functions and
Semetko & Valkenburg's (2000) generic-frame items as yes / no / 'not coded' per text, from rules
that combine rhetoric categories (``framing.rhetoric``), item term lists (``frame_terms.csv``),
responsibility roles and actor counts; items no rule can code say why.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from framing import actors, clauses, lexicon, resources, storage, voice

# ----------------------------------------------------------------------------- codebooks


@lru_cache(maxsize=1)
def role_codebook() -> lexicon.Codebook:
    """The responsibility triggers (``responsibility_roles.csv``), compiled."""
    return lexicon.compile_codebook(resources.load_lexicon("responsibility_roles.csv"))


@lru_cache(maxsize=1)
def role_slots() -> dict[tuple[str, str], str]:
    """(role, term) -> slot."""
    table = resources.load_lexicon("responsibility_roles.csv")
    return {(r.category, r.term): r.slot for r in storage.rows(table)}


# ----------------------------------------------------------------------------- roles


def _bearers(s: voice.Unit, bounds: list, match: lexicon.Match, slot: str) -> list[actors.Mention]:
    clause = clauses.clause_of(bounds, match.start)
    if slot == "subject":
        return clauses.subject_of(s, clause, match.start)
    if slot == "object":
        return clauses.object_of(s, clause, match.end)
    return clauses.agent_of(s, match.start, match.end)


def sentence_roles(s: voice.Unit) -> list[dict]:
    """Role attachments in one unit: one row per (trigger, actor), with the voice they are cast in."""
    bounds = clauses.clause_bounds(s)
    rows = []
    for match in lexicon.find_matches(s.text, role_codebook()):
        if match.negated:
            continue
        slot = role_slots()[(match.category, match.term)]
        who = voice.span_voice(s, match.start, match.end)
        if slot == "object" and who[0] == "own_narration":  # "X assigned the blame to Y": X voices it
            blamer = clauses.subject_of(s, clauses.clause_of(bounds, match.start), match.start)
            if blamer:
                who = ("attributed_paraphrase", blamer[0].actor, blamer[0].actor_group)
        for m in _bearers(s, bounds, match, slot):
            rows.append(
                {
                    "sentence_id": s.sentence_id,
                    "article_id": s.article_id,
                    "actor": m.actor,
                    "actor_group": m.actor_group,
                    "actor_kind": m.kind,
                    "alias": m.alias,
                    "role": match.category,
                    "trigger": match.matched_text,
                    "term": match.term,
                    "slot": slot,
                    "voice": who[0],
                    "speaker": who[1],
                    "speaker_group": who[2],
                    "start": match.start,
                    "text": s.text,
                }
            )
    return rows


ROLE_COLUMNS = [
    "sentence_id",
    "article_id",
    "actor",
    "actor_group",
    "actor_kind",
    "alias",
    "role",
    "trigger",
    "term",
    "slot",
    "voice",
    "speaker",
    "speaker_group",
    "start",
    "text",
]


def role_table(sentences: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Every role attachment in the corpus (one row per sentence, actor, role and voice)."""
    units = voice.build_units(sentences, quotes)
    rows = [row for s in units for row in sentence_roles(s)]
    table = pd.DataFrame(rows, columns=ROLE_COLUMNS)
    table = table.drop_duplicates(["sentence_id", "actor", "role", "voice"]).sort_values(
        ["sentence_id", "start", "actor"]
    )
    return table.reset_index(drop=True)


# ----------------------------------------------------------------------------- frame codebook

RULE_KEYS = {"categories", "also", "or_negated", "terms", "mentions", "min_groups", "role", "actor", "kind", "reproach"}
EVIDENCE_COLUMNS = ["item_id", "article_id", "sentence_id", "evidence", "voice", "speaker", "speaker_group", "text"]


def frame_codebook() -> pd.DataFrame:
    """``data/lexicons/frames.csv``: item_id, scheme, frame, question, rule_type, rule, voice,
    reason, source."""
    table = resources.load_lexicon("frames.csv")
    return table


@lru_cache(maxsize=1)
def frame_terms() -> lexicon.Codebook:
    """Item term lists (``data/lexicons/frame_terms.csv``; category = item_id), compiled with each
    item in a layer of its own, so one item's match never hides another's."""
    table = resources.load_lexicon("frame_terms.csv")
    return lexicon.compile_codebook(table.assign(layer=table["category"]))


def parse_rule(rule: str) -> dict[str, str]:
    """'key=value;key=value' as a dict; unknown keys raise."""
    parsed = dict(part.split("=", 1) for part in rule.split(";") if part.strip())
    unknown = set(parsed) - RULE_KEYS
    if unknown:
        raise ValueError(f"unknown rule keys {sorted(unknown)} in {rule!r}")
    return parsed


@dataclass
class Evidence:
    """Everything the item rules look at, computed once for a corpus."""

    sentences: pd.DataFrame
    rhetoric: pd.DataFrame  # rhetoric matches with the 3-way voice, speaker, speaker_group
    terms: pd.DataFrame  # frame_terms matches (category = item_id) with voice
    roles: pd.DataFrame  # role_table
    groups: dict[str, set[str]]  # sentence_id -> actor groups mentioned


def _with_voice(matches: pd.DataFrame, by_id: dict[str, voice.Unit]) -> pd.DataFrame:
    voices = [voice.span_voice(by_id[m.sentence_id], m.start, m.end) for m in storage.rows(matches)]
    return matches.assign(
        voice=[v[0] for v in voices], speaker=[v[1] for v in voices], speaker_group=[v[2] for v in voices]
    )


def term_matches(sentences: pd.DataFrame) -> pd.DataFrame:
    """Frame item term matches: sentence_id, article_id, category (item_id), matched_text, start, end, negated."""
    rows = [
        {
            "sentence_id": r.sentence_id,
            "article_id": r.article_id,
            "category": m.category,
            "matched_text": m.matched_text,
            "start": m.start,
            "end": m.end,
            "negated": m.negated,
        }
        for r in storage.rows(sentences)
        for m in lexicon.find_matches(r.text, frame_terms())
    ]
    return pd.DataFrame(
        rows, columns=["sentence_id", "article_id", "category", "matched_text", "start", "end", "negated"]
    )


def build_evidence(sentences: pd.DataFrame, quotes: pd.DataFrame, rhetoric_matches: pd.DataFrame) -> Evidence:
    """Rhetoric matches (with their voice, ``rhetoric.match_sentences``), voice-tagged item term
    matches, roles and actor groups per unit."""
    by_id = {s.sentence_id: s for s in voice.build_units(sentences, quotes)}
    terms = _with_voice(term_matches(sentences), by_id)
    groups = {sid: {m.actor_group for m in s.mentions} for sid, s in by_id.items()}
    return Evidence(sentences, rhetoric_matches, terms, role_table(sentences, quotes), groups)


def _voice_ok(voice: pd.Series, wanted: str) -> pd.Series:
    if wanted in ("", "any"):
        return pd.Series(True, index=voice.index)
    if wanted == "reported":
        return voice != "own_narration"
    return voice == wanted


def _lexicon_hits(ev: Evidence, rule: dict) -> pd.DataFrame:
    cats = set(rule["categories"].split("|"))
    found = ev.rhetoric[ev.rhetoric["category"].isin(cats)]
    affirmed = found[~found["negated"].astype(bool)]
    if "also" in rule:
        also = set(rule["also"].split("|"))
        with_also = set(
            ev.rhetoric.loc[ev.rhetoric["category"].isin(also) & ~ev.rhetoric["negated"].astype(bool), "sentence_id"]
        )
        affirmed = affirmed[affirmed["sentence_id"].isin(with_also)]
    if rule.get("or_negated") == "yes":
        affirmed = pd.concat([affirmed, found[found["negated"].astype(bool)]])
    return affirmed.assign(evidence=affirmed["matched_text"])


def _term_hits(ev: Evidence, rule: dict) -> pd.DataFrame:
    found = ev.terms[(ev.terms["category"] == rule["terms"]) & ~ev.terms["negated"].astype(bool)]
    if "also" in rule:
        also = set(rule["also"].split("|"))
        keep = set(
            ev.rhetoric.loc[ev.rhetoric["category"].isin(also) & ~ev.rhetoric["negated"].astype(bool), "sentence_id"]
        )
        found = found[found["sentence_id"].isin(keep)]
    return found.assign(evidence=found["matched_text"])


def _role_hits(ev: Evidence, rule: dict) -> pd.DataFrame:
    roles = ev.roles[ev.roles["role"] == rule["role"]]
    if "actor" in rule:
        roles = roles[roles["actor_group"] == rule["actor"]]
    if "kind" in rule:
        roles = roles[roles["actor_kind"] == rule["kind"]]
    if rule.get("reproach") == "yes":
        roles = roles[
            (roles["voice"] != "own_narration")
            & (roles["speaker_group"] != roles["actor_group"])
            & (roles["speaker_group"] != "")
        ]
    return roles.assign(evidence=roles["actor"] + " <- " + roles["trigger"])


def item_evidence(item: pd.Series, ev: Evidence) -> pd.DataFrame:
    """Evidence rows (``EVIDENCE_COLUMNS``) for one codebook item over the whole corpus."""
    if item["rule_type"] == "none":
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    rule = parse_rule(item["rule"])
    hits = (
        _role_hits(ev, rule) if "role" in rule else _term_hits(ev, rule) if "terms" in rule else _lexicon_hits(ev, rule)
    )
    hits = hits[_voice_ok(hits["voice"], item["voice"])]
    if "mentions" in rule:
        needed = set(rule["mentions"].split(","))
        hits = hits[
            np.array([needed <= ev.groups[sid] for sid in hits["sentence_id"]], dtype=bool)
        ]  # empty stays a row mask
    if "min_groups" in rule:
        hits = hits[
            np.array([len(ev.groups[sid]) >= int(rule["min_groups"]) for sid in hits["sentence_id"]], dtype=bool)
        ]
    text = ev.sentences.set_index("sentence_id")["text"]
    hits = hits.assign(item_id=item["item_id"], text=hits["sentence_id"].map(text))
    return hits[EVIDENCE_COLUMNS].sort_values(["sentence_id", "evidence"]).reset_index(drop=True)


def frame_evidence(codebook: pd.DataFrame, ev: Evidence) -> pd.DataFrame:
    """Evidence for every item (one row per matched span or role)."""
    parts = [item_evidence(item, ev) for _, item in codebook.iterrows()]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=EVIDENCE_COLUMNS)
