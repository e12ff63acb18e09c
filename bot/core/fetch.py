"""Fetching the page a link names, for adding it to the corpus: within a timeout, a size cap and a
redirect limit, and never from a loopback, private, link-local or metadata address unless the link's
host is one the deployer allowed. Every address a host resolves to is checked, for the first request
and after each redirect, and the connection is made only to addresses that were checked.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

from bot.errors import FetchFailed

# What a link may serve, stored under the suffix its reader reads.
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65_536
USER_AGENT = "Mozilla/5.0 (compatible; Dossier article fetch)"


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched page: the address it was finally served from, its bytes, and the suffix to keep it as."""

    url: str
    body: bytes
    suffix: str


def refused_address(address: str) -> str | None:
    """Why a connection to this IP address is refused, or None for a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address (where cloud metadata services answer)"
    if ip.is_private:
        return "a private address"
    if not ip.is_global or ip.is_multicast:
        return "not a public address"
    return None


def check_url(url: str, allowed: frozenset[str]) -> str:
    """The link's host; FetchFailed for anything but an http(s) link to a host that may be fetched."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchFailed("Give a web address starting with http:// or https://.")
    if parts.username is not None or parts.password is not None:
        raise FetchFailed("Links with a user name or password in them are not fetched.")
    host = parts.hostname.casefold()
    if host not in allowed:
        try:
            reason = refused_address(host)
        except ValueError:  # a name, not an address: the resolver checks what it resolves to
            reason = None
        if reason is not None:
            raise FetchFailed(f"{host} is {reason}; such links are not fetched.")
    return host


class CheckedResolver(AbstractResolver):
    """Resolves a host and refuses it when any of its addresses is not public (unless allowed)."""

    def __init__(self, allowed: frozenset[str]) -> None:
        self._inner = ThreadedResolver()
        self._allowed = allowed

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
                      ) -> list[ResolveResult]:
        """Every address of the host, each checked."""
        results = await self._inner.resolve(host, port, family)
        if host.casefold() not in self._allowed:
            for result in results:
                reason = refused_address(result["host"])
                if reason is not None:
                    raise FetchFailed(f"{host} resolves to {reason}; such links are not fetched.")
        return results

    async def close(self) -> None:
        """Release the inner resolver."""
        await self._inner.close()


async def fetch_page(url: str, *, timeout: float, max_bytes: int, max_redirects: int,
                     allowed_hosts: tuple[str, ...]) -> FetchedPage:
    """The page a link names, following at most `max_redirects` redirects; FetchFailed says why not."""
    allowed = frozenset(h.casefold() for h in allowed_hosts)
    connector = aiohttp.TCPConnector(resolver=CheckedResolver(allowed), use_dns_cache=False)
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    try:
        async with aiohttp.ClientSession(connector=connector, timeout=client_timeout,
                                         headers={"User-Agent": USER_AGENT}) as session:
            for _ in range(max_redirects + 1):
                check_url(url, allowed)
                async with session.get(url, allow_redirects=False) as response:
                    if response.status in _REDIRECTS and "Location" in response.headers:
                        url = urljoin(url, response.headers["Location"])
                        continue
                    return await _page(response, url, max_bytes)
            raise FetchFailed(f"The link redirected more than {max_redirects} times.")
    except TimeoutError:
        raise FetchFailed(f"The page did not arrive within {timeout:g} seconds.") from None
    except aiohttp.ClientError as exc:
        raise FetchFailed(f"The page could not be fetched ({type(exc).__name__}).") from None


async def _page(response: Any, url: str, max_bytes: int) -> FetchedPage:
    if response.status != 200:
        raise FetchFailed(f"The server answered {response.status} {response.reason or ''}".rstrip() + ".")
    declared = response.content_length
    if declared is not None and declared > max_bytes:
        raise FetchFailed(f"The page is {declared:,} bytes, over the {max_bytes:,}-byte limit.")
    body = bytearray()
    async for chunk in response.content.iter_chunked(_CHUNK):
        body.extend(chunk)
        if len(body) > max_bytes:
            raise FetchFailed(f"The page is over the {max_bytes:,}-byte limit.")
    raw = bytes(body)
    if raw.startswith(b"%PDF-"):
        return FetchedPage(url, raw, ".pdf")
    if response.content_type in _HTML_TYPES:
        return FetchedPage(url, raw, ".html")
    raise FetchFailed(f"The link serves {response.content_type or 'an unknown type'}, not a web page or a PDF.")
