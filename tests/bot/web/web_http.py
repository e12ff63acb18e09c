"""A raw HTTP request over a socket, so a path reaches the server exactly as written (no client clean-up)."""

from __future__ import annotations

import asyncio


async def raw_get(port: int, path: str) -> tuple[int, str]:
    """Status and body of `GET path` sent byte for byte to 127.0.0.1:port."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1"))
    await writer.drain()
    data = await reader.read()
    writer.close()
    await writer.wait_closed()
    head, _, body = data.decode("utf-8", "replace").partition("\r\n\r\n")
    return int(head.split(" ", 2)[1]), body
