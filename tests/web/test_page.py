"""The web page in headless Chromium: search, a document, a comparison, a CSV download.
Screenshots go to tests/artifacts/ (look at them: Chinese must render, not boxes)."""
from __future__ import annotations

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

pytestmark = pytest.mark.browser


def test_page_search_shows_highlighted_hits_and_facets(page):
    page.goto("/")
    page.fill("#q", "党员")
    page.click("#search-form button")
    page.wait_for_selector("article.hit")
    assert page.locator("article.hit mark").first.inner_text() == "党员"
    assert page.locator(".facets a", has_text="白云高新区").count() == 1
    page.locator(".facets a", has_text="白云高新区").click()
    page.wait_for_function("document.querySelector('#total') && document.querySelector('#total').textContent.includes('共 2 条')")
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)


def test_page_document_highlights_items(page, web_store):
    page.goto("/#/search?q=覆盖率")
    page.wait_for_selector("article.hit h2 a")
    page.click("article.hit h2 a")
    page.wait_for_selector("#doc-text mark.ent")
    figures = page.locator("#doc-text mark.ent-FIGURE").all_inner_texts()
    assert any(t.startswith("现有党员125名") for t in figures)
    assert page.locator("#doc-text mark.ent-PARK").first.inner_text().startswith("青山开发区")
    assert page.locator("#doc-text mark.ent-PRACTICE").count() == 2
    assert page.locator("#doc-text mark.ent-PERSON").first.inner_text().startswith("李明")
    page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)


def test_page_sample_document_renders_chinese(page, sample_records):
    if not sample_records:
        pytest.skip("no sample records")
    rec = sample_records[0]
    page.goto(f"/#/doc/{rec['doc_id']}")
    page.wait_for_selector("#doc-text")
    shown = page.evaluate("""() => { const t = document.querySelector('#doc-text').cloneNode(true);
        t.querySelectorAll('.ent-label').forEach(e => e.remove()); return t.textContent; }""")
    assert shown == rec["text"]
    page.screenshot(path=str(ARTIFACTS / "sample-document.png"), full_page=False)


def test_page_export_link_lands_on_document_span(page, live_server, web_store):
    rows = [f for f in web_store.figures(park="白云高新区", unit="家")]
    s, e = rows[0]["span"]
    page.goto(f"/documents/{rows[0]['doc_id']}#span={s}-{e}")
    page.wait_for_selector("#doc-text mark.focus")
    assert page.locator("mark.focus").inner_text().startswith("服务企业1.2万家")


def test_page_compare_two_parks_table_and_charts(page):
    page.goto("/#/compare")
    page.wait_for_selector("#compare-form")
    page.check("input[value='青山经济开发区']")
    page.check("input[value='白云高新区']")
    page.click("#compare-form button")
    page.wait_for_selector("#figure-table")
    parks = page.locator("#figure-table tr").first.locator("th").all_inner_texts()[1:]
    assert sorted(parks) == ["白云高新区", "青山经济开发区"]

    def row(label):
        cells = page.locator("#figure-table tr", has_text=label).first.locator("td").all_inner_texts()
        return dict(zip(parks, cells))

    assert row("党员（名）") == {"青山经济开发区": "125", "白云高新区": "300"}
    assert row("服务企业（家）") == {"青山经济开发区": "—", "白云高新区": "12000"}
    assert page.locator("#charts svg.chart").count() >= 2
    assert "五级联动机制" in page.locator("#practice-table").inner_text()
    page.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)


def test_page_download_csv(page):
    page.goto("/#/compare?park=青山经济开发区&park=白云高新区")
    page.wait_for_selector("#figure-table")
    with page.expect_download() as info:
        page.locator("a.download", has_text="CSV").first.click()
    download = info.value
    data = open(download.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("park,metric,value,unit")
    assert "青山经济开发区,党员,125,名" in text
    (ARTIFACTS / "figures.csv").write_bytes(data)
