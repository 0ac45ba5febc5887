"""The bad-input corpus (tests/robustness/bad_inputs.py) through `dangjian ingest`
and through POST /documents: every good file stored, every bad one a clear
per-file error, nothing else in the store; the API answers 4xx, never 5xx."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bad_inputs import GOOD_JSONL_LINES, bad_files, expected_texts, good_files, report, write_corpus
from robust_helpers import API_KEY, ingest_cli, open_sqlite


def _rel(path: str, root: Path) -> str:
    return str(Path(path).relative_to(root)) if path.startswith(str(root)) else path


def _stored_paths(store) -> dict[str, str]:
    return {rec["source"]["path"]: rec["text"] for rec in store.iter_records()}


def _expected_good(root: Path) -> set[str]:
    out = set()
    for name in [*good_files(), "循环 目录/inner.txt"]:
        if name.endswith(".jsonl"):
            out |= {f"{root / name}#{n}" for n in (1, 2, 4)}
        else:
            out.add(str(root / name))
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-corpus")
    return root, write_corpus(root)


def test_bad_inputs_ingest_stores_exactly_the_good_documents(corpus, tmp_path):
    root, names = corpus
    store_dir = tmp_path / "store"
    code, report_, out = ingest_cli(root, "--store", store_dir)
    assert code == 1, out
    results = report_["results"]
    failed = {_rel(r["path"], root): r["reason"] for r in results if r["status"] == "failed"}
    assert set(failed) == set(names["bad"])
    patterns = {**{k: v[1] for k, v in bad_files().items()},
                "循环 目录/a-loop.txt": "symbolic links", "循环 目录/b-loop.txt": "symbolic links"}
    for name, reason in failed.items():
        assert re.search(patterns[name], reason), (name, reason)
        assert "Traceback" not in reason and "internal error" not in reason, (name, reason)
    assert report_["counts"] == {"stored": len(_expected_good(root)), "replaced": 0, "duplicate": 0,
                                 "failed": len(names["bad"])}
    assert "循环 目录/up" not in out and len(results) == len({r["path"] for r in results})   # loop not followed

    st = open_sqlite(store_dir)
    try:
        stored = _stored_paths(st)
        assert set(stored) == _expected_good(root)
        assert st.count() == len(stored) == len(good_files()) - 1 + 1 + GOOD_JSONL_LINES
        ids = [r["doc_id"] for r in st.iter_records()]
        assert len(set(ids)) == len(ids)
        texts = list(stored.values())
        for text in expected_texts():                 # every encoding decoded right (big5 → simplified)
            first = text.split("\n")[1].rstrip("。\n")
            assert sum(first in t for t in texts) == 1, first
        assert stored[str(root / "truncated-head.html")] == "柳岸高新"
        assert stored[str(root / "truncated-body.html")].endswith("园区推行“红色管家”服务品")
    finally:
        st.close()

    again_code, again, _ = ingest_cli(root, "--store", store_dir)       # rerun: nothing new, same failures
    assert again_code == 1
    assert again["counts"] == {**report_["counts"], "stored": 0, "duplicate": report_["counts"]["stored"]}


def test_bad_inputs_ingest_single_bad_file_exits_1_with_reason(tmp_path):
    bad = tmp_path / "二进制 文件.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    code, rep, out = ingest_cli(bad, "--store", tmp_path / "store")
    assert code == 1
    assert [(r["status"], Path(r["path"]).name) for r in rep["results"]] == [("failed", "二进制 文件.txt")]
    assert "binary" in rep["results"][0]["reason"]


@pytest.mark.slow
def test_bad_inputs_50mb_text_file_rejected_clearly_rest_stored(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    line = "第{}段：园区党建工作持续推进，楼宇党支部开展主题党日活动，服务企业{}家。\n"
    chunks, size, i = [], 0, 0
    while size < 50_000_000:
        block = "".join(line.format(i + k, i + k) for k in range(1000))
        chunks.append(block)
        size += len(block.encode("utf-8"))
        i += 1000
    (src / "巨大 文件.txt").write_text("".join(chunks), encoding="utf-8")
    (src / "good.txt").write_text(report(1), encoding="utf-8")
    assert (src / "巨大 文件.txt").stat().st_size >= 50_000_000
    code, rep, _ = ingest_cli(src, "--store", tmp_path / "store")
    assert code == 1
    by_name = {Path(r["path"]).name: r for r in rep["results"]}
    assert by_name["good.txt"]["status"] == "stored"
    big = by_name["巨大 文件.txt"]
    assert big["status"] == "failed"
    assert re.search(r"over the limit of \d+ (bytes|characters)", big["reason"]), big["reason"]
    assert "split" in big["reason"]
    st = open_sqlite(tmp_path / "store")
    try:
        assert st.count() == 1
    finally:
        st.close()


# -- the same files through POST /documents ----------------------------------------------

def _post(api, name: str, data: bytes, key: str | None = API_KEY):
    headers = {"X-API-Key": key} if key else {}
    return api.post("/documents", files={"file": (name, data, "application/octet-stream")}, headers=headers)


def test_bad_inputs_api_good_files_201_bad_files_4xx_with_reason(api):
    good = {n: d for n, d in good_files().items() if not n.endswith(".jsonl")}
    for name, data in good.items():
        r = _post(api, name, data)
        assert r.status_code == 201, (name, r.status_code, r.text)
        assert r.json()["filename"] == name
        assert r.json()["documents"][0]["status"] == "stored"
    for name, (data, pattern) in bad_files().items():
        if "#" in name:
            continue
        r = _post(api, name, data)
        assert 400 <= r.status_code < 500, (name, r.status_code, r.text)
        detail = r.json()["detail"]
        assert detail.startswith(f"{name}: ") and re.search(pattern, detail), (name, detail)
    assert api.store.count() == len(good)
    assert {rec["source"]["path"] for rec in api.store.iter_records()} == set(good)


def test_bad_inputs_api_jsonl_with_a_broken_line_422_names_the_line(api):
    name = "报告 合集.jsonl"
    r = _post(api, name, good_files()[name])
    assert r.status_code == 422
    assert re.search(r"line\(s\) 3\b", r.json()["detail"]), r.text
    assert api.store.count() == 0                     # all or nothing for one upload


def test_bad_inputs_api_text_longer_than_the_extractor_takes_is_413(api):
    # ~1.3 M characters of distinct lines (3.9 MB): under the upload limit, over the document limit
    text = "".join(f"第{i}段：园区党建工作持续推进，服务企业{i}家。\n" for i in range(52_000))
    r = _post(api, "long.txt", text.encode("utf-8"))
    assert r.status_code == 413, r.text[:300]
    assert "characters" in r.json()["detail"] and "split" in r.json()["detail"]
    assert api.store.count() == 0


def test_bad_inputs_api_over_upload_limit_413(api):
    data = b"x" * (api.app.state.settings.max_upload_bytes + 1)
    r = _post(api, "big.txt", data)
    assert r.status_code == 413 and "limit" in r.json()["detail"]
    assert api.store.count() == 0
