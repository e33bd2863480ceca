"""The project reproduces the seed report's structure and figures, never its sentences.

`python -m fazhi.reports.seedcheck SEED_DIR` splits every seed text on 。；！？ (and
line breaks), keeps the sentences of 20 characters or more, and fails if any of them
appears in the project's code, templates, docs or demo data. A missing seed directory
is a failure too: the check must not pass by finding nothing to compare."""

from __future__ import annotations

import re
import sys
from pathlib import Path

MIN_CHARS = 20
SPLIT = re.compile(r"[。；！？\n]")
SUFFIXES = {".py", ".html", ".md", ".txt", ".json", ".yaml", ".yml", ".js", ".css", ".xml", ".csv"}
SKIP_DIRS = {".git", "node_modules", "__pycache__", "test-artifacts", ".venv", "build", "dist"}


def seed_sentences(seed_dir: Path) -> set[str]:
    sentences: set[str] = set()
    for path in sorted(seed_dir.glob("*.txt")):
        for piece in SPLIT.split(path.read_text(encoding="utf-8")):
            text = re.sub(r"\s+", "", piece)
            if len(text) >= MIN_CHARS:
                sentences.add(text)
    return sentences


def project_files(root: Path):
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in SUFFIXES and not SKIP_DIRS & set(path.relative_to(root).parts):
            yield path


def find_copies(root: Path, sentences: set[str]) -> list[tuple[Path, str]]:
    found = []
    for path in project_files(root):
        try:
            text = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
        found += [(path, s) for s in sentences if s in text]
    return found


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[2]
    seed_dir = Path(argv[0]) if argv else root.parent / "shared" / "seed"
    if not seed_dir.is_dir() or not any(seed_dir.glob("*.txt")):
        print(f"seed check: no seed text in {seed_dir}; the check cannot run without it", file=sys.stderr)
        return 2
    sentences = seed_sentences(seed_dir)
    copies = find_copies(root, sentences)
    for path, sentence in copies:
        print(f"{path.relative_to(root)}: copies the seed: {sentence}", file=sys.stderr)
    print(
        f"seed check: {len(sentences)} seed sentences of {MIN_CHARS}+ characters, {len(copies)} found in the project"
    )
    return 1 if copies else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
