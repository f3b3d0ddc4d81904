"""The PDFs an edition's last build laid out, kept by what they were laid out from.

Laying out a PDF is the slowest step of a build on a large corpus (seconds per edition,
more when notes slip or a page budget takes several layouts), and most rebuilds do not
change what an edition prints: a source edited without changing the brief, a spec
setting another edition reads. A layout is a function of the print HTML, the templates
and stylesheets it loads, briefgen's code and WeasyPrint's version, so it is filed under
a hash of all of them and taken back when they are equal and every file the layout
loaded (an image, a font of the templates) still has the bytes it had. System fonts are
not checked: `--force` lays everything out afresh.

Each edition keeps only the layouts its last build used (a budget's fitting uses a few),
so the folder does not grow with the number of builds, and the cut its page budget took
for which uncut brief: the fitting's other layouts show the "since the last edition" box
of a build that is past, so only the final one is ever the same again.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from briefgen.core.digest import code_fingerprint, digest_file, digest_json, installed_version
from briefgen.core.fileio import write_atomic
from briefgen.core.kept import KeptResults
from briefgen.render.html import PDF_VARIANT, RenderedPdf

log = logging.getLogger(__name__)

LAYOUT_FORMAT = 2  # 2: the heights of pages and elements
_FIT = "fit.memo"  # {"uncut": digest of the uncut brief and budget, "cut": statements cut}


def layout_key(print_html: str, templates: dict[str, str]) -> str:
    """The hash a layout of `print_html` is filed under; `templates` maps every template
    and stylesheet the print HTML was made with or loads to its digest."""
    return digest_json(
        [
            print_html,
            templates,
            LAYOUT_FORMAT,
            PDF_VARIANT,
            installed_version("weasyprint"),
            code_fingerprint(),
        ]
    )


def brief_digest(export: dict[str, Any], budget: int) -> str:
    """The hash of a brief's export and its page budget, for the fit memo."""
    return digest_json([export, budget])


class LayoutCache(KeptResults):
    """One edition's kept layouts, in `folder`; `reuse` False lays everything out afresh
    (the layouts made are still kept for the next build)."""

    suffixes = (".pdf", ".json")

    def get(self, key: str) -> RenderedPdf | None:
        """The layout filed under `key`, or None (absent, unreadable or not to be reused)."""
        self.used.add(key)
        if not self.reuse:
            return None
        try:
            meta = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            data = (self.folder / f"{key}.pdf").read_bytes()
            if meta["format"] != LAYOUT_FORMAT or meta["bytes"] != len(data):
                return None
            files = {Path(name): digest for name, digest in meta["files"].items()}
            if any(digest_file(path) != digest for path, digest in files.items()):
                return None  # an image or font the templates load has changed
            return RenderedPdf(
                data,
                int(meta["pages"]),
                tuple(meta["warnings"]),
                tuple(frozenset(ids) for ids in meta["ids_by_page"]),
                tuple(files),
                filled=tuple(float(h) for h in meta["filled"]),
                heights={key: float(h) for key, h in meta["heights"].items()},
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, pdf: RenderedPdf) -> None:
        """Keeps a layout; a cache that cannot be written only costs the next build time."""
        self.used.add(key)
        meta = {
            "format": LAYOUT_FORMAT,
            "bytes": len(pdf.data),
            "pages": pdf.pages,
            "warnings": list(pdf.warnings),
            "ids_by_page": [sorted(ids) for ids in pdf.ids_by_page],
            "files": {str(path): digest_file(path) for path in pdf.files},
            "filled": list(pdf.filled),
            "heights": pdf.heights,
        }
        try:
            # The PDF first: the meta, written last, vouches for it (and says its size).
            write_atomic(self.folder / f"{key}.pdf", pdf.data)
            write_atomic(self.folder / f"{key}.json", json.dumps(meta).encode())
        except OSError as exc:
            log.warning("%s: cannot keep the PDF layout (%s)", self.folder, exc)

    def fitted(self, uncut: str) -> int | None:
        """The cut the last build took for the uncut brief `uncut`, or None."""
        if not self.reuse:
            return None
        try:
            memo = json.loads((self.folder / _FIT).read_text(encoding="utf-8"))
            return int(memo["cut"]) if memo["uncut"] == uncut else None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def remember_fit(self, uncut: str, cut: int) -> None:
        try:
            write_atomic(self.folder / _FIT, json.dumps({"uncut": uncut, "cut": cut}).encode())
        except OSError as exc:
            log.warning("%s: cannot keep the page fit (%s)", self.folder, exc)
