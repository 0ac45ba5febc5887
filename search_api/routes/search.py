"""GET /search: documents (or practices, figures) with highlighted snippets and facets."""
from __future__ import annotations

import heapq
import html
import re
from operator import itemgetter
from typing import Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic_core import to_json

from kb.store import SearchQuery
from search_api.cache import store_version
from search_api.deps import StoreDep
from search_api.models import FigureHit, PracticeHit, SearchOut
from search_api.views import figure_out, practice_out

router = APIRouter(tags=["search"])
FACET_VALUES = 30          # most frequent values shown per facet
_HTML_SPECIAL = re.compile("[&<>\"']")


def _escape(text: str) -> str:
    return html.escape(text) if _HTML_SPECIAL.search(text) else text


def snippet_html(text: str, start: int, highlights: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in sorted(highlights):
        s, e = max(s - start, pos), min(e - start, len(text))
        if e <= s:
            continue
        out += [_escape(text[pos:s]), "<mark>", _escape(text[s:e]), "</mark>"]
        pos = e
    out.append(_escape(text[pos:]))
    return "".join(out)


def document_hit(hit: Any) -> dict[str, Any]:
    """A store hit as the plain data of :class:`DocumentHit` (same fields, same
    order). The store's types are already the model's, so /search serialises
    these without building models (its hot path); tests check the schema."""
    snippets = [{"text": s.text, "start": int(s.start), "highlights": [[int(a), int(b)] for a, b in s.highlights],
                 "html": snippet_html(s.text, s.start, s.highlights)} for s in hit.snippets]
    return {"type": "document", "doc_id": str(hit.doc_id), "title": str(hit.title or ""), "score": float(hit.score),
            "source": dict(hit.source or {}), "parks": [str(p) for p in hit.parks], "snippets": snippets}


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
        key, store_version(store), lambda: run_search(store, q, park, province, year, outlet, kind, limit, offset))
    return Response(body, media_type="application/json")      # validated once, when built


def run_search(store, q: str, park: str | None, province: str | None, year: int | None, outlet: str | None,
               kind: str, limit: int, offset: int) -> bytes:
    """The JSON body of a /search answer (:class:`SearchOut`)."""
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
    if kind == "document":          # plain data in SearchOut's field order: serialised without a model
        return to_json({"total": int(page.total), "limit": limit, "offset": offset, "facets": facets,
                        "timed_out_facets": [str(f) for f in page.timed_out_facets or []],
                        "kind": kind, "items": items})
    return SearchOut(kind=kind, items=items, total=page.total, limit=limit, offset=offset, facets=facets,
                     timed_out_facets=list(page.timed_out_facets or [])).model_dump_json().encode()
