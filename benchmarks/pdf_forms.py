"""Time and size of every PDF the site has (forms, all reflectors, packs, sessieplannen), tagged and untagged.

Run: .venv/bin/python benchmarks/pdf_forms.py [--only tagged|untagged]   (prints JSON; renders without the cache)

cpu_seconds is this process's CPU time: a fair figure on a busy machine, where wall seconds are not.

Tagged is what the build makes (PDF/UA-1, generator/pdf.py); untagged is the same HTML without the
structure tree, so the difference is what tagging costs. One process, one PDF at a time.
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from generator import forms
from generator.packs import PackMaker
from generator.pdf import PdfCache, PdfJob
from generator.render import ALL_REFLECTORS_PDF, Renderer
from generator.site import all_reflectors_job, checked

REPO = Path(__file__).resolve().parents[1]


def jobs(renderer: Renderer) -> dict[str, PdfJob]:
    """Every PDF of a build, by its path in the site."""
    made: dict[str, PdfJob] = {}
    for entry in renderer.form_entries:
        form = renderer.form(entry)
        assert form is not None
        made[form.pdf_path] = PdfJob((forms.print_document([form], renderer.form_env, form.title),))
    made[ALL_REFLECTORS_PDF] = all_reflectors_job(renderer)
    made.update(PackMaker(renderer.linked, renderer.form_env, renderer.form).jobs())
    return made


def measure(job: PdfJob, tagged: bool) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory() as empty:  # an empty cache: rendered afresh
        begun, cpu = time.perf_counter(), time.process_time()
        data = PdfCache(Path(empty), tagged=tagged).render_many([job])[0][1]  # one job: in this process
        seconds, cpu_seconds = time.perf_counter() - begun, time.process_time() - cpu
    pages = len(PdfReader(io.BytesIO(data)).pages)
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2), "bytes": len(data), "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["tagged", "untagged"])
    args = parser.parse_args()
    kinds = [args.only] if args.only else ["untagged", "tagged"]
    renderer = Renderer(checked(REPO))
    rows = []
    totals = {kind: {"seconds": 0.0, "cpu_seconds": 0.0, "bytes": 0} for kind in kinds}
    for path, job in jobs(renderer).items():
        row: dict[str, object] = {"pdf": path}
        for kind in kinds:
            figures = measure(job, tagged=kind == "tagged")
            row["pages"] = figures.pop("pages")
            row[kind] = figures
            for key in ("seconds", "cpu_seconds", "bytes"):
                totals[kind][key] += figures[key]
        rows.append(row)
    for figures in totals.values():
        figures["seconds"], figures["cpu_seconds"] = round(figures["seconds"], 2), round(figures["cpu_seconds"], 2)
    print(json.dumps({"pdfs": rows, "count": len(rows), "totals": totals}, indent=2))


if __name__ == "__main__":
    main()
