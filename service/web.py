"""The analysts' page at `/`: try a caption, score an uploaded feed, see the model. The page is static
HTML + a little JavaScript (service/static/); these routes do the work with the batch job's own code."""
from __future__ import annotations

import base64
import tempfile
import zipfile
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import pandas as pd
from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from classifier import MutuError
from classifier.batch import score_files
from classifier.io import FORMATS
from classifier.report import ucapan_heavy, write_report
from classifier.scoring import ScoreSettings

from .frames import json_records

router = APIRouter(include_in_schema=False)
DOWNLOADS = ("report.html", "report.xlsx")
SHOWN_REJECTED = 500


@router.get("/", response_class=HTMLResponse)
def page() -> HTMLResponse:
    return HTMLResponse(files("service").joinpath("static/index.html").read_text(encoding="utf-8"))


class Caption(BaseModel):
    text: str = Field(..., max_length=20_000)


@router.post("/web/caption")
def caption(body: Caption, request: Request) -> dict:
    """The label of one caption, with the words that pushed the decision."""
    if not body.text.strip():
        raise HTTPException(422, detail="Caption kosong. Tempelkan teks postingan terlebih dahulu.")
    model = request.app.state.model
    result = model.classify([body.text])[0]
    threshold = request.app.state.settings.review_threshold
    return {**result, "needs_review": result["confidence"] < threshold, "pieces": model.highlight(body.text),
            "model_version": model.version}


def _day(value: str | None, what: str) -> pd.Timestamp | None:
    if not value:
        return None
    day = pd.to_datetime(value, errors="coerce", format="%Y-%m-%d")
    if pd.isna(day):
        raise HTTPException(422, detail=f"Tanggal {what} {value!r} tidak terbaca; gunakan format TTTT-BB-HH, mis. 2026-01-31.")
    return day


@router.post("/web/score")
def score(request: Request, file: Annotated[UploadFile, File(description="CSV, XLSX, JSONL or scraper JSON")],
          since: Annotated[str | None, Form()] = None, until: Annotated[str | None, Form()] = None) -> dict:
    """Scores an uploaded feed with the batch job; nothing of it stays on disk after the response."""
    settings = request.app.state.settings
    name = Path(file.filename or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise HTTPException(422, detail=f"Jenis berkas {suffix or '(tanpa ekstensi)'} tidak dikenal. Unggah CSV, XLSX, JSONL, JSON atau Parquet.")
    score_settings = ScoreSettings(since=_day(since, "awal"), until=_day(until, "akhir"))
    model = request.app.state.model
    with tempfile.TemporaryDirectory(prefix="mutu-web-") as tmp:
        source = Path(tmp) / f"feed{suffix}"
        with open(source, "wb") as fh:
            while block := file.file.read(1 << 20):
                fh.write(block)
        out = Path(tmp) / "out"
        try:
            result = score_files([source], model, out, score_settings, max_rows=settings.web_max_rows)
            paths = write_report(result, out)
        except MutuError as exc:
            # the library's hint names a command-line flag; on the page, renaming the column is the fix
            message = str(exc).replace(str(source), name).replace("name it with --text-col", "ganti judul kolom teks menjadi 'text' atau 'caption'")
            raise HTTPException(422, detail=f"Berkas {name} tidak dapat dinilai: {message}") from None
        except (ValueError, KeyError, UnicodeDecodeError, zipfile.BadZipFile, pd.errors.ParserError) as exc:
            raise HTTPException(422, detail=f"Berkas {name} tidak dapat dibaca ({type(exc).__name__}: {exc}). "
                                            "Periksa formatnya: CSV UTF-8 dengan baris judul, XLSX, JSONL atau JSON.") from None
        rejected = pd.read_csv(paths["rejected.csv"], dtype=str, keep_default_na=False, nrows=SHOWN_REJECTED)
        charts = {p.name: base64.b64encode(p.read_bytes()).decode() for k, p in paths.items() if k.endswith(".png")}
        downloads = {k: base64.b64encode(paths[k].read_bytes()).decode() for k in DOWNLOADS}
    heavy = ucapan_heavy(result.agencies) if not result.agencies.empty else pd.DataFrame()
    return {
        "file": name,
        "columns": {k.replace(str(source), name): v.describe() for k, v in result.columns.items()},
        "posts_in": result.posts_in, "scored": result.scored, "rejected": result.rejected,
        "rejected_reasons": result.rejected_reasons,
        "rejected_rows": json_records(rejected.drop(columns=["source"], errors="ignore")),
        "agencies": json_records(result.agencies),
        "trend": json_records(result.trend),
        "ucapan_heavy": json_records(heavy[["agency", "posts", "ucapan", "ucapan_share"]]) if len(heavy) else [],
        "charts": charts,
        "downloads": downloads,
        "model_version": result.model_version,
    }
