"""Workshop material built from the published view: slide deck, 7-minute briefing, handout.

Every builder is a pure function of `Published` returning bytes or text, so the
CLI and the website can both call them; only the CLI writes files (atomically,
with `lscb_kb.files.write_atomic`).
"""

from .common import ExportError, SelectionError

__all__ = ["ExportError", "SelectionError"]
