"""Who may do what: tokens and roles, browser sessions with CSRF, --public, the tokens commands."""

from __future__ import annotations

from typer.testing import CliRunner

from strikewatch.cli import app

from .helpers import bearer

WRITE_METHODS = ("post", "patch", "put", "delete")


def _writes(client) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    schema = client.get("/openapi.json").json()
    return [(method, path) for path, item in schema["paths"].items() for method in item if method in WRITE_METHODS]


def _fill(path: str) -> str:
    return path.replace("{event_id}", "x:0").replace("{incident_id}", "x:0").replace("{edit_id}", "1")


def test_serve_viewer_gets_403_on_every_write(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    writes = _writes(client)
    assert len(writes) >= 6
    for method, path in writes:
        if path == "/api/v1/reports":
            continue  # writing a report changes nothing: viewers may
        answer = client.request(
            method, _fill(path), json={"reason": "r", "status": "reviewed"}, headers=bearer(tokens["viewer"])
        )
        assert answer.status_code == 403, (method, path, answer.text)
        assert client.request(method, _fill(path), json={}).status_code == 401, (method, path)


def test_serve_tokens_and_roles(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, url = desk
    assert client.get("/api/v1/events").status_code == 401
    assert client.get("/api/v1/events", headers=bearer("sw_nope_nope")).status_code == 401
    assert client.get("/api/v1/events", headers=bearer(tokens["viewer"])).status_code == 200
    me = client.get("/api/v1/me", headers=bearer(tokens["analyst"])).json()
    assert me["role"] == "analyst" and me["can_edit"] and me["csrf"] is None
    runner = CliRunner()
    listed = runner.invoke(app, ["tokens", "list", "--db", url])
    assert listed.exit_code == 0 and listed.output.count("active") == 3
    assert tokens["viewer"] not in listed.output  # only ids, never the secret
    viewer_id = tokens["viewer"].split("_")[1]
    assert runner.invoke(app, ["tokens", "revoke", viewer_id, "--db", url]).exit_code == 0
    assert client.get("/api/v1/events", headers=bearer(tokens["viewer"])).status_code == 401
    made = runner.invoke(app, ["tokens", "create", "--role", "viewer", "--name", "colleague", "--db", url])
    assert made.exit_code == 0
    token = made.stdout.strip().splitlines()[0]
    assert client.get("/api/v1/events", headers=bearer(token)).status_code == 200
    assert runner.invoke(app, ["tokens", "create", "--role", "boss", "--db", url]).exit_code == 1


def test_serve_browser_session_needs_csrf_for_writes(desk) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _url = desk
    wrong = client.post("/login", data={"token": "sw_x_y"}, follow_redirects=False)
    assert wrong.status_code == 303 and "error" in wrong.headers["location"]
    signed = client.post("/login", data={"token": tokens["analyst"], "next": "//evil.example"}, follow_redirects=False)
    assert signed.status_code == 303 and signed.headers["location"] == "/"
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    me = client.get("/api/v1/me").json()
    assert me["via"] == "session" and me["csrf"]
    event = client.get("/api/v1/events").json()["events"][0]
    path = f"/api/v1/events/{event['id']}/review"
    assert client.post(path, json={"status": "reviewed"}).status_code == 403
    assert client.post(path, json={"status": "reviewed"}, headers={"X-CSRF-Token": "0" * 64}).status_code == 403
    assert client.post(path, json={"status": "reviewed"}, headers={"X-CSRF-Token": me["csrf"]}).status_code == 200
    client.post("/logout")
    client.cookies.clear()
    assert client.get("/api/v1/me").status_code == 401


def test_serve_public_desk_reads_without_a_token_but_never_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from strikewatch.serve import ServeSettings, create_app

    from .helpers import fill

    url = f"sqlite:///{tmp_path / 'public.db'}"
    tokens = fill(url)
    with TestClient(create_app(ServeSettings(db=url, public=True))) as client:
        event = client.get("/api/v1/events").json()["events"][0]
        assert client.get(f"/api/v1/events/{event['id']}").status_code == 200
        edit = {"fatalities": 1, "reason": "x"}
        assert client.patch(f"/api/v1/events/{event['id']}", json=edit).status_code == 401
        assert (
            client.patch(f"/api/v1/events/{event['id']}", json=edit, headers=bearer(tokens["viewer"])).status_code
            == 403
        )


def test_serve_mounts_the_alert_feeds_behind_the_read_rule(desk) -> None:  # type: ignore[no-untyped-def]
    from strikewatch.filters import EventFilter
    from strikewatch.monitor.watches import add_watch
    from strikewatch.store import Store

    client, tokens, url = desk
    with Store(url) as store:
        add_watch(store, "idleb", EventFilter(admin1="Idleb"))
    assert client.get("/alerts/idleb.atom").status_code == 401, "a private desk's feeds need a token"
    feed = client.get("/alerts/idleb.atom", headers=bearer(tokens["viewer"]))
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    assert "<feed" in feed.text and "idleb" in feed.text
    missing = client.get("/alerts/nobody.atom", headers=bearer(tokens["viewer"]))
    assert missing.status_code == 404 and "nobody" in missing.json()["error"]
