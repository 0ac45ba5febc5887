"""Readers: decoding, formats, and the errors each broken input gives."""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from ingest import readers
from ingest.errors import (
    BadRecord,
    BadRecords,
    BinaryContent,
    BrokenFile,
    EmptyDocument,
    NoTextLayer,
    TooLarge,
    UndecodableText,
    UnsupportedFormat,
)
from ingest.readers import READERS, RawText, read_bytes, read_path, register_reader
from sample_files import make_docx, make_pdf

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def sample(prefix: str) -> str:
    return next(CORPUS.glob(f"{prefix}_*.txt")).read_text("utf-8")


def read_one(data: bytes, name: str) -> RawText:
    items = list(read_bytes(data, name))
    assert len(items) == 1
    return items[0]


# --- registry -----------------------------------------------------------------

def test_readers_registry_has_builtin_types():
    for suffix in (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".jsonl"):
        assert suffix in READERS


def test_readers_register_reader_adds_a_type():
    @register_reader(".xyz")
    def read_xyz(data: bytes, path: str):
        yield RawText(data.decode("ascii").upper(), path, "xyz")

    try:
        assert read_one(b"abc", "f.xyz").text == "ABC"
    finally:
        del READERS[".xyz"]


def test_readers_unsupported_format_names_the_suffix():
    with pytest.raises(UnsupportedFormat, match=r"\.exe"):
        list(read_bytes(b"MZ", "setup.exe"))


# --- text encodings -------------------------------------------------------------

def test_readers_utf8_sample_reads_verbatim():
    path = next(CORPUS.glob("000_*.txt"))
    (raw,) = list(read_path(path))
    assert raw.text == path.read_text("utf-8")
    assert (raw.encoding, raw.format, raw.path) == ("utf-8", "txt", str(path))


@pytest.mark.parametrize("prefix, codec, bom, expected", [
    ("000", "utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
    ("001", "utf-16-le", b"\xff\xfe", "utf-16-le"),
    ("002", "utf-16-be", b"\xfe\xff", "utf-16-be"),
    ("004", "gb18030", b"", "gb18030"),
    ("001", "gbk", b"", "gb18030"),
    ("003", "cp950", b"", "cp950"),
    ("000", "utf-16-le", b"", "utf-16-le"),         # no byte-order mark
    ("003", "utf-16-be", b"", "utf-16-be"),
])
def test_readers_detects_encoding(prefix, codec, bom, expected):
    text = sample(prefix)
    raw = read_one(bom + text.encode(codec), f"{prefix}.txt")
    assert raw.text == text
    assert raw.encoding == expected


def test_readers_detects_strict_big5():
    text = "".join(c for c in sample("003") if _encodes(c, "big5"))
    raw = read_one(text.encode("big5"), "trad.txt")
    assert (raw.text, raw.encoding) == (text, "big5")


def _encodes(c: str, codec: str) -> bool:
    try:
        c.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


@pytest.mark.parametrize("data", [
    "日本語のテキストです。これはシフトJISで書かれています。".encode("shift_jis"),
    bytes(random.Random(1).randrange(0x80, 0x100) for _ in range(400)),
    "café crème brûlée".encode("latin-1"),
    "党建".encode("gb18030"),           # two characters: GB18030 and Big5 both read it
])
def test_readers_undecodable_text_is_rejected(data):
    for _ in range(2):                  # deterministic: same verdict every time
        with pytest.raises(UndecodableText, match="re-save it as UTF-8"):
            list(read_bytes(data, "x.txt"))


def test_readers_utf8_with_cut_last_character_reads():
    text = sample("000")
    raw = read_one(text.encode("utf-8")[:-2], "cut.txt")     # last char is "图" (3 bytes)
    assert raw.text == text[:-1]


def test_readers_bom_with_invalid_body_is_rejected():
    with pytest.raises(UndecodableText, match="utf-16-le"):
        list(read_bytes(b"\xff\xfe\x00\xd8", "x.txt"))      # lone surrogate


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    bytes(range(1, 32)) * 10,
])
def test_readers_binary_content_is_rejected(data):
    with pytest.raises(BinaryContent, match="binary"):
        list(read_bytes(data, "photo.txt"))


@pytest.mark.parametrize("name", ["e.txt", "e.html", "e.docx", "e.pdf", "e.jsonl"])
def test_readers_empty_file_is_empty_document(name):
    with pytest.raises(EmptyDocument):
        list(read_bytes(b"  \n", name))


def test_readers_too_large_bytes_and_path(monkeypatch, tmp_path):
    monkeypatch.setattr(readers, "MAX_BYTES", 10)
    with pytest.raises(TooLarge, match="over the limit of 10 bytes"):
        list(read_bytes(b"x" * 11, "big.txt"))
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(TooLarge):
        list(read_path(path))


# --- html -----------------------------------------------------------------------

HTML = ("<html><head><meta charset=\"{charset}\"><title>某区党建工作 - 某网</title>"
        "<meta property=\"article:published_time\" content=\"2023-07-10\"></head><body>"
        "<div class=\"nav\">首页 新闻 党建</div><article><h1>某区党建工作纪实</h1>"
        "<p>党旗红、园区兴,民心齐、发展旺。某开发区持续打造内生式非公党建品牌,以党建融入非公企业公司治理为重点。</p>"
        "<p>目前,全区共有各类市场主体13470家,规上工业企业131家,非公企业党组织覆盖率达到97.7%。</p>"
        "</article><footer>版权所有 某网</footer></body></html>")


def test_readers_html_main_text_and_hints():
    raw = read_one(HTML.format(charset="utf-8").encode("utf-8"), "page.html")
    assert raw.format == "html"
    assert raw.text.splitlines()[0] == "某区党建工作纪实"
    assert "非公企业党组织覆盖率达到97.7%。" in raw.text
    assert "版权所有" not in raw.text
    assert raw.meta["title"] == "某区党建工作纪实"
    assert raw.meta["published"] == "2023-07-10"


def test_readers_html_declared_gbk_charset():
    raw = read_one(HTML.format(charset="gbk").encode("gbk"), "page.htm")
    assert raw.encoding == "gb18030"
    assert "市场主体13470家" in raw.text


def test_readers_html_truncated_still_yields_text():
    data = HTML.format(charset="utf-8").encode("utf-8")
    cut = data[:data.index("规上工业".encode()) + 5]        # cut inside a character and a tag
    raw = read_one(cut, "cut.html")
    assert "以党建融入非公企业公司治理为重点。" in raw.text


def test_readers_html_without_text_is_broken():
    with pytest.raises(BrokenFile, match="no text could be extracted"):
        list(read_bytes(b"<html><body><div></div></body></html>", "blank.html"))


def test_readers_html_plain_fallback(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    raw = read_one(HTML.format(charset="utf-8").encode("utf-8"), "page.html")
    assert "市场主体13470家" in raw.text
    assert raw.meta["title"] == "某区党建工作 - 某网"


# --- docx -----------------------------------------------------------------------

def test_readers_docx_paragraphs_and_title():
    data = make_docx(["某区党建工作纪实", "本报记者 张某", "党员125名。"], title="某区党建")
    raw = read_one(data, "report.docx")
    assert raw.text == "某区党建工作纪实\n本报记者 张某\n党员125名。"
    assert raw.meta == {"title": "某区党建"}        # an ASCII account name is no author


def test_readers_docx_broken():
    good = make_docx(["党建"])
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("hello.txt", "hi")
    for data in (good[: len(good) // 2], other_zip.getvalue(), "只是文本".encode()):
        with pytest.raises(BrokenFile, match="docx"):
            list(read_bytes(data, "broken.docx"))


# --- pdf ------------------------------------------------------------------------



def test_readers_pdf_ascii_text_layer():
    raw = read_one(make_pdf(["Party building in parks", "125 members"]), "a.pdf")
    assert raw.text.split() == ["Party", "building", "in", "parks", "125", "members"]
    assert raw.format == "pdf"


def test_readers_pdf_cjk_text_layer():
    raw = read_one(make_pdf(["高新区党建工作", "党员125名。"], cjk=True), "c.pdf")
    assert raw.text.splitlines() == ["高新区党建工作", "党员125名。"]


def test_readers_pdf_without_text_layer():
    with pytest.raises(NoTextLayer, match="run OCR"):
        list(read_bytes(make_pdf([]), "scan.pdf"))


@pytest.mark.parametrize("cut", [0.5, 0.2])
def test_readers_pdf_broken(cut):
    data = make_pdf(["Party building"])
    with pytest.raises(BrokenFile, match="PDF"):
        list(read_bytes(data[: int(len(data) * cut)], "broken.pdf"))


def test_readers_pdf_not_a_pdf():
    with pytest.raises(BrokenFile, match="no %PDF header"):
        list(read_bytes("党建".encode(), "text.pdf"))


# --- jsonl ----------------------------------------------------------------------

def test_readers_jsonl_good_lines_then_bad_records():
    lines = [
        '{"text": "第一篇报道。", "title": "标题一", "url": "http://x/1", "published": "2023-07-10"}',
        '{"text": "坏行',
        '',
        '{"text": "第二篇报道。", "outlet": "某报", "authors": ["张某"]}',
        '{"title": "没有正文"}',
        '[1, 2]',
    ]
    got: list[RawText] = []
    with pytest.raises(BadRecords) as info:
        for raw in read_bytes("\n".join(lines).encode(), "batch.jsonl"):
            got.append(raw)
    assert [r.path for r in got] == ["batch.jsonl#1", "batch.jsonl#4"]
    assert [r.text for r in got] == ["第一篇报道。", "第二篇报道。"]
    assert got[0].meta == {"title": "标题一", "url": "http://x/1", "published": "2023-07-10"}
    assert got[1].meta == {"outlet": "某报", "authors": ["张某"]}
    err = info.value
    assert err.good == 2
    assert [(e.line, e.path) for e in err.errors] == [
        (2, "batch.jsonl#2"), (5, "batch.jsonl#5"), (6, "batch.jsonl#6")]
    assert all(isinstance(e, BadRecord) for e in err.errors)
    assert "not valid JSON" in err.errors[0].reason
    assert "missing or empty \"text\"" in err.errors[1].reason


def test_readers_jsonl_all_good_raises_nothing(tmp_path):
    path = tmp_path / "ok.jsonl"
    path.write_text('{"text": "一"}\n{"text": "二"}\n', encoding="utf-8")
    assert [(r.path, r.text) for r in read_path(path)] == [(f"{path}#1", "一"), (f"{path}#2", "二")]


def test_readers_jsonl_records_become_documents(tmp_path):
    from ingest.pipeline import documents_from_file

    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "某區黨建工作\\n\\n本報記者 張某\\n\\n正文。", "published": "2023-07-10"}\n', "utf-8")
    (doc,) = list(documents_from_file(path))
    assert (doc.path, doc.format, doc.script) == (f"{path}#1", "jsonl", "traditional")
    assert (doc.title, doc.authors, doc.published) == ("某区党建工作", ["张某"], "2023-07-10")
    assert doc.text == "某区党建工作\n本报记者 张某\n正文。"


def test_readers_missing_file_and_directory(tmp_path):
    from ingest.errors import IngestError

    with pytest.raises(IngestError, match="cannot read the file"):
        list(read_path(tmp_path / "missing.txt"))
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(IngestError, match="cannot read the file"):
        list(read_path(folder))


@pytest.mark.parametrize("data, controls", [
    ("党建\x01引领\x7f".encode(), 2),
    ("党建\t引领\n\r\x0c".encode(), 0),      # tab, newline, CR and form feed are text
    (b"a\x1b" * 3 + b"b" * 300, 3),
])
def test_readers_control_count_on_bytes_equals_the_regex(data, controls):
    from ingest.readers import _CONTROL, _check_text

    text = data.decode("utf-8")
    assert len(_CONTROL.findall(text)) == controls
    assert _check_text(text, "x.txt", "utf-8", data) == _check_text(text, "x.txt", "utf-8") == (text, "utf-8")


def test_readers_many_control_bytes_are_binary():
    from ingest.readers import decode_text

    with pytest.raises(BinaryContent, match="4 control characters"):
        decode_text(b"\x01\x02\x03\x04" + b"a" * 100, "x.txt")
