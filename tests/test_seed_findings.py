"""The README's findings about the five seed texts, recomputed from the gold codes and the corpus.

A change that alters a seed finding fails a named test here, never a notebook cell. Each test
computes its numbers from the adjudicated hand codes (``data/codings``) joined to the seed corpus
(the texts listed in ``data/raw/MANIFEST.sha256``, so articles added later do not move them), then
checks that the README states them, whatever its line breaks.
"""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from framing import codings, corpus, metadata, packages, paths, provenance, reference, reuse, sentiment, tone

FOCUS = "analysis"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """The seed corpus alone: the manifest's texts and their metadata rows."""
    folder = tmp_path_factory.mktemp("seeds")
    listed = metadata.read_manifest(paths.RAW_DIR)
    for name in listed:
        shutil.copyfile(paths.RAW_DIR / name, folder / name)
    table = pd.read_csv(paths.RAW_DIR / "metadata.csv", dtype=str, keep_default_na=False)
    table[table["source_file"].isin(listed)].to_csv(folder / "metadata.csv", index=False)
    return corpus.build_corpus(folder)


@pytest.fixture(scope="module")
def hand(seeds):
    return packages.coded_units(codings.gold(*codings.load_all()), seeds.sentences, seeds.articles, packages.HAND)


@pytest.fixture(scope="module")
def readme() -> str:
    return " ".join((paths.ROOT / "README.md").read_text(encoding="utf-8").split())


def per_text(hand, mask, variable) -> dict[str, tuple[int, int]]:
    """{label: (units, body units)} from ``packages.per_text``."""
    table = packages.per_text(hand, mask, variable)
    return {r.label: (int(r.units), int(r.of)) for r in table.itertuples()}


def focus_label(seeds) -> str:
    return seeds.articles.loc[seeds.articles["group"] == FOCUS, "label"].iloc[0]


def test_the_seed_corpus_is_five_texts_one_analysis(seeds, hand):
    assert seeds.articles["group"].value_counts().to_dict() == {"wire_report": 4, FOCUS: 1}
    assert len(hand) == len(seeds.sentences)  # every unit hand-coded


def test_finding_1_the_analysis_blames_moscow_in_its_own_voice(seeds, hand, readme):
    own_voice = per_text(
        hand,
        hand["cause"].map(
            lambda c: any(g == "Russia" and v in ("own_narration", "imputation") for g, v in codings.role_entries(c))
        ),
        "cause",
    )
    narration = per_text(
        hand, hand["cause"].map(lambda c: ("Russia", "own_narration") in codings.role_entries(c)), "cause"
    )
    imputed = per_text(hand, hand["cause"].map(lambda c: ("Russia", "imputation") in codings.role_entries(c)), "cause")
    rm = focus_label(seeds)
    k, n = own_voice.pop(rm)
    assert f"casts Russia as a cause of the crisis in {k} of its {n} body units in its own voice" in readme
    assert f"{narration[rm][0]} in its own narration" in readme and f"{imputed[rm][0]} by imputing a motive" in readme
    assert sorted(u for u, _ in own_voice.values()) == [0, 0, 1, 1] and "do so in 0, 0, 1 and 1 unit" in readme
    north_korea = per_text(
        hand, hand["cause"].map(lambda c: ("North Korea", "own_narration") in codings.role_entries(c)), "cause"
    )
    low, high = min(u for u, _ in north_korea.values()), max(u for u, _ in north_korea.values())
    assert low > 0 and f"cause in their own narration ({low} to {high} units each)" in readme


def test_finding_1_the_reports_one_unit_blaming_russia_is_wire_copy(seeds, hand):
    own = hand[
        (hand["group"] != FOCUS) & hand["cause"].map(lambda c: ("Russia", "own_narration") in codings.role_entries(c))
    ]
    independent = own[own["label"] == "The Independent"]
    assert len(independent) == 1 and independent["shared_copy"].iloc[0] == "wire"


def test_finding_2_the_analysis_disputes_moscows_remedy_and_the_reports_relay_it(seeds, hand, readme):
    disputes = per_text(hand, hand["moscow_remedy"] == "disputes", "moscow_remedy")
    relays = per_text(hand, hand["moscow_remedy"] == "relays", "moscow_remedy")
    rm = focus_label(seeds)
    report_relays = [u for label, (u, _) in relays.items() if label != rm]
    assert all(u == 0 for label, (u, _) in disputes.items() if label != rm)
    assert (
        f"relayed without endorsement in {min(report_relays)} to {max(report_relays)} units of every report" in readme
    )
    assert f"relays them in {relays[rm][0]} units" in readme and f"disputes them in {disputes[rm][0]}" in readme


def test_finding_3_standards_of_evidence(seeds, hand, readme):
    rm = focus_label(seeds)
    quoted = per_text(hand, hand["voice"] == "direct_quote", "voice")
    paraphrase = per_text(hand, hand["voice"] == "attributed_paraphrase", "voice")
    imputed = per_text(hand, hand["voice"] == "imputation", "voice")
    statements = per_text(hand, hand["putin_statements"].map(lambda c: bool(codings.split_cell(c))), "putin_statements")
    assert quoted[rm][0] == 0 and statements[rm][0] == 0
    reports = [label for label in quoted if label != rm]
    assert (
        f"{min(quoted[r][0] for r in reports)} to {max(quoted[r][0] for r in reports)} units by direct quote" in readme
    )
    carried = sorted({statements[r][0] for r in reports})
    assert f"{carried[0]} or {carried[-1]} units carrying the statements" in readme
    assert f"in paraphrase ({paraphrase[rm][0]} units)" in readme and f"({imputed[rm][0]} units)" in readme
    selection = reference.selection(
        hand, seeds.sentences, seeds.articles, pd.DataFrame(columns=["quote_id", "family"]), seeds.quotes
    )
    carried_by = selection[selection["carried"]].groupby("statement_id")["label"].nunique()
    assert [p for p, n in carried_by.items() if n == 4] == ["P1", "P2", "P3", "P4"] and carried_by.get("P5") == 1


def test_finding_4_the_analysis_names_resolvers(seeds, hand, readme):
    rm = focus_label(seeds)

    def resolver(actor):
        return per_text(
            hand, hand["resolver"].map(lambda c: any(g == actor for g, _ in codings.role_entries(c))), "resolver"
        )

    russia, united_states = resolver("Russia"), resolver("United States")
    assert f"in {russia[rm][0]} units, and the United States in {united_states[rm][0]}" in readme
    reports = sorted({u for label, (u, _) in russia.items() if label != rm})
    assert f"for Russia in {reports[0]} or {reports[-1]} units each" in readme
    us_unit = hand[
        (hand["label"] == rm)
        & hand["resolver"].map(lambda c: any(g == "United States" for g, _ in codings.role_entries(c)))
    ]
    assert "if Washington did not take advantage" in us_unit["text"].iloc[0]


def test_finding_4_resolver_is_tentative_and_responsibility_carries_nothing(readme):
    table = codings.reliability(*codings.load_all()[:2]).query("label == ''").set_index("variable")
    assert table.at["resolver", "verdict"] == "tentative" and f"alpha {table.at['resolver', 'alpha']:.2f}" in readme
    assert (
        table.at["responsibility", "verdict"] == "unreliable"
        and f"({table.at['responsibility', 'alpha']:.2f}) is unreliable" in readme
    )
    assert (table["verdict"] == "reliable").sum() == 17 and "17 reach alpha 0.8" in readme


def test_finding_6_wire_copy_in_the_reports(seeds, readme):
    body = corpus.body(seeds.sentences)
    wire = body[body["wire"] != ""].merge(seeds.articles[["article_id", "label"]], on="article_id")
    assert wire.groupby("label").size().to_dict() == {"RFE/RL": 1, "The Independent": 3}
    assert "Four report sentences are Reuters' narration" in readme and set(wire["wire"]) == {"Reuters"}


def test_finding_6_shared_copy_is_mostly_quotes(seeds, readme):
    body = corpus.body(seeds.sentences)
    n = reuse.choose_n(reuse.part_curves(body).query("part == 'full'"))
    assert n == 5
    pairs = reuse.reuse_pairs(body, n)
    top = pairs.loc[pairs["containment"].idxmax()]
    labels = seeds.articles.set_index("article_id")["label"]
    assert (labels[top["article_id"]], labels[top["other_article_id"]]) == ("The Independent", "Breitbart")
    assert f"{top['containment']:.1%} of its word 5-grams" in readme
    assert f"no pair shares more than {pairs['containment_narration'].max():.1%}" in readme


def test_the_old_findings_the_gold_contradicts_are_gone(readme):
    assert "names no one" not in readme.replace('"names no one"', "")  # only quoted as the withdrawn claim
    assert not re.search(r"analysis hedges more", readme, re.I)
    assert "Only quoted words are shared" not in readme


def test_finding_5_translation_families(seeds, readme):
    markers = provenance.load_markers()
    families = provenance.article_families(provenance.quote_families(seeds.quotes, markers), seeds.articles, markers)
    family_of = dict(
        zip(seeds.articles.set_index("article_id").loc[families["article_id"], "label"], families["family"])
    )
    assert family_of == {
        "Breitbart": "Reuters",
        "RFE/RL": "mixed",
        "Newsweek": "Kremlin English",
        "The Independent": "Reuters",
        "Russia Monitor": "not applicable",
    }
    assert (
        "Newsweek prints the Kremlin's own English" in readme
        and "Breitbart and The Independent print Reuters'" in readme
    )


def test_finding_7_tone(seeds, readme):
    body = corpus.body(seeds.sentences)
    scored = sentiment.score_sentences(body)
    table = tone.by_outlet(scored, sentiment.score_parts(body), seeds.articles, seed=20170901)
    rows = table[(table["method"] == "vader_masked") & (table["voice"] == "all")]
    assert (rows["mean"] < 0).all() and f"from {rows['mean'].min():.2f} to {rows['mean'].max():.2f}" in readme
    assert tone.overlapping_pairs(rows)[1] == [] and "every pair of 95% intervals overlaps" in readme


@pytest.mark.parametrize(
    "figure", ["04_frame_packages", "04_roles_by_voice", "04_rule_scores", "05_statement_families"]
)
def test_readme_figures_exist(figure, readme):
    assert f"figures/{figure}.png" in readme and (paths.FIGURES_DIR / f"{figure}.png").is_file()
