"""Content prose made safe for the page: Markdown stays, raw HTML and script links do not.

Editors write Markdown; a page must never run anything that came from content. So `<` is escaped
(no raw HTML) and every link target must be a plain web address, an e-mail address, or a path or
anchor inside the site: `javascript:`, `data:` and entity tricks (`&#58;`) become `#`.
"""

from __future__ import annotations

import re

# Inline links "](target" and reference definitions "[id]: target".
LINK_TARGET = re.compile(r"(\]\(\s*<?|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?)([^\s)>]*)", re.MULTILINE)
SAFE_SCHEMES = ("http:", "https:", "mailto:")


def safe_target(url: str) -> str:
    if re.search(r"&#|&[A-Za-z]+;|\\|%[0-9A-Fa-f]{2}", url):
        return "#"
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    if ":" in head and not url.lower().startswith(SAFE_SCHEMES):
        return "#"
    return url


def safe_markdown(text: str) -> str:
    """Markdown without raw HTML and without links that could run script."""
    escaped = text.replace("<", "&lt;")
    return LINK_TARGET.sub(lambda m: m.group(1) + safe_target(m.group(2)), escaped)
