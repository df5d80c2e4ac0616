from tests.desk.dbs import pg_template, url  # noqa: F401  (migrated databases, both backends)
