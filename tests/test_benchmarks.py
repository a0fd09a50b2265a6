"""The benchmarks' synthetic knowledge bases are valid, so that every benchmark measures real work."""

from __future__ import annotations

import sys
from pathlib import Path

from lscb_kb.catalogue import load_catalogue

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.corpus import generate  # noqa: E402


def test_a_generated_corpus_is_valid_and_its_entries_read_like_their_themes(tmp_path):
    generate(tmp_path, 60)
    catalogue = load_catalogue(tmp_path)
    assert not catalogue.errors, catalogue.errors[:3]
    assert len(catalogue.reviews) == 60
    words = [set(r.body.casefold().split()) for r in catalogue.reviews.values()]
    # Not a few phrases repeated on every page: most words are in a minority of the entries.
    vocabulary = set().union(*words)
    shared = sum(1 for w in vocabulary if sum(w in entry for entry in words) > 30)
    assert len(vocabulary) > 1500 and shared < 0.1 * len(vocabulary)
