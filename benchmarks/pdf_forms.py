"""Time to render every printable form as PDF, per form and in total, with each PDF's size.

Run: .venv/bin/python benchmarks/pdf_forms.py   (prints JSON; renders without the cache)
"""

from __future__ import annotations

import io
import json
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from generator import forms
from generator.pdf import PdfCache
from generator.render import Renderer
from generator.site import checked

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    renderer = Renderer(checked(REPO))
    rows = []
    started = time.perf_counter()
    for entry in renderer.form_entries:
        form = renderer.form(entry)
        assert form is not None
        html = forms.print_document([form], renderer.form_env, form.title)
        with tempfile.TemporaryDirectory() as empty:  # an empty cache: every form is rendered afresh
            begun = time.perf_counter()
            data = PdfCache(Path(empty)).render(html)
        rows.append(
            {
                "form": form.pdf_path,
                "seconds": round(time.perf_counter() - begun, 2),
                "pages": len(PdfReader(io.BytesIO(data)).pages),
                "bytes": len(data),
            }
        )
    total = time.perf_counter() - started
    print(json.dumps({"forms": rows, "total_seconds": round(total, 2), "count": len(rows)}, indent=2))


if __name__ == "__main__":
    main()
