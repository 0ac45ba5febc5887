"""GET /search: documents (or practices, figures) with highlighted snippets and facets."""
from __future__ import annotations

import heapq
import html
from operator import itemgetter
from typing import Any, Literal

from fastapi import APIRouter, Query, Request, Response

from kb.store import SearchQuery
from search_api.deps import StoreDep
from search_api.models import DocumentHit, FigureHit, PracticeHit, SearchOut, SnippetOut
from search_api.views import figure_out, practice_out

router = APIRouter(tags=["search"])
FACET_VALUES = 30          # most frequent values shown per facet


def snippet_html(text: str, start: int, highlights: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in sorted(highlights):
        s, e = max(s - start, pos), min(e - start, len(text))
        if e <= s:
            continue
        out += [html.escape(text[pos:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def document_hit(hit: Any) -> DocumentHit:
    """The response model of a store hit. The store's types are already the
    model's, so it is constructed without validation (the hot path of /search)."""
    snippets = [SnippetOut.model_construct(text=s.text, start=int(s.start),
                                           highlights=[[int(a), int(b)] for a, b in s.highlights],
                                           html=snippet_html(s.text, s.start, s.highlights)) for s in hit.snippets]
    return DocumentHit.model_construct(type="document", doc_id=str(hit.doc_id), title=str(hit.title or ""),
                                       score=float(hit.score), source=dict(hit.source or {}),
                                       parks=[str(p) for p in hit.parks], snippets=snippets)


@router.get("/search", response_model=SearchOut, summary="Full-text search with facets")
def search(
    request: Request,
    store: StoreDep,
    q: str = Query("", max_length=500, description="words in either script (traditional is converted)"),
    park: str | None = Query(None, max_length=200),
    province: str | None = Query(None, max_length=100),
    year: int | None = Query(None, ge=1900, le=2100),
    outlet: str | None = Query(None, max_length=200),
    kind: Literal["document", "practice", "figure"] = "document",
    limit: int = Query(10, ge=1, le=100),
    offset: int = Query(0, ge=0, le=10000),
) -> SearchOut:
    key = ("search", q, park, province, year, outlet, kind, limit, offset, id(store))
    body = request.app.state.cache.get_or_compute(
        key, store.count,
        lambda: run_search(store, q, park, province, year, outlet, kind, limit, offset).model_dump_json())
    return Response(body, media_type="application/json")      # validated once, when built


def run_search(store, q: str, park: str | None, province: str | None, year: int | None, outlet: str | None,
               kind: str, limit: int, offset: int) -> SearchOut:
    if kind == "practice":
        page = store.search_practices(q=q, park=park, limit=limit, offset=offset)
        items: list[Any] = [PracticeHit(**practice_out(p).model_dump()) for p in page.items]
    elif kind == "figure":
        page = store.search_figures(q=q, park=park, limit=limit, offset=offset)
        items = [FigureHit(**figure_out(f).model_dump()) for f in page.items]
    else:
        page = store.search(SearchQuery(q=q, park=park, province=province, year=year, outlet=outlet,
                                        limit=limit, offset=offset))
        items = [document_hit(h) for h in page.items]
    facets = {name: {str(k): int(v) for k, v in heapq.nlargest(FACET_VALUES, counts.items(), key=itemgetter(1))}
              for name, counts in (page.facets or {}).items()}      # = a stable sort by count, cut
    if kind == "document":          # items built above without validation: so is the envelope
        return SearchOut.model_construct(kind=kind, items=items, total=int(page.total), limit=limit, offset=offset,
                                         facets=facets, timed_out_facets=[str(f) for f in page.timed_out_facets or []])
    return SearchOut(kind=kind, items=items, total=page.total, limit=limit, offset=offset, facets=facets,
                     timed_out_facets=list(page.timed_out_facets or []))
