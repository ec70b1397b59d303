"""Direct quotes: marks, spans, speakers and cues, checked against the hand gold of all five seed
texts (data/validation/seed_quote_gold.csv) and sentences in the shape of news copy."""

from __future__ import annotations

import pytest

from framing import evaluation, quotes, segment


def attribute(*paragraphs: str) -> list[tuple[str, quotes.Attribution]]:
    found = quotes.attribute_quotes([(p, segment.sentence_spans(p)) for p in paragraphs])
    return [(p[span.start : span.end], who) for p, in_p in zip(paragraphs, found) for span, who, _, _ in in_p]


def only(*paragraphs: str) -> quotes.Attribution:
    ((_, who),) = attribute(*paragraphs)
    return who


def quote(built, article_id: str, opening: str):
    found = built.quotes[(built.quotes["article_id"] == article_id) & built.quotes["text"].str.startswith(opening)]
    assert len(found) == 1, (article_id, opening)
    return found.iloc[0]


# --- the seed gold ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_matched(built):
    predicted = evaluation.with_lines(built)
    gold = evaluation.load_gold(evaluation.validation_dir() / evaluation.SEED_GOLD_FILE)
    return evaluation.match(gold, predicted), predicted


def test_every_seed_gold_quote_is_found_with_its_right_speaker(seed_matched):
    matched, predicted = seed_matched
    assert len(matched) == 40
    wrong = matched[matched["outcome"] != "exact"]
    assert wrong.empty, wrong[["article_id", "line_no", "quote", "speaker", "predicted_speaker", "outcome"]].to_string()
    scores = evaluation.scores(matched, predicted)
    assert (scores["found"], scores["predicted"], scores["n_speaker_exact"]) == (40, 40, 40)


def test_the_seed_gold_cue_is_the_cue_found(seed_matched, built):
    """The gold notes the cue a reader sees ('reading of the seed (cue: wrote)'); a reporting noun
    ('declaration') and continuation carry no verb cue."""
    matched, _ = seed_matched
    cues = built.quotes.set_index("quote_id")["cue"]
    for row in matched[matched["note"].str.contains(r"\(cue: ")].itertuples():
        read = row.note.split("(cue: ")[1].rstrip(")")
        found = cues[row.quote_id]
        assert found == ("" if read in ("continuation", "declaration") else read), (row.quote, found)


@pytest.mark.parametrize(
    "article_id, opening, unit_type, method, speaker",
    [
        (
            "001",
            "Large-Scale Conflict",
            "headline",
            "before_quote",
            "Vladimir Putin",
        ),  # 'Putin Says Threat Of 'Large-Scale Conflict' Looms'
        (
            "002",
            "Brink of Large-Scale Conflict",
            "headline",
            "after_quote",
            "Vladimir Putin",
        ),  # '... 'Brink of ...,' Putin Warns'
        (
            "003",
            "Provocations, pressure, and offensive",
            "standfirst",
            "after_quote",
            "Vladimir Putin",
        ),  # '..., Russian president warns'
        ("000", "Provocations, pressure and bellicose", "body", "continuation", "Vladimir Putin"),
        (
            "000",
            "all options are on the table",
            "body",
            "before_quote",
            "Donald Trump",
        ),  # Trump's declaration that "..."
    ],
)
def test_quotes_keep_their_unit_type_and_method(built, article_id, opening, unit_type, method, speaker):
    row = quote(built, article_id, opening)
    assert (row["unit_type"], row["attribution"], row["speaker"]) == (unit_type, method, speaker)


def test_quotes_spanning_sentences_list_every_sentence(built):
    spanning = built.quotes[built.quotes["sentence_ids"].str.contains(";")]
    assert sorted(spanning["speaker"]) == ["Donald Trump", "Georgy Toloraya", "Malcolm Turnbull", "Vladimir Putin"]
    assert (spanning["sentence_ids"].str.split(";").str[0] == spanning["sentence_id"]).all()


def test_continuation_quotes_inherit_the_previous_speaker(built):
    continued = built.quotes[built.quotes["attribution"] == "continuation"]
    assert list(continued["article_id"]) == ["000", "003"]
    assert set(continued["speaker"]) == {"Vladimir Putin"} and set(continued["cue"]) == {""}


def test_pronoun_he_resolves_to_the_person_named_in_the_sentence(built):
    # "Lavrov, who delivered a message similar to Putin’s ..., when he said" -> Lavrov, not Putin
    lavrov = quote(built, "000", "If we want")
    assert (lavrov["speaker"], lavrov["cue"], lavrov["attribution"]) == ("Sergey Lavrov", "said", "before_quote")


def test_a_body_and_the_person_it_speaks_for(built):
    moscow = quote(built, "002", "counterproductive and dangerous")
    assert (moscow["speaker"], moscow["speaker_kind"], moscow["speaker_alias"]) == ("Russia", "body", "Moscow")
    who = only("The Kremlin insisted that the drills were “provocative.”")
    assert (who.speaker, who.speaker_kind, who.speaker_group, who.speaks_for) == (
        "Kremlin",
        "body",
        "Russia",
        "Vladimir Putin",
    )


# --- quote marks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # mixed marks: straight opening, typographic closing (The Independent)
        (
            'Trump said the US had been "talking to North Korea for 25 years! Talking is not the answer!”',
            ["talking to North Korea for 25 years! Talking is not the answer!"],
        ),
        # apostrophes and possessives are not quotes
        ("the Americans’ attention from North Korea's programme and Russia’s", []),
        ("Pyongyang won't stop, and China's position is 'a dead end,' he said.", ["a dead end,"]),
        # single typographic quotes
        ("could spark ‘large-scale conflict’ with North Korea", ["large-scale conflict"]),
        # a scare quote and a partial quote in one sentence
        ("denounced as a “rash” and a “wild military act.”", ["rash", "wild military act."]),
        # an empty pair quotes no one
        ('Putin wrote "" and then "pressure is futile," he said.', ["pressure is futile,"]),
        # German low-high marks and French guillemets, each closed by its own partner
        (
            "The situation is balancing „on the brink of a large-scale conflict“, wrote Putin.",
            ["on the brink of a large-scale conflict"],
        ),
        ("Putin called pressure «misguided and futile» on Friday.", ["misguided and futile"]),
        # a single-quoted span inside a double-quoted one is part of it
        ("He said \"it is 'a dead end' now\" today.", ["it is 'a dead end' now"]),
    ],
)
def test_find_quote_spans(paragraph, expected):
    assert [paragraph[s.start : s.end] for s in quotes.find_quote_spans(paragraph)] == expected


def test_the_marks_are_recorded():
    double, single = quotes.find_quote_spans("“Fire and fury,” he said, and ‘dead end’ too.")
    assert (double.marks, double.closed, single.marks) == ("double", True, "single")


def test_unclosed_quote_runs_to_the_end_of_the_paragraph():
    text = "He wrote: “The first paragraph of a long quote"
    spans = quotes.find_quote_spans(text)
    assert len(spans) == 1 and not spans[0].closed and spans[0].end == len(text)


def test_a_double_quote_may_cross_sentence_breaks(built):
    toloraya = quote(built, "002", "Russian experts put most of the blame")
    assert toloraya["text"].endswith("seeing such threats as just a bluff,")
    assert len(toloraya["sentence_ids"].split(";")) == 2


def test_mask_quotes_blanks_quotes_and_marks_keeping_offsets():
    text = "Putin called it “futile” twice."
    masked = quotes.mask_quotes(text, quotes.find_quote_spans(text))
    assert masked == "Putin called it          twice." and len(masked) == len(text)


# --- attribution by the structure of the reporting clause -----------------------------------


@pytest.mark.parametrize(
    "paragraph, speaker, cue, method",
    [
        # post cue: inverted, plain, with a title, with an apposition
        ("“We will keep talking,” said Lavrov.", "Sergey Lavrov", "said", "after_quote"),
        ('"Pressure is futile," Japanese Prime Minister Shinzo Abe said.', "Shinzo Abe", "said", "after_quote"),
        (
            "“It is a mistake,” said Sergei Lavrov, the Russian foreign minister.",
            "Sergey Lavrov",
            "said",
            "after_quote",
        ),
        # pre cue, 'according to', a reporting noun's possessor
        ("The Kremlin insisted that the drills were “provocative.”", "Kremlin", "insisted", "before_quote"),
        ("According to Peskov, the talks were “useful”.", "Dmitry Peskov", "According to", "before_quote"),
        ("Trump’s declaration that “all options are on the table” alarmed Seoul.", "Donald Trump", "", "before_quote"),
        (
            "Putin said the crisis was “on the brink” and Trump called it “a disgrace”.",
            "Vladimir Putin",
            "said",
            "before_quote",
        ),
        # headline 'Name:' and a quote introduced by a colon
        ("Putin: Pressure on North Korea is “futile”", "Vladimir Putin", "", "headline_colon"),
        (
            "Korea expert Dr. Ulrich Hessel sees it critically: “Moscow wants to be seen as a peacemaker.”",
            "Ulrich Hessel",
            "",
            "colon",
        ),
        # a cue-less scare quote names no one
        ("Analysts called it “a road to nowhere”.", "", "called", "before_quote"),  # unnamed analysts: no name, a cue
    ],
)
def test_attribution_patterns(paragraph, speaker, cue, method):
    who = attribute(paragraph)[0][1]
    assert (who.speaker, who.cue, who.method) == (speaker, cue, method)


def test_each_quote_of_a_sentence_gets_its_own_cue():
    found = attribute("Putin said the crisis was “on the brink” and Trump called it “a disgrace”.")
    assert [(text, who.speaker, who.cue) for text, who in found] == [
        ("on the brink", "Vladimir Putin", "said"),
        ("a disgrace", "Donald Trump", "called"),
    ]


def test_a_cue_across_but_does_not_attribute_the_quote_before_it():
    """A cue after 'and' / 'but' opens a clause of its own: it does not reach back to the quote."""
    assert (only("“We will respond,” came the reply, then Lavrov said no.").speaker) == "Sergey Lavrov"
    assert (only("“We will respond,” came the reply, but Lavrov said no.").method) == "none"


def test_a_quote_filling_its_sentence_continues_the_speaker_of_the_paragraph_before():
    found = attribute("“Pressure is futile,” Putin wrote.", "“Dialogue is the only way.”")
    assert [(who.speaker, who.method) for _, who in found] == [
        ("Vladimir Putin", "after_quote"),
        ("Vladimir Putin", "continuation"),
    ]


def test_continuation_does_not_jump_over_a_paragraph():
    found = attribute(
        "“Pressure is futile,” Putin wrote.",
        "Analysts disagreed.",
        "Lavrov spoke later.",
        "“Dialogue is the only way.”",
    )
    assert found[-1][1].method == "none"


@pytest.mark.parametrize(
    "text_in, expected",
    [
        ("It is essential to resolve the region’s problems through direct dialogue", "full"),
        ("balanced on the verge of a large-scale conflict.", "partial"),
        ("All options", "partial"),
    ],
)
def test_quote_kind(text_in, expected):
    assert quotes.quote_kind(text_in) == expected


def test_quoted_share_separates_narration_from_quotes(built):
    sentences = built.sentences.set_index("sentence_id")
    quote_only = sentences[
        sentences["text"] == "“Provocations, pressure, and bellicose and offensive rhetoric is the road to nowhere.”"
    ]
    assert quote_only["quoted_share"].iloc[0] == pytest.approx(1 - 2 / len(quote_only["text"].iloc[0]), abs=1e-3)
    narration = sentences[sentences["text"].str.startswith("This prompted Japan to begin")]
    assert narration["quoted_share"].iloc[0] == 0
    assert narration["quote_spans"].iloc[0] == ""
    partial = sentences[sentences["text"].str.startswith("On September 22, Vladimir Putin’s spokesman")].iloc[0]
    inner = [
        partial["text"][a:b] for a, b in [tuple(map(int, s.split("-"))) for s in partial["quote_spans"].split(";")]
    ]
    assert inner == ["deep concern", "North Korean issue"]


def test_he_after_an_unnamed_subject_is_that_unnamed_person_not_the_last_named_one():
    found = attribute(
        "“We are watching closely,” said Kim Min-jun, a ministry spokesman.",
        "A senior diplomat, speaking on condition of anonymity, was more sceptical. “Talks are theatre,” he said.",
    )
    assert [(who.speaker, who.speaker_kind) for _, who in found] == [("Kim Min-jun", "person"), ("", "unnamed")]


def test_an_unnamed_subject_goes_on_through_a_pronoun_chain():
    found = attribute(
        "“We will help,” Mr Rao added.",
        "A trader at the port, who would not give his name, had the story on his phone. He shook his head. "
        "“Nobody here reads it,” he said.",
    )
    assert (found[-1][1].speaker, found[-1][1].speaker_kind) == ("", "unnamed")


@pytest.mark.parametrize(
    "paragraph",
    [
        "I raised it with a retired French diplomat over lunch, and he smiled. “They mean every word,” he said.",
        "I spoke to a Finnish envoy who said little at first, but she told me: “Nobody wants the first move.”",
    ],
)
def test_he_or_she_after_an_unnamed_person_in_the_same_sentence_is_that_person(paragraph):
    found = attribute("“We will help,” Mr Rao added.", paragraph)
    assert (found[-1][1].speaker, found[-1][1].speaker_kind) == ("", "unnamed")


def test_a_named_person_after_the_unnamed_one_takes_the_pronoun():
    found = attribute(
        "“We will help,” Mr Rao added.",
        "A junior aide passed the note to Foreign Minister Anna Berg, and she said: “We stand ready.”",
    )
    assert found[-1][1].speaker == "Anna Berg"


def test_a_role_noun_after_an_unnamed_subject_with_that_noun_is_the_same_unnamed_person():
    found = attribute(
        "“We will help,” Mr Rao added.",
        "A senior official, who did not wish to be named, spoke of the summit. “This is aimed at the host,” "
        "the official said.",
    )
    assert (found[-1][1].speaker, found[-1][1].speaker_kind) == ("", "unnamed")


def test_a_surname_alone_takes_the_full_name_the_text_gave_bare():
    found = attribute(
        "To Thomas Whitlock, the timing made his case. “Kim is in a hurry,” Whitlock says.",
    )
    assert [who.speaker for _, who in found] == ["Thomas Whitlock"]


def test_a_country_s_body_has_one_name_however_the_text_puts_it():
    found = attribute(
        "Japan's foreign ministry said it would “fully implement” the sanctions.",
        "The Japanese foreign ministry added that it was “watching closely”.",
    )
    assert [who.speaker.lower() for _, who in found] == ["japanese foreign ministry"] * 2


@pytest.mark.parametrize(
    "paragraphs, speaker",
    [
        (
            ("“I don’t trust Putin, but I’ll take talking over fighting.” That was the view of Ray Cruz, 63.",),
            "Ray Cruz",
        ),
        (
            ('"Whoever wants dialogue must first stop the tests." The demand came from the defence expert Anja Merz.',),
            "Anja Merz",
        ),
        # a quote over two paragraphs, its speaker named in the next one
        (
            ("“Every crisis looked like the last one.", "Those were the words of Ambassador Nilgün Karataş."),
            "Nilgün Karataş",
        ),
    ],
)
def test_a_sentence_after_the_quote_can_name_its_speaker(paragraphs, speaker):
    assert attribute(*paragraphs)[0][1].speaker == speaker


def test_that_is_followed_by_a_description_names_no_speaker():
    found = attribute(
        "The phrase that matters is “without any preconditions.” That was aimed at the American position."
    )
    assert found[0][1].speaker == ""


def test_she_does_not_refer_to_a_known_man():
    """actors.csv gives known people's gender, so 'she' skips Putin for the woman named before."""
    found = attribute("Anna Roe, a former diplomat, spoke first. Putin wrote the article. “It is theatre,” she said.")
    assert found[0][1].speaker == "Anna Roe"


def test_the_statement_speaks_for_whoever_issued_it():
    found = attribute(
        "In a statement, the governor’s office said it remained in “constant contact” with federal partners. "
        "“Guam is safe,” the statement said."
    )
    assert [who.speaker for _, who in found] == ["governor's office", "governor's office"]


def test_a_role_noun_that_names_nobody_the_text_knows_is_an_unnamed_speaker():
    found = attribute("YUKO ARAKAWA, TEACHER: The children asked me, “Will the rocket come back?” I told them no.")
    assert (found[0][1].speaker, found[0][1].speaker_kind) == ("", "unnamed")


def test_a_role_noun_followed_by_a_name_leaves_the_speaker_to_the_name():
    found = attribute("Also the Korea expert Dr. Ulrich Hessel sees it critically: “The roadmap is not new.”")
    assert found[0][1].speaker == "Ulrich Hessel"


def test_a_colon_intro_naming_someone_the_rules_cannot_resolve_does_not_continue_the_last_speaker():
    found = attribute(
        "Russian president says threats are “a dead end”",
        "Ex-Army chief tells the Blaze: “This is the closest we have come since Cuba”",
    )
    assert [(who.speaker, who.speaker_kind) for _, who in found] == [("Vladimir Putin", "person"), ("", "unnamed")]


def test_a_closing_cue_after_a_comma_reports_the_whole_sentence():
    found = attribute("Moscow was “ready to help” find a political solution, Peskov said.")
    assert (found[0][1].speaker, found[0][1].cue) == ("Dmitry Peskov", "said")


@pytest.mark.parametrize(
    "paragraph, speaker",
    [
        ("Defence expert Colonel Nigel Harcombe said: “It costs him nothing.”", "Nigel Harcombe"),
        ("“We don't talk about posture,” said Maj. Tom Ruskin, a Guard spokesman.", "Tom Ruskin"),
        (
            "The South African journalist Thandeka Mokoena was blunter. “It is not built for a bomb,” she said.",
            "Thandeka Mokoena",
        ),
    ],
)
def test_military_titles_and_role_nouns_are_no_part_of_the_name(paragraph, speaker):
    assert attribute(paragraph)[0][1].speaker == speaker


def test_it_says_is_the_body_the_text_is_about():
    found = attribute(
        "The Kremlin has put out a short readout of a meeting. "
        "The two leaders, it says, “discussed the situation in detail” and agreed to meet again."
    )
    assert found[0][1].speaker == "Kremlin"


def test_a_paragraph_ending_in_a_cue_and_a_colon_introduces_the_next_paragraph_s_quote():
    found = attribute(
        "Our diplomatic editor, Frances Mulvaney, writes:",
        "“Russia and China have spent two months pushing their plan.",
        "“Expect Moscow to argue the opposite.”",
    )
    assert [who.speaker for _, who in found] == ["Frances Mulvaney", "Frances Mulvaney"]


def test_a_role_noun_with_a_nationality_is_the_only_person_of_that_country_named():
    found = attribute(
        "Donald Trump has threatened Pyongyang before. Putin disagrees.",
        "On Wednesday the US president wrote on Twitter: “Talking is not the answer!”",
    )
    assert found[0][1].speaker == "Donald Trump"


def test_a_speaker_named_after_a_quote_run_over_paragraphs_gets_every_paragraph_of_it():
    found = attribute(
        "“Every crisis looked like the last one.",
        "“Putin writes ‘a dead end.’ For me it is more like a waiting room.”",
        "Those were the words of Ambassador Nilgün Karataş, speaking at her home.",
    )
    outer = [who.speaker for text, who in found if text != "a dead end."]
    assert outer == ["Nilgün Karataş", "Nilgün Karataş"]


def test_a_verb_first_cue_reaches_a_speaker_after_a_lower_case_modifier():
    found = attribute(
        "“It has been tested,” said state Rep. Carla Beaudette, a Republican whose district holds the base."
    )
    assert found[0][1].speaker == "Carla Beaudette"


def test_a_display_unit_s_quote_repeated_in_the_body_is_the_body_speaker_s():
    paragraphs = [
        "‘A war there is a war here’: Putin’s warning reaches Auckland",
        "Putin wrote that the region was “on the brink”.",
        "“A war there is a war here,” said Aroha Whitcombe, a nurse whose son serves in Korea.",
    ]
    found = quotes.attribute_quotes([(p, segment.sentence_spans(p)) for p in paragraphs])
    assert found[0][0][1].speaker != "Aroha Whitcombe"  # the headline alone does not say who
    quotes.credit_display_quotes(paragraphs, [True, False, False], found)
    assert (found[0][0][1].speaker, found[0][0][1].method) == ("Aroha Whitcombe", "repeated_in_body")
    assert found[1][0][1].speaker == "Vladimir Putin"


def test_a_one_word_display_quote_keeps_its_own_speaker():
    paragraphs = ["Putin calls pressure ‘futile’", "“It is not futile at all,” said Aroha Whitcombe, a nurse."]
    found = quotes.attribute_quotes([(p, segment.sentence_spans(p)) for p in paragraphs])
    quotes.credit_display_quotes(paragraphs, [True, False], found)
    assert found[0][0][1].speaker == "Vladimir Putin"


def test_a_definite_role_noun_fitting_nobody_is_the_paragraph_s_subject():
    found = attribute(
        "“We will help,” said Ola Dahl.",
        "Choi Min-seo grew up near the border. “We are not a map,” the lawmaker says.",
    )
    assert found[-1][1].speaker == "Choi Min-seo"


def test_a_role_noun_that_an_unnamed_speaker_s_words_hold_is_that_speaker_in_the_next_paragraph():
    found = attribute(
        "A senior official told reporters that Seoul had “read the article”. “It is not new,” the official said.",
        "Moon Jae-in will visit Vladivostok next week. The official said the issue would “naturally” come up.",
    )
    assert [(who.speaker, who.speaker_kind) for _, who in found][-1] == ("", "unnamed")


def test_a_closing_cue_s_speaker_may_hold_an_apposition_and_told_s_object_is_the_hearer():
    who = only(
        "Moon would “work closely with the community” on a response, his spokesman, Kang Min-seok, told reporters."
    )
    assert who.speaker == "Kang Min-seok"


def test_a_lone_capitalised_word_opening_a_sentence_does_not_hide_its_subject():
    found = attribute(
        "Ruth Okonkwo, a teacher, said she was “calm”.",
        "Back on College Road, Marsha Tillery was loading her pickup. Asked about the news, she laughed.",
        "“Honey, I live in Fairbanks,” she said.",
    )
    assert found[-1][1].speaker == "Marsha Tillery"


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # British style: double quotes nested in single ones are part of the outer quote
        (
            "‘They tell me, “Everything is normal here,” every day,’ she said.",
            ["They tell me, “Everything is normal here,” every day,"],
        ),
        (
            "‘When Putin writes “without preconditions”, he means ours,’ he said.",
            ["When Putin writes “without preconditions”, he means ours,"],
        ),
        # an opening single mark that never closes does not swallow a real double quote
        ("Fans of rock ‘n roll called it “a fine night”.", ["a fine night"]),
    ],
)
def test_a_double_quote_inside_a_single_quote_is_nested(paragraph, expected):
    assert [paragraph[s.start : s.end] for s in quotes.find_quote_spans(paragraph)] == expected
