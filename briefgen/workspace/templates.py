"""Templates: where audience templates live, their defaults, and starting a custom one.

Each audience template is a folder holding `brief.html` (extending the shared
`base.html`) and optionally `audience.yaml`, its default layout. User folders are searched
before the built-in one; the built-in templates stay reachable as `builtin/<name>`, so a
user template can extend the very template it overrides and change a single block.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from briefgen.core.digest import digest_bytes
from briefgen.errors import ConfigError
from briefgen.model import SectionId
from briefgen.workspace.spec import LAYOUT_SETTINGS
from briefgen.workspace.yamlfile import load_validated, suggest

_PACKAGE_DIR = Path(__file__).parent.parent  # briefgen/; this is briefgen/workspace/templates.py
BUILTIN_PREFIX = "builtin"
SHARED_FILES = ("base.html", "brief.css")  # used by every audience template

DEFAULTS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"description": {"type": "string"}, **LAYOUT_SETTINGS},
    "additionalProperties": False,
}


@dataclass(frozen=True)
class TemplateDefaults:
    """An audience template's own layout: sections, budgets and page limit."""

    description: str = ""
    sections: tuple[SectionId, ...] | None = None
    max_pages: int | None = None
    budget: dict[SectionId, int] = field(default_factory=dict)
    max_citations: int | None = None
    bibliography: str | None = None


@dataclass(frozen=True)
class TemplateInfo:
    """An audience template as `briefgen templates list` shows it."""

    name: str
    folder: Path
    builtin: bool
    description: str


def builtin_template_dir() -> Path:
    """The built-in templates: shipped inside the wheel, or the checkout's templates/."""
    shipped = _PACKAGE_DIR / "_templates"
    return shipped if shipped.is_dir() else _PACKAGE_DIR.parent / "templates"


def template_dirs(user_dirs: tuple[Path, ...] = ()) -> list[Path]:
    """Template folders in search order: the user's first, then the built-in ones."""
    return [*user_dirs, builtin_template_dir()]


def template_loaders(user_dirs: Sequence[Path] = ()) -> list[jinja2.BaseLoader]:
    """Where a template name is looked up, in order: the template folders, then
    `builtin/<name>` for the shipped template even where a user's hides it."""
    return [
        jinja2.FileSystemLoader([str(d) for d in template_dirs(tuple(user_dirs))]),
        jinja2.PrefixLoader({BUILTIN_PREFIX: jinja2.FileSystemLoader(str(builtin_template_dir()))}),
    ]


def template_digests(names: Sequence[str], user_dirs: Sequence[Path]) -> dict[str, str | None]:
    """The digest each template name resolves to now (None if it no longer resolves):
    a template added in front of another, or edited, shows as a changed digest."""
    loader = jinja2.ChoiceLoader(template_loaders(user_dirs))
    environment = jinja2.Environment(loader=loader)
    found: dict[str, str | None] = {}
    for name in names:
        try:
            source = loader.get_source(environment, name)[0]
        except jinja2.TemplateNotFound:
            found[name] = None
        else:
            found[name] = digest_bytes(source.encode())
    return found


def _template_folders(user_dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Each audience template's folder, by name, in name order; a user's hides the built-in."""
    found: dict[str, Path] = {}
    for folder in template_dirs(user_dirs):
        for page in sorted(folder.glob("*/brief.html")):
            found.setdefault(page.parent.name, page.parent)
    return dict(sorted(found.items()))


def available_templates(user_dirs: tuple[Path, ...] = ()) -> list[TemplateInfo]:
    """Every audience template with where it comes from and its description."""
    builtin = builtin_template_dir()
    return [
        TemplateInfo(name, folder, folder.parent == builtin, template_defaults(folder).description)
        for name, folder in _template_folders(user_dirs).items()
    ]


def template_folder(name: str, user_dirs: tuple[Path, ...] = ()) -> Path:
    """The folder of audience template `name`; ConfigError with suggestions if none.

    Only that template's audience.yaml is read later, so a broken one elsewhere does not
    stop an edition that does not use it."""
    folders = _template_folders(user_dirs)
    if name not in folders:
        raise ConfigError(
            [f"no template '{name}'{suggest(name, list(folders))}; available: {', '.join(folders)}"]
        )
    return folders[name]


def template_defaults(folder: Path, cache: Path | None = None) -> TemplateDefaults:
    """The template's `audience.yaml`, validated (and kept in `cache`, when given: see
    `load_validated`); empty defaults when it has none."""
    path = folder / "audience.yaml"
    if not path.is_file():
        return TemplateDefaults()
    data, _ = load_validated(path, DEFAULTS_SCHEMA, cache)
    data = data or {}
    sections = data.get("sections")
    return TemplateDefaults(
        description=data.get("description", ""),
        sections=tuple(SectionId(s) for s in sections) if sections else None,
        max_pages=data.get("max_pages"),
        budget={SectionId(k): v for k, v in data.get("budget", {}).items()},
        max_citations=data.get("max_citations"),
        bibliography=data.get("bibliography"),
    )


def copy_template(
    name: str, destination: Path, *, new_name: str | None = None, force: bool = False
) -> list[Path]:
    """Copies built-in template `name` (an audience, or a shared file such as base.html)
    into `destination`, as `new_name` if given; refuses to overwrite unless `force`."""
    builtin = builtin_template_dir()
    if name in SHARED_FILES:
        sources = [(builtin / name, destination / (new_name or name))]
    else:
        folder = template_folder(name)
        target = destination / (new_name or name)
        sources = [(p, target / p.name) for p in sorted(folder.iterdir()) if p.is_file()]
    existing = [str(t) for _, t in sources if t.exists()]
    if existing and not force:
        raise ConfigError(
            [f"{path}: already exists; pass --force to overwrite it" for path in existing]
        )
    for source, target in sources:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return [t for _, t in sources]
