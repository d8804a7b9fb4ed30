"""`tbtalert tag` through its JSON-lines interface against a bare process doing the least.

    .venv/bin/python bench/tag_cli.py [--n 20000]

Writes the same real-text mix as bench/match.py as JSON lines, then times two
whole processes on it (start-up included; median CPU seconds of 3 runs each):

- ``tbtalert tag FILE``: loads the taxonomy, tags every line, writes it back;
- the floor: a bare Python process that decodes each line, looks its words
  up in a keyword set and encodes the line again.

Prints lines per second for both and the ratio (issue 16 asks for <= 3x).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from match import make_items  # type: ignore[import-not-found]

FLOOR = """
import json, sys
words = {"coffee", "rubber", "cassava", "tea", "steel", "shrimp", "rice", "toys", "cement"}
out = sys.stdout
for line in open(sys.argv[1], encoding="utf-8"):
    item = json.loads(line)
    text = " ".join(str(item.get(k) or "") for k in ("title", "products", "description")).lower()
    item["sectors"] = sorted(words.intersection(text.split()))
    out.write(json.dumps(item, ensure_ascii=False) + "\\n")
"""


def timed(command: list[str]) -> float:
    """Median CPU seconds (user + system) of the child over 3 runs: the machine is shared."""
    runs = []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for item in make_items(args.n, args.seed):
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
        tag = timed([sys.executable, "-m", "tbtalert", "tag", str(path)])
        floor = timed([sys.executable, "-c", FLOOR, str(path)])
    print(f"lines: {args.n}")
    print(f"tbtalert tag     {tag:6.2f} s   {args.n / tag:10,.0f} lines/s")
    print(f"floor (bare)     {floor:6.2f} s   {args.n / floor:10,.0f} lines/s")
    print(f"ratio tag / floor: {tag / floor:.2f}x")


if __name__ == "__main__":
    main()
