"""Direct quotes: marks, spans, speakers and cues, checked against a reading of all five texts."""

from __future__ import annotations

import pytest

from framing import quotes, segment

# Every direct quote in the five bodies, read by hand: (article, opening words, speaker, cue).
READING = [
    ("000", "In Russia’s opinion, the calculation", "Vladimir Putin", "wrote"),
    ("000", "It is essential to resolve", "Vladimir Putin", "argued"),
    ("000", "Provocations, pressure and bellicose", "Vladimir Putin", ""),
    ("000", "balanced on the verge", "Vladimir Putin", "warned"),
    ("000", "all options are on the table", "Donald Trump", "declaration"),
    ("000", "talking is not the answer.", "Donald Trump", "declaration"),
    ("000", "rash", "North Korea", "denounced"),
    ("000", "wild military act.", "North Korea", "denounced"),
    ("000", "first military operation", "North Korea", "imply"),
    ("000", "If we want to avoid a war", "Sergey Lavrov", "said"),
    ("000", "such horrible developments.", "Sergey Lavrov", "suggested"),
    ("000", "If North Korea were to attack", "Malcolm Turnbull", "said"),
    ("001", "on the verge of a large-scale conflict.", "Vladimir Putin", "says"),
    ("001", "direct dialogue between all concerned parties", "Vladimir Putin", "said"),
    ("001", "Provocations, pressure, and bellicose, offensive", "Vladimir Putin", "wrote"),
    ("001", "all options", "Donald Trump", "said"),
    ("002", "on the brink of a large-scale conflict.", "Vladimir Putin", "warning"),
    ("002", "I have to say a few words", "Vladimir Putin", "wrote"),
    ("002", "misguided and futile.", "Vladimir Putin", "said"),
    ("002", "Russian experts put most of the blame", "Georgy Toloraya", "wrote"),
    ("002", "counterproductive and dangerous.", "Russia", "told"),
    ("002", "The region's problems should only be settled", "Vladimir Putin", "wrote"),
    ("002", "fire and fury.", "Donald Trump", "warned"),
    ("003", "large-scale conflict", "Vladimir Putin", "warned"),
    ("003", "It is essential to resolve", "Vladimir Putin", "wrote"),
    ("003", "Provocations, pressure, and bellicose and offensive", "Vladimir Putin", ""),
    ("003", "balanced on the verge of a large-scale conflict", "Vladimir Putin", "said"),
    ("003", "In Russia’s opinion the calculation", "Vladimir Putin", "wrote"),
    ("003", "ring of fire", "North Korea", "threatened"),
    ("003", "a meaningful prelude to containing Guam", "Kim Jong-un", "called"),
    ("003", "talking to North Korea, and paying them", "Donald Trump", "said"),
    ("004", "gentle suggestions and persuasion", "Russia", "According to"),
    ("004", "deep concern", "Dmitry Peskov", "expressed"),
    ("004", "North Korean issue", "Dmitry Peskov", "expressed"),
    ("004", "mild way and with the use of suggestions", "Sergey Lavrov", "said"),
    ("004", "dozens, if not hundreds of thousands", "Sergey Lavrov", "added"),
]


def test_every_quote_found_with_the_right_speaker_and_cue(built):
    found = [(q.article_id, q.text, q.speaker, q.cue) for q in built.quotes.itertuples()]
    assert len(found) == len(READING)
    for (aid, text, speaker, cue), (e_aid, opening, e_speaker, e_cue) in zip(found, READING):
        assert (aid, speaker, cue) == (e_aid, e_speaker, e_cue), text
        assert text.startswith(opening), text


def test_quotes_spanning_sentences_list_every_sentence(built):
    spanning = built.quotes[built.quotes["sentence_ids"].str.contains(";")]
    assert sorted(spanning["speaker"]) == ["Donald Trump", "Georgy Toloraya", "Malcolm Turnbull", "Vladimir Putin"]
    assert (spanning["sentence_ids"].str.split(";").str[0] == spanning["sentence_id"]).all()


def test_continuation_quotes_inherit_the_previous_speaker(built):
    continued = built.quotes[built.quotes["attribution"] == "continuation"]
    assert list(continued["article_id"]) == ["000", "003"]
    assert set(continued["speaker"]) == {"Vladimir Putin"}


def test_pronoun_he_resolves_to_the_person_named_in_the_sentence(built):
    lavrov = built.quotes[built.quotes["text"].str.startswith("If we want")].iloc[0]
    # "Lavrov, who delivered a message similar to Putin’s ..., when he said" -> Lavrov, not Putin
    assert (lavrov["speaker"], lavrov["attribution"]) == ("Sergey Lavrov", "before_quote+pronoun")


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # mixed marks: straight opening, typographic closing (The Independent)
        ('Trump said the US had been "talking to North Korea for 25 years! Talking is not the answer!”',
         ["talking to North Korea for 25 years! Talking is not the answer!"]),
        # apostrophes and possessives are not quotes
        ("the Americans’ attention from North Korea's programme and Russia’s", []),
        ("Pyongyang won't stop, and China's position is 'a dead end,' he said.", ["a dead end,"]),
        # single typographic quotes
        ("could spark ‘large-scale conflict’ with North Korea", ["large-scale conflict"]),
        # a scare quote and a partial quote in one sentence
        ("denounced as a “rash” and a “wild military act.”", ["rash", "wild military act."]),
        # an empty pair quotes no one (it used to be attributed, and shift later quotes' speakers)
        ('Putin wrote "" and then "pressure is futile," he said.', ["pressure is futile,"]),
    ],
)
def test_find_quote_spans(paragraph, expected):
    assert [paragraph[s.start : s.end] for s in quotes.find_quote_spans(paragraph)] == expected


def test_unclosed_quote_runs_to_the_end_of_the_paragraph():
    spans = quotes.find_quote_spans("He wrote: “The first paragraph of a long quote")
    assert len(spans) == 1 and not spans[0].closed and spans[0].end == len("He wrote: “The first paragraph of a long quote")


def _attribute(paragraph: str):
    ((span, who, _, _),) = quotes.attribute_quotes([(paragraph, segment.sentence_spans(paragraph))])[0]
    return who


@pytest.mark.parametrize(
    "paragraph, speaker, cue, method",
    [
        ("“We will keep talking,” said Lavrov.", "Sergey Lavrov", "said", "after_quote"),
        ("The Kremlin insisted that the drills were “provocative.”", "Russia", "insisted", "before_quote"),
        ("According to Peskov, the talks were “useful”.", "Dmitry Peskov", "According to", "before_quote"),
        ("Analysts called it “a road to nowhere”.", "", "", "none"),
    ],
)
def test_attribution_patterns(paragraph, speaker, cue, method):
    who = _attribute(paragraph)
    assert (who.speaker, who.cue, who.method) == (speaker, cue, method)


@pytest.mark.parametrize(
    "text_in, expected",
    [("It is essential to resolve the region’s problems through direct dialogue", "full"),
     ("balanced on the verge of a large-scale conflict.", "partial"), ("All options", "partial")],
)
def test_quote_kind(text_in, expected):
    assert quotes.quote_kind(text_in) == expected


def test_quoted_share_separates_narration_from_quotes(built):
    sentences = built.sentences.set_index("sentence_id")
    quote_only = sentences[sentences["text"] == "“Provocations, pressure, and bellicose and offensive rhetoric is the road to nowhere.”"]
    assert quote_only["quoted_share"].iloc[0] == pytest.approx(1 - 2 / len(quote_only["text"].iloc[0]), abs=1e-3)
    narration = sentences[sentences["text"].str.startswith("This prompted Japan to begin")]
    assert narration["quoted_share"].iloc[0] == 0
    assert narration["quote_spans"].iloc[0] == ""
    partial = sentences[sentences["text"].str.startswith("On September 22, Vladimir Putin’s spokesman")].iloc[0]
    inner = [partial["text"][a:b] for a, b in [tuple(map(int, s.split("-"))) for s in partial["quote_spans"].split(";")]]
    assert inner == ["deep concern", "North Korean issue"]
