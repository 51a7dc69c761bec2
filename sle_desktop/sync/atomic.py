"""Atomic file output: a temporary file in the target folder, fsync, rename, fsync of the folder.

A pulled USB stick, a crash or a full disk leaves at most a hidden ``.partial`` file, never
a half-written file under the final name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from sle_desktop.domain.text import msg
from sle_desktop.sync.errors import SyncError


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entry list to disk (a no-op where the OS cannot open folders, e.g. Windows)."""
    try:
        fd = os.open(str(folder), os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_path_for(final: Path) -> Path:
    """A hidden temporary name beside `final` that no bundle or export glob picks up."""
    return final.with_name(f".{final.name}.partial-{secrets.token_hex(4)}")


def explain_os_error(exc: OSError, what: str, where: Path) -> SyncError:
    """A plain-language message for common write failures (full disk, read-only, pulled stick)."""
    if exc.errno == errno.ENOSPC:
        return SyncError(msg("There is not enough free space on {where} to write {what}. Free some space or use another "
                             "drive.", where=where, what=what))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return SyncError(msg("Cannot write {what} to {where}: the drive or folder is read-only or not yours.",
                             what=what, where=where))
    if exc.errno in (errno.ENOENT, errno.ENODEV, errno.EIO, errno.ENXIO):
        return SyncError(msg("Cannot write {what} to {where}: the drive was removed or is not working ({error}).",
                             what=what, where=where, error=exc.strerror))
    return SyncError(msg("Cannot write {what} to {where}: {error}.", what=what, where=where,
                         error=exc.strerror or str(exc)))


def folder_problem(folder: Path) -> str | None:
    """Why `folder` cannot take a file (missing, or a file rather than a folder), in one sentence; None when it can."""
    if folder.is_dir():
        return None
    if folder.exists():
        return msg("{folder} is a file, not a folder.", folder=folder)
    return msg("The folder {folder} does not exist.", folder=folder)


def ensure_folder(folder: str | os.PathLike, what: str = "the files") -> Path:
    """`folder`, created (owner-only) when missing but only inside a folder that exists: never a chain of folders."""
    folder = Path(folder)
    if folder.is_dir():
        return folder
    if folder.exists() or not folder.parent.is_dir():
        raise SyncError(folder_problem(folder if folder.exists() else folder.parent))
    try:
        folder.mkdir(mode=0o700)
    except OSError as exc:
        raise explain_os_error(exc, what, folder.parent) from None
    return folder


def _private(path, flags: int) -> int:
    return os.open(path, flags, 0o600)


def write_temp(final: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write a hidden temporary file beside `final` with `write(fileobj)`, flushed and fsynced; returns its path.

    The file is created owner-only (0600 where the OS supports it): every export is private to its writer."""
    tmp = temp_path_for(final)
    try:
        with open(tmp, "xb", opener=_private) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def publish(tmp: Path, final: Path) -> None:
    """Rename a finished temporary file to its final name and flush the folder."""
    os.replace(tmp, final)
    fsync_dir(final.parent)


def atomic_write(final: str | os.PathLike, write: Callable[[BinaryIO], None], *, what: str = "the file") -> Path:
    """Write `final` atomically; SyncError with a plain message when the disk is full or gone."""
    final = Path(final)
    if final.exists() and final.is_dir():
        raise SyncError(f"{final} is a folder; give a file name.")
    problem = folder_problem(final.parent)
    if problem:
        raise SyncError(problem)
    tmp = None
    try:
        tmp = write_temp(final, write)
        publish(tmp, final)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise explain_os_error(exc, what, final.parent) from exc
    return final


def atomic_write_text(final: str | os.PathLike, text: str, *, what: str = "the file") -> Path:
    return atomic_write(final, lambda fh: fh.write(text.encode("utf-8")), what=what)
