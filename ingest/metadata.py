"""Title, outlet, date and authors (placeholder: first non-empty line is the title)."""
from __future__ import annotations

from typing import Any


def find_metadata(text: str, hints: dict[str, Any] | None = None) -> dict[str, Any]:
    hints = hints or {}
    title = hints.get("title") or next((l.strip() for l in text.splitlines() if l.strip()), "")
    return {"title": title, "outlet": hints.get("outlet", ""), "published": hints.get("published", ""),
            "authors": [], "url": hints.get("url", "")}
