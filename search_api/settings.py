"""Settings of the API, read from the environment once, in `Settings.from_env()`.

    DANGJIAN_STORE            store location (folder or http(s) URL)     [data]
    DANGJIAN_API_KEY          key for POST /documents and POST /ingest    [unset: writes refused]
    DANGJIAN_MAX_UPLOAD_MB    largest accepted request body, in MB        [20]
    DANGJIAN_MAX_FILES        most files in one POST /ingest              [50]
    DANGJIAN_PUBLIC_URL       prefix of links in exports                  [""]
    DANGJIAN_CACHE_SECONDS    life of cached /search and /compare answers [10; 0 = off]
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Settings:
    store: str = "data"
    api_key: str = ""
    max_upload_bytes: int = 20 * 1024 * 1024
    max_files: int = 50
    public_url: str = ""
    cache_seconds: float = 10.0
    title: str = "dangjian search API"
    store_options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        try:
            max_mb = float(env.get("DANGJIAN_MAX_UPLOAD_MB", "20"))
            max_files = int(env.get("DANGJIAN_MAX_FILES", "50"))
            cache_seconds = float(env.get("DANGJIAN_CACHE_SECONDS", "10"))
        except ValueError as exc:
            raise ValueError(f"DANGJIAN_MAX_UPLOAD_MB, DANGJIAN_MAX_FILES and DANGJIAN_CACHE_SECONDS must be numbers: {exc}") from None
        store = env.get("DANGJIAN_STORE") or "data"
        # the API shows at most 30 values per facet: the embedded store counts no more
        options = {} if store.startswith(("http://", "https://")) else {"facet_size": 30}
        return cls(
            store=store,
            store_options=options,
            api_key=env.get("DANGJIAN_API_KEY", ""),
            max_upload_bytes=int(max_mb * 1024 * 1024),
            max_files=max_files,
            public_url=env.get("DANGJIAN_PUBLIC_URL", "").rstrip("/"),
            cache_seconds=cache_seconds,
        )
