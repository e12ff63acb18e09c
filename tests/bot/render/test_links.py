"""The one source-link rule: public page, else canonical URL, else "document, ¶n" text."""

import pytest
from pydantic import ValidationError

from bot.render.links import doc_path, is_web_url, public_link, source_link
from bot.settings import Settings
from search.models import Document, Paragraph, SourceInfo


def _doc(url=None):
    return Document("doc_1", "doc 1.txt", SourceInfo("A Title", url=url), (Paragraph(1, "Text."),), "h")


def test_public_address_wins_over_the_canonical_url():
    link = source_link(_doc("https://news.example.org/a"), 12, "https://dossier.example.org")
    assert link.url == "https://dossier.example.org/docs/doc_1#p12"


def test_without_public_address_the_canonical_url_is_the_link():
    assert source_link(_doc("https://news.example.org/a"), 3, None).url == "https://news.example.org/a"


def test_without_either_the_source_is_named_in_text():
    link = source_link(_doc(), 3, None)
    assert link.url is None
    assert link.text == "A Title, ¶3"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.org/a", "//x.org", "",
                                 None])
def test_only_http_addresses_become_links(url):
    assert not is_web_url(url)
    assert source_link(_doc(url), 1, None).url is None


def test_paths_carry_the_question_and_the_anchor_encoded():
    assert doc_path("doc_1", 4, 'who & "why"?') == "/docs/doc_1?q=who+%26+%22why%22%3F#p4"
    assert public_link(None, "doc_1", 4) is None
    assert public_link("https://d.example", "doc_1") == "https://d.example/docs/doc_1"


def test_public_base_url_is_checked_and_normalised():
    assert Settings(public_base_url="https://d.example.org/").public_base_url == "https://d.example.org"
    assert Settings(public_base_url="  ").public_base_url is None
    for bad in ("ftp://d.example.org", "d.example.org", "https://d.example.org/?x=1", "javascript:alert(1)"):
        with pytest.raises(ValidationError, match="public_base_url"):
            Settings(public_base_url=bad)


def test_web_address_settings_have_safe_defaults(monkeypatch):
    for name in ("DOSSIER_WEB_HOST", "DOSSIER_WEB_PORT", "DOSSIER_PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert (settings.web_host, settings.web_port, settings.public_base_url) == ("127.0.0.1", 8080, None)
    with pytest.raises(ValidationError, match="web_port"):
        Settings(web_port=70000)
