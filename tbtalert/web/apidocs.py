"""The OpenAPI schema of the open data (``/api/openapi.json``) and its pages (``/api/docs``).

Only the open-data routes are described, and FastAPI's own ``/docs`` and
``/openapi.json`` are turned off: the rest of the site is not an API. The
Swagger UI files are served from this server (the fastapi-offline package
ships them), so the pages work without internet access.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import BaseRoute

from tbtalert import __version__

DESCRIPTION = """\
Dữ liệu mở về thông báo TBT/SPS của WTO và cập nhật tiêu chuẩn quốc gia, theo ngành hàng.
Chỉ đọc, công khai, không có dữ liệu cá nhân.

Open data on WTO TBT/SPS notifications and national standard updates, by product sector.
Read-only and public, with no personal data. Lists are paged with a cursor (follow `next`),
answer `If-None-Match` with 304, and are also offered as CSV, Atom feeds and iCalendar files.
"""


def openapi_document(routes: list[BaseRoute]) -> dict[str, Any]:
    """The OpenAPI document of ``routes``."""
    return get_openapi(
        title="tbtalert open data",
        version=__version__,
        description=DESCRIPTION,
        routes=routes,
    )


def install(app: FastAPI, documented: list[APIRouter]) -> None:
    """Serve the schema of ``documented`` routers and its Swagger UI under ``/api``."""
    routes = [route for router in documented for route in router.routes]
    cache: dict[str, Any] = {}

    def schema(request: Request) -> JSONResponse:
        if not cache:
            cache.update(openapi_document(routes))
        return JSONResponse(cache)

    def docs(request: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="tbtalert open data",
            swagger_js_url="/api/static/swagger-ui-bundle.js",
            swagger_css_url="/api/static/swagger-ui.css",
            swagger_favicon_url="/api/static/favicon.png",
        )

    app.add_api_route("/api/openapi.json", schema, include_in_schema=False)
    app.add_api_route("/api/docs", docs, include_in_schema=False)
    static = files("fastapi_offline") / "static"
    app.mount("/api/static", StaticFiles(directory=str(static)), name="api-static")
