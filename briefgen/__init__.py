"""briefgen: turn a folder of sources into cited briefing documents.

The library API: `build()` runs the pipeline for brief specs; `check_outputs()`
re-verifies built briefs' anchors. The CLI (`briefgen`) is a thin layer over these.

The API's names are imported when first used (PEP 562): importing one module of the
package, as a build that finds nothing to do does, must not import every stage.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from briefgen.core import __version__
from briefgen.errors import BriefgenError, CitationError, ConfigError, RenderError, SourceError

if TYPE_CHECKING:
    from briefgen.cite.check import check_outputs
    from briefgen.pipeline.build import build
    from briefgen.pipeline.plans import BuildOptions

_LAZY = {
    "build": "briefgen.pipeline.build",
    "check_outputs": "briefgen.cite.check",
    "BuildOptions": "briefgen.pipeline.plans",
}

__all__ = [
    "BriefgenError",
    "BuildOptions",
    "CitationError",
    "ConfigError",
    "RenderError",
    "SourceError",
    "__version__",
    "build",
    "check_outputs",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
