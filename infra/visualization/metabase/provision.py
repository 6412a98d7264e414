"""Provisions Metabase through its REST API: the Trino and Pinot connections and the Clicks dashboard.

Idempotent: looks things up by name before creating them. Reads the admin password from the
METABASE_PASSWORD environment variable (a Kubernetes Secret); never prints it.
"""
import json
import os
import urllib.request

BASE = os.environ.get("METABASE_URL", "http://metabase.visualization.svc:3000")
HERE = os.path.dirname(os.path.abspath(__file__))


def call(method, path, body=None, session=None):
    req = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if session:
        req.add_header("X-Metabase-Session", session)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"null")


def main():
    session = call("POST", "/api/session", {"username": os.environ["METABASE_USER"], "password": os.environ["METABASE_PASSWORD"]})["id"]
    with open(os.path.join(HERE, "databases.json")) as f:
        wanted = json.load(f)
    existing = {d["name"]: d for d in call("GET", "/api/database", session=session)["data"]}
    for db in wanted:
        if db["name"] not in existing:
            call("POST", "/api/database", db, session)
            print("created database", db["name"])
    with open(os.path.join(HERE, "dashboard-clicks.json")) as f:
        dashboard = json.load(f)
    names = {d["name"] for d in call("GET", "/api/dashboard", session=session)}
    if dashboard["name"] not in names:
        call("POST", "/api/dashboard", {"name": dashboard["name"], "description": dashboard["description"]}, session)
        print("created dashboard", dashboard["name"])


if __name__ == "__main__":
    main()
