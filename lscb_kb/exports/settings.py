"""The partnership's own details for workshop material, from the `training:` section of lscb-kb.yml.

Trainers must not have to edit every deck by hand to add their local contacts,
escalation route, support lines and branding, so they are set once here. Every
setting is optional: a missing one falls back to wording that tells the
participant where to look, never to another area's details.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .common import DEFAULT_KB_NAME, ExportError

CONFIG_FILE = "lscb-kb.yml"
DEFAULT_HISTORIC_AFTER_YEARS = 5
_COLOUR = re.compile(r"^#?([0-9A-Fa-f]{6})$")
TRAINING_KEYS = ("kb_name", "partnership", "site_url", "procedures", "contacts", "escalation", "support", "footer", "logo", "colours")


@dataclass(frozen=True)
class Contact:
    """One line of the contacts slide: who, and how to reach them (an organisation's published detail)."""

    name: str
    detail: str


@dataclass(frozen=True)
class Settings:
    """What the exports need to know about the partnership."""

    kb_name: str = DEFAULT_KB_NAME
    partnership: str | None = None
    site_url: str | None = None
    historic_after_years: int = DEFAULT_HISTORIC_AFTER_YEARS
    procedures: str | None = None  # where the partnership's current procedures are (text or address)
    contacts: tuple[Contact, ...] = ()
    escalation: str | None = None
    support: tuple[str, ...] = ()
    footer: str | None = None
    logo: Path | None = None
    primary: str = "1B365D"  # navy
    accent: str = "1F8A80"  # teal

    def entry_url(self, review_id: str) -> str | None:
        return f"{self.site_url.rstrip('/')}/reviews/{review_id}/" if self.site_url else None

    def theme_url(self, theme_id: str) -> str | None:
        return f"{self.site_url.rstrip('/')}/themes/{theme_id}/" if self.site_url else None

    @property
    def procedures_text(self) -> str:
        return self.procedures or "your safeguarding partnership's current procedures and referral routes"


def _line(text: str, key: str) -> int:
    """The line of lscb-kb.yml that sets `key` (for messages), else 1."""
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"^(?!\s*#).*?\b{re.escape(key)}\s*:", line):
            return number
    return 1


def read_settings(root: Path) -> Settings:
    """The settings in `root`/lscb-kb.yml; ExportError naming the file, line and fix when one is wrong."""
    path = root / CONFIG_FILE
    if not path.exists():
        return Settings()
    try:
        text = path.read_text(encoding="utf-8-sig")
        config = yaml.safe_load(text) or {}
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as error:
        raise ExportError(f"{CONFIG_FILE} cannot be read: {error}") from None
    if not isinstance(config, dict):
        raise ExportError(f"{CONFIG_FILE}:1: the settings file must be a list of 'name: value' lines.")
    values: dict = {}

    def fail(key: str, expected: str) -> ExportError:
        return ExportError(f"{CONFIG_FILE}:{_line(text, key)}: '{key}' must be {expected}.")

    years = config.get("historic_after_years", DEFAULT_HISTORIC_AFTER_YEARS)
    if not isinstance(years, int) or isinstance(years, bool) or years < 0:
        raise fail("historic_after_years", "a whole number of years (0: never by age)")
    values["historic_after_years"] = years
    training = config.get("training") or {}
    if not isinstance(training, dict):
        raise fail("training", "a set of indented 'name: value' lines")
    for key in training:
        if key not in TRAINING_KEYS:
            close = difflib.get_close_matches(str(key), TRAINING_KEYS, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else f" The settings are: {', '.join(TRAINING_KEYS)}."
            raise ExportError(f"{CONFIG_FILE}:{_line(text, str(key))}: '{key}' is not a training setting.{hint}")
    for key in ("kb_name", "partnership", "site_url", "procedures", "escalation", "footer"):
        value = training.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise fail(key, "text (put it in quotes)")
        values[key] = " ".join(value.split())
    if "site_url" in values and not re.match(r"^https?://", values["site_url"]):
        raise fail("site_url", "a web address starting with https://")
    support = training.get("support") or []
    if isinstance(support, str):
        support = [support]
    if not isinstance(support, list) or not all(isinstance(s, str) and s.strip() for s in support):
        raise fail("support", "a list of quoted lines")
    values["support"] = tuple(" ".join(s.split()) for s in support)
    contacts = training.get("contacts") or []
    if not isinstance(contacts, list) or not all(
        isinstance(c, dict) and isinstance(c.get("name"), str) and isinstance(c.get("detail"), str) for c in contacts
    ):
        raise fail("contacts", "a list of '- name: ...' / 'detail: ...' pairs")
    values["contacts"] = tuple(Contact(" ".join(c["name"].split()), " ".join(c["detail"].split())) for c in contacts)
    colours = training.get("colours") or {}
    if not isinstance(colours, dict):
        raise fail("colours", "'primary' and 'accent' colours such as \"#1B365D\"")
    for key in ("primary", "accent"):
        if key in colours:
            match = _COLOUR.match(str(colours[key]).strip())
            if not match:
                raise fail(key, 'a colour written as "#RRGGBB", e.g. "#1B365D", in quotes')
            values[key] = match.group(1).upper()
    if training.get("logo") is not None:
        logo = root / str(training["logo"])
        if not logo.is_file() or logo.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            raise fail("logo", f"a .png or .jpg file in the knowledge base folder ({training['logo']} was not found or is another kind of file)")
        values["logo"] = logo
    if "site_url" not in values:
        values["site_url"] = _mkdocs_site_url(root)
    return Settings(**values)


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags: read it as plain data without running anything."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _mkdocs_site_url(root: Path) -> str | None:
    """The website's address from mkdocs.yml, so links in exports point at the published entries."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8-sig"), Loader=_IgnoreTags)  # noqa: S506 - tags ignored
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    url = config.get("site_url") if isinstance(config, dict) else None
    return url.strip() if isinstance(url, str) and re.match(r"^https?://", url.strip()) else None
