"""Measure `kennisbank analyse` on a large team: 1,000 respondents × 50 eindtermen (seeded, random).

Run: .venv/bin/python benchmarks/analyse_bench.py [--respondents 1000] [--seed 2015]  (prints JSON)
`seconds` is reading and validating the export plus computing every figure (what grows with the
data); loading the knowledge base and rendering the HTML report are reported separately.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.analyse import Answer, analyse, load_reference, read_exports, render_report, write_export  # noqa: E402
from generator.problems import Problems  # noqa: E402


def generate(numbers: list[int], respondents: int, seed: int) -> list[Answer]:
    """Every respondent answers every item; about 2% leave one side empty."""
    rng = random.Random(seed)
    answers = []
    for index in range(respondents):
        for number in numbers:
            huidig = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
            gewenst = min(5, huidig + rng.choice((0, 1, 1, 2)))
            if rng.random() < 0.01:
                huidig = None
            elif rng.random() < 0.01:
                gewenst = None
            answers.append(Answer(f"r{index + 1:04d}", number, huidig, gewenst, "Wijkteam Benchmark"))
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2015)
    args = parser.parse_args()

    started = time.perf_counter()
    reference, errors = load_reference(REPO)
    if reference is None:
        raise SystemExit("\n".join(errors))
    load_s = time.perf_counter() - started

    numbers = sorted(reference.scored)[:50]
    with tempfile.TemporaryDirectory() as scratch:
        export = write_export(generate(numbers, args.respondents, args.seed), Path(scratch) / "team.csv")
        started = time.perf_counter()
        problems = Problems()
        reading = read_exports([export], reference, problems)
        assert not problems.items, problems.items[:5]
        result = analyse(reading, reference, [str(export)])
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        html = render_report(result, reference)
        report_s = time.perf_counter() - started
        size = export.stat().st_size

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(
        json.dumps(
            {
                "seconds": round(seconds, 3),
                "peak_rss_mb": round(peak_kb / 1024, 1),
                "respondents": args.respondents,
                "items": len(numbers),
                "rows": len(reading.answers),
                "csv_bytes": size,
                "load_knowledge_base_s": round(load_s, 3),
                "render_report_s": round(report_s, 3),
                "report_bytes": len(html.encode("utf-8")),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
