"""The bad-input corpus, generated: good files in every supported format and
encoding next to empty, binary, undecodable, truncated and malformed ones.

`good_files()` maps a file name to its bytes and `bad_files()` a file name to
(bytes, a pattern the per-file reason must match). Every good file holds its
own report (invented parks, distinct figures), so each is one document with
its own doc_id; `GOOD_JSONL_LINES` more come from the good lines of
``报告 合集.jsonl``, whose broken line is the one bad record.
"""
from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

from sample_files import make_docx, make_pdf

PARKS = ["东湖", "西山", "南岭", "北川", "中州", "青禾", "白石", "金沙", "银杏", "松涛",
         "竹溪", "枫林", "梅岭", "兰亭", "菊园", "桃源", "李庄", "杏坛", "柳岸"]


def report(n: int) -> str:
    """A short report of an invented park, its figures depending on n."""
    park = PARKS[n % len(PARKS)] + "高新区"
    return (f"{park}第{n}期楼宇党建工作报告\n"
            f"{park}党工委建立楼宇党支部{n + 3}个，发展党员{n * 10 + 20}名，服务企业{n + 100}家。\n"
            f"园区推行“红色管家”服务品牌，党组织覆盖率达{90 + n % 9}%。\n")


def _s2t(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def make_html(text: str) -> bytes:
    title, *body = text.strip().split("\n")
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{paras}</article></body></html>").encode("utf-8")


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


GOOD_JSONL_LINES = 3


def good_files() -> dict[str, bytes]:
    """File name → bytes of a file that must be stored as one document (the
    .jsonl: GOOD_JSONL_LINES documents, and one bad line listed in bad_files())."""
    files = {
        "enc-utf8.txt": report(1).encode("utf-8"),
        "enc-utf8-bom.txt": report(2).encode("utf-8-sig"),
        "enc-utf16le-bom.txt": b"\xff\xfe" + report(3).encode("utf-16-le"),
        "enc-utf16be-bom.txt": b"\xfe\xff" + report(4).encode("utf-16-be"),
        "enc-utf16le-nobom.txt": report(5).encode("utf-16-le"),
        "enc-utf16be-nobom.txt": report(20).encode("utf-16-be"),
        "enc-utf32-bom.txt": report(6).encode("utf-32"),
        "enc-gb18030.txt": report(7).encode("gb18030"),
        "enc-big5.txt": _s2t(report(8)).encode("big5"),
        "报告 第九期 (定稿).txt": report(9).encode("utf-8"),
        "good.html": make_html(report(10)),
        "enc-gb2312-declared.html": make_html(report(21)).decode("utf-8").replace("utf-8", "gb2312").encode("gb18030"),
        "good.docx": make_docx(report(11).strip().split("\n")),
        "good.pdf": make_pdf(report(12).strip().split("\n"), cjk=True),
        "truncated-body.html": make_html(report(13))[:-60],      # cut inside the last paragraph: text still there
        "truncated-head.html": make_html(report(18))[:70],       # cut inside the title (and a character)
    }
    lines = [json.dumps({"text": report(14), "title": "合集一"}, ensure_ascii=False),
             json.dumps({"text": report(15)}, ensure_ascii=False),
             '{"text": "' + report(16).replace("\n", " ")[:20],    # the broken line (3)
             json.dumps({"text": report(17), "published": "2024-03-01"}, ensure_ascii=False)]
    files["报告 合集.jsonl"] = ("\n".join(lines) + "\n").encode("utf-8")
    return files


def bad_files() -> dict[str, tuple[bytes, str]]:
    """File name (or record path) → (bytes, regex the failure reason must match)."""
    docx_good = make_docx(report(18).strip().split("\n"))
    pdf_good = make_pdf(report(18).strip().split("\n"), cjk=True)
    rng = __import__("random").Random(7)
    binary = bytes(rng.randrange(256) for _ in range(20_000))
    korean = "한국 서울 강남구 주민센터에서 지역 봉사 활동을 진행했습니다. 주민들의 참여가 활발했으며 다음 달에도 계속됩니다."
    return {
        "empty.txt": (b"", r"empty"),
        "blank.txt": (b" \n\r\n\t \n", r"empty"),
        "binary-renamed.txt": (binary, r"binary|not UTF-8|encoding"),
        "nul-bytes.txt": (report(19).encode("utf-8").replace("。".encode(), b"\x00", 1), r"NUL"),
        "enc-euc-kr.txt": (korean.encode("euc-kr"), r"encoding not recognised.*UTF-8"),
        "enc-shift-jis.txt": ("日本の東京都で地域のボランティア活動が行われました。住民の参加が活発でした。".encode("shift_jis"),
                              r"encoding not recognised.*UTF-8"),
        "malformed.html": (b"<html><body><<<>>><div></div><script>var a = 1;</script></body>", r"no words"),
        "markup-only.html": (b"<html><head><title></title></head><body><div><span></div></p><br/></body",
                             r"no text"),
        "truncated.pdf": (pdf_good[: len(pdf_good) // 2], r"PDF"),
        "malformed.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage\n%%EOF", r"PDF|page"),
        "not-a.pdf": (report(18).encode("utf-8"), r"not a PDF"),
        "truncated.docx": (docx_good[: len(docx_good) // 2], r"docx"),
        "malformed.docx": (_zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document><<"}),
                           r"docx"),
        "zip-renamed.docx": (_zip({"hello.txt": "你好".encode()}), r"docx"),
        "报告 合集.jsonl#3": (b"", r"not valid JSON"),                  # the broken line of the good .jsonl
    }


def write_corpus(folder: Path) -> dict[str, list[str]]:
    """Write the whole corpus, plus a folder with a symlink loop, into `folder`.

    Returns {"good": names, "bad": names} (bad includes the looping symlinks,
    which must fail with a clear reason; the directory loop is never followed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in good_files().items():
        (folder / name).write_bytes(data)
    bad = []
    for name, (data, _) in bad_files().items():
        if "#" not in name:
            (folder / name).write_bytes(data)
        bad.append(name)
    loops = folder / "循环 目录"
    loops.mkdir()
    (loops / "inner.txt").write_bytes(report(0).encode("utf-8"))
    os.symlink("..", loops / "up")                       # a directory loop
    os.symlink(loops, loops / "self")                    # another, absolute
    os.symlink("b-loop.txt", loops / "a-loop.txt")        # a file loop: a → b → a
    os.symlink("a-loop.txt", loops / "b-loop.txt")
    bad += ["循环 目录/a-loop.txt", "循环 目录/b-loop.txt"]
    return {"good": [*good_files(), "循环 目录/inner.txt"], "bad": bad}


def expected_texts() -> list[str]:
    """The report texts that must end up stored whole (before normalisation):
    every good file but the two truncated html files, which keep what precedes the cut."""
    return [report(n) for n in (0, *range(1, 13), 14, 15, 17, 20, 21)]
