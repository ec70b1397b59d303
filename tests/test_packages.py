"""Frame packages and the comparison from coded units (``framing.packages``)."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import codings, packages


@pytest.fixture(scope="module")
def hand(built):
    """The gold codes joined to the seed corpus."""
    return packages.coded_units(codings.gold(*codings.load_all()), built.sentences, built.articles, packages.HAND)


def _coded(rows: list[dict]) -> pd.DataFrame:
    """Coded units from short rows (article_id, group, unit_type, and any variables)."""
    out = []
    for position, row in enumerate(rows, start=1):
        base = {v: "" for v in codings.VARIABLES}
        base.update(
            {
                "label": f"Text {row['article_id']}",
                "unit_type": "body",
                "position": position,
                "shared_copy": "",
                "code_source": packages.HAND,
                "text": f"unit {position}",
                "sentence_id": f"{row['article_id']}-{position:03d}",
            }
        )
        base.update(row)
        out.append(base)
    return pd.DataFrame(out)


def test_every_hand_coded_seed_unit_is_found_in_the_corpus(hand, built):
    assert len(hand) == len(built.sentences)
    assert set(hand["sentence_id"]) == set(built.sentences["sentence_id"])
    assert (hand["code_source"] == packages.HAND).all()


def test_codes_of_articles_outside_the_corpus_are_left_out(built):
    gold = codings.gold(*codings.load_all())
    one = built.articles[built.articles["article_id"] == built.articles["article_id"].iloc[0]]
    kept = packages.coded_units(
        gold, built.sentences[built.sentences["article_id"].isin(one["article_id"])], one, packages.HAND
    )
    assert set(kept["article_id"]) == set(one["article_id"])


def test_rules_stand_in_only_at_the_bar_of_f1_and_alpha():
    scores = pd.DataFrame({"variable": ["remedy", "problem", "responsibility"], "label": "", "f1": [0.9, 0.6, 0.85]})
    reliability = pd.DataFrame(
        {"variable": ["remedy", "problem", "responsibility"], "label": "", "alpha": [1.0, 0.9, 0.6]}
    )
    assert packages.usable_rules(scores, reliability) == ["remedy"]


def test_a_text_nobody_coded_gets_rule_codes_of_usable_variables_only():
    hand = _coded([{"article_id": "900", "group": "a", "remedy": "yes", "cause": "Russia[own_narration]"}])
    rules = _coded(
        [
            {"article_id": "900", "group": "a", "remedy": "no"},
            {"article_id": "901", "group": "b", "remedy": "yes", "cause": "United States[own_narration]"},
        ]
    )
    rules["code_source"] = packages.RULES
    combined = packages.answer_codes(hand, rules, ["remedy"])
    text_900 = combined[combined["article_id"] == "900"]
    text_901 = combined[combined["article_id"] == "901"].iloc[0]
    assert len(text_900) == 1 and text_900["remedy"].iloc[0] == "yes"  # hand codes win
    assert text_901["remedy"] == "yes" and pd.isna(text_901["cause"]) and text_901["code_source"] == packages.RULES


def test_per_text_counts_like_with_like_and_says_not_coded():
    coded = _coded(
        [
            {"article_id": "900", "group": "a", "voice": "direct_quote"},
            {"article_id": "900", "group": "a", "voice": "own_narration"},
            {"article_id": "900", "group": "a", "voice": "direct_quote", "unit_type": "headline"},
            {"article_id": "901", "group": "b", "voice": pd.NA},
        ]
    )
    table = packages.per_text(coded, coded["voice"] == "direct_quote", "voice").set_index("article_id")
    assert (table.at["900", "units"], table.at["900", "of"]) == (1, 2)  # the headline is not a body unit
    assert pd.isna(table.at["901", "units"])
    assert "Text 901: not coded" in packages.side(table.reset_index(), "a", False)


def test_side_summarises_a_long_list_of_texts():
    table = pd.DataFrame(
        {
            "label": [f"T{i}" for i in range(10)],
            "group": "b",
            "units": [0, 1, 2, 3, 0, 0, 1, 1, 0, pd.NA],
            "of": 10,
            "code_source": packages.HAND,
            "sentence_ids": "",
        }
    )
    said = packages.side(table, "a", False)
    assert said.startswith("5 of 9 coded texts have any (1 not coded); per text 0-3 units")


def test_roles_ignore_missing_codes_and_keep_each_voice():
    coded = _coded(
        [
            {"article_id": "900", "group": "a", "cause": "Russia[own_narration]; Russia[imputation]"},
            {"article_id": "900", "group": "a", "cause": pd.NA},
        ]
    )
    cast = packages.roles(coded, "cause")
    assert sorted(zip(cast["actor_group"], cast["voice"])) == [("Russia", "imputation"), ("Russia", "own_narration")]


def test_own_cause_contrast_compares_shares_not_counts():
    rows = [
        {"article_id": "900", "group": "focus", "cause": "Russia[own_narration]"},
        {"article_id": "900", "group": "focus"},
    ]
    rows += [
        {"article_id": "901", "group": "other", "cause": "Russia[own_narration]" if i < 2 else ""} for i in range(10)
    ]
    found = packages.own_cause_contrast(_coded(rows), "focus")
    assert found == {"actor": "Russia", "focus_units": 1, "other_max": 2}  # 1 of 2 units against 2 of 10
    assert packages.own_cause_contrast(_coded(rows), "other") is None


@pytest.mark.parametrize(
    "verdicts, expected",
    [
        (["reliable"], "reliable"),
        (["reliable", "tentative"], "tentative"),
        (["tentative", "unreliable"], "withheld"),
        (["undefined (no variation)"], "withheld"),
    ],
)
def test_standing_is_the_weakest_variable(verdicts, expected):
    assert packages.standing(verdicts) == expected


def test_answer_withholds_a_finding_on_an_unreliable_variable(hand):
    verdicts = {v: "reliable" for v in codings.VARIABLES} | {"moscow_remedy": "unreliable"}
    found = {f["key"]: f for f in packages.answer(hand, "analysis", verdicts)}
    assert found["remedy:disputes"]["standing"] == "withheld"
    assert found["remedy:disputes"]["text"].startswith("**Withheld")
    assert not any(ch.isdigit() for ch in found["remedy:disputes"]["text"].split("alpha")[0])


def test_shared_claims_count_texts_on_each_side():
    coded = _coded(
        [
            {"article_id": "900", "group": "focus", "moscow_positions": "dialogue"},
            {"article_id": "901", "group": "other", "moscow_positions": "dialogue; danger"},
            {"article_id": "902", "group": "other", "moscow_positions": ""},
        ]
    )
    claims = packages.shared_claims(packages.positions(coded), "focus").set_index("position")
    assert (
        claims.at["dialogue", "focus_texts"],
        claims.at["dialogue", "other_texts"],
        claims.at["dialogue", "other_of"],
    ) == (1, 1, 2)
    assert claims.at["danger", "focus_texts"] == 0 and claims.at["danger", "other_ids"] == "901-002"


def test_frame_package_has_every_element_for_every_text(hand, built):
    package = packages.frame_package(hand, built.quotes, built.articles)
    assert len(package) == len(built.articles) * len(packages.PACKAGE_ELEMENTS)
    assert set(package["element"]) == set(packages.PACKAGE_ELEMENTS)
    counted = package[package["units"] > 0]
    assert counted["sentence_ids"].ne("").all()


def test_frame_package_says_not_coded_for_a_variable_without_codes(hand, built):
    rule_coded = hand.assign(cause=pd.NA, code_source=packages.RULES)
    package = packages.frame_package(rule_coded, built.quotes, built.articles)
    assert (package.loc[package["element"] == "cause", "summary"] == "not coded").all()
