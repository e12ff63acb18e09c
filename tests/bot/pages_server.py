"""A real HTTP server on 127.0.0.1 serving news pages, a PDF and bad answers, for adding articles by link.

It runs in a thread of its own, so a test may call it from async code or from a `dossier` subprocess.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiohttp import web

FILES = Path(__file__).resolve().parent.parent / "search" / "readers" / "files"


def _app(pdf: bytes) -> web.Application:
    async def page(request: web.Request) -> web.StreamResponse:
        path = FILES / request.match_info["name"]
        if not path.is_file():
            raise web.HTTPNotFound()
        return web.Response(body=path.read_bytes(), content_type="text/html")

    async def redirect(request: web.Request) -> web.StreamResponse:
        hops = int(request.match_info["hops"])
        target = "/news/harbour-ferry.html" if hops == 0 else f"/hop/{hops - 1}"
        raise web.HTTPFound(target)

    async def elsewhere(request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(request.query["to"])

    async def big(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        for _ in range(200):
            await response.write(b"<p>" + b"filler words " * 500 + b"</p>")
        return response

    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(5)
        return web.Response(text="<p>late</p>", content_type="text/html")

    async def report(request: web.Request) -> web.StreamResponse:
        return web.Response(body=pdf, content_type="application/octet-stream")

    async def image(request: web.Request) -> web.StreamResponse:
        return web.Response(body=b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type="image/png")

    app = web.Application()
    app.router.add_get("/news/{name}", page)
    app.router.add_get("/hop/{hops}", redirect)
    app.router.add_get("/elsewhere", elsewhere)
    app.router.add_get("/big", big)
    app.router.add_get("/slow", slow)
    app.router.add_get("/reports/ferry-report", report)
    app.router.add_get("/photo.png", image)
    return app


@contextmanager
def serve_pages(pdf: bytes = b"") -> Iterator[str]:
    """Serve the pages until the block ends; yields the base address, http://127.0.0.1:PORT."""
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(_app(pdf))
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", 0).start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
