"""Persistence: SQLAlchemy 2 tables per area, explicit sessions, Alembic migrations."""
