"""Writing notes and pins: atomic, never over an existing file unless asked, one-line errors.

A file is written to a temporary file in the target folder, fsynced, then linked (no
overwrite: the link fails if the name exists, even when another process made it a moment
ago) or renamed (overwrite) into place, so a reader never sees half a note.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from briefing_tui.durable import NEW_FILE_MODE, sync_folder_of, write_to_disk
from briefing_tui.query import Filters

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_CODE = re.compile(r"^[A-Z]{3}$")
MAX_NAME = 100


class ExportError(Exception):
    """A problem writing a file, worded as one line that says what to do."""


class TargetExistsError(ExportError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; choose another name or allow overwriting (--force)")
        self.path = path


def today() -> dt.date:
    """The date stamped on notes (a function so that tests can fix it)."""
    return dt.date.today()


def slug(text: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens: safe in a file name on every OS."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _SLUG_DROP.sub("-", ascii_text).strip("-")


def safe_file_name(filters: Filters, date: dt.date | None = None) -> str:
    """`briefing-BFA-mining-2020-2024-2026-11-22.md`: made from the filters only, never from article text.

    Codes that are not three capital letters, topics and typed search words are slugged; a
    speaker filter (a person's name comes from articles) adds only the word 'speaker'.
    """
    parts = ["briefing"]
    parts += sorted(code if _CODE.match(code) else slug(code) for code in filters.countries)
    parts += sorted(slug(topic) for topic in filters.topics)
    if filters.year_from is not None or filters.year_to is not None:
        if filters.year_from is not None and filters.year_to is not None:
            parts.append(f"{filters.year_from}-{filters.year_to}")
        elif filters.year_from is not None:
            parts.append(f"since-{filters.year_from}")
        else:
            parts.append(f"until-{filters.year_to}")
    if filters.speaker:
        parts.append("speaker")
    if filters.text:
        parts.append(slug(filters.text)[:30].strip("-"))
    stem = "-".join(p for p in parts if p)[:MAX_NAME - 15].rstrip("-")
    return f"{stem}-{(date or today()).isoformat()}.md"


def _describe(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)


def write_file(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write `data` to `path` atomically; raises TargetExistsError or ExportError (one line)."""
    path = Path(path)
    folder = path.parent
    if path.name in ("", ".", ".."):
        raise ExportError(f"{path} is not a file name")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    if not overwrite and path.exists():
        raise TargetExistsError(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write to the folder {folder}: {_describe(exc)}") from None
    try:
        try:
            write_to_disk(fd, data)
            os.chmod(tmp, NEW_FILE_MODE)
            if overwrite:
                os.replace(tmp, path)
            else:
                _link_new(Path(tmp), path)
        except FileExistsError:
            raise TargetExistsError(path) from None
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {_describe(exc)}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    sync_folder_of(folder)
    return path


def _link_new(tmp: Path, path: Path) -> None:
    """Move `tmp` to `path` only if nothing is there: a hard link fails on an existing name."""
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if path.exists():  # no hard links here (some network and FAT file systems)
            raise FileExistsError(path) from None
        os.rename(tmp, path)


