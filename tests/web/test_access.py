"""Accounts and access: every line the studio draws is tried, and must hold.

Also bad input: malformed JSON, oversized bodies, hostile uploads, path-like ids,
injection text, forged and expired tokens, too many requests: a clear 4xx, never a
500, nothing stored.
"""

from __future__ import annotations

import io
import time

import httpx
import pytest

from foulard.web.accounts import issue_token


def _count(studio, table: str) -> int:
    from foulard.db import connect

    with connect(f"sqlite:///{studio.home / 'foulard.db'}") as db, db.transaction() as tx:
        return int(tx.one(f"SELECT COUNT(*) FROM {table}")[0])


def test_login_with_a_wrong_password_or_unknown_account_is_one_vague_401(studio):
    with studio.client() as c:
        a = c.post("/api/login", json={"person": "alice", "password": "wrong password"})
        b = c.post("/api/login", json={"person": "nobody-here", "password": "wrong password"})
        inj = c.post("/api/login", json={"person": "alice' OR '1'='1", "password": "x' OR 1=1 --"})
    assert a.status_code == b.status_code == inj.status_code == 401
    assert a.json()["detail"] == b.json()["detail"] == inj.json()["detail"]


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer fst_forged-token-that-was-never-issued",
        "Bearer not-even-a-studio-token",
        "Basic YWxpY2U6c2VjcmV0",
        "Bearer " + "a" * 5000,
    ],
)
def test_forged_missing_or_malformed_tokens_are_refused(studio, header):
    headers = {"Authorization": header} if header else {}
    with httpx.Client(base_url=studio.url, headers=headers) as c:
        r = c.get("/api/me")
    assert r.status_code == 401
    assert r.json()["detail"]


def test_expired_and_revoked_tokens_are_refused(studio):
    from foulard.db import connect

    with connect(f"sqlite:///{studio.home / 'foulard.db'}") as db:
        token = issue_token(db, "alice", days=0.00001)  # about a second
    time.sleep(1.2)
    with httpx.Client(base_url=studio.url, headers={"Authorization": f"Bearer {token}"}) as c:
        r = c.get("/api/me")
    assert r.status_code == 401 and "expired" in r.json()["detail"]
    with studio.client() as c:
        login = c.post(
            "/api/login", json={"person": "bob", "password": studio.passwords["bob"]}
        ).json()
        auth = {"Authorization": f"Bearer {login['token']}"}
        assert c.get("/api/me", headers=auth).status_code == 200
        assert c.post("/api/logout", headers=auth).status_code == 200
        assert c.get("/api/me", headers=auth).status_code == 401


def test_a_customer_cannot_see_edit_claim_or_order_another_customers_design(studio):
    with studio.client("alice") as alice:
        mine = alice.get("/api/stream", params={"start": 70, "count": 1}).json()["designs"][0]
        made = alice.post("/api/prompt", json={"text": "lotus", "count": 1}).json()["designs"][0]
    with studio.client("bob") as bob:
        for d in (mine, made):
            did = d["design_id"]
            assert bob.get(f"/api/designs/{did}").status_code == 404
            assert bob.get(f"/api/designs/{did}/preview.png").status_code == 404
            assert bob.get(f"/api/designs/{did}/inks").status_code == 404
            r = bob.post(f"/api/designs/{did}/edit", json={"seed": 1})
            assert r.status_code == 404
            assert bob.post(f"/api/designs/{did}/claim").status_code == 404
            r = bob.post(f"/api/designs/{did}/orders", json={"format": "custom-60x60", "ppi": 150})
            assert r.status_code == 404
            assert bob.post(f"/api/designs/{did}/judge", json={"liked": True}).status_code == 404
            # the message does not say whose it is
            assert "alice" not in bob.get(f"/api/designs/{did}").text
    # a designer may look at it, but a design of alice's space stays hers in the ledger
    with studio.client("designer") as designer:
        assert designer.get(f"/api/designs/{mine['design_id']}").status_code == 200
        r = designer.post(f"/api/designs/{mine['design_id']}/claim")
        assert r.status_code == 409 and "reserved" in r.json()["detail"]


def test_roles_library_compose_and_ingest(studio):
    png = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (40, 40), (20, 60, 140)).save(png, "PNG")
    upload = {"files": ("blue.png", png.getvalue(), "image/png")}
    genome = {"genome": {"schema_version": 1, "seed": 1}}
    with studio.client("alice") as customer:
        assert customer.get("/api/library/browse").status_code == 403
        assert customer.get("/api/library/search", params={"q": "peony"}).status_code == 403
        assert customer.post("/api/genomes", json=genome).status_code == 403
        assert customer.post("/api/library/ingest", files=upload).status_code == 403
        assert (
            customer.post(
                "/api/accounts", json={"person": "eve", "role": "admin", "password": "x" * 12}
            ).status_code
            == 403
        )
    before = _count(studio, "patterns")
    with studio.client("designer") as designer:
        assert designer.get("/api/library/browse").status_code == 200
        assert designer.post("/api/library/ingest", files=upload).status_code == 403
        bad = designer.post("/api/genomes", json=genome)
        assert bad.status_code == 400 and bad.json()["detail"]
        from foulard.scarf.random_design import random_genome

        ok = designer.post("/api/genomes", json={"genome": random_genome(5).to_json()})
        assert ok.status_code == 201
    assert _count(studio, "patterns") == before
    with studio.client("admin") as admin:
        r = admin.post("/api/library/ingest", files=upload, data={"licence": "CC0-1.0"})
        assert r.status_code == 200, r.text
        assert r.json()["added"] == 1
        new = admin.post(
            "/api/accounts", json={"person": "carol", "role": "customer", "password": "p" * 10}
        )
        assert new.status_code == 201 and new.json()["role"] == "customer"
    assert _count(studio, "patterns") == before + 1


@pytest.mark.parametrize(
    ("name", "data", "ctype"),
    [
        ("bomb.png", None, "image/png"),  # 20000 x 20000 px declared, a few kB on disk
        ("not-a-picture.png", b"MZ\x90\x00 this is a program", "image/png"),
        (
            "script.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        (
            "entities.svg",
            b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
            "image/svg+xml",
        ),
        (
            "external.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<image xlink:href="file:///etc/passwd"/></svg>',
            "image/svg+xml",
        ),
        ("../../etc/passwd", b"\x89PNG\r\n\x1a\n broken", "image/png"),
    ],
)
def test_hostile_uploads_are_refused_and_nothing_is_stored(studio, name, data, ctype):
    if data is None:
        from PIL import Image

        buf = io.BytesIO()
        Image.new("1", (20000, 20000)).save(buf, "PNG")
        data = buf.getvalue()
    before = _count(studio, "patterns")
    with studio.client("designer") as c:
        r = c.post("/api/library/search-image", files={"file": (name, data, ctype)})
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["detail"]
    with studio.client("admin") as c:
        r = c.post("/api/library/ingest", files={"files": (name, data, ctype)})
    assert r.status_code == 200
    assert r.json()["added"] == 0 and r.json()["rejected"]
    assert _count(studio, "patterns") == before
    uploads = studio.home / "studio" / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())


def test_malformed_and_oversized_bodies_are_4xx(studio):
    with studio.client("alice") as c:
        r = c.post(
            "/api/prompt", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 422 and r.json()["detail"]
        r = c.post("/api/prompt", json={"text": "x" * (2 << 20)})
        assert r.status_code == 413
        r = c.post("/api/prompt", json={"text": "peony", "count": 10_000})
        assert r.status_code == 422
        r = c.post("/api/prompt", json={"text": "peony", "unexpected": 1})
        assert r.status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        "/api/designs/..%2F..%2Fetc%2Fpasswd",
        "/api/designs/" + "A" * 64,
        "/api/designs/1' OR '1'='1",
        "/api/designs/" + "0" * 64,
        "/api/jobs/..%2Fsecrets",
        "/api/library/patterns/..%2F..%2Fspace.key/thumb",
        "/static/../space.key",
        "/static/..%2F..%2Fspace.key",
    ],
)
def test_path_like_and_injected_ids_never_reach_a_file(studio, path):
    with studio.client("designer") as c:
        r = c.get(path)
    assert r.status_code in (400, 404), (path, r.status_code)
    assert len(r.content) < 2000


def test_injection_text_is_data(studio):
    text = "<script>alert(1)</script>'; DROP TABLE persons; -- 牡丹 {{7*7}} ${jndi:x}"
    with studio.client("alice") as c:
        r = c.post("/api/prompt", json={"text": text, "count": 1})
        assert r.status_code == 200
        assert r.json()["intent"]["text"] == text[: r.json()["intent"]["max_chars"]]
    assert _count(studio, "persons") >= 4


def test_too_many_requests_get_429_with_retry_after(studio):
    from foulard.web.limits import Buckets

    running = studio.app.state.studio
    saved = running.rates
    running.rates = Buckets("strict", rate=0.5, burst=5)
    try:
        _hammer(studio)
    finally:
        running.rates = saved


def _hammer(live) -> None:
    with live.client("alice") as c:
        codes = [c.get("/api/me").status_code for _ in range(12)]
        assert codes[:4] == [200] * 4
        assert 429 in codes
        r = c.get("/api/me")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    with live.client("bob") as c:  # the bucket is per account
        assert c.get("/api/me").status_code == 200
