"""Routes: health, login and logout, who am I, new accounts (admins)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import Field

from foulard.errors import FoulardError
from foulard.web import accounts as acc_mod
from foulard.web.deps import RateLimited, Studio
from foulard.web.routes.common import Admin, Body, Me, St

router = APIRouter()


class LoginBody(Body):
    person: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=256)


class NewAccount(Body):
    person: str = Field(min_length=1, max_length=128)
    role: Literal["customer", "designer", "admin"] = "customer"
    password: str = Field(min_length=8, max_length=256)


@router.get("/health", tags=["studio"])
async def health() -> dict:
    """Liveness (no login needed)."""
    return {"ok": True}


@router.post("/login", tags=["accounts"])
async def login(body: LoginBody, request: Request, st: St) -> dict:
    """Trade a person id and password for a bearer token."""
    client = request.client.host if request.client else "?"
    wait = await run_in_threadpool(_take_login, st, client)
    if wait:
        raise RateLimited(wait)
    token, acc = await st.pool.run(
        _in_thread_login, st, body.person, body.password, st.settings.token_days
    )
    return {"token": token, "account": acc.to_json()}


def _take_login(st: Studio, client: str) -> float:
    return st.logins.take(st.store.db, client)


def _in_thread_login(st: Studio, person: str, password: str, days: float):
    return acc_mod.login(st.store.db, person, password, days=days)


def _create(st: Studio, person: str, role: str, password: str):
    return acc_mod.create_account(st.store.db, person, role, password)


@router.post("/logout", tags=["accounts"])
def logout(request: Request, me: Me, st: St) -> dict:
    """Revoke the token this request carries."""
    token = request.headers.get("authorization", "").partition(" ")[2].strip()
    acc_mod.revoke_token(st.store.db, token)
    return {"ok": True}


@router.get("/me", tags=["accounts"])
async def me_info(me: Me) -> dict:
    """Who is logged in: person, role and slot in the design space."""
    return me.to_json()


@router.post("/accounts", tags=["accounts"], status_code=201)
async def new_account(body: NewAccount, me: Admin, st: St) -> dict:
    """Create an account (admins only); the person is registered in the ledger."""
    account_, created = await st.pool.run(_create, st, body.person, body.role, body.password)
    if not created:
        raise FoulardError(f"the account {body.person!r} exists already")
    return account_.to_json()
