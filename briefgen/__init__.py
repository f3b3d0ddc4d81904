"""briefgen: turn a folder of sources into cited briefing documents.

The library API: `build()` runs the pipeline for brief specs; `check_outputs()`
re-verifies built briefs' anchors. The CLI (`briefgen`) is a thin layer over these.
"""

from briefgen.cite.check import check_outputs
from briefgen.core import __version__
from briefgen.errors import BriefgenError, CitationError, ConfigError, RenderError, SourceError
from briefgen.pipeline.build import build
from briefgen.pipeline.plans import BuildOptions

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
