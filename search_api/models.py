"""Response models. Lists come in one envelope: ``items``, ``total``, ``facets``."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

Number = Union[int, float]
Span = list[int]


class Item(BaseModel):
    """An extracted item as stored; fields beyond these pass through."""
    model_config = ConfigDict(extra="allow")


class ErrorOut(BaseModel):
    detail: str


# -- search ------------------------------------------------------------------------

class SnippetOut(BaseModel):
    text: str
    start: int
    highlights: list[Span] = Field(description="[start, end) spans in the document text")
    html: str = Field(description="the snippet, HTML-escaped, with <mark> around the highlights")


class DocumentHit(BaseModel):
    type: Literal["document"] = "document"
    doc_id: str
    title: str
    score: float
    source: dict[str, Any]
    parks: list[str]
    snippets: list[SnippetOut]


class SourcedItem(Item):
    """What every extracted item carries back to its source sentence."""
    subject: str = ""
    park: str = ""
    text: str = ""
    span: Span | None = None
    doc_id: str = ""
    title: str = ""


class PracticeOut(SourcedItem):
    id: str
    name: str = ""
    aliases: list[str] = []
    kind: str = ""
    components: list[str] = []
    category: str = ""


class PracticeHit(PracticeOut):
    type: Literal["practice"] = "practice"


class FigureOut(SourcedItem):
    metric: str = ""
    value: Number | str | None = None
    unit: str = ""
    qualifier: str = ""
    period: str | None = None
    cumulative: bool | None = None
    change_from: Number | str | None = None


class FigureHit(FigureOut):
    type: Literal["figure"] = "figure"


SearchItem = Annotated[Union[DocumentHit, PracticeHit, FigureHit], Field(discriminator="type")]


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    facets: dict[str, dict[str, int]] = {}
    timed_out_facets: list[str] = []


class SearchOut(Page):
    kind: Literal["document", "practice", "figure"]
    items: list[SearchItem]


# -- documents ---------------------------------------------------------------------

class Annotation(BaseModel):
    start: int
    end: int
    label: Literal["PARK", "ORG", "PERSON", "FIGURE", "PRACTICE"]
    list: str = Field(description="the record list the item is in")
    index: int = Field(description="position of the item in that list")
    text: str


class DocumentOut(BaseModel):
    doc_id: str
    source: dict[str, Any]
    text: str
    captions: list[Span] = []
    parks: list[Item]
    organizations: list[Item]
    people: list[Item]
    figures: list[Item]
    practices: list[Item]
    annotations: list[Annotation]


class UploadFileResult(BaseModel):
    filename: str
    status: Literal["stored", "duplicate", "replaced", "failed", "pending"]
    doc_ids: list[str] = []
    reason: str = ""


class UploadOut(BaseModel):
    filename: str
    documents: list[UploadFileResult]


class JobOut(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    total: int
    processed: int
    files: list[UploadFileResult]
    error: str = ""


# -- parks, practices --------------------------------------------------------------

class ParkBrief(BaseModel):
    id: str
    name: str
    aliases: list[str] = []
    province: str = ""
    city: str = ""


class ParkOut(ParkBrief):
    documents: int = 0


class ParksOut(Page):
    items: list[ParkOut]


class DocBrief(BaseModel):
    doc_id: str
    title: str = ""
    outlet: str = ""
    published: str = ""


class FigureGroup(BaseModel):
    metric: str
    items: list[FigureOut]


class ParkProfile(ParkOut):
    region: str = Field("", description="province and city")
    document_list: list[DocBrief]
    organizations: list[Item]
    people: list[Item]
    practices: list[PracticeOut]
    figures: list[FigureGroup]


class PracticesOut(Page):
    items: list[PracticeOut]


class SimilarPractice(PracticeOut):
    score: float


class PracticeDetail(PracticeOut):
    similar: list[SimilarPractice]


# -- compare -----------------------------------------------------------------------

class PracticeBrief(BaseModel):
    id: str
    name: str
    kind: str = ""
    components: list[str] = []
    doc_id: str = ""
    span: Span | None = None


class CategoryRow(BaseModel):
    category: str
    cells: list[list[PracticeBrief]]


class LevelPhrase(BaseModel):
    levels: int
    phrase: str
    units: list[str]
    doc_id: str = ""
    span: Span | None = None


class UnitCount(BaseModel):
    unit: str
    count: int


class Chain(BaseModel):
    chain: list[str]
    doc_id: str = ""
    span: Span | None = None


class Structure(BaseModel):
    levels: int | None
    level_phrases: list[LevelPhrase]
    units: list[UnitCount]
    chains: list[Chain]


class FigureCell(BaseModel):
    value: Number | str | None
    qualifier: str
    period: str | None = None
    cumulative: bool | None = None
    text: str = ""
    doc_id: str
    span: Span | None = None
    published: str = ""
    reports: int = Field(description="how many figures of the park share this metric and unit")


class FigureRow(BaseModel):
    metric: str
    unit: str
    cells: list[FigureCell | None] = Field(description="one per park, in the order of `parks`; null: none reported")


class CompareOut(BaseModel):
    parks: list[ParkBrief]
    categories: list[CategoryRow]
    structure: list[Structure]
    figures: list[FigureRow]


class HealthOut(BaseModel):
    status: Literal["ok", "degraded"]
    store: str
    documents: int | None = None
    detail: str = ""
