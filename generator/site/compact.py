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


def compact_html(html: str) -> str:
    """``html`` with each line break and the white space around it written as one newline."""
    pieces = _KEPT.split(html)
    # split() returns text, then each kept element and its tag name, in turn.
    out = []
    for index in range(0, len(pieces), 3):
        out.append(_compact_text(pieces[index]))
        if index + 1 < len(pieces):
            out.append(pieces[index + 1])
    return "".join(out)


def _compact_text(text: str) -> str:
    """``text`` with each run of white space that holds a line break written as one newline.

    Line by line rather than by one expression, which would try a match at every space.
    """
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    middle = [stripped for line in lines[1:-1] if (stripped := line.strip(_BLANKS))]
    return "\n".join([lines[0].rstrip(_BLANKS), *middle, lines[-1].lstrip(_BLANKS)])
