"""Which document values may become links: http(s) only."""

from __future__ import annotations

import pytest

from strikewatch.links import html_link, safe_link


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/report?id=1#p2",
        "http://example.org",
        "HTTPS://Example.org/a",
        "https://user@example.org:8443/path",
    ],
)
def test_safe_link_keeps_http_and_https(value: str) -> None:
    assert safe_link(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "/relative/path",
        "relative.html",
        "//example.org/scheme-relative",
        "https:/\\example.org",
        "https://",
        "https://example.org:notaport/",
        "http://[::1",
        "ftp://example.org/file",
        "",
        None,
        42,
    ],
)
def test_safe_link_refuses_everything_else(value: object) -> None:
    assert safe_link(value) is None


def test_safe_link_strips_surrounding_space() -> None:
    assert safe_link("  https://example.org/x \n") == "https://example.org/x"


def test_html_link_links_http_and_escapes_everything() -> None:
    assert html_link("https://example.org/?a=1&b=2", "<b>report</b>") == (
        '<a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer">&lt;b&gt;report&lt;/b&gt;</a>'
    )
    assert html_link('javascript:alert("x")') == "javascript:alert(&quot;x&quot;)"
    assert html_link("file:///etc/passwd", "local file") == "local file"
    assert html_link(None) == ""
