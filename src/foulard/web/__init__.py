"""The studio: an HTTP API and a web page for designing, browsing and ordering scarves.

:func:`create_app` builds the FastAPI application for a :class:`Settings`;
``foulard serve`` runs it with uvicorn, ``foulard studio`` (``make demo``) first
initialises a demo deployment (see :mod:`foulard.web.demo`). The page is plain
HTML, CSS and JavaScript in ``static/``. See ``docs/studio.md``.
"""

from foulard.web.app import create_app
from foulard.web.settings import Settings

__all__ = ["Settings", "create_app"]
