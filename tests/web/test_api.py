"""The studio's HTTP API over real HTTP: designs, stream, edits, previews, orders, library."""

from __future__ import annotations

import io
import time
import zipfile

import numpy as np
import pytest
from PIL import Image


def _png(response) -> np.ndarray:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/png"
    return np.asarray(Image.open(io.BytesIO(response.content)).convert("RGB"))


def test_openapi_schema_lists_every_route(studio):
    with studio.client() as c:
        schema = c.get("/api/openapi.json").json()
    paths = schema["paths"]
    for p in (
        "/api/login",
        "/api/prompt",
        "/api/stream",
        "/api/designs/{design_id}",
        "/api/designs/{design_id}/edit",
        "/api/designs/{design_id}/preview.png",
        "/api/designs/{design_id}/orders",
        "/api/jobs/{job_id}/download",
        "/api/library/search",
        "/api/library/search-image",
        "/api/library/ingest",
        "/api/catalogue/operators",
    ):
        assert p in paths, p
    # every operation documents itself and says what it takes
    for p, ops in paths.items():
        for method, op in ops.items():
            assert op.get("summary") or op.get("description"), (method, p)
    assert "PromptBody" in schema["components"]["schemas"]


def test_page_and_static_files_are_served_with_a_strict_policy(studio):
    with studio.client() as c:
        page = c.get("/")
        js = c.get("/static/app.js")
    assert page.status_code == 200 and "foulard" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert js.status_code == 200 and "innerHTML" not in js.text  # text is never parsed as HTML


@pytest.mark.parametrize(
    ("text", "language"), [("a peony carre in blue, no red", "en"), ("蓝色牡丹方巾，回纹边", "zh")]
)
def test_prompt_gives_designs_and_the_understood_intent(studio, text, language):
    with studio.client("alice") as c:
        r = c.post("/api/prompt", json={"text": text, "count": 2})
        assert r.status_code == 200, r.text
        data = r.json()
        assert data["intent"]["language"] == language
        assert any(e["id"] == "op:motifs.peony" for e in data["intent"]["wanted"])
        assert len(data["designs"]) == 2
        ids = {d["design_id"] for d in data["designs"]}
        assert len(ids) == 2
        for d in data["designs"]:
            assert d["explanation"]
            got = c.get(f"/api/designs/{d['design_id']}")
            assert got.status_code == 200
            assert got.json()["genome"]["schema_version"] == 1


def test_stream_pages_are_the_persons_own_addresses_and_taste_reranks_them(studio):
    with studio.client("bob") as c:
        first = c.get("/api/stream", params={"start": 0, "count": 6}).json()
        again = c.get("/api/stream", params={"start": 0, "count": 6}).json()
        second = c.get("/api/stream", params={"start": 6, "count": 6}).json()
        assert [d["n"] for d in first["designs"]] == list(range(6))
        assert first == again  # the same person sees the same stream
        assert first["next"] == 6 and not first["ranked"]
        ids = [d["design_id"] for d in first["designs"] + second["designs"]]
        assert len(set(ids)) == 12
        # like one, dislike one: the stream is ranked by taste and still bob's own
        c.post(f"/api/designs/{ids[0]}/judge", json={"liked": True}).raise_for_status()
        c.post(f"/api/designs/{ids[1]}/judge", json={"liked": False}).raise_for_status()
        ranked = c.get("/api/stream", params={"start": 0, "count": 6}).json()
        assert ranked["ranked"]
        assert all(0 <= d["n"] < 100_000 for d in ranked["designs"])
        assert len({d["n"] for d in ranked["designs"]}) == 6
    with studio.client("alice") as c:
        alice = c.get("/api/stream", params={"start": 0, "count": 6}).json()
    assert not {d["design_id"] for d in alice["designs"]} & set(ids)


def test_edit_changes_the_preview_and_refuses_invalid_values(studio):
    with studio.client("alice") as c:
        d = c.get("/api/stream", params={"start": 20, "count": 1}).json()["designs"][0]
        design = c.get(f"/api/designs/{d['design_id']}").json()
        node = design["controls"][0]
        assert node["path"] == "palette"
        # controls carry the operator metadata
        for p in node["params"]:
            assert "doc" in p and "value" in p
            if p["type"] in ("float", "int"):
                assert len(p["range"]) == 2
        hue = next((p for p in node["params"] if p["name"] == "hue"), None)
        if hue is not None:  # turn the palette's main hue half way round the wheel
            lo, hi = hue["range"]
            body = {
                "path": "palette",
                "params": {"hue": lo + (hue["value"] - lo + 180) % (hi - lo)},
            }
        else:
            body = {"seed": design["genome"]["seed"] + 1}
        edited = c.post(f"/api/designs/{d['design_id']}/edit", json=body)
        assert edited.status_code == 200, edited.text
        new_id = edited.json()["design_id"]
        assert new_id != d["design_id"]
        assert edited.json()["parent"] == d["design_id"]
        before = _png(c.get(f"/api/designs/{d['design_id']}/preview.png", params={"px": 128}))
        after = _png(c.get(f"/api/designs/{new_id}/preview.png", params={"px": 128}))
        assert before.shape == after.shape == (128, 128, 3)
        assert not np.array_equal(before, after)
        # out of range, unknown parameter, bad path: 4xx with a message, nothing stored
        root = next(n for n in design["controls"] if n["path"] == "root")
        num = next(p for p in root["params"] if p["type"] in ("float", "int"))
        lo, hi = num["range"]
        for body in (
            {"path": "root", "params": {num["name"]: hi + abs(hi - lo) + 1}},
            {"path": "root", "params": {"no_such_parameter": 1}},
            {"path": "../../etc/passwd", "params": {num["name"]: lo}},
            {"path": "root/nothing/0", "params": {num["name"]: lo}},
        ):
            r = c.post(f"/api/designs/{d['design_id']}/edit", json=body)
            assert r.status_code == 400, (body, r.text)
            assert r.json()["detail"]


def test_previews_are_cached_and_sizes_capped(studio):
    with studio.client("alice") as c:
        d = c.get("/api/stream", params={"start": 30, "count": 1}).json()["designs"][0]
        url = f"/api/designs/{d['design_id']}/preview.png"
        plain = _png(c.get(url, params={"px": 96}))
        assert plain.shape == (96, 96, 3)
        cached = list(studio.home.joinpath("studio", "previews").rglob(f"{d['design_id']}-*.png"))
        assert len(cached) == 1
        again = _png(c.get(url, params={"px": 96}))
        assert np.array_equal(plain, again)
        for kind in ("flat", "folded"):
            img = _png(c.get(url, params={"px": 128, "kind": kind}))
            assert 64 <= max(img.shape[:2]) <= 512  # within the cap
        assert c.get(url, params={"px": 4000}).status_code == 400
        assert c.get(url, params={"px": 100000}).status_code == 422
        assert c.get(url, params={"kind": "svg"}).status_code == 422


def test_inks_colourways_and_an_order_that_the_mill_check_accepts(studio, tmp_path):
    from foulard.production.check import check_file

    with studio.client("alice") as c:
        d = c.get("/api/stream", params={"start": 40, "count": 1}).json()["designs"][0]
        did = d["design_id"]
        inks = c.get(f"/api/designs/{did}/inks").json()
        assert 2 <= len(inks["inks"]) <= 8
        assert abs(sum(i["area_pct"] for i in inks["inks"]) - 100) < 0.5
        assert inks["colourways"]
        way = inks["colourways"][0]
        assert len(way["inks"]) == len(inks["inks"])
        recoloured = _png(
            c.get(
                f"/api/designs/{did}/preview.png",
                params={"px": 128, "colourway": way["request"]},
            )
        )
        colours = {tuple(int(v) for v in px) for px in recoloured.reshape(-1, 3)}
        wanted = {
            tuple(int(way["inks"][k][i : i + 2], 16) for i in (1, 3, 5))
            for k in range(len(way["inks"]))
        }
        assert colours <= wanted  # a colourway preview holds only the colourway's inks

        too_big = c.post(f"/api/designs/{did}/orders", json={"format": "carre90", "ppi": 300})
        assert too_big.status_code == 400 and "px" in too_big.json()["detail"]
        job = c.post(
            f"/api/designs/{did}/orders",
            json={
                "format": "custom-60x60",
                "ppi": 150,
                "inks": 3,
                "colourways": 1,
                "colourway": way["request"],
            },
        )
        assert job.status_code == 202, job.text
        job = job.json()
        seen = set()
        deadline = time.monotonic() + 120
        while job["state"] in ("queued", "running"):
            assert time.monotonic() < deadline
            seen.add(job["stage"])
            time.sleep(0.2)
            job = c.get(f"/api/jobs/{job['id']}").json()
        assert job["state"] == "done", job
        assert job["progress"] == 1.0
        z = c.get(job["download"])
        assert z.status_code == 200
        assert z.headers["content-type"] == "application/zip"
    # another customer cannot see the job or its zip
    with studio.client("bob") as c:
        assert c.get(f"/api/jobs/{job['id']}").status_code == 404
        assert c.get(f"/api/jobs/{job['id']}/download").status_code == 404
    with zipfile.ZipFile(io.BytesIO(z.content)) as zf:
        names = zf.namelist()
        assert any(n.endswith("/master.tif") for n in names)
        assert any(n.endswith("/spec.pdf") for n in names)
        zf.extractall(tmp_path)
    master = next(tmp_path.rglob("master.tif"))
    report = check_file(master, format="custom-60x60", ppi=150)
    assert not report.rejected, report.reasons


def test_claim_and_my_designs(studio):
    with studio.client("alice") as c:
        d = c.get("/api/stream", params={"start": 50, "count": 1}).json()["designs"][0]
        r = c.post(f"/api/designs/{d['design_id']}/claim")
        assert r.status_code == 200, r.text
        assert r.json()["owner"] == "alice" and r.json()["status"] == "claimed"
        again = c.post(f"/api/designs/{d['design_id']}/claim").json()
        assert again["won"] is False
        mine = c.get("/api/me/designs").json()["designs"]
        assert d["design_id"] in {m["design_id"] for m in mine}


def test_catalogue_has_parameter_metadata(studio):
    with studio.client("alice") as c:
        ops = c.get("/api/catalogue/operators", params={"family": "fields"}).json()
        one = c.get("/api/catalogue/operators/fields.value_noise").json()
        formats = c.get("/api/catalogue/formats").json()
        assert c.get("/api/catalogue/operators/fields.nope").status_code == 404
    assert ops["operators"] and all(o["family"] == "fields" for o in ops["operators"])
    assert all("range" in p for p in one["params"] if p["type"] in ("float", "int"))
    assert "carre90" in {f["name"] for f in formats["formats"]}
    assert formats["layouts"]


def test_library_search_browse_and_image_search(studio):
    with studio.client("designer") as c:
        browse = c.get("/api/library/browse").json()
        assert browse["total"] >= 4  # the bundled samples and seeded designs
        words = c.get("/api/library/search", params={"q": "牡丹"}).json()["hits"]
        colours = c.get("/api/library/search", params={"colours": "red"}).json()["hits"]
        assert words and colours is not None
        thumb = c.get(words[0]["thumb"])
        assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
        img = Image.new("RGB", (64, 64), (180, 40, 40))
        buf = io.BytesIO()
        img.save(buf, "PNG")
        r = c.post(
            "/api/library/search-image", files={"file": ("q.png", buf.getvalue(), "image/png")}
        )
        assert r.status_code == 200, r.text
        assert r.json()["hits"]
        assert c.get("/api/library/search").status_code == 400  # neither words nor colours


def test_cached_previews_never_wait_for_the_slow_work_pool(studio_factory, tmp_path):
    import threading

    live = studio_factory(tmp_path / "home", threads=1, max_queued=1)
    with live.client("alice") as c:
        designs = c.get("/api/stream", params={"count": 2}).json()["designs"]
        cached, fresh = (f"/api/designs/{d['design_id']}/preview.png" for d in designs)
        first = _png(c.get(cached, params={"px": 96}))
        release = threading.Event()
        blocker = live.app.state.studio.pool.submit(release.wait, 120)  # the pool is full
        try:
            busy = c.get(fresh, params={"px": 96})
            assert busy.status_code == 503 and busy.headers["retry-after"]
            again = _png(c.get(cached, params={"px": 96}))  # served from disk all the same
            assert np.array_equal(first, again)
        finally:
            release.set()
            blocker.result(timeout=60)
        assert _png(c.get(fresh, params={"px": 96})).shape == (96, 96, 3)


def test_a_library_picture_becomes_a_fitted_design(studio):
    """The library's "make a design": the model fits a picture (a bundled sample, a
    brocade) into a new design the designer can see, preview and edit."""
    from foulard.library.store import SAMPLE_BROCADE

    with studio.client("designer") as c:
        r = c.post(f"/api/library/patterns/{SAMPLE_BROCADE}/fit", params={"repeats": 3})
        assert r.status_code == 201, r.text
        d = r.json()
        again = c.post(f"/api/library/patterns/{SAMPLE_BROCADE}/fit", params={"repeats": 3})
        assert again.json()["design_id"] == d["design_id"]  # the same picture, the same design
        full = c.get(f"/api/designs/{d['design_id']}").json()
        root = full["genome"]["root"]
        assert root["op"] == "learned.neural_fit" and root["params"]["pattern"] == SAMPLE_BROCADE
        assert root["params"]["repeats"] == 3 and "neural fit" in d["title"]
        png = _png(c.get(d["preview"], params={"px": 128}))
        assert png.shape == (128, 128, 3) and png.std() > 1.0  # a picture, not a flat fill
        assert c.post("/api/library/patterns/" + "0" * 64 + "/fit").status_code == 404
        assert c.post("/api/library/patterns/nope/fit").status_code == 400
        assert (
            c.post(f"/api/library/patterns/{SAMPLE_BROCADE}/fit", params={"repeats": 0}).status_code
            == 422
        )
    with studio.client("alice") as c:  # a customer: the library is for designers
        assert c.post(f"/api/library/patterns/{SAMPLE_BROCADE}/fit").status_code == 403
