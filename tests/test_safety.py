"""Untrusted sources and templates: source text is always escaped, the PDF renderer fetches
nothing outside the template folders, HTML sources' resources are never fetched, and
templates can be sandboxed."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import lxml.html
import pytest
from pypdf import PdfReader

from briefgen.errors import RenderError
from briefgen.ingest.readers import read_source
from briefgen.pipeline.build import build
from briefgen.pipeline.plans import BuildOptions
from briefgen.render.html import render_pdf
from tests.conftest import small_workspace, write

HOSTILE = (
    "# Council <b onmouseover=alert(0)>notes</b>\n\n"
    "On 20 July 2022 the two sides agreed <script>alert(1)</script> to extend the ceasefire.\n\n"
    'On 21 July 2022 the delegations signed <img src=x onerror="alert(2)"> a new '
    "agreement on the truce.\n"
)


def test_source_text_is_escaped_in_the_html(tmp_path: Path) -> None:
    root = small_workspace(tmp_path)
    write(root / "corpus" / "hostile.md", HOSTILE)
    build(options=BuildOptions(root=root, formats=("html", "json")))

    page = (root / "_build" / "brief" / "analyst.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//script") == []
    assert tree.xpath("//img[@onerror]") == []
    assert not [a for e in tree.iter() for a in e.attrib if a.lower().startswith("on")]
    text = tree.text_content()
    assert "<script>alert(1)</script>" in text
    assert '<img src=x onerror="alert(2)">' in text
    brief = json.loads((root / "_build" / "brief" / "analyst.json").read_text(encoding="utf-8"))
    statements = [*brief["timeline"], *(st for s in brief["sections"] for st in s["statements"])]
    quotes = [c["quote"] for statement in statements for c in statement["citations"]]
    assert any("<script>alert(1)</script>" in q for q in quotes), quotes
    assert any('<img src=x onerror="alert(2)">' in q for q in quotes), quotes


@pytest.mark.slow
def test_the_pdf_renderer_fetches_only_from_the_template_folders(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    allowed = write(templates / "ok.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    (templates / "leak.txt").symlink_to("/etc/hostname")
    blocked = [
        "file:///etc/passwd",
        "file:///dev/urandom",
        "http://127.0.0.1:9/x.png",
        f"file://{templates / 'leak.txt'}",
        f"file://{templates}/../outside.txt",
    ]
    write(tmp_path / "outside.txt", "not a template")
    html = (
        "<html><head><style>@import url('http://127.0.0.1:9/a.css');</style>"
        "<link rel=attachment href='file:///etc/hostname'></head><body><p>Text</p>"
        + "".join(f"<img src='{url}'>" for url in blocked)
        + f"<img src='{allowed.as_uri()}'><a rel=attachment href='/etc/passwd'>x</a>"
        "</body></html>"
    )
    pdf = render_pdf(html, allowed_dirs=[templates])

    refused = "\n".join(pdf.warnings)
    for url in [*blocked, "http://127.0.0.1:9/a.css", "file:///etc/hostname"]:
        shown = url if "/../" not in url else str(tmp_path / "outside.txt")
        assert f"briefgen does not fetch {url}" in refused or shown in refused, (url, refused)
    assert f"does not fetch {allowed.as_uri()}" not in refused  # the template folder is read
    reader = PdfReader(__import__("io").BytesIO(pdf.data))
    assert dict(reader.attachments) == {}


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Recorder.requests = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_an_html_source_never_fetches_its_resources(tmp_path: Path, server: str) -> None:
    root = small_workspace(tmp_path)
    write(
        root / "corpus" / "page.html",
        f"<html><head><link rel=stylesheet href='{server}/style.css'>"
        f"<script src='{server}/app.js'></script><title>Council meets</title></head><body>"
        f"<article><p>On 5 August 2022 the council met again in the city.</p>"
        f"<img src='{server}/photo.jpg'><iframe src='{server}/frame'></iframe>"
        f"<p style=\"background: url('{server}/bg.png')\">The talks went on for a week.</p>"
        "</article></body></html>",
    )
    assert "council met again" in read_source(root / "corpus" / "page.html").text
    build(options=BuildOptions(root=root, formats=("html", "json", "pdf")))
    assert _Recorder.requests == []


_PEEKING_TEMPLATE = (
    '{% extends "builtin/analyst/brief.html" %}'
    "{% block since_last_edition %}<p id=peek>{{ brief.__class__.__mro__ }}</p>{% endblock %}"
)


def test_a_sandboxed_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    root = small_workspace(tmp_path)
    templates = write(root / "untrusted" / "analyst" / "brief.html", _PEEKING_TEMPLATE).parent
    options = BuildOptions(root=root, formats=("html",), template_dirs=(templates.parent,))

    build(options=options)  # unsandboxed, the template reaches the class hierarchy
    page = (root / "_build" / "brief" / "analyst.html").read_text(encoding="utf-8")
    assert "&lt;class &#39;object&#39;&gt;" in page

    spec = root / "briefs" / "brief.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + "template_sandbox: true\n", "utf-8")
    with pytest.raises(RenderError) as error:
        build(options=options)
    assert str(error.value).startswith(f"{templates / 'brief.html'}:1: ")
    assert "access to attribute '__class__' of 'Brief' object is unsafe" in str(error.value)
