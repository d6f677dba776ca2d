"""Session notebooks: templates, writing a session's notebook, archiving it on close.

Public API::

    from leerkring.notebooks import find_template, load_template, validate_template, steps_of
    from leerkring.notebooks import write_session_notebook, archive_session, md_escape

The template metadata contract is ``template_schema.json`` next to this file; see README.md here.
"""

from __future__ import annotations

from leerkring.notebooks.templates import (
    Step,
    TemplateError,
    find_template,
    generic_template,
    load_template,
    package_templates_dir,
    steps_of,
    validate_template,
)

__all__ = [
    "Step",
    "TemplateError",
    "find_template",
    "generic_template",
    "load_template",
    "package_templates_dir",
    "steps_of",
    "validate_template",
    "write_session_notebook",
    "archive_session",
    "md_escape",
]


def __getattr__(name: str):
    if name in ("write_session_notebook", "prepare_template"):
        from leerkring.notebooks import session

        return getattr(session, name)
    if name in ("archive_session", "md_escape", "archive_notebook", "export_html"):
        from leerkring.notebooks import archive

        return getattr(archive, name)
    raise AttributeError(f"module 'leerkring.notebooks' has no attribute {name!r}")
