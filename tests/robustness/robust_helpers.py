"""Helpers of the robustness tests (import from here, never from `conftest`: with several
conftest.py files in the suite, `import conftest` finds whichever was loaded first)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

API_KEY = "robust-key-456"
BIN = Path(sys.executable).parent


def open_sqlite(location):
    from kb.sqlite import SQLiteStore

    return SQLiteStore(str(location), index_heap=15_000_000)


def ingest_cli(*args):
    """`dangjian ingest --no-progress --json ARGS` in-process: (exit code, report dict, output)."""
    from click.testing import CliRunner

    from kb.cli import main

    result = CliRunner().invoke(main, ["ingest", "--no-progress", "--json", *map(str, args)])
    out = result.output
    report = json.loads(out[out.index("{"):out.rindex("}") + 1]) if "{" in out else None
    return result.exit_code, report, out
