"""PDF through WeasyPrint from an HTML template, offline.

WeasyPrint would fetch any URL a template (or a text inside it) names; ``LocalFetcher`` refuses every URL
that is not a file in the font directories, so rendering never reaches the network or reads other files.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from . import fonts

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one INFO line per step and page otherwise


class RefusedURL(ValueError):
    pass


class LocalFetcher(URLFetcher):
    """Fetches ``file:`` URLs below the allowed directories only; anything else raises ``RefusedURL``."""

    def __init__(self, roots: list[Path] | None = None):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.roots = [r.resolve() for r in (roots if roots is not None else fonts.font_dirs())]

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused: {url[:80]}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedURL(f"refused: {url[:80]}")
        return super().fetch(url, headers)


STYLESHEET = Path(__file__).resolve().parent / "css" / "nd30.css"


def stylesheet_text() -> str:
    """The NĐ 30 stylesheet with the font faces found on this machine and the Times-compatible font stack."""
    return f"{fonts.font_face_css()}\nhtml {{ font-family: {fonts.FONT_STACK}; }}\n{STYLESHEET.read_text()}"


def html_to_pdf(html: str) -> bytes:
    fetcher = LocalFetcher()
    font_config = FontConfiguration()  # holds the @font-face faces of this rendering
    css = CSS(string=stylesheet_text(), url_fetcher=fetcher, font_config=font_config)
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(stylesheets=[css], font_config=font_config)


def render(template_name: str, context: dict) -> bytes:
    """The HTML template rendered with Django's engine (autoescaped) and laid out by WeasyPrint."""
    return html_to_pdf(render_to_string(template_name, context))
