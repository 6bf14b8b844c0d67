"""The words that differ, marked in the text the comparison shows: every span marked once (joined
where they overlap), the rest of the text exactly as given (escaped, line breaks kept)."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from familyrecord.ui.minutes.highlight import LIGHT_MARK, marked_html
from familyrecord.views.minutes import Span

MARK = re.compile(r'<span style="[^"]*">(.*?)</span>', re.S)


def _plain(marked: str) -> str:
    return html.unescape(MARK.sub(r"\1", marked).replace("<br>", "\n"))


def test_spans_are_marked_and_joined_where_they_overlap() -> None:
    text = "Contact will continue once a week at the family centre."
    marked = marked_html(text, [Span(22, 33), Span(27, 33), Span(200, 210)])
    assert MARK.findall(marked) == ["once a week"]
    assert LIGHT_MARK[0] in marked and "font-weight:600" in marked
    assert marked_html("Mum & <Dad>\nsaid", [Span(0, 3)]).endswith("&amp; &lt;Dad&gt;<br>said")


@given(st.text(max_size=80), st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90)), max_size=6))
def test_any_text_and_spans_keep_the_words(text: str, bounds: list[tuple[int, int]]) -> None:
    spans = [Span(a, b) for a, b in bounds]
    marked = marked_html(text, spans)
    assert _plain(marked) == text
    inside = any(max(0, s.start) < min(len(text), s.end) for s in spans)
    assert bool(MARK.findall(marked)) == inside
