"""GET /parks (every park with its document count) and GET /parks/{id} (the park's profile)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Path, Query

from kb.compare import ParkNotFound, park_summary, resolve_park
from kb.records import park_key
from kb.store import SearchQuery
from search_api.deps import StoreDep
from search_api.models import DocBrief, ErrorOut, FigureGroup, ParkOut, ParkProfile, ParksOut
from search_api.views import figure_out, practice_out

router = APIRouter(tags=["parks"])
PROFILE_DOCUMENTS = 50


def park_out(park: dict[str, Any]) -> ParkOut:
    docs = park.get("documents", park.get("doc_count", 0))
    return ParkOut(**park_summary(park), documents=len(docs) if isinstance(docs, list) else int(docs or 0))


@router.get("/parks", response_model=ParksOut)
def list_parks(store: StoreDep, q: str = Query("", max_length=200, description="part of a name or alias"),
               province: str | None = Query(None, max_length=100),
               limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> ParksOut:
    parks = [park_out(p) for p in store.parks()]
    if q:
        key = park_key(q)
        parks = [p for p in parks if any(key in park_key(n) for n in [p.name, *p.aliases])]
    if province:
        parks = [p for p in parks if p.province == province]
    facets: dict[str, dict[str, int]] = {"province": {}}
    for p in parks:
        if p.province:
            facets["province"][p.province] = facets["province"].get(p.province, 0) + 1
    return ParksOut(items=parks[offset:offset + limit], total=len(parks), limit=limit, offset=offset, facets=facets)


def _dedupe(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for item in items:
        key = park_key(item.get("name", ""))
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


@router.get("/parks/{park_id}", response_model=ParkProfile, responses={404: {"model": ErrorOut}})
def get_park(store: StoreDep, park_id: str = Path(..., max_length=200)) -> ParkProfile:
    try:
        park = resolve_park(store, park_id)
    except ParkNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    base = park_out(park)
    if isinstance(park.get("documents"), list) and "organizations" in park:     # the store built the profile
        docs = [DocBrief(**{k: d.get(k) or "" for k in ("doc_id", "title", "outlet", "published")})
                for d in park["documents"]]
        orgs, people = list(park.get("organizations") or []), list(park.get("people") or [])
        total_docs = int(park.get("doc_count") or len(docs))
    else:
        docs, orgs, people, total_docs = _profile_from_records(store, base)
    groups: dict[str, list] = {}
    for f in store.figures(park=base.name):
        groups.setdefault(f.get("metric", ""), []).append(figure_out(f))
    region = "".join(x for x in (base.province, base.city) if x)
    return ParkProfile(**base.model_dump(exclude={"documents"}), documents=max(total_docs, len(docs)),
                       region=region, document_list=docs, organizations=_dedupe(orgs), people=_dedupe(people),
                       practices=[practice_out(p) for p in store.practices(park=base.name)],
                       figures=[FigureGroup(metric=m, items=items) for m, items in groups.items()])


def _profile_from_records(store, base: ParkOut):
    """Documents, organisations and people of a park, read from its documents' records."""
    names = {park_key(n) for n in [base.name, *base.aliases]}
    page = store.search(SearchQuery(park=base.name, limit=PROFILE_DOCUMENTS))
    docs, orgs, people = [], [], []
    for hit in page.items:
        src = hit.source or {}
        docs.append(DocBrief(doc_id=hit.doc_id, title=hit.title or src.get("title", ""),
                             outlet=src.get("outlet", ""), published=src.get("published", "")))
        record = store.get(hit.doc_id) or {}
        orgs += [dict(o, doc_id=hit.doc_id) for o in record.get("organizations", [])
                 if not o.get("park") or park_key(o["park"]) in names]
        people += [dict(p, doc_id=hit.doc_id) for p in record.get("people", [])]
    return docs, orgs, people, page.total
