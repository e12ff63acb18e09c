"""Discord's message limits as the real API enforces them: a violation is 400 Invalid Form Body."""

from __future__ import annotations

from typing import Any


def message_problems(payload: dict[str, Any]) -> list[str]:
    """Every limit a message payload breaks."""
    problems = []
    if len(payload.get("content") or "") > 2000:
        problems.append("content over 2000")
    embeds = payload.get("embeds") or []
    if len(embeds) > 10:
        problems.append("more than 10 embeds")
    total = 0
    for embed in embeds:
        title, description = embed.get("title") or "", embed.get("description") or ""
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        fields = embed.get("fields") or []
        problems += [f"{what} over {limit}" for what, text, limit in (
            ("title", title, 256), ("description", description, 4096), ("footer", footer, 2048),
            ("author", author, 256)) if len(text) > limit]
        if len(fields) > 25:
            problems.append("more than 25 fields")
        for f in fields:
            if not f.get("name") or len(f["name"]) > 256:
                problems.append("field name empty or over 256")
            if not f.get("value") or len(f["value"]) > 1024:
                problems.append("field value empty or over 1024")
        total += len(title) + len(description) + len(footer) + len(author) + sum(
            len(f.get("name") or "") + len(f.get("value") or "") for f in fields)
    if total > 6000:
        problems.append("embeds over 6000 in total")
    rows = payload.get("components") or []
    if len(rows) > 5:
        problems.append("more than 5 rows")
    for row in rows:
        buttons = row.get("components") or []
        if len(buttons) > 5:
            problems.append("more than 5 buttons in a row")
        for b in buttons:
            if len(b.get("custom_id") or "") > 100 or len(b.get("label") or "") > 80:
                problems.append("custom_id over 100 or label over 80")
    return problems


def refusal(payload: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
    """Discord's answer to a message payload breaking a limit, or None when it breaks none."""
    problems = message_problems(payload)
    return (400, {"code": 50035, "message": "Invalid Form Body", "errors": problems}) if problems else None
