"""PDFs of the printable forms, made with WeasyPrint (thin adapter).

Every PDF is cached by the hash of its HTML, so a build renders only forms whose content changed
and an unchanged form keeps the same bytes. Bundles (all reflectors; the reflectors of a module)
join the single-form PDFs with pypdf, so every form keeps its own "pagina X van Y".
"""

from __future__ import annotations

import hashlib
import io
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
        return self.render_named(html)[1]

    def render_named(self, html: str) -> tuple[str, bytes]:
        """The PDF of a standalone HTML document, with its name in the cache (for `keep`)."""
        weasyprint = _weasyprint()
        path, data = self._cached(hashlib.sha256(f"{weasyprint.__version__}\n{html}".encode()).hexdigest())
        if data is not None:
            return path.name, data
        try:
            data = weasyprint.HTML(string=html).write_pdf()
        except Exception as error:  # WeasyPrint raises many kinds; the build must stop and say so
            raise PdfError(f"PDF maken mislukt: {error}") from error
        self.rendered += 1
        return path.name, self._store(path, data)

    def join(self, parts: list[bytes]) -> bytes:
        """One PDF from several, in order."""
        return self.join_named(parts)[1]

    def join_named(self, parts: list[bytes]) -> tuple[str, bytes]:
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
