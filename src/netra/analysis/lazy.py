"""`cached`: a per-instance lazy attribute without `functools.cached_property`'s lock.

On Python 3.11 `cached_property` takes a lock on every first access (the lock was removed in
3.12 because it serialised unrelated instances). A post's Document and PII scan compute half a
dozen views each, once per post on every keystroke, and are never shared between threads while
they are being built, so the lock bought nothing and cost a measurable share of a check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class cached(Generic[T]):
    """Compute on first access, then store in the instance's `__dict__`, which shadows this
    non-data descriptor: later reads are plain attribute look-ups."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached[T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
