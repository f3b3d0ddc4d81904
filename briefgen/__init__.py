"""briefgen: turn a folder of sources into cited briefing documents.

The library API: `build()` runs the pipeline for brief specs; `check_outputs()`
re-verifies built briefs' anchors. The CLI (`briefgen`) is a thin layer over these.
"""

from briefgen.build import build
from briefgen.check import check_outputs
from briefgen.errors import BriefgenError, CitationError, ConfigError, RenderError, SourceError
from briefgen.plans import BuildOptions

__version__ = "0.1.0"

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
