"""Logging helpers (settings.LOGGING)."""

import logging


class OneLineForbidden(logging.Filter):
    """A refused request (403) is logged on one line: Django logs every PermissionDenied with its
    traceback, which made each refusal a dozen lines and the logs cheap to flood. Errors (5xx) keep
    theirs."""

    def filter(self, record):
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
