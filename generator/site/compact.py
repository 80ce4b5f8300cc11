"""Finished pages without the theme's indentation: blank lines and indents become one newline.

White space is left as it is inside the elements where it is shown or meant (``pre``,
``textarea``, ``code``, ``script``).

Material's templates indent every line and leave a blank line for each skipped block: about a
sixth of an incident page's bytes. A browser renders the page the same either way, since a run
of white space that holds a newline reads as one space wherever the run is not kept.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|code|script)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
"""Elements whose white space is kept as it is; the group holds the whole element."""
_BLANKS = " \t\r"
"""White space beside a line break that goes with it (with the break, it is blank lines)."""
_LOOSE = ("\n ", " \n", "\n\t", "\t\n", "\n\r", "\r\n", "\n\n")
"""What text holds where a line break has other white space beside it: left alone, text
without any of these is compact already."""
_CONTENT = re.compile(r"(</?article\b)")
"""The start of the theme's content element's tags: each side of one is compacted apart."""


def compact_html(html: str) -> str:
    """``html`` with each line break and the white space around it written as one newline."""
    pieces = _KEPT.split(html)
    # split() returns text, then each kept element and its tag name, in turn.
    out = []
    for index in range(0, len(pieces), 3):
        # The content (the sanitizer's output of the generator's blocks) is mostly compact
        # already, so it is looked at apart from the theme's indented markup around it.
        out += [_compact_text(part) for part in _content_parts(pieces[index])]
        if index + 1 < len(pieces):
            out.append(pieces[index + 1])
    return "".join(out)


def _content_parts(text: str) -> list[str]:
    """``text`` cut before each start and end tag of the content element (never in a space)."""
    cut = _CONTENT.split(text)
    return [cut[0], *(cut[index] + cut[index + 1] for index in range(1, len(cut), 2))]


def _compact_text(text: str) -> str:
    """``text`` with each run of white space that holds a line break written as one newline.

    Line by line rather than by one expression, which would try a match at every space.
    """
    if not any(loose in text for loose in _LOOSE):
        return text
    lines = text.split("\n")
    middle = [stripped for line in lines[1:-1] if (stripped := line.strip(_BLANKS))]
    return "\n".join([lines[0].rstrip(_BLANKS), *middle, lines[-1].lstrip(_BLANKS)])
