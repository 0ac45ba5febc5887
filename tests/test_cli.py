"""The command line: help for every command, extract's contract shape, batch
behaviour (duplicates, bad files, exit codes, report, interrupted runs)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main

COMMANDS = ["ingest", "extract", "search", "reindex", "copy", "serve", "eval", "compare", ["export", "figures"]]
LISTS = ["parks", "organizations", "people", "figures", "practices"]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) if isinstance(c, list) else c)
def test_cli_every_command_has_help(command):
    args = command if isinstance(command, list) else [command]
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 3


def test_cli_extract_prints_contract_shape(corpus_files):
    result = CliRunner().invoke(main, ["extract", str(corpus_files[0]), str(corpus_files[2]), "--json"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    rec = json.loads(lines[0])
    assert set(rec) >= {"doc_id", "source", *LISTS}
    assert len(rec["doc_id"]) == 16 and int(rec["doc_id"], 16) >= 0
    assert rec["source"]["path"] == str(corpus_files[0])
    assert set(rec["source"]) >= {"path", "title", "outlet", "published", "authors", "script"}
    assert all(isinstance(rec[k], list) for k in LISTS)
    assert "text" not in rec


def test_cli_extract_reads_stdin():
    result = CliRunner().invoke(main, ["extract", "-"], input="某某高新区党工委建立基层党组织12个。\n".encode())
    assert result.exit_code == 0, result.output
    rec = json.loads(result.output)
    assert rec["source"]["path"] == "stdin.txt"


def test_cli_extract_bad_file_exits_nonzero(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(bad)])
    assert result.exit_code == 1


def test_cli_eval_finds_the_shared_scorer_for_a_gold_folder_anywhere(tmp_path, shared_dir):
    gold, corpus = tmp_path / "gold", tmp_path / "corpus"
    gold.mkdir(), corpus.mkdir()
    name = sorted((shared_dir / "gold").glob("*.json"))[0].name
    (gold / name).write_bytes((shared_dir / "gold" / name).read_bytes())
    src = next(p for p in (shared_dir / "corpus").iterdir() if p.stem == Path(name).stem)
    (corpus / src.name).write_bytes(src.read_bytes())
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.output)) >= {"parks", "figures", "overall"}


def test_cli_eval_without_a_scorer_is_a_clear_error(tmp_path, monkeypatch):
    import kb.evaluate

    (tmp_path / "gold").mkdir()
    monkeypatch.setattr(kb.evaluate, "scorer_candidates", lambda gold: [tmp_path / "nowhere" / "score.py"])
    result = CliRunner().invoke(main, ["eval", "--gold", str(tmp_path / "gold"), "--corpus", str(tmp_path)])
    assert result.exit_code == 1
    assert "no scorer at" in result.output and "--scorer PATH" in result.output
    assert "Traceback" not in result.output
