"""Officials' accounts: add, list, disable, and sign in with a throttle on guessing.

Passwords are hashed with argon2id (argon2-cffi's defaults). A sign-in is
refused without checking the password once an account, or an address, has
``login_max_failures`` wrong passwords within ``login_lockout_minutes``; a
good password clears the account's count. Unknown addresses cost the same
hashing work as known ones, so timing does not tell which accounts exist.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlmodel import Session, col, delete, select

from tbtalert.config import Settings
from tbtalert.errors import AccountError, SignInRefused
from tbtalert.models import LoginFailure, User, utcnow
from tbtalert.subscribers import normalize_email

ROLES = ("official", "admin")
MIN_PASSWORD = 10


def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    """The argon2id hash of a password, refusing one shorter than MIN_PASSWORD."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            f"the password has {len(password)} characters; use at least {MIN_PASSWORD}",
            hint="a phrase of a few words is easy to remember and hard to guess",
        )
    return _hasher().hash(password)


def _address(email: str) -> str:
    try:
        return normalize_email(email)
    except ValueError as err:
        raise AccountError(str(err), hint="give the official's e-mail address") from None


def add_user(
    session: Session, *, email: str, password: str, name: str = "", role: str = "official"
) -> User:
    """Add an official's account; the address must be new."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}", hint=f"use one of {', '.join(ROLES)}")
    address = _address(email)
    if find_user(session, address) is not None:
        raise AccountError(f"{address} already has an account")
    user = User(email=address, name=name.strip(), role=role, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, email: str) -> User | None:
    """The account with this address (any case), if there is one."""
    return session.exec(select(User).where(User.email == email.strip().lower())).first()


def list_users(session: Session) -> list[User]:
    """Every account, by address."""
    return list(session.exec(select(User).order_by(col(User.email))).all())


def disable_user(session: Session, email: str) -> User:
    """Stop an account from signing in; its open sessions end at their next request."""
    user = find_user(session, _address(email))
    if user is None:
        raise AccountError(f"no account {email!r}")
    user.active = False
    session.add(user)
    return user


def _failures(session: Session, column: str, value: str, since: datetime) -> int:
    field = col(LoginFailure.email) if column == "email" else col(LoginFailure.ip)
    query = select(func.count()).select_from(LoginFailure).where(field == value)
    return int(session.exec(query.where(col(LoginFailure.at) >= since)).one())


def sign_in(
    session: Session,
    settings: Settings,
    *,
    email: str,
    password: str,
    ip: str,
    now: datetime | None = None,
) -> User:
    """The account these credentials open, or SignInRefused (``throttled`` when paused)."""
    now = now or utcnow()
    address = email.strip().lower()[:320]
    since = now - timedelta(minutes=settings.login_lockout_minutes)
    limit = settings.login_max_failures
    if (
        _failures(session, "email", address, since) >= limit
        or _failures(session, "ip", ip, since) >= limit
    ):
        raise SignInRefused(
            f"too many wrong passwords; try again in {settings.login_lockout_minutes} minutes",
            throttled=True,
        )
    user = find_user(session, address)
    if not _password_matches(user, password):
        session.add(LoginFailure(email=address, ip=ip[:64], at=now))
        session.commit()
        raise SignInRefused("wrong address or password")
    assert user is not None
    session.exec(delete(LoginFailure).where(col(LoginFailure.email) == address))
    user.last_login_at = now
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = _hasher().hash(password)
    session.add(user)
    session.commit()
    return user


@functools.cache
def _dummy_hash() -> str:
    """A hash to check unknown addresses against, made once per process."""
    return _hasher().hash("no account has this password")


def _password_matches(user: User | None, password: str) -> bool:
    """Whether the password opens this active account; the same work when there is none."""
    try:
        _hasher().verify(user.password_hash if user else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return user is not None and user.active
