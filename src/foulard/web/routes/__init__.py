"""The studio's API routes (``/api/...``), one module per area; the OpenAPI schema
is at ``/api/openapi.json``.

- :mod:`.accounts`: health, login, logout, me, new accounts (admins)
- :mod:`.stream`: designs from a prompt, the person's own stream
- :mod:`.designs`: one design (see, edit, judge, claim), owned designs, composed genomes
- :mod:`.previews`: PNG previews, inks and colourways
- :mod:`.orders`: print orders (export jobs)
- :mod:`.catalogue`: operators, formats, layouts
- :mod:`.library`: search, browse, thumbnails, ingest

Routes whose work is a few database statements are plain functions (FastAPI runs
them in its thread pool, off the event loop); slow work goes to the studio's
bounded pool.
"""

from __future__ import annotations

from fastapi import APIRouter

from foulard.web.editing import edit_genome
from foulard.web.routes import accounts, catalogue, designs, library, orders, previews, stream

__all__ = ["edit_genome", "router"]

router = APIRouter(prefix="/api")
for _area in (accounts, stream, designs, previews, orders, catalogue, library):
    router.include_router(_area.router)
