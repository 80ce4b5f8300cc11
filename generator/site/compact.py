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
_INDENTED_BREAK = re.compile(r"[ \t\r\n]*\n[ \t\r\n]*")
"""A line break with the blank lines and indentation around it."""


def compact_html(html: str) -> str:
    """``html`` with each line break and the white space around it written as one newline."""
    pieces = _KEPT.split(html)
    # split() returns text, then each kept element and its tag name, in turn.
    out = []
    for index in range(0, len(pieces), 3):
        out.append(_INDENTED_BREAK.sub("\n", pieces[index]))
        if index + 1 < len(pieces):
            out.append(pieces[index + 1])
    return "".join(out)
