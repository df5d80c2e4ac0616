"""Imports every area's table module so that Base.metadata knows all tables (for Alembic)."""

from __future__ import annotations

# Each area adds one import line here for its tables module, e.g.:
# import netra.factcheck.tables
import netra.accounts.tables
import netra.audit.tables
import netra.desk.tables
import netra.factcheck.tables
import netra.inbox.tables
import netra.learn.tables
import netra.oversight.tables
import netra.web.history  # noqa: F401
