"""Help texts' Markdown: plain paragraphs and simple lists take a quick way round the converter and
the sanitiser, with the same HTML."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from generator.render.markdown import converted, plain_html, render_markdown

# Letters (Dutch, with accents), digits, the punctuation the quick way accepts, and everything that
# means something to Markdown: emphasis, links, code, lists, headings, quotes, HTML, escapes, line
# breaks, indentation.
ALPHABET = "aAzZéëïĳ09 ,.;:?!'\"/%€()’‘“”–—…-\n\n\n*_[]`<>&#\\+=|~\t\r\u00a0"


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_the_quick_way_gives_what_the_converter_gives(text):
    quick = plain_html(text)
    if quick is not None:
        assert quick == converted(text)


# Texts that are nearly plain: words of safe characters in lines and paragraphs, a line now and then
# starting with what could open a list, a heading or code, or ending in spaces.
_WORD = st.text(alphabet="aAzZéëĳ09,.;:?!'\"/%€()’‘“”–—…-", min_size=1, max_size=8)
_LINE = st.tuples(st.sampled_from(["", "", "", "", "", "- ", "- ", "- ", "1. ", "9", "# ", "> ", "    ", "=", "+ ", "* "]),
                  st.sampled_from("aZéĳ"), st.lists(_WORD, min_size=1, max_size=6).map(" ".join),
                  st.sampled_from(["", "", "", "", "", " ", "  "])).map("".join)
_NEARLY_PLAIN = st.tuples(st.lists(_LINE, min_size=1, max_size=5),
                          st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=4, max_size=4),
                          st.sampled_from(["", "\n", "\n\n"])).map(
    lambda parts: "".join(line + gap for line, gap in zip(parts[0], parts[1])).rstrip("\n") + parts[2])


@settings(max_examples=1500, deadline=None)
@given(_NEARLY_PLAIN)
def test_nearly_plain_texts_give_what_the_converter_gives(text):
    quick = plain_html(text)
    if quick is not None:
        assert quick == converted(text)


@pytest.mark.parametrize("text", [
    "We hebben uw adres nodig om de vergunning te sturen.",
    "Uw BSN gebruiken we om u in de BRP op te zoeken (Wet BRP, artikel 2.38).\n",
    "Eerste alinea.\nNog een regel.\n\n\nTweede alinea: “zo” – of niet…\n",
    "Kosten: € 12,50 per jaar; 100% vergoed?",
    "U kunt dit online regelen.\n\n- Het duurt 10 minuten.\n- Houd uw DigiD bij de hand.\n",
    "- een\n- twee\n\nDaarna een alinea.\n\n- en weer een lijst",
])
def test_plain_sentences_take_the_quick_way(text):
    assert plain_html(text) == converted(text)


@pytest.mark.parametrize("text", [
    "Zie **hier**.",
    "Lees [de regels](https://example.nl).",
    "1. eerste\n2. tweede",
    "2024 was een goed jaar.",  # a line starting with a digit could be a list item
    "- een\n\n- twee",  # items apart: Markdown makes them paragraphs
    "Zie:\n- een",  # a paragraph and an item in one block: Markdown keeps it one paragraph
    "- een\nverder",
    "- - -",
    "Titel\n=====",
    "    code",
    "regel met twee spaties  \nvolgende",
    "a & b",
    "<b>vet</b>",
    "snake_case",
    "",
])
def test_anything_markdown_might_change_goes_to_the_converter(text):
    assert plain_html(text) is None


def test_rendered_html_is_the_same_either_way():
    text = "Wij gebruiken uw e-mailadres om u te antwoorden.\n\nDaarna wissen we het."
    assert render_markdown(text) == "<p>Wij gebruiken uw e-mailadres om u te antwoorden.</p>\n<p>Daarna wissen we het.</p>"
    assert render_markdown("Zie <script>x</script>**hier**.") == "<p>Zie <strong>hier</strong>.</p>"
