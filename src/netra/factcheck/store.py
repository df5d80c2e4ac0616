"""The claims repository: add, edit, retire, restore, import-upsert — every change a revision.

All writes go through here so that the revision trail is complete: each one records who, when,
why (a free-text reason such as the import file) and, per field, the old and the new value.
The caller owns the session and the transaction (see `netra.storage.db.session_scope`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netra.factcheck.records import (
    EDITABLE_FIELDS,
    ClaimInput,
    ClaimValidationError,
    validate_claim,
    validate_field,
)
from netra.factcheck.tables import (
    STATUS_ACTIVE,
    STATUS_RETIRED,
    Claim,
    ClaimEmbedding,
    ClaimRevision,
)
from netra.storage.base import utcnow

UpsertOutcome = Literal["added", "updated", "unchanged"]
_LOOKUP = object()  # "find the existing claim yourself"


class ClaimNotFound(LookupError):
    def __init__(self, claim_id: str) -> None:
        super().__init__(f"klaim {claim_id!r} tidak ditemukan")
        self.claim_id = claim_id
        self.message = f"klaim {claim_id!r} tidak ditemukan"


@dataclass(frozen=True, slots=True)
class StoredVector:
    """An embedding to attach to a claim (float32 in memory, float16 on disk)."""

    model: str
    text_sha256: str
    vector: np.ndarray


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def diff_values(claim: Claim, values: dict[str, Any], only: Iterable[str]) -> dict[str, list[Any]]:
    """Fields in `only` whose value differs: {field: [old, new]} (JSON-ready)."""
    changes: dict[str, list[Any]] = {}
    for field in only:
        old, new = getattr(claim, field), values.get(field)
        if old != new:
            changes[field] = [_jsonable(old), _jsonable(new)]
    return changes


class ClaimStore:
    """Repository over one session. Methods flush but never commit."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- reading --------------------------------------------------------------------------------
    def get(self, claim_id: str) -> Claim | None:
        return self.session.scalar(select(Claim).where(Claim.claim_id == claim_id))

    def require(self, claim_id: str) -> Claim:
        claim = self.get(claim_id)
        if claim is None:
            raise ClaimNotFound(claim_id)
        return claim

    def get_many(self, claim_ids: Sequence[str]) -> dict[str, Claim]:
        """Claims by id, fetched in chunks (bound-parameter limits on both backends)."""
        found: dict[str, Claim] = {}
        ids = list(dict.fromkeys(claim_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for claim in self.session.scalars(select(Claim).where(Claim.claim_id.in_(chunk))):
                found[claim.claim_id] = claim
        return found

    def count(self, status: str | None = STATUS_ACTIVE) -> int:
        query = select(func.count()).select_from(Claim)
        if status is not None:
            query = query.where(Claim.status == status)
        return int(self.session.scalar(query) or 0)

    def revisions(self, claim_id: str) -> list[ClaimRevision]:
        claim = self.require(claim_id)
        return list(
            self.session.scalars(
                select(ClaimRevision)
                .where(ClaimRevision.claim_pk == claim.id)
                .order_by(ClaimRevision.revision)
            )
        )

    # -- writing --------------------------------------------------------------------------------
    def add(
        self,
        data: ClaimInput | dict[str, Any],
        *,
        by: str,
        reason: str | None = None,
        vector: StoredVector | None = None,
        known_new: bool = False,
    ) -> Claim:
        """Add a new claim (its first revision records every field). Duplicate ids are refused.

        Nothing is flushed here, so a bulk import inserts in batches; `known_new` skips the
        duplicate look-up when the caller has already checked (the unique index still guards).
        """
        if not isinstance(data, ClaimInput):
            data = validate_claim(data)
        claim_id = data.stable_id()
        if not known_new and self.get(claim_id) is not None:
            raise ClaimValidationError("claim_id", f"klaim dengan id {claim_id!r} sudah ada")
        values = data.values()
        now = utcnow()
        claim = Claim(
            claim_id=claim_id,
            status=STATUS_ACTIVE,
            revision=1,
            created_at=now,
            created_by=by,
            updated_at=now,
            updated_by=by,
            **values,
        )
        self.session.add(claim)
        changes = {f: [None, _jsonable(v)] for f, v in values.items() if v is not None}
        self._revision(claim, "create", by, reason, changes)
        if vector is not None:
            self.set_vector(claim, vector)
        return claim

    def edit(
        self, claim_id: str, changes: dict[str, Any], *, by: str, reason: str | None = None
    ) -> Claim:
        """Change some fields of a claim; returns it unchanged (no revision) if nothing differs."""
        claim = self.require(claim_id)
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            field = sorted(unknown)[0]
            raise ClaimValidationError(field, f"kolom {field!r} tidak bisa diubah")
        values = {field: validate_field(field, value) for field, value in changes.items()}
        self._apply(claim, values, values.keys(), by, reason)
        return claim

    def retire(self, claim_id: str, *, by: str, reason: str | None = None) -> Claim:
        """Take a claim out of matching (it stays stored, with its history)."""
        return self._set_status(claim_id, STATUS_RETIRED, "retire", by, reason)

    def restore(self, claim_id: str, *, by: str, reason: str | None = None) -> Claim:
        return self._set_status(claim_id, STATUS_ACTIVE, "restore", by, reason)

    def upsert(
        self,
        data: ClaimInput,
        *,
        provided: Iterable[str],
        by: str,
        reason: str | None = None,
        existing: Any = _LOOKUP,
        vector: StoredVector | None = None,
    ) -> tuple[UpsertOutcome, Claim]:
        """Import semantics: add if new; otherwise update only the fields the source provides.

        A field the source does not carry (e.g. an analyst's explanation) is never erased by an
        import. A retired claim stays retired.
        """
        claim = self.get(data.stable_id()) if existing is _LOOKUP else existing
        if claim is None:
            added = self.add(data, by=by, reason=reason, vector=vector, known_new=True)
            return "added", added
        fields = [f for f in provided if f in EDITABLE_FIELDS]
        changed = self._apply(claim, data.values(), fields, by, reason)
        if vector is not None:
            self.set_vector(claim, vector)
        return ("updated" if changed else "unchanged"), claim

    def set_vector(self, claim: Claim, vector: StoredVector) -> None:
        blob = np.asarray(vector.vector, dtype=np.float16).tobytes()
        row = claim.embedding
        if row is None:
            claim.embedding = ClaimEmbedding(
                model=vector.model,
                text_sha256=vector.text_sha256,
                dim=int(vector.vector.shape[-1]),
                vector=blob,
            )
        else:
            row.model = vector.model
            row.text_sha256 = vector.text_sha256
            row.dim = int(vector.vector.shape[-1])
            row.vector = blob

    # -- internals ------------------------------------------------------------------------------
    def _apply(
        self,
        claim: Claim,
        values: dict[str, Any],
        fields: Iterable[str],
        by: str,
        reason: str | None,
    ) -> bool:
        changes = diff_values(claim, values, fields)
        if not changes:
            return False
        for field in changes:
            setattr(claim, field, values[field])
        if "claim" in changes and claim.embedding is not None:
            self.session.delete(claim.embedding)  # stale; the caller or the index re-embeds
            claim.embedding = None
        self._touch(claim, by)
        self._revision(claim, "update", by, reason, changes)
        return True

    def _set_status(
        self, claim_id: str, status: str, action: str, by: str, reason: str | None
    ) -> Claim:
        claim = self.require(claim_id)
        if claim.status == status:
            return claim
        changes = {"status": [claim.status, status]}
        claim.status = status
        self._touch(claim, by)
        self._revision(claim, action, by, reason, changes)
        return claim

    def _touch(self, claim: Claim, by: str) -> None:
        claim.revision += 1
        claim.updated_at = utcnow()
        claim.updated_by = by

    def _revision(
        self, claim: Claim, action: str, by: str, reason: str | None, changes: dict[str, Any]
    ) -> None:
        claim.revisions.append(
            ClaimRevision(
                revision=claim.revision,
                action=action,
                changed_by=by,
                changed_at=claim.updated_at,
                reason=(reason or None) and reason[:500],
                changes=changes,
            )
        )
