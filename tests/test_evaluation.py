"""Scoring the quote and speaker rules against hand-written gold.

Individual predictions are only inspected on the seeds and on the development pages
(``data/validation/pages``, ``pages2`` ... ``pages17``). The held-out pages (``data/validation/heldout``,
``heldout3`` ... ``heldout10``) are used through
aggregate scores only: no test reads, prints or asserts anything about a single held-out page.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from framing import evaluation as ev, paths

VALIDATION = ev.validation_dir()
PAGES = VALIDATION / "pages"
# every folder of test pages, in the order the reports list them, with how many pages it holds
PAGES_PER_SET = {
    "test pages (development)": 18,
    "test pages, second batch (development)": 14,
    "test pages, third batch (development)": 14,
    "test pages, fourth batch (development; written as held-out)": 12,
    "test pages, fifth batch (development)": 12,
    "test pages, sixth batch (development)": 12,
    "test pages, seventh batch (development)": 12,
    "test pages, eighth batch (development)": 12,
    "test pages, ninth batch (development)": 12,
    "test pages, tenth batch (development)": 12,
    "test pages, eleventh batch (development)": 12,
    "test pages, twelfth batch (development)": 12,
    "test pages, thirteenth batch (development)": 12,
    "test pages, fourteenth batch (development)": 12,
    "test pages, fifteenth batch (development)": 12,
    "test pages, sixteenth batch (development)": 12,
    "test pages, seventeenth batch (development)": 12,
    "test pages (first held-out set)": 10,
    "test pages (third held-out set)": 12,
    "test pages (fourth held-out set)": 12,
    "test pages (fifth held-out set)": 12,
    "test pages (sixth held-out set)": 12,
    "test pages (seventh held-out set)": 12,
    "test pages (eighth held-out set)": 12,
    "test pages (ninth held-out set)": 12,
    "test pages (tenth held-out set)": 12,
}
TEST_PAGE_SETS = list(PAGES_PER_SET)
GOLD_COLUMNS = ["article_id", "line_no", "quote", "is_speech", "speaker", "speaker_type", "speaks_for", "note", "scope"]


def gold_row(**values) -> pd.Series:
    row = dict.fromkeys(GOLD_COLUMNS, "") | {"is_speech": "yes", "speaker_type": "person", "scope": "article"} | values
    return pd.Series(row)


def predicted_row(**values) -> pd.Series:
    return pd.Series({"speaker": "", "speaker_kind": "", "speaker_group": ""} | values)


# --- matching a quote -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("\u201cmisguided and futile.\u201d", "misguided and futile", True),  # marks and edge punctuation ignored
        ("Large-Scale Conflict", "large-scale conflict", True),  # case ignored
        (
            "Provocations, pressure and bellicose and offensive rhetoric is the road to nowhere.",
            "Provocations, pressure and bellicose and offensive rhetoric is the road to nowhere",
            True,
        ),
        # one holds the other, 7 of 8 words: the same quote cut at its edge
        ("on the verge of a large-scale conflict", "balanced on the verge of a large-scale conflict", True),
        # 3 of 4 words is under MIN_WORD_OVERLAP: a different, shorter quote
        ("erroneous and futile", "is erroneous and futile", False),
        ("erroneous and futile", "misguided and futile", False),
        ("", "misguided and futile", False),
        ("...", "...", False),  # no words at all is no quote
    ],
)
def test_same_quote(a, b, same):
    assert ev.same_quote(a, b) is same
    assert ev.same_quote(b, a) is same


def test_quote_words():
    assert ev.quote_words("\u201cIt is essential to resolve the region\u2019s problems,\u201d") == [
        "it",
        "is",
        "essential",
        "to",
        "resolve",
        "the",
        "region's",
        "problems",
    ]


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("Vladimir Putin", "vladimir putin"),
        ("Putin", "vladimir putin"),
        ("the Russian president", "vladimir putin"),
        ("Russian Foreign Minister Sergey Lavrov", "sergey lavrov"),
        ("the Kremlin", "kremlin"),
        ("Kremlin", "kremlin"),
        ("Quai d\u2019Orsay", "quai d'orsay"),
        ("Hiroshi  Tanabe", "hiroshi tanabe"),
    ],
)
def test_canonical_name(name, canonical):
    assert ev.canonical_name(name) == canonical


# --- speaker outcomes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "gold, predicted, outcome",
    [
        (gold_row(speaker="Vladimir Putin"), predicted_row(speaker="Vladimir Putin", speaker_kind="person"), "exact"),
        (gold_row(speaker="Putin"), predicted_row(speaker="Vladimir Putin", speaker_kind="person"), "exact"),
        # the person's country or body instead of the person
        (
            gold_row(speaker="Vladimir Putin"),
            predicted_row(speaker="Russia", speaker_kind="body", speaker_group="Russia"),
            "country only",
        ),
        (
            gold_row(speaker="Dmitry Peskov"),
            predicted_row(speaker="Kremlin", speaker_kind="body", speaker_group="Russia"),
            "country only",
        ),
        (
            gold_row(speaker="Vladimir Putin"),
            predicted_row(speaker="China", speaker_kind="body", speaker_group="China"),
            "wrong",
        ),
        (
            gold_row(speaker="Vladimir Putin"),
            predicted_row(speaker="Donald Trump", speaker_kind="person", speaker_group="United States"),
            "wrong",
        ),
        (gold_row(speaker="Vladimir Putin"), predicted_row(), "none"),
        (gold_row(speaker="Vladimir Putin"), None, "none"),  # the quote was not found
        # a body is right only as that body
        (
            gold_row(speaker="Kremlin", speaker_type="body"),
            predicted_row(speaker="Kremlin", speaker_kind="body", speaker_group="Russia"),
            "exact",
        ),
        (
            gold_row(speaker="Kremlin", speaker_type="body"),
            predicted_row(speaker="Vladimir Putin", speaker_kind="person", speaker_group="Russia"),
            "wrong",
        ),
        # an unnamed speaker ("a senior official") is right as no speaker
        (gold_row(speaker_type="unnamed"), predicted_row(), "exact"),
        (gold_row(speaker_type="unnamed"), predicted_row(speaker="South Korea", speaker_kind="body"), "wrong"),
    ],
)
def test_speaker_outcome(gold, predicted, outcome):
    assert ev.speaker_outcome(gold, predicted) == outcome


# --- matching and scores by hand --------------------------------------------------------------------


def _gold() -> pd.DataFrame:
    rows = [
        gold_row(article_id="900", line_no="5", quote="misguided and futile", speaker="Vladimir Putin"),
        gold_row(
            article_id="900", line_no="5", quote="misguided and futile", speaker="Vladimir Putin"
        ),  # said twice on a line
        gold_row(article_id="900", line_no="7", quote="We will not be intimidated", speaker_type="unnamed"),
        gold_row(article_id="900", line_no="9", quote="fire and fury", speaker="Donald Trump"),
        gold_row(article_id="900", line_no="3", quote="Brink", is_speech="no", speaker_type=""),  # a scare quote
        gold_row(article_id="900", line_no="30", quote="a dead end", speaker="Vladimir Putin", scope="page_furniture"),
    ]
    return pd.DataFrame(rows)


def _predicted() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "quote_id": ["900-q01", "900-q02", "900-q03", "900-q04", "900-q05", "901-q01"],
            "article_id": ["900", "900", "900", "900", "900", "901"],
            "line_no": [5, 5, 7, 3, 11, 9],
            "text": [
                "misguided and futile.",
                "misguided and futile",
                "We will not be intimidated,",
                "Brink",
                "fire and fury",
                "fire and fury",
            ],
            "speaker": ["Vladimir Putin", "Russia", "", "", "Donald Trump", "Donald Trump"],
            "speaker_kind": ["person", "body", "", "", "person", "person"],
            "speaker_group": ["Russia", "Russia", "", "", "United States", "United States"],
        }
    )


def test_match_pairs_each_gold_quote_with_one_prediction_on_its_line():
    matched = ev.match(_gold(), _predicted())
    assert matched["quote_id"].tolist() == ["900-q01", "900-q02", "900-q03", "", "900-q04", ""]
    # "fire and fury" is predicted on line 11 and in another article, never on line 9; "Brink" is no speech
    assert matched["outcome"].tolist() == ["exact", "country only", "exact", "none", "", "none"]
    assert matched["predicted_speaker"].tolist()[:3] == ["Vladimir Putin", "Russia", ""]


def test_scores_by_hand():
    """In scope: 4 gold speech quotes, 3 found (recall 3/4); of the 6 predictions, 3 are gold
    speech quotes (the scare quote "Brink" is not speech); 2 of the 3 found have the exact speaker."""
    predicted = _predicted()
    result = ev.scores(ev.match(_gold(), predicted), predicted)
    assert result["gold_speech_quotes"] == 4 and result["found"] == 3 and result["predicted"] == 6
    assert result["quote_recall"] == pytest.approx(3 / 4)
    assert result["quote_precision"] == pytest.approx(3 / 6)
    assert result["speaker_exact"] == pytest.approx(2 / 3)
    assert (
        result["n_speaker_exact"],
        result["n_speaker_country_only"],
        result["n_speaker_wrong"],
        result["n_speaker_none"],
    ) == (2, 1, 0, 0)
    assert result["left_out_of_scope"] == 1


def test_scores_of_nothing_are_nan():
    empty = ev.scores(ev.match(_gold().iloc[4:5], _predicted().iloc[:0]), _predicted().iloc[:0])
    assert empty["gold_speech_quotes"] == 0
    assert all(empty[k] != empty[k] for k in ("quote_recall", "quote_precision", "speaker_exact"))


def test_findings_state_the_counts():
    table = pd.DataFrame(
        [
            {
                "set": "seeds",
                "texts": 5,
                "gold_speech_quotes": 40,
                "found": 38,
                "quote_recall": 0.95,
                "quote_precision": 0.9,
                "n_speaker_exact": 36,
                "speaker_exact": 36 / 38,
                "n_speaker_country_only": 1,
                "n_speaker_wrong": 1,
                "n_speaker_none": 0,
            }
        ]
    )
    assert ev.findings(table) == [
        "**seeds** (5 texts): 38 of 40 speech quotes found (recall 95%), precision 90%; "
        "the speaker is exact for 36 of 38 (95%), country or body only for 1, wrong for 1, missing for 0."
    ]


# --- the seeds and the development pages --------------------------------------------------------------


@pytest.fixture(scope="module")
def development(built_pages):
    """What ``evaluate`` gives on the development pages: (matched gold, scores), from the session's build."""
    predicted = ev.with_lines(built_pages)
    matched = ev.match(ev.load_gold(PAGES / ev.GOLD_FILE), predicted)
    return matched, ev.scores(matched, predicted)


def test_every_gold_quote_of_the_development_pages_names_a_real_line(development):
    """Gold rows name a page line, so each match is checked on that line's quotes."""
    matched, _ = development
    gold = ev.load_gold(PAGES / ev.GOLD_FILE)
    assert len(matched) == len(gold)
    for row in gold.itertuples():
        source = next(PAGES.glob(f"{row.article_id}_*.txt"))
        line = source.read_text(encoding="utf-8").split("\n")[int(row.line_no) - 1]
        assert row.quote in line, (row.article_id, row.line_no)


def test_development_page_outcomes_follow_the_rules_of_scoring(development, built_pages):
    matched, result = development
    found = matched[(matched["quote_id"] != "") & (matched["is_speech"] == "yes")]
    # a quote found on a page is matched on its own line and page only
    predicted = ev.with_lines(built_pages).set_index("quote_id")
    assert (predicted.loc[found["quote_id"], "article_id"].to_numpy() == found["article_id"].to_numpy()).all()
    assert (predicted.loc[found["quote_id"], "line_no"].astype(str).to_numpy() == found["line_no"].to_numpy()).all()
    assert not found["quote_id"].duplicated().any()
    # "country only" is only ever a body of the gold person's country
    for row in matched[matched["outcome"] == "country only"].itertuples():
        assert row.speaker_type == "person" and predicted.loc[row.quote_id, "speaker_kind"] == "body"
    # the unnamed speakers the rules leave unnamed are right
    unnamed = matched[(matched["speaker_type"] == "unnamed") & (matched["quote_id"] != "")]
    assert ((unnamed["predicted_speaker"] == "") == (unnamed["outcome"] == "exact")).all()
    counted = sum(result[f"n_speaker_{o.replace(' ', '_')}"] for o in ev.OUTCOMES)
    assert counted == result["found"] == len(found[found["scope"] == ev.ARTICLE_SCOPE])


def test_quotes_outside_the_article_are_left_out_and_counted(development):
    """Reader comments and link lines (page furniture) and the French em-dash dialogue, which has no
    quotation marks, are listed in the gold but not scored."""
    matched, result = development
    out = matched[matched["scope"] != ev.ARTICLE_SCOPE]
    assert result["left_out_of_scope"] == len(out) > 0
    assert set(out["scope"]) == {"page_furniture", "unmarked"}
    dialogue = out[out["note"].str.startswith("EM-DASH DIALOGUE")]
    assert len(dialogue) == 1 and dialogue.iloc[0]["article_id"] == "108"


def test_development_scores(development):
    _, result = development
    assert result["quote_recall"] >= 0.95
    assert result["speaker_exact"] >= 0.90
    assert result["quote_precision"] >= 0.90


def test_report_on_the_seeds_and_the_pages(report, development):
    assert report["set"].tolist() == ["seeds", *TEST_PAGE_SETS, "all held-out sets (pooled)"]
    held_out = sum(n for name, n in PAGES_PER_SET.items() if "held-out set" in name)
    assert report["texts"].tolist() == [5, *PAGES_PER_SET.values(), held_out]
    seeds = report.set_index("set").loc["seeds"]
    assert seeds["gold_speech_quotes"] == len(ev.load_gold(VALIDATION / ev.SEED_GOLD_FILE)) == 40
    assert seeds["quote_recall"] == 1.0 and seeds["quote_precision"] == 1.0
    assert seeds["speaker_exact"] >= 0.95
    assert (report["found"] <= report["gold_speech_quotes"]).all()
    assert report[["quote_recall", "quote_precision", "speaker_exact"]].apply(lambda c: c.between(0, 1)).all().all()
    assert len(ev.findings(report)) == 28
    # the development row is what scoring the development pages gives
    dev = report.set_index("set").loc["test pages (development)"]
    assert dev[["gold_speech_quotes", "found", "predicted"]].tolist() == [
        development[1]["gold_speech_quotes"],
        development[1]["found"],
        development[1]["predicted"],
    ]


@pytest.fixture(scope="module")
def report():
    return ev.report(paths.RAW_DIR, VALIDATION)


@pytest.mark.xfail(strict=False, reason="target, measured at release")
def test_held_out_target(report):
    """The release target, on pages the rules were never written from: aggregate scores only."""
    held_out = report.set_index("set").loc[ev.HELD_OUT]
    assert held_out["quote_recall"] >= 0.95
    assert held_out["speaker_exact"] >= 0.90


def test_the_pooled_held_out_row_sums_the_held_out_sets(report):
    held_out = report[report["set"].isin(ev.HELD_OUT_SETS)]
    pooled = report.set_index("set").loc[ev.HELD_OUT]
    assert len(held_out) == len(ev.HELD_OUT_SETS) == sum("held-out set" in name for name in PAGES_PER_SET)
    for column in ev.COUNT_COLUMNS:
        assert pooled[column] == held_out[column].sum()
    assert pooled["speaker_exact"] == pytest.approx(held_out["n_speaker_exact"].sum() / held_out["found"].sum())
    true_quotes = (held_out["quote_precision"] * held_out["predicted"]).round().sum()
    assert pooled["quote_precision"] == pytest.approx(true_quotes / held_out["predicted"].sum())


def test_pooled_rates_come_from_summed_counts_not_averaged_rates():
    rows = pd.DataFrame(
        [
            {
                "texts": 1,
                "gold_speech_quotes": 10,
                "found": 10,
                "predicted": 10,
                "left_out_of_scope": 0,
                "n_speaker_exact": 10,
                "n_speaker_country_only": 0,
                "n_speaker_wrong": 0,
                "n_speaker_none": 0,
                "quote_precision": 1.0,
            },
            {
                "texts": 1,
                "gold_speech_quotes": 40,
                "found": 30,
                "predicted": 40,
                "left_out_of_scope": 2,
                "n_speaker_exact": 15,
                "n_speaker_country_only": 0,
                "n_speaker_wrong": 10,
                "n_speaker_none": 5,
                "quote_precision": 0.75,
            },
        ]
    )
    row = ev.pooled(rows, "both")
    assert (row["found"], row["gold_speech_quotes"], row["n_speaker_exact"]) == (40, 50, 25)
    assert row["quote_recall"] == pytest.approx(0.8)
    assert row["speaker_exact"] == pytest.approx(25 / 40)  # not the mean of 1.0 and 0.5
    assert row["quote_precision"] == pytest.approx(40 / 50)


def test_report_scores_only_the_seed_texts_of_the_manifest(raw_copy, tmp_path):
    """A text added to the corpus has no seed gold: it is left out of the seeds' row, and only gold
    sets present are reported."""
    shutil.copy(paths.RAW_DIR / "004_e125ccf955c029f6.txt", raw_copy / "005_copy.txt")
    with (raw_copy / "metadata.csv").open("a", encoding="utf-8") as rows:
        rows.write("005,005_copy.txt,Copy Desk,Copy Desk,analysis,,,,,,,,,\n")
    validation = tmp_path / "validation"
    validation.mkdir()
    shutil.copy(VALIDATION / ev.SEED_GOLD_FILE, validation / ev.SEED_GOLD_FILE)
    table = ev.report(raw_copy, validation)
    assert table["set"].tolist() == ["seeds"]
    row = table.iloc[0]
    assert row["texts"] == 5 and row["predicted"] == 40 and row["quote_precision"] == 1.0


# --- translation families -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "gold, predicted, agrees",
    [
        ("none", "not applicable", True),
        ("none", "unknown", True),
        ("none", "unknown (weak: AFP)", True),
        ("none", "Reuters", False),
        ("Reuters", "Reuters", True),
        ("mixed", "mixed", True),
        ("AFP", "mixed", False),
        ("Kremlin English", "unknown (weak: Kremlin English)", False),
    ],
)
def test_family_agrees(gold, predicted, agrees):
    assert ev.family_agrees(gold, predicted) is agrees


@pytest.fixture(scope="module")
def dev_families():
    return ev.family_table(PAGES)


def test_family_table_on_the_development_pages(dev_families):
    table = dev_families.set_index("article_id")
    gold = pd.read_csv(PAGES / ev.FAMILY_GOLD_FILE, dtype=str, keep_default_na=False)
    assert sorted(table.index) == sorted(gold["article_id"])
    assert (table["agrees"] == [ev.family_agrees(g, p) for g, p in zip(table["family_gold"], table["family"])]).all()
    # the AFP pages, the mixed live blog and a page that quotes no words of Putin's article
    assert table.loc["106", ["family_gold", "family"]].tolist() == ["AFP", "AFP"]
    assert table.loc["110", ["family_gold", "family"]].tolist() == ["mixed", "mixed"]
    assert table.loc["112", "family_gold"] == "none" and table.loc["112", "agrees"]
    assert table["agrees"].mean() >= 0.9


MENU_PAGE = "Home\nWorld\nAsia\nSubscribe\nSign in\n"  # site chrome only: a page the cleaning finds no body in
PUTIN_PAGE = (
    "Putin warns of conflict on Korean peninsula\n"
    "MOSCOW, Sept 1 (Test Wire) - Russian President Vladimir Putin said on Friday that the situation on the Korean "
    "peninsula was \u201cbalancing on the brink of a large-scale conflict.\u201d\n"
    "\u201cProvocations, pressure and militarist and insulting rhetoric are a dead-end road,\u201d Putin wrote in an "
    "article published on the Kremlin website.\n"
)


def _family_pages(folder, pages: dict[str, tuple[str, str]]):
    folder.mkdir()
    rows, gold = ["article_id,source_file,outlet,group"], ["article_id,family,note"]
    for article_id, (text, family) in pages.items():
        (folder / f"{article_id}_page.txt").write_text(text, encoding="utf-8")
        rows.append(f"{article_id},{article_id}_page.txt,Outlet {article_id},wire_report")
        gold.append(f"{article_id},{family},")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / ev.FAMILY_GOLD_FILE).write_text("\n".join(gold) + "\n", encoding="utf-8")
    return folder


def test_family_table_marks_a_page_without_a_body(tmp_path):
    folder = _family_pages(tmp_path / "pages", {"300": (PUTIN_PAGE, "Kremlin English"), "301": (MENU_PAGE, "none")})
    table = ev.family_table(folder).set_index("article_id")
    assert table.loc["300", ["family", "agrees"]].tolist() == ["Kremlin English", True]
    assert table.loc["301", "family"] == "(no body found)" and not table.loc["301", "agrees"]


def test_family_table_of_pages_that_all_lack_a_body(tmp_path):
    folder = _family_pages(tmp_path / "pages", {"301": (MENU_PAGE, "none")})
    assert ev.family_table(folder).iloc[0]["family"] == "(no body found)"


def test_family_report_has_both_sets_of_test_pages(dev_families):
    table = ev.family_report(VALIDATION)
    assert table.iloc[0][["texts", "right"]].tolist() == [len(dev_families), int(dev_families["agrees"].sum())]
    assert table["set"].tolist() == TEST_PAGE_SETS
    assert table["texts"].tolist() == list(PAGES_PER_SET.values())
    assert (table["right"] <= table["texts"]).all() and table["accuracy"].between(0, 1).all()
    assert table.set_index("set").at["test pages (development)", "accuracy"] >= 0.9
