"""A seeded generator of synthetic but realistic knowledge bases for benchmarks.

`generate(root, count)` writes the repository's themes and `count` valid review
entries with 800-1,500-word bodies. The same seed gives the same corpus.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

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
SUBJECTS = [
    "the health visitor", "the school nurse", "the allocated social worker", "the GP practice", "the police",
    "the early help worker", "the midwife", "the designated safeguarding lead", "the housing officer",
    "the probation officer", "adult mental health services", "the substance misuse service", "the MASH",
]
VERBS = [
    "did not share", "recorded but did not act on", "escalated", "was not told about", "assessed",
    "missed the significance of", "followed up", "did not challenge", "reviewed", "noted",
]
OBJECTS = [
    "missed health appointments", "bruising on the baby", "concerns about the father's history",
    "the child's wish to stay with a relative", "repeated domestic abuse incidents", "poor home conditions",
    "the mother's low mood", "episodes of going missing", "the family's move between areas",
    "the previous child protection plan", "school attendance below ninety per cent", "the referral from the nursery",
    "signs of exploitation by older young people", "cannabis use by the carer", "the unexplained injury",
]
CONNECTIVES = ["Later,", "At the same time,", "In the following months,", "Despite this,", "As a result,", "Earlier,"]
TITLES = ["Learning from", "Multi-agency review of", "Audit of", "Thematic review of", "Practice review:"]
TOPICS = [
    "neglect in families with younger children", "the front door", "missed appointments", "infant injuries",
    "exploitation outside the home", "self-neglect in older adults", "domestic abuse and coercive control",
    "early help step-down", "information sharing at transfer", "safer sleep", "professional curiosity",
]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(CONNECTIVES)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."


def _paragraph(rng: random.Random, words: int) -> str:
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(_sentence(rng))
    return " ".join(out)


def _review(rng: random.Random, number: int, theme_ids: list[str]) -> tuple[str, str]:
    board, area = rng.choice(BOARDS)
    kind = rng.choice(TYPES)
    year = rng.randint(2010, 2025)
    month = rng.randint(1, 12)
    pseudonym = rng.choice(PSEUDONYMS)
    title = f"{rng.choice(TITLES)} {rng.choice(TOPICS)} ({pseudonym} {number})"
    ident = f"{area.lower().replace(' ', '-')}-{year}-synthetic-{number:05d}"
    themes = rng.sample(theme_ids, rng.randint(2, 5))
    status = rng.choices(["published", "archived", "draft", "embargoed"], weights=[90, 6, 2, 2])[0]
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
        "summary": f"A {kind} about {pseudonym}. " + _paragraph(rng, 30)[:400],
        "learning": [
            {"point": _sentence(rng) + " " + _sentence(rng), "themes": rng.sample(themes, 1)}
            for _ in range(rng.randint(3, 8))
        ],
        "actions": [
            {"action": f"{rng.choice(SUBJECTS).capitalize()} will review {rng.choice(OBJECTS)}.", "status": rng.choice(["planned", "in-progress", "done", "unknown"])}
            for _ in range(rng.randint(0, 4))
        ],
        "source": {"publisher": board, "title": f"{title}: overview report"},
    }
    words = rng.randint(800, 1500)
    sections = ["Overview", "Findings", "Improvement activity", "Case study", "Questions for reflection"]
    shares = [0.25, 0.35, 0.15, 0.2, 0.05]
    body = "\n\n".join(f"## {name}\n\n{_paragraph(rng, max(20, int(words * share)))}" for name, share in zip(sections, shares))
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    return ident, f"---\n{front}---\n\n{body}\n"


def generate(root: Path, count: int, seed: int = 1) -> None:
    """Write a knowledge base of `count` synthetic reviews (plus the real themes) into `root`."""
    rng = random.Random(seed)
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
        ident, text = _review(rng, number, theme_ids)
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
