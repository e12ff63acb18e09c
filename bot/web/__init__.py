"""The read-only web page: the ask page, documents by paragraph, the JSON API and the health check."""

from bot.web.app import build_app
from bot.web.server import local_address, serve_web, start_web

__all__ = ["build_app", "local_address", "serve_web", "start_web"]
