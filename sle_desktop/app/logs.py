"""The program's log file: `user_data_dir()/logs/sle_desktop.log`, rotated (a few hundred kB, five old copies).

Configured once at GUI start (`configure()`); tests point it at a temporary folder. Only the
`sle_desktop` loggers write here, so third-party chatter stays out of it. No patient data is
logged: failures are logged as the exception and its traceback.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from sle_desktop.app.paths import user_data_dir

LOGGER = "sle_desktop"
MAX_BYTES = 512_000
BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def default_log_path() -> Path:
    return user_data_dir() / "logs" / "sle_desktop.log"


def configure(path: Path | None = None) -> Path:
    """Send the `sle_desktop` loggers to a rotating file at `path` (default: the user data folder).

    Calling it again with another path moves the log there (the previous file handler is closed).
    Returns the log file's path.
    """
    path = Path(path) if path is not None else default_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if getattr(handler, "sle_desktop_log", False):
            if Path(handler.baseFilename) == path.resolve():
                return path
            logger.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.sle_desktop_log = True
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return path


def current_log_path() -> Path | None:
    """Where the log is written now (None before `configure`)."""
    for handler in logging.getLogger(LOGGER).handlers:
        if getattr(handler, "sle_desktop_log", False):
            return Path(handler.baseFilename)
    return None
