#!/usr/bin/env python3
"""Abuse checks against a running `atalaya serve` (standard library only).

  abuse.py probes URL TOKEN   SQL-injection and path-traversal strings in every parameter of
                              every operation of URL/api/v1/openapi.json (query and path),
                              in every string field of the write routes' bodies, and in raw
                              paths; fails on any 5xx, on an answer that shows a file from
                              outside the server or an SQL error, or on a 200 to a traversal
                              path.
  abuse.py slow URL [N] [S]   N clients (default 500) send a request's headers a byte a
                              second for S seconds (default 40) while one client requests
                              /api/v1/stats every 0.2 s: prints the normal client's answers,
                              failures and worst latency, and how long the server held the
                              slow clients; fails if a normal request failed or took over 2 s.

Each prints one JSON line of results last.
"""
import http.client
import json
import socket
import sys
import threading
import time
import urllib.parse

SQL = [
    "' OR '1'='1",
    "1' OR 1=1--",
    "\" OR \"\"=\"",
    "1; DROP TABLE events;--",
    "') UNION SELECT sqlite_version(), 1, 1--",
    "25' AND (SELECT count(*) FROM sqlite_master) > 0 --",
    "%' OR 1=1 --",
    "1 OR 1=1",
    "x'); DELETE FROM events; --",
    "\\'; SELECT load_extension('/tmp/x'); --",
]
TRAVERSAL = [
    "../../../../../../etc/passwd",
    "..%2f..%2f..%2f..%2fetc%2fpasswd",
    "....//....//....//etc/passwd",
    "/etc/passwd",
    "..\\..\\..\\..\\windows\\win.ini",
    "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "file:///etc/passwd",
    "../../Cargo.toml",
    "\u0000../../etc/passwd",
]
PROBES = SQL + TRAVERSAL
# What an answer must never contain: a file read from disk, or an SQL engine's own error.
LEAKS = ["root:x:0:0", "[workspace]", "[package]", "syntax error",
         "no such table", "no such column", "SQLITE_", "unrecognized token", "[extensions]"]

# Valid values for the other parameters, so a probe reaches the parameter it is in.
VALID = {
    "period": "month", "by": "state", "measure": "events", "state": "25", "kind": "homicide",
    "actor": "Sinaloa Cartel", "from": "2020-01-01", "to": "2023-12-31", "date": "2019-02-12",
    "as_of": "2023-12-31", "horizon": "2", "origins": "2", "window": "6", "limit": "5",
    "lang": "en", "group": "Sinaloa Cartel", "status": "pending", "treated": "auto",
    "id": "ucdp:1", "year": "2020",
}


def request(base, method, path, body=None, headers=None, timeout=30):
    u = urllib.parse.urlsplit(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data.decode("utf-8", "replace")


def value_for(p):
    s = p.get("schema", {})
    if p["name"] in VALID:
        return VALID[p["name"]]
    if "enum" in s:
        return str(s["enum"][0])
    if "default" in s:
        return str(s["default"]).lower() if isinstance(s["default"], bool) else str(s["default"])
    if "example" in s:
        return str(s["example"])
    return "1"


def probes(base, token):
    doc = json.loads(request(base, "GET", "/api/v1/openapi.json")[1])
    auth = {"Authorization": f"Bearer {token}"}
    results = {"requests": 0, "server_errors": [], "leaks": [], "by_status": {}}

    def check(what, status, text, traversal=False, probe=""):
        results["requests"] += 1
        results["by_status"][status] = results["by_status"].get(status, 0) + 1
        if status >= 500:
            results["server_errors"].append(f"{what}: {status} {text[:200]}")
        # An error message may quote the value it refuses: that is not a leak.
        for echo in (probe, json.dumps(probe)[1:-1]):
            if echo:
                text = text.replace(echo, "")
        for leak in LEAKS:
            if leak in text and not what.endswith("openapi.json"):
                results["leaks"].append(f"{what}: {leak!r} in the answer")
        if traversal and status == 200 and "root:x" in text:
            results["leaks"].append(f"{what}: a file outside the server")

    params = 0
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method not in ("get", "post"):
                continue
            plist = op.get("parameters", [])
            for target in plist:
                params += 1
                for probe in PROBES:
                    query, real_path = {}, path
                    for p in plist:
                        v = probe if p is target else value_for(p)
                        if p["in"] == "path":
                            real_path = real_path.replace("{" + p["name"] + "}",
                                                          urllib.parse.quote(v, safe=""))
                        elif p["in"] == "query" and (p is target or p.get("required")):
                            query[p["name"]] = v
                    full = real_path + ("?" + urllib.parse.urlencode(query) if query else "")
                    status, text = request(base, method.upper(), full, headers=auth,
                                           body=b"{}" if method == "post" else None)
                    check(f"{method.upper()} {full}", status, text, probe in TRAVERSAL, probe)
    # The write routes' bodies: each string field in turn.
    bodies = {
        "/api/v1/code": {"text": "Gunmen killed 3 people in Culiacán, Sinaloa, on Monday.",
                         "published": "2024-09-12", "lang": "en", "doc": "abuse", "store": False},
        "/api/v1/review/decisions": {"event": "ucdp:1", "decision": "reject", "reason": "x"},
    }
    for path, good in bodies.items():
        for field, v in good.items():
            if not isinstance(v, str):
                continue
            for probe in PROBES:
                body = dict(good, **{field: probe})
                status, text = request(base, "POST", path, body=json.dumps(body).encode(),
                                       headers=dict(auth, **{"Content-Type": "application/json"}))
                check(f"POST {path} {field}={probe!r}", status, text, probe in TRAVERSAL, probe)
    # Wrong tokens (the probes among them, and the right one with a byte changed or cut)
    # are refused, and no answer ever carries the real token.
    wrong = PROBES[:5] + [token[:-1] + chr(ord(token[-1]) ^ 1), token[:-1], token + "x", ""]
    for t in wrong:
        status, text = request(base, "POST", "/api/v1/code", body=b"{}",
                               headers={"Authorization": f"Bearer {t}",
                                        "Content-Type": "application/json"})
        check(f"POST /api/v1/code with token {t!r}", status, text)
        if status != 401:
            results["leaks"].append(f"token {t!r}: {status}, not 401")
        if token in text:
            results["leaks"].append(f"token {t!r}: the real token in the answer")
    # Raw paths: the dashboard's files and the API's id segment.
    raw = ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/app.js/../../Cargo.toml",
           "/assets/..%2f..%2fCargo.toml", "/api/v1/events/..%2f..%2f..%2fetc%2fpasswd",
           "/api/v1/review/articles/..%2f..%2fetc%2fpasswd", "/api/v1/../../etc/passwd",
           "/%00/etc/passwd", "//etc/passwd", "/api/v1/events/%27%20OR%20%271%27=%271"]
    for path in raw:
        try:
            status, text = request(base, "GET", path)
        except http.client.HTTPException as e:
            status, text = 400, str(e)
        check(f"GET {path}", status, text, True)
        if status == 200 and path != "//etc/passwd":
            results["leaks"].append(f"GET {path}: 200")
    results["parameters"] = params
    results["probes_per_parameter"] = len(PROBES)
    results["by_status"] = {str(k): v for k, v in sorted(results["by_status"].items())}
    print(json.dumps(results))
    return not results["server_errors"] and not results["leaks"]


def slow(base, n=500, seconds=40):
    u = urllib.parse.urlsplit(base)
    head = b"GET /api/v1/stats HTTP/1.1\r\nHost: slow\r\nX-Padding: " + b"a" * 4096
    held, opened, refused = [], [0], [0]
    lock = threading.Lock()
    stop = time.time() + seconds

    def slow_client():
        t0 = time.time()
        try:
            s = socket.create_connection((u.hostname, u.port), timeout=5)
        except OSError:
            with lock:
                refused[0] += 1
            return
        with lock:
            opened[0] += 1
        s.settimeout(1.0)
        i = 0
        try:
            while time.time() < stop:
                s.send(head[i % len(head):i % len(head) + 1])
                i += 1
                try:
                    if s.recv(256) == b"":
                        break
                    break  # an answer (408) also means the server let go
                except socket.timeout:
                    pass
        except OSError:
            pass
        finally:
            with lock:
                held.append(time.time() - t0)
            s.close()

    threads = [threading.Thread(target=slow_client, daemon=True) for _ in range(n)]
    for t in threads:
        t.start()
    time.sleep(2)
    latencies, failures = [], []
    while time.time() < stop - 1:
        t0 = time.time()
        try:
            status, _ = request(base, "GET", "/api/v1/stats", timeout=10)
            if status != 200:
                failures.append(status)
        except OSError as e:
            failures.append(str(e))
        latencies.append(time.time() - t0)
        time.sleep(0.2)
    for t in threads:
        t.join(timeout=seconds + 10)
    latencies.sort()
    out = {
        "slow_clients": n, "opened": opened[0], "refused": refused[0], "seconds": seconds,
        "normal_requests": len(latencies), "normal_failures": len(failures),
        "normal_p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
        "normal_max_ms": round(1000 * latencies[-1], 1),
        "slow_held_min_s": round(min(held), 1), "slow_held_max_s": round(max(held), 1),
    }
    print(json.dumps(out))
    return not failures and latencies[-1] < 2.0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "probes":
        ok = probes(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == "slow":
        ok = slow(sys.argv[2], *[int(a) for a in sys.argv[3:5]])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(0 if ok else 1)
