"""PDFs of the printable forms, made with WeasyPrint (thin adapter).

Every PDF is cached by the hash of its HTML, so a build renders only forms whose content changed
and an unchanged form keeps the same bytes. Bundles (all reflectors; the reflectors of a module)
join the single-form PDFs with pypdf, so every form keeps its own "pagina X van Y".
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import io
import os
from pathlib import Path
from types import ModuleType


class PdfError(Exception):
    """PDFs cannot be made here (WeasyPrint or Pango missing, or rendering failed)."""


def _weasyprint() -> ModuleType:
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: the Pango library is missing
        raise PdfError(
            f"PDF's maken lukt niet: WeasyPrint of Pango ontbreekt ({error}). Installeer ze met 'make site' "
            "(pip install weasyprint; apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)."
        ) from None
    return weasyprint


def _write_pdf(html: str) -> bytes | str:
    """The PDF, or the error's text (a worker process returns it rather than raising)."""
    try:
        return _weasyprint().HTML(string=html).write_pdf()
    except Exception as error:  # WeasyPrint raises many kinds; the build must stop and say so
        return str(error) or type(error).__name__


class PdfCache:
    """Renders and joins PDFs, reusing earlier results from `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.rendered = 0

    def _cached(self, key: str) -> tuple[Path, bytes | None]:
        path = self.folder / f"{key}.pdf"
        self.used.add(path.name)
        return path, path.read_bytes() if path.is_file() else None

    def _store(self, path: Path, data: bytes) -> bytes:
        self.folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return data

    def render(self, html: str) -> bytes:
        """The PDF of a standalone HTML document."""
        return self.render_many([html])[0][1]

    def render_many(self, documents: list[str]) -> list[tuple[str, bytes]]:
        """The PDFs of standalone HTML documents, each with its name in the cache (for `keep`).

        Documents not in the cache are rendered in parallel, one process per core: WeasyPrint takes
        about 0.3 s of CPU per page and holds the interpreter lock while it works.
        """
        weasyprint = _weasyprint()
        found: list[tuple[Path, bytes | None]] = [
            self._cached(hashlib.sha256(f"{weasyprint.__version__}\n{html}".encode()).hexdigest()) for html in documents
        ]
        missing = [index for index, (_, data) in enumerate(found) if data is None]
        workers = min(len(missing), os.cpu_count() or 1)
        if workers > 1:
            with concurrent.futures.ProcessPoolExecutor(workers) as pool:
                made = list(pool.map(_write_pdf, [documents[index] for index in missing]))
        else:
            made = [_write_pdf(documents[index]) for index in missing]
        for index, data in zip(missing, made, strict=True):
            if isinstance(data, str):
                raise PdfError(f"PDF maken mislukt: {data}")
            found[index] = (found[index][0], self._store(found[index][0], data))
            self.rendered += 1
        return [(path.name, data) for path, data in found if data is not None]

    def join_named(self, parts: list[bytes]) -> tuple[str, bytes]:
        """One PDF from several, in order, with its name in the cache (for `keep`)."""
        from pypdf import PdfWriter

        digest = hashlib.sha256(b"".join(hashlib.sha256(p).digest() for p in parts)).hexdigest()
        path, data = self._cached(f"bundle-{digest}")
        if data is not None:
            return path.name, data
        writer = PdfWriter()
        for part in parts:
            writer.append(io.BytesIO(part))
        out = io.BytesIO()
        writer.write(out)
        return path.name, self._store(path, out.getvalue())

    def keep(self, name: str) -> None:
        """Mark a cached PDF that this build uses without asking for it again, so `prune` keeps it."""
        self.used.add(name)

    def prune(self) -> None:
        """Drop cached PDFs this build did not use, so the cache does not grow without end."""
        if self.folder.is_dir():
            for path in self.folder.glob("*.pdf"):
                if path.name not in self.used:
                    path.unlink()
