r"""Text safe to show on a terminal or write as a log line: the one place control characters are made visible.

A title in sources.toml, a file name or an article's metadata can hold terminal escapes (`\x1b[2J`
clears the screen, `\x1b]0;…\x07` retitles the window), C1 controls that some terminals obey, bidi
overrides that reorder what is shown, or a newline that forges a log line or breaks a report line.
Every such character is written as its escape (`\x1b`, `\n`, `\u202e`), so it is seen and never obeyed;
all other text, accents and emoji included, is left as it is.
"""

from __future__ import annotations

import logging
import re

# The bidi embeddings, overrides and isolates (they reorder what a line shows) and the line and paragraph
# separators (they break it), after the C0 and C1 controls and DEL.
_FORMATTING = "\u2028\u2029\u202a-\u202e\u2066-\u2069"
_ANY_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_FORMATTING}]")
# The same but tab and line feed, which a block of several lines keeps.
_UNSAFE_IN_BLOCK = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_FORMATTING}]")
# What JSON written with ensure_ascii=False still carries raw: json escapes C0 itself, never these.
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_FORMATTING}]")
# A log message's own line breaks: each further line is indented, so none can pass for a record of its own.
LOG_CONTINUATION = "\n    "


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def one_line(text: str) -> str:
    """Text for one line of output (a name, a title, a path): every control character escaped, newlines too."""
    return _ANY_UNSAFE.sub(_escape, text)


def printable(text: str) -> str:
    """A block of output: control characters escaped, its own line breaks and tabs kept."""
    return _UNSAFE_IN_BLOCK.sub(_escape, text)


def json_printable(dumped: str) -> str:
    r"""JSON text from `json.dumps(..., ensure_ascii=False)` with the controls it leaves raw as \u escapes.

    They can only stand inside strings, where `\uXXXX` means the same character, so the JSON is unchanged.
    """
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


class PrintableFormatter(logging.Formatter):
    """Log records as lines that cannot forge another: controls escaped, further lines indented."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's own name)
        """The record's line, its message made printable first."""
        record.message = printable(record.message).replace("\n", LOG_CONTINUATION)
        return super().formatMessage(record)

    def formatException(self, ei: logging._SysExcInfoType) -> str:  # noqa: N802 (logging's own name)
        """A traceback, its lines kept, the controls of its text (a file name, a message) escaped."""
        return printable(super().formatException(ei))
