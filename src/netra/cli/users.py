"""`netra users`: create the first admin, list users, reset a password, issue an API token."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

users_app = typer.Typer(
    help="Pengguna: buat, daftar, atur ulang sandi, token API.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")


def _session():
    from netra.config import get_settings
    from netra.storage.db import make_engine, session_scope
    from netra.storage.migrate import upgrade

    engine = make_engine(get_settings().resolved_database_url)
    upgrade(engine)
    return session_scope(engine)


@users_app.command("create")
def create(
    username: Annotated[str, typer.Argument(help="Nama pengguna (huruf kecil).")],
    role: Annotated[
        list[str],
        typer.Option("--role", "-r", help="Peran: asn, author, reviewer, oversight, admin."),
    ],
    full_name: Annotated[str | None, typer.Option("--name", help="Nama lengkap.")] = None,
    unit: Annotated[
        str | None, typer.Option(help="Kode unit kerja (dibuat bila belum ada).")
    ] = None,
    password: Annotated[
        str | None,
        typer.Option(
            help="Kata sandi (bila kosong, ditanyakan tanpa ditampilkan).",
            envvar="NETRA_NEW_PASSWORD",
        ),
    ] = None,
) -> None:
    """Buat pengguna, mis. admin pertama: netra users create admin --role admin."""
    from netra.accounts import service

    if password is None:
        password = typer.prompt("Kata sandi", hide_input=True, confirmation_prompt=True)
    err = Console(stderr=True)
    try:
        with _session() as session:
            unit_id = None
            if unit:
                found = service.unit_by_code(session, unit)
                unit_id = (found or service.create_unit(session, unit, unit)).id
            user = service.create_user(
                session, username, full_name or username, password, role, unit_id=unit_id
            )
            name = user.username
    except service.AccountError as exc:
        err.print(f"[red]Gagal:[/red] {exc}")
        raise typer.Exit(2) from None
    Console().print(f"Pengguna '{name}' dibuat dengan peran {', '.join(role)}.")


@users_app.command("list")
def list_users() -> None:
    """Daftar pengguna."""
    from netra.accounts import service

    table = Table(title="Pengguna Netra")
    for col in ("Nama pengguna", "Nama", "Unit", "Peran", "Aktif"):
        table.add_column(col)
    with _session() as session:
        for u in service.list_users(session):
            table.add_row(
                u.username,
                u.full_name,
                u.unit.code if u.unit else "—",
                ", ".join(sorted(u.roles)),
                "ya" if u.is_active else "tidak",
            )
    Console().print(table)


@users_app.command("reset-password")
def reset_password(
    username: Annotated[str, typer.Argument(help="Nama pengguna.")],
    password: Annotated[
        str | None, typer.Option(help="Kata sandi sementara (bila kosong, dibuat acak).")
    ] = None,
) -> None:
    """Atur ulang kata sandi (membuka kunci; wajib diganti saat masuk)."""
    import secrets

    from netra.accounts import service

    temp = password or secrets.token_urlsafe(9)
    err = Console(stderr=True)
    try:
        with _session() as session:
            user = service.get_user_by_username(session, username)
            if user is None:
                raise service.AccountError(f"Pengguna '{username}' tidak ditemukan.")
            service.reset_password(session, user, temp, actor_id=None)
    except service.AccountError as exc:
        err.print(f"[red]Gagal:[/red] {exc}")
        raise typer.Exit(2) from None
    Console().print(f"Kata sandi sementara untuk '{username}': {temp}")


@users_app.command("token")
def token(
    username: Annotated[str, typer.Argument(help="Nama pengguna pemilik token.")],
    name: Annotated[str, typer.Option(help="Nama token, mis. integrasi-helpdesk.")] = "cli",
) -> None:
    """Buat token API (ditampilkan sekali) untuk klien mesin."""
    from netra.accounts import service, sessions

    err = Console(stderr=True)
    with _session() as session:
        user = service.get_user_by_username(session, username)
        if user is None:
            err.print(f"[red]Pengguna '{username}' tidak ditemukan.[/red]")
            raise typer.Exit(2)
        clear, _ = sessions.create_token(session, user, name)
    typer.echo(clear)
