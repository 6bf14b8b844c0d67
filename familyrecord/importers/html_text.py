"""HTML e-mail bodies turned into readable plain text (stdlib html.parser only).

Paragraphs and headings become blank-line separated blocks, <br> a line break, list items
"- item" (or "1. item"), table rows one per line with cells apart; links keep their words;
scripts, styles and the head are dropped. Nothing is fetched (images, links stay untouched).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table",
                     "ul", "ol", "dl", "section", "article", "header", "footer", "address", "hr",
                     "form", "fieldset", "center", "main", "nav", "aside", "figure", "body"})
_LINES = frozenset({"tr", "dt", "dd", "caption", "li"})
_DROPPED = frozenset({"script", "style", "head", "title", "noscript", "template", "svg", "object",
                      "iframe", "xml"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"})
MAX_HTML_CHARS = 5_000_000
_NESTED_ITEM = re.compile(r"^ +(- |\d+\. )")


class _TextMaker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping = 0
        self.pre = 0
        self.lists: list[list[int]] = []  # per open list: [is_ordered, next number]
        self.cell_open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropping += tag not in _VOID
            return
        if self.dropping:
            return
        if tag == "br":
            self.out.append("\n")
        elif tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 1])
            self._break(2 if len(self.lists) == 1 else 1)
        elif tag == "li":
            self._break(1)
            indent = "  " * max(0, len(self.lists) - 1)
            if self.lists and self.lists[-1][0]:
                self.out.append(f"{indent}{self.lists[-1][1]}. ")
                self.lists[-1][1] += 1
            else:
                self.out.append(f"{indent}- ")
        elif tag in ("td", "th"):
            if self.cell_open:
                self.out.append("\t")
            self.cell_open = True
        elif tag == "tr":
            self._break(1)
            self.cell_open = False
        elif tag in _BLOCKS:
            self._break(2)
            self.pre += tag == "pre"
        elif tag in _LINES:
            self._break(1)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - (tag not in _VOID))
            return
        if self.dropping:
            return
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self._break(2 if not self.lists else 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
            self._break(2)
        elif tag in _BLOCKS:
            self._break(2)
        elif tag in _LINES:
            self._break(1)

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if self.pre:
            self.out.append(data)
        else:
            self.out.append(re.sub(r"[ \t\r\n\f\v]+", " ", data))

    def _break(self, newlines: int) -> None:
        """End the current line (1) or paragraph (2); repeated breaks do not pile up."""
        have = 0
        for piece in reversed(self.out):
            kept = piece.rstrip(" \n")
            have += piece[len(kept):].count("\n")
            if kept:
                break
        else:
            return  # nothing written yet: no blank lines at the top
        if have < newlines:
            self.out.append("\n" * (newlines - have))


def html_to_text(html: str) -> str:
    """Readable text from an HTML body (a fragment or a whole page)."""
    maker = _TextMaker()
    maker.feed(html[:MAX_HTML_CHARS])
    maker.close()
    lines = [line.replace("\xa0", " ").rstrip() for line in "".join(maker.out).split("\n")]
    text = "\n".join(line if _NESTED_ITEM.match(line) else line.lstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
