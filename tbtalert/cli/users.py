"""``tbtalert users add|list|disable``: the officials who sign in to the web workspace."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from tbtalert.cli.app import app, get_state
from tbtalert.db import session_scope
from tbtalert.errors import AccountError
from tbtalert.users import ROLES, add_user, disable_user, list_users

users_app = typer.Typer(
    help="Officials' accounts for the web workspace (/officials/).", no_args_is_help=True
)
app.add_typer(users_app, name="users")


def _new_password() -> str:
    """TBTALERT_NEW_PASSWORD, else one line of standard input (asked for on a terminal)."""
    password = os.environ.get("TBTALERT_NEW_PASSWORD")
    if password:
        return password
    if sys.stdin.isatty():
        return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise AccountError(
            "no password given",
            hint="pipe it on standard input or set TBTALERT_NEW_PASSWORD",
        )
    return line


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The official's e-mail address (the login).")],
    name: Annotated[str, typer.Option("--name", help="Name shown with decisions.")] = "",
    role: Annotated[
        str, typer.Option("--role", help=f"One of {', '.join(ROLES)}; admins switch sources.")
    ] = "official",
) -> None:
    """Add an account; the password comes from standard input or TBTALERT_NEW_PASSWORD."""
    password = _new_password()
    with session_scope(get_state(ctx).engine()) as session:
        user = add_user(session, email=email, password=password, name=name, role=role)
        typer.echo(f"added {user.email} ({user.role})")


@users_app.command("list")
def users_list(ctx: typer.Context) -> None:
    """Every account: address, role, active or disabled, last sign-in."""
    with session_scope(get_state(ctx).engine()) as session:
        users = list_users(session)
        for user in users:
            last = f"{user.last_login_at:%Y-%m-%d %H:%M} UTC" if user.last_login_at else "never"
            state = "active" if user.active else "disabled"
            line = f"{user.email:<36} {user.role:<9} {state:<9} last sign-in {last}  {user.name}"
            typer.echo(line.rstrip())
    typer.echo(f"{len(users)} account(s)")


@users_app.command("disable")
def users_disable(
    ctx: typer.Context, email: Annotated[str, typer.Argument(help="The account's address.")]
) -> None:
    """Stop an account from signing in; its open sessions end at once."""
    with session_scope(get_state(ctx).engine()) as session:
        user = disable_user(session, email)
        typer.echo(f"disabled {user.email}")
