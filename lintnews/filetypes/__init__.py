"""Formats whose prose is scattered through other text: Python string literals, HTML text.

Importing this package registers their parsers in :mod:`lintnews.document`; the modules that
do the work (and libcst) are imported only when a file of that kind is parsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lintnews.document import EXTRA_PARSERS, EXTRA_PARSERS_BY_SUFFIX

if TYPE_CHECKING:
    from lintnews.config import Settings
    from lintnews.document import Document


def _parse_python(path: str, text: str, settings: Settings | None = None) -> Document:
    from lintnews.filetypes.pysource import parse_python

    return parse_python(path, text, settings)


def _parse_html(path: str, text: str, settings: Settings | None = None) -> Document:
    from lintnews.filetypes.htmltext import parse_html

    return parse_html(path, text, settings)


EXTRA_PARSERS.setdefault("python", _parse_python)
EXTRA_PARSERS.setdefault("html", _parse_html)
for _suffix, _kind in ((".py", "python"), (".html", "html"), (".htm", "html")):
    EXTRA_PARSERS_BY_SUFFIX.setdefault(_suffix, _kind)
