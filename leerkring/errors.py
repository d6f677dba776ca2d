"""Errors that reach a user as one line of Dutch text and an exit code, never a traceback."""

from __future__ import annotations


class LeerkringError(Exception):
    """A problem the user can act on. ``str(error)`` is the one-line message shown to them."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(LeerkringError):
    """The command was called wrongly (bad option, bad date format, ...)."""

    exit_code = 2


class NotFound(LeerkringError):
    """An unknown workspace, kring, member, session, action or signal."""


class AlreadyExists(LeerkringError):
    """A name that must be unique is taken."""


class SessionClosed(LeerkringError):
    """Something tried to write into a session that has been closed."""


class NotAllowed(LeerkringError):
    """The viewer or actor may not do or see this."""


class DatabaseError(LeerkringError):
    """The database is locked, damaged, unreachable or of another schema version."""


class RateLimited(LeerkringError):
    """A person wrote more often than the service allows (``[service] writes_per_minute``); try again soon."""


class PhaseClosed(UsageError):
    """A save into a phase of a live session that the coach has closed."""
