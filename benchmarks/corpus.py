"""A seeded generator of synthetic but realistic knowledge bases for benchmarks.

`generate(root, count)` writes the repository's themes and `count` valid review
entries with 800-1,500-word bodies. The same seed gives the same corpus.

The text is made of the sentences of the repository's own entries and theme
pages, picked by theme: an entry about neglect reads mostly like the entries and
theme page about neglect, as real reviews of one topic share their words. Each
entry also names a few places of its own, as real reviews name theirs. (An
earlier generator repeated a few dozen phrases, so that every word was on nearly
every page: far from real text, and the worst case for a search index.)
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from collections import defaultdict
from pathlib import Path

import frontmatter
import yaml

REPO = Path(__file__).resolve().parent.parent

BOARDS = [
    ("Northshire Safeguarding Children Partnership", "Northshire"),
    ("Riverton Safeguarding Adults Board", "Riverton"),
    ("Eastborough Community Safety Partnership", "Eastborough"),
    ("Westdale Safeguarding Children Partnership", "Westdale"),
    ("Southport Vale Safeguarding Partnership", "Southport Vale"),
    ("Hillcrest and Lowmoor Safeguarding Board", "Hillcrest"),
]
TYPES = ["scr", "lcspr", "rapid-review", "sar", "dhr", "learning-review", "thematic-review", "audit", "inspection", "cdop", "performance"]
AGES = ["unborn", "under-1", "1-4", "5-9", "10-14", "15-17", "18-24", "25-64", "65-plus"]
PSEUDONYMS = ["Child P", "Child R", "Family T", "Adult K", "Child W", "Family B", "Child Z", "Adult F", "Baby S", "Child Q"]
TITLES = ["Learning from", "Multi-agency review of", "Audit of", "Thematic review of", "Practice review:"]
PLACE_STARTS = ["Ash", "Bram", "Cal", "Dun", "Elm", "Fen", "Gar", "Hal", "Ips", "Kel", "Lang", "Mar", "Nor", "Oak", "Pen",
                "Quar", "Ros", "Sal", "Thorn", "Ux", "Ver", "Wick", "Yar", "Brad", "Chel", "Dray", "Ever", "Frod", "Glen", "Holm"]
PLACE_ENDS = ["bury", "ford", "ley", "moor", "ton", "wick", "field", "stead", "combe", "worth", "ham", "by", "dale", "mere",
              "well", "hurst", "gate", "bridge", "cote", "thorpe"]
PLACE_SENTENCES = [
    "The family lived in {place} at the time.",
    "{place} Health Centre held the family's records.",
    "The children attended {place} Primary School.",
    "The case was held by the {place} locality team.",
    "The family moved to {place} during the review period.",
]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _sentences(text: str) -> list[str]:
    """Whole sentences of plain text (no links, headings, lists or tables), 6 to 60 words."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith(("#", "|", "<", ">", "{"))]
    plain = " ".join(re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line) for line in lines)
    plain = _LINK.sub(r"\1", plain).replace("*", "").replace("`", "")
    return [s.strip() for s in _SENTENCE.split(plain) if 6 <= len(s.split()) <= 60 and "http" not in s and s.strip()[-1:] in ".!?"]


def sentence_pools(repo: Path = REPO) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Sentences of the repository's entries and theme pages by theme: (all text, learning points)."""
    text: dict[str, list[str]] = defaultdict(list)
    learning: dict[str, list[str]] = defaultdict(list)
    for path in sorted((repo / "reviews").glob("*.md")):
        post = frontmatter.load(path)
        themes = post.get("themes") or []
        found = _sentences(str(post.get("summary", ""))) + _sentences(post.content)
        for theme in themes:
            text[theme].extend(found)
        for point in post.get("learning") or []:
            for theme in point.get("themes") or themes:
                learning[theme].extend(_sentences(str(point.get("point", ""))))
    for path in sorted((repo / "themes").glob("*.md")):
        post = frontmatter.load(path)
        text[path.stem].extend(_sentences(post.content))
    return dict(text), dict(learning)


class _Writer:
    def __init__(self, rng: random.Random, pools: tuple[dict[str, list[str]], dict[str, list[str]]]):
        self.rng = rng
        self.text, self.learning = pools
        self.everything = sorted({s for found in self.text.values() for s in found})
        self.points = sorted({s for found in self.learning.values() for s in found})
        self.places = [a + b for a in PLACE_STARTS for b in PLACE_ENDS]

    def sentence(self, themes: list[str]) -> str:
        """Mostly a sentence about one of the entry's themes, sometimes one from anywhere."""
        pool = self.text.get(self.rng.choice(themes)) or self.everything
        return self.rng.choice(pool if self.rng.random() < 0.7 else self.everything)

    def paragraph(self, themes: list[str], words: int) -> str:
        out: list[str] = []
        while sum(len(s.split()) for s in out) < words:
            out.append(self.sentence(themes))
        return " ".join(out)

    def point(self, theme: str) -> str:
        return self.rng.choice(self.learning.get(theme) or self.points)

    def places_of(self) -> str:
        return " ".join(self.rng.choice(PLACE_SENTENCES).format(place=self.rng.choice(self.places)) for _ in range(self.rng.randint(2, 4)))


def _review(writer: _Writer, number: int, theme_ids: list[str]) -> tuple[str, str]:
    rng = writer.rng
    board, area = rng.choice(BOARDS)
    kind = rng.choice(TYPES)
    year = rng.randint(2010, 2025)
    month = rng.randint(1, 12)
    pseudonym = rng.choice(PSEUDONYMS)
    themes = rng.sample(theme_ids, rng.randint(2, 5))
    title = f"{rng.choice(TITLES)} {themes[0].replace('-', ' ')} ({pseudonym} {number})"
    ident = f"{area.lower().replace(' ', '-')}-{year}-synthetic-{number:05d}"
    status = rng.choices(["published", "archived", "draft", "embargoed"], weights=[90, 6, 2, 2])[0]
    summary = f"A {kind} about {pseudonym}."
    while len(summary) < 250:
        sentence = writer.sentence(themes)
        if len(summary) + len(sentence) < 600:  # the longest summary the format allows
            summary += " " + sentence
    learning: dict[str, str] = {}  # point -> its theme, each point once
    for _ in range(rng.randint(3, 8)):
        theme = rng.choice(themes)
        learning.setdefault(writer.point(theme), theme)
    meta = {
        "id": ident,
        "title": title,
        "type": kind,
        "status": status,
        "published": f"{year}-{month:02d}",
        "board": board,
        "area": [area],
        "themes": themes,
        "ages": sorted(rng.sample(AGES, rng.randint(1, 2)), key=AGES.index),
        "summary": summary,
        "learning": [{"point": point, "themes": [theme]} for point, theme in learning.items()],
        "actions": [
            {"action": f"The partnership will act on this: {writer.point(rng.choice(themes))}", "status": rng.choice(["planned", "in-progress", "done", "unknown"])}
            for _ in range(rng.randint(0, 4))
        ],
        "source": {"publisher": board, "title": f"{title}: overview report"},
    }
    words = rng.randint(800, 1500)
    sections = ["Overview", "Findings", "Improvement activity", "Case study", "Questions for reflection"]
    shares = [0.25, 0.35, 0.15, 0.2, 0.05]
    paragraphs = [writer.paragraph(themes, max(20, int(words * share))) for share in shares]
    paragraphs[0] = writer.places_of() + " " + paragraphs[0]
    body = "\n\n".join(f"## {name}\n\n{text}" for name, text in zip(sections, paragraphs))
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    return ident, f"---\n{front}---\n\n{body}\n"


def generate(root: Path, count: int, seed: int = 1) -> None:
    """Write a knowledge base of `count` synthetic reviews (plus the real themes) into `root`."""
    writer = _Writer(random.Random(seed), sentence_pools())
    root.mkdir(parents=True, exist_ok=True)
    if (root / "themes").exists():
        shutil.rmtree(root / "themes")
    shutil.copytree(REPO / "themes", root / "themes")
    for name in ("lscb-kb.yml", "mkdocs.yml"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, root / name)
    for folder in ("content",):
        if (REPO / folder).exists():
            shutil.rmtree(root / folder, ignore_errors=True)
            shutil.copytree(REPO / folder, root / folder)
    reviews = root / "reviews"
    if reviews.exists():
        shutil.rmtree(reviews)
    reviews.mkdir()
    theme_ids = sorted(p.stem for p in (root / "themes").glob("*.md"))
    for number in range(1, count + 1):
        ident, text = _review(writer, number, theme_ids)
        (reviews / f"{ident}.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.root, args.count, args.seed)


if __name__ == "__main__":
    main()
