"""What every page renderer shares: Markdown escaping, links between pages, front matter, and the
learning index as the pages read it (`Context`)."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from typing import Mapping

import yaml

from ...catalogue import Published
from ...learning import LearningIndex, ThemeLearning
from ...model import Action, Review, Theme
from ...text import format_date

# The five themes the partnership named first (DESIGN.md): shown first on the home and themes pages.
HEADLINE_THEMES = ("professional-curiosity", "disguised-compliance", "voice-of-the-child", "neglect", "child-sexual-exploitation")
WHATS_NEW = 5  # newest entries on the home page
TOP_PAIRS = 20  # theme pairs in the "occur together" table
OFTEN_WITH = 5  # co-occurring themes named on a theme page

# Lines of the hand-written home page (content/index.md) that generated blocks replace.
HOME_PLACEHOLDERS = ("{{ search_box }}", "{{ headline_themes }}", "{{ whats_new }}")

HISTORIC_NOTICE = (
    '!!! warning "Historic learning"\n'
    "    This entry is archived. Its learning is still worth knowing, but the procedures, forms and contacts"
    " it mentions may no longer apply: check current local guidance before acting on it.\n"
)






# --- text helpers --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}>#|])")


def md_text(text: str) -> str:
    """Plain text made safe to place anywhere in a Markdown line (no markup, links, HTML or attributes).

    '&' and '<' become entities (Markdown has no backslash escape for '<'), so
    the text shows exactly as written and can never open a tag.
    """
    text = " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_inline(text: str) -> str:
    """Contributed Markdown (a summary, a learning point) on one line, without attribute lists."""
    return " ".join(str(text).split()).replace("{", "\\{").replace("}", "\\}")


def attr(text: str) -> str:
    """A value for an attr_list attribute or an HTML attribute: no quotes or braces can break out."""
    return html.escape(re.sub(r'["{}]', "'", " ".join(str(text).split())), quote=True)


def link(target: str, here: str) -> str:
    """A relative link from page `here` to site path `target` (both like 'reviews/x.md')."""
    here_dir, target_dir = posixpath.dirname(here), posixpath.dirname(target)
    if here_dir == target_dir:
        return posixpath.basename(target)
    return "../" * here.count("/") + target


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when available: 5,000 pages' front matter


def front_matter(meta: Mapping) -> str:
    text = yaml.dump(dict(meta), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{text}---\n\n"


def action_details(action: Action) -> list[str]:
    """'Owner: Children's services', 'Due March 2025', 'Updated January 2025': escaped, for a small-print line."""
    found = []
    if action.owner:
        found.append(f"Owner: {md_text(action.owner)}")
    if action.due:
        found.append(f"Due {format_date(action.due)}")
    if action.updated:
        found.append(f"Last update {format_date(action.updated)}")
    return found


def entry_meta(review: Review) -> str:
    """'Serious Case Review · June 2014 · Liverpool': the line under an entry's title in lists."""
    return " · ".join(md_text(p) for p in (review.type_label, format_date(review.published), ", ".join(review.area)) if p)


# --- the learning index, as the pages read it ------------------------------------------------------


@dataclass
class Context:
    """What several pages share: the published view and its learning index (computed once)."""

    published: Published
    learning: LearningIndex
    _themes: dict[str, ThemeLearning] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._themes.update({t.theme_id: t for t in self.learning.themes})

    def of(self, theme_id: str) -> ThemeLearning:
        return self._themes[theme_id]

    def entries(self, theme_id: str) -> int:
        return len(self._themes[theme_id].entries)

    def ranked_themes(self) -> list[Theme]:
        """Themes with entries, most entries first."""
        themes = [t for t in self.published.themes.values() if self.entries(t.id)]
        return sorted(themes, key=lambda t: (-self.entries(t.id), t.title))

    def years(self) -> list[int]:
        return sorted({r.year for r in self.published.reviews})

    def pairs(self) -> list[tuple[str, str, int]]:
        """Each pair of co-occurring themes once, most entries first."""
        found = {(min(t.theme_id, other), max(t.theme_id, other)): n for t in self.learning.themes for other, n in t.co_occurring}
        return sorted(((a, b, n) for (a, b), n in found.items()), key=lambda item: (-item[2], item[0], item[1]))
