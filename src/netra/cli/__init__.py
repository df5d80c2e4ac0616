"""The `netra` command. Each area registers its commands from its own module."""

from __future__ import annotations

import typer

from netra.cli import (
    audit,
    check,
    db,
    desk,
    evaluate,
    factcheck,
    inbox,
    rules,
    scan,
    serve,
    train,
    users,
)

app = typer.Typer(
    name="netra",
    help="Netra: pemeriksa unggahan media sosial ASN dan Humas pemerintah.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (
    check,
    rules,
    evaluate,
    train,
    factcheck,
    db,
    serve,
    scan,
    users,
    desk,
    audit,
    inbox,
):
    module.register(app)


def main() -> None:
    app()
