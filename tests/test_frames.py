"""Frame codebook, responsibility roles and voice, frame profiles: on the real texts and small hand cases."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import frames, rhetoric


@pytest.fixture(scope="module")
def tables(built):
    """The corpus tables built from data/raw by the current code (not the committed outputs)."""
    return built


@pytest.fixture(scope="module")
def roles(tables):
    return frames.role_table(tables.sentences, tables.quotes, tables.articles)


@pytest.fixture(scope="module")
def profile(tables):
    evidence = frames.build_evidence(tables.sentences, tables.quotes, tables.articles, rhetoric.match_sentences(tables.sentences))
    found = frames.frame_evidence(frames.frame_codebook(), evidence)
    return frames.frame_profile(frames.frame_codebook(), found, tables.articles)


def one_sentence(text: str, quotes: pd.DataFrame | None = None, spans: str = "") -> frames.Sentence:
    sentences = pd.DataFrame({"sentence_id": ["x-001"], "article_id": ["x"], "text": [text], "quote_spans": [spans]})
    quotes = quotes if quotes is not None else pd.DataFrame(columns=["quote_id", "sentence_ids", "speaker", "speaker_group"])
    return frames.build_sentences(sentences, quotes)[0]


# --- codebook ----------------------------------------------------------------------------------

def test_codebook_holds_entman_functions_and_the_twenty_semetko_valkenburg_items():
    book = frames.frame_codebook()
    entman = book[book["scheme"] == "Entman 1993"]
    assert set(entman["frame"]) == {"problem definition", "causal interpretation", "moral evaluation", "treatment recommendation"}
    sv = book[book["scheme"] == "Semetko & Valkenburg 2000"]
    assert len(sv) == 20
    assert sv["frame"].value_counts().to_dict() == {"responsibility": 5, "human interest": 5, "conflict": 4, "morality": 3,
                                                   "economic consequences": 3}
    assert "Does one party-individual-group-country reproach another?" in set(sv["question"])
    assert "Does the story suggest solution(s) to the problem/issue?" in set(sv["question"])


def test_every_item_has_a_parsable_rule_or_a_reason_and_a_source():
    book = frames.frame_codebook()
    assert (book["source"] != "").all()
    none = book[book["rule_type"] == "none"]
    assert (none["reason"].str.len() > 20).all() and (none["rule"] == "").all()
    for rule in book.loc[book["rule_type"] != "none", "rule"]:
        assert frames.parse_rule(rule)
    term_items = {frames.parse_rule(r)["terms"] for r in book["rule"] if "terms=" in r}
    assert term_items <= set(frames.resources.load_lexicon("frame_terms.csv")["category"])


def test_parse_rule_rejects_unknown_keys():
    assert frames.parse_rule("role=cause;actor=Russia") == {"role": "cause", "actor": "Russia"}
    with pytest.raises(ValueError, match="unknown rule keys"):
        frames.parse_rule("role=cause;colour=red")


# --- roles and voice on the real texts ---------------------------------------------------------

@pytest.mark.parametrize(
    "sentence_id, actor, role, voice, speaker",
    [
        # RFE/RL narrates Moscow's view: the blame of the US is Russia's, not RFE/RL's
        ("001-009", "United States", "cause", "attributed paraphrase", "Russia"),
        ("001-009", "South Korea", "cause", "attributed paraphrase", "Russia"),  # "U.S.-South Korean military drills are provocative"
        ("002-006", "United States", "cause", "direct quote", "Georgy Toloraya"),
        ("001-002", "United States", "cause", "attributed paraphrase", "Vladimir Putin"),  # "Putin obliquely criticized U.S. warnings"
        ("004-001", "Russia", "cause", "own narration", "Russia Monitor"),  # "Russia contributes to such a state of matters"
        ("004-005", "Russia", "cause", "own narration", "Russia Monitor"),  # "Moscow plays with fire"
        ("004-017", "Russia", "cause", "own narration", "Russia Monitor"),  # "Russia, which has helped North Korea to develop"
        ("004-015", "Kim Jong-un", "cause", "own narration", "Russia Monitor"),  # "encourages Kim Jong-un to further escalate"
        ("004-002", "United States", "cause", "attributed paraphrase", "Russia"),  # "According to ... Moscow ... done by Washington"
        ("003-005", "United States", "resolver", "attributed paraphrase", "Sergey Lavrov"),  # "Washington not Pyongyang should take the initiative"
        ("001-010", "China", "resolver", "attributed paraphrase", "Vladimir Putin"),  # "a roadmap drawn up by Russia and China"
        ("002-012", "China", "resolver", "own narration", "Newsweek"),  # "China's, which ... but has called for moderation"
        ("003-008", "North Korea", "cause", "own narration", "The Independent"),  # cue 'warning' blocked by 'after'
    ],
)
def test_roles_found_in_real_sentences(roles, sentence_id, actor, role, voice, speaker):
    found = roles[(roles["sentence_id"] == sentence_id) & (roles["actor"] == actor) & (roles["role"] == role)]
    assert found[["voice", "speaker"]].values.tolist() == [[voice, speaker]]


@pytest.mark.parametrize(
    "sentence_id, actor",
    [
        ("004-005", "North Korea"),  # "While quietly supporting Pyongyang, Moscow plays with fire": Pyongyang is an object
        ("000-001", "North Korea"),  # "pressure against the North Korean regime is likely to provoke": object of 'against'
        ("004-010", "United States"),  # "the United States will not attack North Korea": negated, and no trigger
        ("003-005", "North Korea"),  # "Washington not Pyongyang should take the initiative"
        ("004-001", "United States"),  # "The conflict between North Korea and the United States seems to intensify and Russia contributes"
    ],
)
def test_no_role_for_objects_negations_and_contrasts(roles, sentence_id, actor):
    assert roles[(roles["sentence_id"] == sentence_id) & (roles["actor"] == actor)].empty


def test_a_negated_trigger_is_dropped(roles):
    # "it does not have any intention of starting a great war": no 'starting .. war' role in 004-005
    assert not roles["trigger"].str.contains("starting", case=False).any()


def test_every_coded_role_has_been_read_and_judged(roles):
    judged = frames.resources.load_lexicon("responsibility_validation.csv")
    coded = set(map(tuple, roles[["sentence_id", "actor", "role", "voice"]].values))
    read = set(map(tuple, judged.loc[judged["judgement"] != "missed", ["sentence_id", "actor", "role", "voice"]].values))
    assert coded == read


@pytest.mark.parametrize(
    "text_in, start_word, expected",
    [
        ("According to Sergey Lavrov, the United States will resolve the crisis.", "resolve", ("attributed paraphrase", "Sergey Lavrov")),
        ("Moscow has told Washington that sanctions are counterproductive.", "sanctions", ("attributed paraphrase", "Russia")),
        ("Lavrov, the Russian foreign minister, echoed Mr Putin, saying Washington should act.", "Washington", ("attributed paraphrase", "Sergey Lavrov")),
        ("Pyongyang fired a missile after Putin said so.", "fired", ("own narration", "Outlet")),
        ("The Russian President's warning comes after Pyongyang fired a missile.", "fired", ("own narration", "Outlet")),
    ],
)
def test_voice_of_a_span(text_in, start_word, expected):
    s = one_sentence(text_in)
    start = text_in.index(start_word)
    voice, speaker, _ = frames.voice_at(s, start, start + len(start_word), "Outlet")
    assert (voice, speaker) == expected


def test_voice_inside_quotes_names_the_quote_speaker():
    text = 'Kim is playing "dangerous brinkmanship," Turnbull said, referring to the dictator.'
    closing = text.index(',"') + 1
    spans = f"{text.index('dangerous')}-{closing}"
    quotes = pd.DataFrame({"quote_id": ["x-q01"], "sentence_ids": ["x-001"], "speaker": ["Malcolm Turnbull"], "speaker_group": ["Australia"]})
    s = one_sentence(text, quotes, spans)
    start = text.index("brinkmanship")
    assert frames.voice_at(s, start, start + 12, "Outlet")[:2] == ("direct quote", "Malcolm Turnbull")
    # after a postposed cue ('..." Turnbull said, referring to'), the gloss is the outlet's own
    start = text.index("dictator")
    assert frames.voice_at(s, start, start + 8, "Outlet")[0] == "own narration"


@pytest.mark.parametrize(
    "text_in, trigger, expected",
    [
        ("This position only encourages Kim Jong-un to further escalate the conflict.", "escalate", ["Kim Jong-un"]),
        ("Russia, which has helped North Korea to develop missiles, has supported the regime.", "supported", ["Russia"]),
        ("U.S.-South Korean military drills are provocative.", "are provocative", ["United States", "South Korea"]),
        ("The conflict between North Korea and the United States seems to intensify and Russia contributes to it.", "contributes", ["Russia"]),
    ],
)
def test_subject_rules(text_in, trigger, expected):
    s = one_sentence(text_in)
    start = text_in.index(trigger)
    clause = frames.clause_of(frames.clause_bounds(s), start)
    assert [m.actor for m in frames.subject_of(s, clause, start)] == expected


def test_object_and_agent_slots():
    s = one_sentence("Moscow assigned the blame for the tension to the United States.")
    rows = [(r["actor"], r["role"], r["slot"], r["voice"], r["speaker"]) for r in frames.sentence_roles(s, "Outlet")]
    assert rows == [("United States", "cause", "object", "attributed paraphrase", "Russia")]  # the blamer is the source
    s = one_sentence("Beijing welcomed a roadmap drawn up by Russia and China.")
    rows = [(r["actor"], r["role"], r["slot"], r["voice"]) for r in frames.sentence_roles(s, "Outlet")]
    assert rows == [("Russia", "resolver", "agent", "own narration"), ("China", "resolver", "agent", "own narration")]


# --- profiles --------------------------------------------------------------------------------

def value(profile, item_id, label):
    row = profile[(profile["item_id"] == item_id) & (profile["label"] == label)]
    return row["value"].item(), row["n_sentences"].item()


def test_profile_codes_real_differences(profile):
    assert value(profile, "en_cause_4", "Russia Monitor") == ("yes", 3)  # Russia as cause, in its own narration
    assert value(profile, "sv_conf_4", "Russia Monitor")[0] == "yes"  # winners and losers: "Russia would lose its buffer"
    assert value(profile, "sv_conf_4", "wire_report (pooled)") == ("no", 0)
    assert value(profile, "sv_hum_5", "RFE/RL") == ("not coded", 0)
    assert value(profile, "sv_conf_1", "Russia Monitor") == ("no", 0)


def test_pooled_rows_count_articles_of_each_group(profile):
    pooled = profile[(profile["unit"] == "group") & (profile["item_id"] == "en_cause_1")].set_index("group")
    assert pooled.loc["wire_report", "n_articles"] == 4 and pooled.loc["analysis", "n_articles"] == 1
    assert pooled.loc["wire_report", "n_articles_yes"] == 2  # RFE/RL and Newsweek cast the US as a cause


def test_profile_follows_the_group_column_and_takes_a_sixth_text(tables):
    articles = tables.articles.copy()
    extra = tables.sentences[tables.sentences["article_id"] == "004"].assign(
        article_id="005", sentence_id=lambda t: t["sentence_id"].str.replace("004-", "005-"))
    extra_quotes = tables.quotes[tables.quotes["article_id"] == "004"].assign(
        article_id="005", sentence_ids=lambda t: t["sentence_ids"].str.replace("004-", "005-"))
    more = pd.concat([articles, articles[articles["article_id"] == "004"].assign(article_id="005", label="Second analysis")])
    flipped = more.assign(group=more["article_id"].map(lambda a: "analysis" if a in ("001", "004", "005") else "wire_report"))
    sentences = pd.concat([tables.sentences, extra], ignore_index=True)
    quotes = pd.concat([tables.quotes, extra_quotes], ignore_index=True)
    evidence = frames.build_evidence(sentences, quotes, flipped, rhetoric.match_sentences(sentences))
    book = frames.frame_codebook()
    profile = frames.frame_profile(book, frames.frame_evidence(book, evidence), flipped)
    pooled = profile[(profile["unit"] == "group") & (profile["item_id"] == "en_cause_4")].set_index("group")
    assert pooled.loc["analysis", "n_articles"] == 3 and pooled.loc["analysis", "n_articles_yes"] == 2
    assert pooled.loc["analysis", "n_sentences"] == 6  # 3 in Russia Monitor and 3 in its copy
    assert value(profile, "en_cause_4", "Second analysis") == ("yes", 3)


def test_responsibility_by_voice_separates_speakers(roles, tables):
    table = frames.responsibility_by_voice(roles, tables.articles)
    us = table[(table["actor_group"] == "United States") & (table["role"] == "cause")]
    reports = us[us["group"] == "wire_report"]
    assert set(reports["voice"]) == {"attributed paraphrase", "direct quote"}  # never the reports' own claim
    assert set("; ".join(reports["speaker_groups"]).split("; ")) == {"Russia"}
    ru = table[(table["actor_group"] == "Russia") & (table["role"] == "cause") & (table["group"] == "analysis")]
    assert ru[["voice", "n_sentences"]].values.tolist() == [["own narration", 3]]
