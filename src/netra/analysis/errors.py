"""Errors the engine raises for input it cannot analyse; messages are Indonesian, for people."""

from __future__ import annotations


class AnalysisError(ValueError):
    """Bad input. `code` is stable for machines; `message` is for people (Indonesian)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}
