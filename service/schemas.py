"""Request and response bodies of the HTTP API (kept apart from the library's internals)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

Label = Literal["kinerja", "layanan", "ucapan"]


class _HasText(BaseModel):
    text: str = Field(..., description="the caption, as posted")

    @field_validator("text")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty or whitespace only; send the post's caption")
        return value


class PostIn(_HasText):
    id: str | None = Field(None, description="your identifier, echoed back")


class ClassifyRequest(BaseModel):
    posts: list[PostIn] = Field(..., min_length=1, description="1 to MUTU_MAX_POSTS posts (default 1,000)")


class Term(BaseModel):
    term: str
    weight: float


class Prediction(BaseModel):
    id: str | None
    label: Label
    probabilities: dict[Label, float]
    substantive: bool
    confidence: float
    needs_review: bool = Field(..., description="the model is unsure: confidence below MUTU_REVIEW_THRESHOLD")
    explanation: list[Term] | None = Field(None, description="with ?explain=true: the terms that drove the decision")


class ClassifyResponse(BaseModel):
    model_version: str
    predictions: list[Prediction]


class AgencyPostIn(_HasText):
    agency: str = Field(..., min_length=1)
    posted_at: str | None = Field(None, description="ISO date or datetime")


class ScoreRequest(BaseModel):
    posts: list[AgencyPostIn] = Field(..., min_length=1)
    min_posts_per_week: float = Field(2.0, ge=0)


class Scorecard(BaseModel):
    agency: str
    rank: int
    posts: int
    kinerja: int
    layanan: int
    ucapan: int
    substantive_share: float
    substantive_share_low: float
    substantive_share_high: float
    adjusted_share: float
    posts_per_week: float | None
    active: bool | None
    first_post: str | None
    last_post: str | None
    days_since_last_post: int | None


class ScoreResponse(BaseModel):
    model_version: str
    agencies: list[Scorecard]
    rejected: list[dict] = Field(default_factory=list, description="posts not scored, with the reason")


class ModelInfo(BaseModel):
    version: str
    created: str | None
    labels: list[str]
    metrics: dict
    hyperparameters: dict | None = None


class LabelIn(_HasText):
    label: Label
    agency: str = ""
    source: str = Field("api", description="where the post came from, e.g. the dashboard's name")
    labelled_by: str = Field(..., min_length=1, description="who gave the label")
    predicted: Label | None = Field(None, description="the model's label this one corrects, if any")
    model_version: str | None = Field(None, description="the model version that made that prediction")
    note: str = ""


class LabelsRequest(BaseModel):
    labels: list[LabelIn] = Field(..., min_length=1, max_length=1000, description="1 to 1,000 labelled posts")


class LabelsResponse(BaseModel):
    stored: int


class ReloadResponse(BaseModel):
    previous: str
    version: str
