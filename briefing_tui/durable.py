"""Files written so that a crash leaves the old file or the new one, never half of one.

Shared by the store (its main file and shards), exports and the country-name cache.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _read_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


NEW_FILE_MODE = 0o666 & ~_read_umask()  # read once, at import: os.umask is process-wide


def write_atomically(path: Path, data: bytes, *, sync_folder: bool = True, mode: int | None = None) -> None:
    """Replace `path` with `data` so that readers see the old or the new file, never half.
    `sync_folder=False` leaves the folder's fsync to the caller, who writes several files;
    `mode` is the new file's (by default the replaced file's, see `_file_mode`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _file_mode(path) if mode is None else mode)
        write_to_disk(fd, data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if sync_folder:
        sync_folder_of(path.parent)


def write_to_disk(fd: int, data: bytes) -> None:
    """Write `data` to the open temporary file `fd`, close it, and wait until it is on disk:
    only then may it take the real file's name."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _file_mode(path: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets the usual 0o666 & ~umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return NEW_FILE_MODE


def sync_folder_of(folder: Path) -> None:
    """Make the renames in `folder` durable."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # platforms without directory handles
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
