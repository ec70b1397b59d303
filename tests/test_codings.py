"""Hand codings: reliability, disagreements and the adjudicated gold (``framing.codings``)."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import codings, judgements


@pytest.fixture(scope="module")
def committed():
    """The two codings and the adjudication in data/codings."""
    return codings.load_all()


def test_alpha_of_a_hand_worked_example():
    # Coincidences: (1,1) twice, (1,0) and (0,1) once each, (0,0) four times: n = 8, n1 = 3, n0 = 5.
    # Do = 2/8, De = 2 * 3 * 5 / (8 * 7) = 30/56, alpha = 1 - Do/De = 1 - 112/240.
    a = {"u1": "1", "u2": "1", "u3": "0", "u4": "0"}
    b = {"u1": "1", "u2": "0", "u3": "0", "u4": "0"}
    assert codings.alpha(a, b) == pytest.approx(1 - 112 / 240)


def test_alpha_is_one_for_perfect_agreement_and_undefined_without_variation():
    same = {"u1": "yes", "u2": "no", "u3": "no"}
    assert codings.alpha(same, dict(same)) == pytest.approx(1.0)
    constant = {"u1": "no", "u2": "no"}
    value = codings.alpha(constant, dict(constant))
    assert value != value and codings.verdict(value) == "undefined (no variation)"


def test_alpha_uses_only_items_both_coders_coded():
    a = {"u1": "yes", "u2": "no", "u3": "yes"}
    b = {"u1": "yes", "u2": "no"}
    assert codings.alpha(a, b) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "value, expected", [(0.8, "reliable"), (0.79, "tentative"), (0.667, "tentative"), (0.66, "unreliable")]
)
def test_verdict_thresholds(value, expected):
    assert codings.verdict(value) == expected


def test_role_entries_parse_groups_with_and_without_voice():
    cell = "United States[direct_quote]; North Korea [own_narration];Japan"
    assert codings.role_entries(cell) == {
        ("United States", "direct_quote"),
        ("North Korea", "own_narration"),
        ("Japan", ""),
    }
    assert codings.labels_of("cause", cell) == {"United States", "North Korea", "Japan"}
    assert codings.labels_of("putin_statements", "P1; P3") == {"P1", "P3"}


def test_multi_label_items_are_yes_no_per_label():
    coding = pd.DataFrame({"article_id": ["900"], "text": ["Putin said talks must start."], "putin_statements": ["P3"]})
    found = codings.items(coding, "putin_statements")
    assert found["900|Putin said talks must start.#P3"] == "yes"
    assert found["900|Putin said talks must start.#P1"] == "no"
    assert len(found) == len(codings.MULTI["putin_statements"])


def _coding(values: dict[str, list[str]]) -> pd.DataFrame:
    n = len(next(iter(values.values())))
    base = {
        "article_id": ["900"] * n,
        "sentence_id": [f"900-{i:03d}" for i in range(1, n + 1)],
        "text": [f"Unit number {i}." for i in range(1, n + 1)],
    }
    blank = {v: [""] * n for v in codings.VARIABLES}
    return pd.DataFrame({**base, **blank, **values})


def test_gold_takes_agreed_values_and_the_adjudication_where_coders_differ():
    a = _coding({"problem": ["yes", "no"], "cause": ["Russia[own_narration]", ""]})
    b = _coding({"problem": ["yes", "yes"], "cause": ["Russia[own_narration]", ""]})
    open_cases = codings.disagreements(a, b)
    assert list(zip(open_cases["text"], open_cases["variable"])) == [("Unit number 2.", "problem")]
    decided = open_cases.assign(gold="yes", reason="test")
    gold = codings.gold(a, b, decided)
    assert gold["problem"].tolist() == ["yes", "yes"] and gold["cause"].tolist() == ["Russia[own_narration]", ""]


def test_a_role_differing_only_in_its_voice_is_a_disagreement():
    a = _coding({"cause": ["Russia[own_narration]"]})
    b = _coding({"cause": ["Russia[imputation]"]})
    assert codings.disagreements(a, b)["variable"].tolist() == ["cause"]


def test_gold_refuses_an_unadjudicated_disagreement_and_a_stray_adjudication():
    a = _coding({"problem": ["yes", "no"]})
    b = _coding({"problem": ["no", "no"]})
    with pytest.raises(judgements.JudgementError, match="1 disagreement.*not adjudicated"):
        codings.gold(a, b, codings.disagreements(a, b).iloc[0:0].assign(gold=[], reason=[]))
    stray = pd.DataFrame(
        {
            "article_id": ["900", "900"],
            "text": ["Unit number 1.", "Unit number 2."],
            "variable": ["problem", "moral"],
            "gold": ["no", "yes"],
        }
    )
    with pytest.raises(judgements.JudgementError, match="1 adjudication.*no disagreement"):
        codings.gold(a, b, stray)


def test_read_coding_names_the_file_and_the_missing_column(tmp_path):
    path = tmp_path / "coding_x.csv"
    _coding({"problem": ["yes"]}).drop(columns=["moral"]).to_csv(path, index=False)
    with pytest.raises(judgements.JudgementError, match=r"coding_x\.csv: missing column\(s\) moral"):
        codings.read_coding(path)


def test_committed_codings_cover_the_same_units_and_every_variable(committed):
    a, b, _ = committed
    assert judgements.unit_keys(a).tolist() == judgements.unit_keys(b).tolist()
    table = codings.reliability(a, b)
    whole = table[table["label"] == ""].set_index("variable")
    assert list(whole.index) == list(codings.VARIABLES)
    assert (whole.loc[list(codings.NOMINAL), "items"] == len(a)).all()
    assert whole.at["cause", "items"] == len(a) * len(codings.ACTOR_GROUPS)


def test_committed_disagreements_file_is_what_the_codings_give(committed):
    a, b, _ = committed
    computed = codings.disagreements(a, b)
    stored = pd.read_csv(codings.codings_dir() / "disagreements.csv", dtype=str, keep_default_na=False)
    key = ["article_id", "variable", "coder_a", "coder_b"]
    as_rows = lambda t: sorted(zip(judgements.unit_keys(t), *(t[c] for c in key)))  # noqa: E731
    assert as_rows(computed) == as_rows(stored)


def test_every_disagreement_is_adjudicated_with_a_reason(committed):
    a, b, adjudication = committed
    gold = codings.gold(a, b, adjudication)
    assert len(gold) == len(a)
    assert adjudication["reason"].str.strip().ne("").all()
