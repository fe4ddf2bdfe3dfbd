"""The studio's HTTP application: FastAPI routes over the library of foulard.

Thin, like the CLI: every route checks its input and the caller's rights, then calls
the core (genome, render, space, ledger, library, prompt, evolve, production). Slow
work goes to the bounded pools of :mod:`foulard.web.work`. User errors are 4xx with
a ``detail`` message; nothing a client sends reaches a path, a shell or SQL text.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from foulard import __version__
from foulard.db import connect
from foulard.errors import FoulardError, LedgerError
from foulard.web import routes
from foulard.web.accounts import AuthError
from foulard.web.deps import Forbidden, NotFound, RateLimited, Studio
from foulard.web.limits import BodyLimit
from foulard.web.settings import Settings
from foulard.web.store import migrate
from foulard.web.work import Busy

__all__ = ["create_app"]

STATIC = Path(__file__).parent / "static"
FONT = Path(__file__).parents[1] / "data" / "fonts" / "FoulardKai-Regular.ttf"
log = logging.getLogger("foulard.web")


def _error(status: int, detail: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The studio app for ``settings`` (default: :meth:`Settings.from_env`); the
    database is migrated here. ``foulard serve --workers N`` calls this once in each
    worker process."""
    settings = settings or Settings.from_env()
    settings.home.mkdir(parents=True, exist_ok=True)
    db = connect(settings.database_url, create=True)
    try:
        migrate(db)
    finally:
        db.close()
    studio = Studio(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        studio.start()
        try:
            yield
        finally:
            studio.shutdown()

    app = FastAPI(
        title="foulard studio",
        version=__version__,
        description="Design silk scarves from a prompt, browse your own 100,000 designs, "
        "edit them and order print files for the mill.",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.studio = studio

    @app.exception_handler(AuthError)
    async def _auth(request: Request, exc: AuthError):
        return _error(401, str(exc), {"WWW-Authenticate": "Bearer"})

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden):
        return _error(403, str(exc))

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound):
        return _error(404, str(exc))

    @app.exception_handler(RateLimited)
    async def _limited(request: Request, exc: RateLimited):
        return _error(429, str(exc), {"Retry-After": str(max(1, round(exc.retry_after)))})

    @app.exception_handler(Busy)
    async def _busy(request: Request, exc: Busy):
        return _error(503, str(exc), {"Retry-After": "2"})

    @app.exception_handler(LedgerError)
    async def _ledger(request: Request, exc: LedgerError):
        return _error(409, str(exc))

    @app.exception_handler(FoulardError)
    async def _user(request: Request, exc: FoulardError):
        return _error(400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
            parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else e.get("msg", ""))
        return _error(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _error(500, "internal error (logged on the server)")

    app.include_router(routes.router)

    @app.get("/", include_in_schema=False)
    async def index():
        return FileResponse(STATIC / "index.html", headers=_PAGE_HEADERS)

    @app.get("/fonts/kai.ttf", include_in_schema=False)
    async def kai_font():
        # The bundled Kai typeface (SIL OFL, see foulard/data/fonts) draws the Chinese UI
        # on machines without CJK fonts.
        return FileResponse(
            FONT, media_type="font/ttf", headers={"Cache-Control": "public, max-age=604800"}
        )

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    worker = str(os.getpid())

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers["X-Foulard-Worker"] = worker  # which server process answered
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.url.path.startswith("/static/") or request.url.path == "/":
            response.headers.setdefault("Content-Security-Policy", _CSP)
            response.headers.setdefault("Cache-Control", "no-cache")
        return response

    app.add_middleware(
        BodyLimit, limit=settings.max_body_bytes, upload_limit=settings.max_upload_bytes
    )
    return app


_CSP = (
    "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_PAGE_HEADERS = {"Content-Security-Policy": _CSP, "Cache-Control": "no-cache"}
