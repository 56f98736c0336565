"""``/docs``: Swagger UI for the API, offline and under the strict CSP.

FastAPI's own ``/docs`` loads Swagger UI from a CDN and starts it with an inline
script; both are refused here (offline, no inline script). Instead the Swagger UI
files come from the installed ``swagger-ui-bundle`` package (served under
``/docs/vendor/``), and the page (``data/docs/docs.html``) starts it with an
external script (``/docs/init.js``) that reads ``/openapi.json``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, Response

HERE = Path(__file__).parent / "data" / "docs"

# the only files served from the package (a fixed list: no path from the request reaches the disk)
SWAGGER_FILES = {
    "swagger-ui-bundle.js": "application/javascript",
    "swagger-ui.css": "text/css",
}


def swagger_dir() -> Path | None:
    """The swagger-ui dist folder of the installed ``swagger-ui-bundle`` package (None without it)."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    path = Path(str(swagger_ui_path))
    return path if path.is_dir() else None


def install(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs_page() -> Response:
        if swagger_dir() is None:
            raise HTTPException(404, "the API docs need the 'swagger-ui-bundle' package; the schema is at "
                                "/openapi.json")
        return FileResponse(HERE / "docs.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    @app.get("/docs/init.js", include_in_schema=False)
    def docs_init() -> Response:
        return FileResponse(HERE / "init.js", media_type="application/javascript",
                            headers={"Cache-Control": "no-cache"})

    @app.get("/docs/docs.css", include_in_schema=False)
    def docs_css() -> Response:
        return FileResponse(HERE / "docs.css", media_type="text/css", headers={"Cache-Control": "no-cache"})

    @app.get("/docs/vendor/{name}", include_in_schema=False)
    def docs_vendor(name: str) -> Response:
        folder = swagger_dir()
        if name not in SWAGGER_FILES or folder is None:
            raise HTTPException(404, "no such file")
        return FileResponse(folder / name, media_type=SWAGGER_FILES[name],
                            headers={"Cache-Control": "public, max-age=86400"})
