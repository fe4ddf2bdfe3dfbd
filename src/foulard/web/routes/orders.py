"""Routes for print orders: start one (an export job), poll, cancel, download its zip.

Jobs are rows of the shared database (:mod:`foulard.web.jobs`), so any worker
process answers for any job.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse
from pydantic import Field

from foulard.errors import FoulardError
from foulard.web.accounts import Account
from foulard.web.deps import NotFound, Studio, charge
from foulard.web.jobs import Job
from foulard.web.routes.common import Body, Me, St, visible

router = APIRouter()


class OrderBody(Body):
    format: str = Field(default="carre90", max_length=40)
    ppi: float = Field(default=300, ge=150, le=600)
    inks: int = Field(default=12, ge=2, le=48)
    colourways: int = Field(default=3, ge=0, le=24)
    colourway: str | None = Field(default=None, max_length=200)


@router.post("/designs/{design_id}/orders", tags=["orders"], status_code=202)
def order(design_id: str, body: OrderBody, request: Request, me: Me, st: St) -> dict:
    """Start making the print order (master, plates, colourways, proof, previews, spec
    sheet); poll the job, then download its zip."""
    from foulard.production.colourways import parse_request
    from foulard.scarf.formats import get_format

    genome = visible(st, me, design_id)
    s = st.settings
    fmt = get_format(body.format)
    w, h = fmt.canvas_px(body.ppi)
    if max(w, h) > s.max_export_px:
        raise FoulardError(
            f"{fmt.name} at {body.ppi:g} ppi is {w} x {h} px; this studio makes masters up to "
            f"{s.max_export_px} px (lower the ppi or the size)"
        )
    if body.inks > s.max_export_inks:
        raise FoulardError(f"at most {s.max_export_inks} inks here")
    if body.colourways > s.max_export_colourways:
        raise FoulardError(f"at most {s.max_export_colourways} colourways here")
    requests = []
    if body.colourway:
        requests = [parse_request(body.colourway).label]
    charge(request, "export")
    job = st.jobs.submit(
        me.person_id,
        genome,
        {
            "format": fmt.name,
            "ppi": body.ppi,
            "inks": body.inks,
            "colourways": max(body.colourways, len(requests)),
            "colourway_requests": requests,
        },
    )
    return job.to_json()


def _job(st: Studio, me: Account, job_id: str) -> Job:
    if not re.fullmatch(r"[0-9a-f]{24}", job_id):
        raise FoulardError("a job id is 24 hexadecimal digits")
    job = st.jobs.get(job_id)
    if job is None or (job.owner != me.person_id and not me.at_least("admin")):
        raise NotFound("no such job")
    return job


@router.get("/jobs", tags=["orders"])
def my_jobs(me: Me, st: St) -> dict:
    return {"jobs": [j.to_json() for j in st.jobs.of(me.person_id)]}


@router.get("/jobs/{job_id}", tags=["orders"])
def job_status(job_id: str, me: Me, st: St) -> dict:
    """A job's state, stage and progress (0 to 1)."""
    return _job(st, me, job_id).to_json()


@router.delete("/jobs/{job_id}", tags=["orders"])
def job_cancel(job_id: str, me: Me, st: St) -> dict:
    """Cancel a queued or running job (its files are removed)."""
    job = _job(st, me, job_id)
    return st.jobs.cancel(job.id).to_json()


@router.get("/jobs/{job_id}/download", tags=["orders"], response_class=FileResponse)
def job_download(job_id: str, me: Me, st: St):
    """The finished order as a zip."""
    job = _job(st, me, job_id)
    path = st.jobs.zip_path(job)
    if path is None:
        raise FoulardError(f"the order is {job.state}, not ready")
    return FileResponse(path, media_type="application/zip", filename=path.name)
