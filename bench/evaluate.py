"""Score `tbtalert tag` on a labeled evaluation file: micro P/R/F1 and per-sector figures.

    .venv/bin/python bench/evaluate.py tests/data/eval/holdout2.jsonl [--sectors FILE] [--misses]

Runs the real command (``python -m tbtalert tag``) on the file's lines, so what
is scored is what officials and subscribers get.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--sectors", type=Path)
    parser.add_argument("--misses", action="store_true", help="list every wrong record")
    args = parser.parse_args()
    lines = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines()]
    records = [r for r in lines if "expected" in r]
    command = [sys.executable, "-m", "tbtalert", "tag", "-"]
    if args.sectors:
        command += ["--sectors", str(args.sectors)]
    given = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    out = subprocess.run(command, input=given, capture_output=True, text=True, check=True).stdout
    tagged = [json.loads(line) for line in out.splitlines()]
    tp, fp, fn = Counter(), Counter(), Counter()
    for record, result in zip(records, tagged, strict=True):
        want, got = set(record["expected"]), set(result["sectors"])
        for s in want & got:
            tp[s] += 1
        for s in got - want:
            fp[s] += 1
        for s in want - got:
            fn[s] += 1
        if args.misses and want != got:
            print(
                f"  miss: {record.get('title') or record.get('description', '')[:60]!r}"
                f" want {sorted(want)} got {sorted(got)} {result.get('reasons')}"
            )
    p = sum(tp.values()) / max(1, sum(tp.values()) + sum(fp.values()))
    r = sum(tp.values()) / max(1, sum(tp.values()) + sum(fn.values()))
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{args.path.name}: {len(records)} records  micro P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")
    print(f"{'sector':24} {'support':>7} {'P':>6} {'R':>6}")
    for sector in sorted(set(tp) | set(fp) | set(fn)):
        support = tp[sector] + fn[sector]
        sp = tp[sector] / (tp[sector] + fp[sector]) if tp[sector] + fp[sector] else 0.0
        sr = tp[sector] / support if support else float("nan")
        print(f"{sector:24} {support:7d} {sp:6.2f} {sr:6.2f}")


if __name__ == "__main__":
    main()
