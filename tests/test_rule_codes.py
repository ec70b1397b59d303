"""The rules in the codebook's variables, and their scores against the gold (``framing.rule_codes``)."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import codings, frames, reference, rhetoric, rule_codes, voice


@pytest.fixture(scope="module")
def rules(built):
    """Rule codes of every seed unit."""
    sentences, quotes = built.sentences, built.quotes
    matches = rhetoric.match_sentences(sentences, quotes)
    book = frames.frame_codebook()
    evidence = frames.frame_evidence(book, frames.build_evidence(sentences, quotes, matches))
    return rule_codes.unit_codes(
        sentences,
        frames.role_table(sentences, quotes),
        evidence,
        book,
        matches,
        reference.unit_statements(sentences, quotes),
    )


def _table(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base = {"article_id": ["900"] * n, "text": [f"Unit {i}." for i in range(n)]}
    return pd.DataFrame({**base, **{v: [""] * n for v in codings.VARIABLES}, **columns})


def test_unit_codes_give_every_unit_every_variable_in_the_codebook_format(rules, built):
    assert len(rules) == len(built.sentences)
    assert set(codings.VARIABLES) <= set(rules.columns)
    assert set(rules["voice"]) <= set(voice.VOICES)
    assert (rules[list(rule_codes.NO_RULE)] == "").all().all()
    for variable in ("cause", "resolver"):
        groups = {g for cell in rules[variable] for g in codings.labels_of(variable, cell)}
        assert groups <= set(codings.ACTOR_GROUPS)
    assert set(rules["hedge"]) <= {"none", "outlet", "source", "both"}


def test_gloss_terms_count_outside_quotation_marks_only():
    text = 'Putin was presumably responding to Trump, who called it "apparently dangerous".'
    quoted_from = text.index('"')
    units = pd.DataFrame(
        {"sentence_id": ["a", "b"], "text": [text, text], "quote_spans": ["", f"{quoted_from}-{len(text)}"]}
    )
    assert rule_codes.gloss_units(units) == {"a", "b"}  # 'presumably' is outside the quote in both
    inside_only = 'Trump called it "apparently dangerous".'
    units = pd.DataFrame(
        {
            "sentence_id": ["c"],
            "text": [inside_only],
            "quote_spans": [f"{inside_only.index(chr(34))}-{len(inside_only)}"],
        }
    )
    assert rule_codes.gloss_units(units) == set()


def test_scores_count_a_yes_no_variable_on_its_yes_only():
    gold = _table(problem=["yes", "yes", "no", "no"])
    rules = _table(problem=["yes", "no", "yes", "no"])
    scored = rule_codes.scores(rules, gold)
    labels = scored[(scored["variable"] == "problem") & (scored["label"] != "")]
    assert labels["label"].tolist() == ["yes"]
    row = labels.iloc[0]
    assert (row["precision"], row["recall"], row["f1"], row["support"]) == (0.5, 0.5, 0.5, 2)
    whole = scored[(scored["variable"] == "problem") & (scored["label"] == "")].iloc[0]
    assert whole["f1"] == 0.5 and whole["accuracy"] == 0.5


def test_scores_of_roles_are_per_actor_group_whatever_the_voice():
    gold = _table(cause=["Russia[own_narration]", "United States[direct_quote]", ""])
    rules = _table(cause=["Russia[attributed_paraphrase]", "", "United States[own_narration]"])
    scored = rule_codes.scores(rules, gold).set_index(["variable", "label"])
    assert scored.loc[("cause", "Russia"), "f1"] == 1.0
    assert scored.loc[("cause", "United States"), "tp"] == 0 and scored.loc[("cause", "United States"), "support"] == 1
    assert scored.loc[("cause", ""), "f1"] == pytest.approx(0.5)  # macro over the groups the gold uses


def test_variables_without_a_rule_are_reported_as_hand_coded_only():
    scored = rule_codes.scores(_table(problem=["no"]), _table(problem=["no"]))
    for variable in rule_codes.NO_RULE:
        assert scored.loc[scored["variable"] == variable, "rule"].tolist() == ["none (hand-coded only)"]


def test_scores_need_one_rule_row_per_gold_unit():
    gold = _table(problem=["yes"])
    with pytest.raises(pd.errors.MergeError):
        rule_codes.scores(pd.concat([gold, gold]), gold)
