"""Commands of the web application: ``tamatrix serve`` and ``tamatrix user add|list|remove``."""

from __future__ import annotations

import ipaddress
import sys

import click

from tamatrix import output, pipeline
from tamatrix.config import Settings
from tamatrix.exceptions import ConfigurationError
from tamatrix.storage import db
from tamatrix.storage.tables import ROLES


def is_loopback(host: str) -> bool:
    """Whether the host only listens on this machine (development)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_serving(settings: Settings, host: str) -> None:
    """Refuse to serve beyond loopback without a configured secret key."""
    if not is_loopback(host) and not settings.secret_key:
        raise ConfigurationError(
            f"refusing to serve on {host} without TAMATRIX_SECRET_KEY: set it to a long random "
            "secret (e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'); only "
            "loopback (127.0.0.1) may run without one"
        )
    if settings.secret_key is not None and len(settings.secret_key) < 32:
        raise ConfigurationError("TAMATRIX_SECRET_KEY must be at least 32 characters long")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
def serve_command(host: str, port: int, workers: int) -> None:
    """Serve the web application: dashboard, need browser, review, documents, API at /api.

    Outside loopback, TAMATRIX_SECRET_KEY must be set (it signs the session cookies). Put the
    server behind an HTTPS proxy; cookies are marked Secure when requests come over HTTPS.

    Example: TAMATRIX_SECRET_KEY=... tamatrix serve --host 0.0.0.0 --port 8000
    """
    import uvicorn

    settings = Settings()
    check_serving(settings, host)
    if workers > 1:
        uvicorn.run(
            "tamatrix.web.app:create_app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            proxy_headers=True,
        )
        return
    from tamatrix.web.app import create_app, warm_up

    app = create_app(settings)
    warm_up(app)
    uvicorn.run(app, host=host, port=port, proxy_headers=True)


@click.group("user")
def user_group() -> None:
    """Manage the accounts of the web application (roles: admin, analyst, viewer).

    Example: tamatrix user add ana --role analyst
    """


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="viewer", show_default=True)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (scripts)."
)
def user_add(name: str, role: str, password_stdin: bool) -> None:
    """Create a user; asks for the password twice unless --password-stdin is given.

    Example: echo "$PASSWORD" | tamatrix user add ana --role analyst --password-stdin
    """
    from tamatrix.web import accounts

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    engine = pipeline.open_database(Settings())
    session = db.session_factory(engine)()
    try:
        accounts.add_user(session, name, password, role)
    finally:
        session.close()
        engine.dispose()
    click.echo(f"added {name} ({role})")


@user_group.command("list")
@click.option("--format", "fmt", type=click.Choice(output.FORMATS), default="table")
def user_list(fmt: str) -> None:
    """List the users with their role.

    Example: tamatrix user list --format csv
    """
    from tamatrix.web import accounts

    engine = pipeline.open_database(Settings())
    session = db.session_factory(engine)()
    try:
        rows = accounts.users(session)
    finally:
        session.close()
        engine.dispose()
    click.echo(output.render(rows, ["name", "role", "active", "created_at"], fmt))


@user_group.command("remove")
@click.argument("name")
def user_remove(name: str) -> None:
    """Delete a user and their API tokens (their corrections stay in the audit log).

    Example: tamatrix user remove ana
    """
    from tamatrix.web import accounts

    engine = pipeline.open_database(Settings())
    session = db.session_factory(engine)()
    try:
        accounts.remove_user(session, name)
    finally:
        session.close()
        engine.dispose()
    click.echo(f"removed {name}")


@user_group.command("sign-out")
@click.argument("name")
def user_sign_out(name: str) -> None:
    """End every browser session of a user at once (a lost laptop, say); API tokens stay.

    Example: tamatrix user sign-out ana
    """
    from tamatrix.web import accounts

    engine = pipeline.open_database(Settings())
    session = db.session_factory(engine)()
    try:
        accounts.end_sessions(session, accounts.user_id_of(session, name))
    finally:
        session.close()
        engine.dispose()
    click.echo(f"ended every session of {name}")


web_commands: list[click.Command] = [serve_command, user_group]
