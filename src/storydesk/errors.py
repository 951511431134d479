"""One small exception hierarchy. Messages say what was wrong, where, and how to fix it."""

from __future__ import annotations


class StorydeskError(Exception):
    """Base of every error storydesk raises on purpose."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def to_dict(self) -> dict[str, str | None]:
        return {
            "type": type(self).__name__,
            "message": self.message,
            "where": self.where,
            "hint": self.hint,
        }


class InputError(StorydeskError):
    """Input that cannot be read: missing, empty, binary, malformed."""


class ConfigError(StorydeskError):
    """A setting that is unknown or out of range."""


class BudgetError(StorydeskError):
    """A word or sentence budget that no sentence fits into."""


class ModelError(StorydeskError):
    """A ranking model that is missing, corrupt, or of another version."""


class StoreError(StorydeskError):
    """The desk database is locked, corrupt, or of another schema."""
