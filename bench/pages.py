"""Pages under load: the production server on a seeded database, N clients, each page beside a trivial view.

Serves the project with gunicorn (``--workers``, production settings with a throw-away key and one extra
route, ``/bench/trivial/``: an authenticated view that renders nothing, ``bench/pages_site.py`` and
``bench/pages_urls.py``), logs in as
the department officer of the seeded province, then for each page drives ``--clients`` concurrent clients
for ``--seconds`` (loopback only, bounded in time and count) and reports latency p50/p95/p99, throughput, and
both against the trivial view measured in the same run, before and after the pages::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --clients 20 --seconds 10 --workers 4 --only people_list,audit_log

Every answer must be 200 (a page that fails is reported, not averaged in). The single-request time and the
HTML size are measured first, one client, five requests. ``--json FILE`` also writes the results as JSON.

The pages are picked inside the user's scope (``thidua.accounts.scope``): the largest school and commune the
officer sees, the first person of that school. A new page is one line in ``PAGES`` (name, a function of the
picked ``Picks`` giving the path, whether it is an API path answered with the bearer token).

Static files: the production settings need collectstatic's manifest; the benchmark collects them once into
``--static-root`` (default ``/tmp/thidua-bench-static``, reused while its ``staticfiles.json`` exists;
``--collect`` forces a fresh copy), so a clean checkout runs as is.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pages_site")
STATIC_ROOT_DEFAULT = "/tmp/thidua-bench-static"  # noqa: S108  # a throw-away copy, rebuilt at will
os.environ.setdefault("DJANGO_STATIC_ROOT", STATIC_ROOT_DEFAULT)
for _i, _arg in enumerate(sys.argv):  # the static root must be known before the settings are read
    if _arg == "--static-root" and _i + 1 < len(sys.argv):
        os.environ["DJANGO_STATIC_ROOT"] = sys.argv[_i + 1]
    elif _arg.startswith("--static-root="):
        os.environ["DJANGO_STATIC_ROOT"] = _arg.partition("=")[2]

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402

from thidua.accounts.models import User  # noqa: E402
from thidua.accounts.scope import scope_for  # noqa: E402
from thidua.org.models import OrgUnit  # noqa: E402
from thidua.people.models import Person  # noqa: E402

PASSWORD = "demo12345"  # noqa: S105  # the demo and bulk-seed accounts' password
HOST = "127.0.0.1"


@dataclass
class Result:
    name: str
    latencies: list[float]
    elapsed: float
    errors: int
    size: int = 0
    single: float = 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _request(port: int, path: str, cookie: str = "", method: str = "GET", body: str = "", headers: dict | None = None):
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    h = {"Cookie": cookie} if cookie else {}
    h.update(headers or {})
    if body:
        h["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body or None, headers=h)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def _cookies(response, jar: dict[str, str]) -> dict[str, str]:
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            jar[key.strip()] = rest.split(";", 1)[0]
    return jar


def _cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def login(port: int, username: str) -> tuple[str, str]:
    """A session cookie for the HTML pages and a bearer token for the API."""
    response, body = _request(port, "/accounts/login/")
    jar = _cookies(response, {})
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
    response, _ = _request(port, "/accounts/login/", _cookie_header(jar), "POST", form)
    if response.status != 302:
        raise SystemExit(f"login as {username} failed: HTTP {response.status}")
    _cookies(response, jar)
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request(
        "POST",
        "/api/v1/auth/token",
        body=json.dumps({"username": username, "password": PASSWORD}),
        headers={"Content-Type": "application/json"},
    )
    answer = conn.getresponse()
    data = json.loads(answer.read() or b"{}")
    conn.close()
    return _cookie_header(jar), data.get("token", "")


@dataclass(frozen=True)
class Picks:
    """What the measured pages are about, all inside the user's scope."""

    school: OrgUnit | None
    commune: OrgUnit | None
    person: Person | None
    year: int = 2024


def pick(username: str) -> Picks:
    """The largest school and commune the user may read (by employment rows), and that school's first person."""
    user = User.objects.get(username=username)
    scope = scope_for(user)

    def largest(kind: str) -> OrgUnit | None:
        units = OrgUnit.objects.filter(scope.units_q(), kind__code=kind, valid_to__isnull=True)
        return units.annotate(n=Count("employments")).order_by("-n", "pk").first()

    school, commune = largest("school"), largest("commune")
    person = Person.objects.filter(current_unit=school).order_by("sort_key", "pk").first() if school else None
    return Picks(school=school, commune=commune, person=person)


def _unit(path: str, unit: OrgUnit | None, suffix: str = "") -> str:
    return f"{path}{unit.pk}/{suffix}" if unit else ""


# (name, path from the picks ("" when the data has nothing to show: skipped), API?). One line per page;
# the trivial view is always measured, first and last.
PAGES: list[tuple[str, object, bool]] = [
    ("trivial", lambda p: "/bench/trivial/", False),
    ("people_list", lambda p: "/people/", False),
    ("people_search", lambda p: "/people/?q=nguyen", False),
    ("person_page", lambda p: f"/people/{p.person.pk}/" if p.person else "", False),
    ("unit_tree", lambda p: "/units/", False),
    ("eligibility_school", lambda p: _unit("/eligibility/units/", p.school, f"?year={p.year}"), False),
    ("eligibility_commune", lambda p: _unit("/eligibility/units/", p.commune, f"?year={p.year}"), False),
    ("ledger_book", lambda p: _unit("/awards/units/", p.school, "book/"), False),
    ("audit_log", lambda p: "/audit/", False),
    ("api_people_search", lambda p: "/api/v1/people/?q=nguyen", True),
    # The annual cycle's pages (issues 13–15).
    ("home", lambda p: "/", False),
    ("movements", lambda p: "/movements/", False),
    ("registrations_school", lambda p: _unit("/units/", p.school, "registrations/"), False),
    ("review_rounds", lambda p: "/nominations/", False),
    ("dossier_queue", lambda p: "/dossiers/", False),
    ("initiatives", lambda p: "/initiatives/", False),
]


def pages(picks: Picks, only: set[str] | None) -> list[tuple[str, str, bool]]:
    """(name, path, api) of the pages to measure."""
    listed = [(name, path(picks), api) for name, path, api in PAGES]
    unknown = (only or set()) - {name for name, _, _ in listed}
    if unknown:
        raise SystemExit(f"unknown page(s): {', '.join(sorted(unknown))}")
    return [p for p in listed if p[1] and (not only or p[0] in only or p[0] == "trivial")]


def measure(port: int, name: str, path: str, headers: dict, clients: int, seconds: float, limit: int) -> Result:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        while time.perf_counter() < stop_at:
            with lock:
                if len(latencies) + errors[0] >= limit:
                    return
            started = time.perf_counter()
            try:
                response, _ = _request(port, path, headers=headers)
                ok = response.status == 200
            except OSError:
                ok = False
            took = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(took)
                else:
                    errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(name, latencies, time.perf_counter() - started, errors[0])


def single(port: int, path: str, headers: dict, warm: int = 0) -> tuple[float, int, int]:
    """Median of five single requests, after ``warm`` (one per worker and more: a worker's first request
    compiles the templates)."""
    for _ in range(warm):
        _request(port, path, headers=headers)
    times, size, status = [], 0, 0
    for _ in range(5):
        started = time.perf_counter()
        response, body = _request(port, path, headers=headers)
        times.append(time.perf_counter() - started)
        size, status = len(body), response.status
    return statistics.median(times), size, status


def collectstatic(force: bool) -> None:
    """Collect the static files the production settings serve, once (the manifest is reused)."""
    root = Path(os.environ["DJANGO_STATIC_ROOT"])
    if (root / "staticfiles.json").exists() and not force:
        return
    print(f"collectstatic into {root} …", flush=True)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, clear=True, verbosity=0)


def serve(port: int, workers: int) -> subprocess.Popen:
    gunicorn = [sys.executable, "-m", "gunicorn"]
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="pages_site", PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'bench'}")
    process = subprocess.Popen(  # noqa: S603  # our own command line
        [*gunicorn, "--workers", str(workers), "--bind", f"{HOST}:{port}", "--log-level", "warning", "thidua.wsgi:application"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            socket.create_connection((HOST, port), timeout=0.2).close()
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("gunicorn did not start (is it installed? make install)") from None
            time.sleep(0.1)
    raise SystemExit("gunicorn did not answer in 10 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0, help="per page")
    parser.add_argument("--limit", type=int, default=20_000, help="at most this many requests per page")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--user", default="officer_dept")
    parser.add_argument("--only", default="", help="comma-separated page names (the trivial view is always measured)")
    parser.add_argument("--json", metavar="FILE", help="also write the results to FILE as JSON")
    parser.add_argument("--static-root", default=STATIC_ROOT_DEFAULT, help="where collectstatic writes (read before the settings)")
    parser.add_argument("--collect", action="store_true", help="run collectstatic even if the manifest exists")
    args = parser.parse_args()

    collectstatic(args.collect)
    picks = pick(args.user)
    listed = pages(picks, set(filter(None, args.only.split(","))))
    port = _free_port()
    process = serve(port, args.workers)
    try:
        cookie, token = login(port, args.user)
        print(f"school {picks.school}, commune {picks.commune}, person {picks.person and picks.person.pk}")
        print(f"{args.clients} clients, {args.seconds:g} s a page, gunicorn {args.workers} workers, user {args.user}")
        results: list[Result] = []
        skipped: dict[str, str] = {}
        order = [listed[0], *listed[1:], listed[0]]  # the trivial view before and after the pages
        for name, path, api in order:
            headers = {"Authorization": f"Bearer {token}"} if api else {"Cookie": cookie}
            one, size, status = single(port, path, headers, warm=2 * args.workers)
            if status != 200:
                print(f"{name:22} HTTP {status} for {path}: skipped")
                skipped[name] = f"HTTP {status} for {path}"
                continue
            result = measure(port, name, path, headers, args.clients, args.seconds, args.limit)
            result.size, result.single = size, one
            results.append(result)
        trivial = [r for r in results if r.name == "trivial"]
        base_tp = statistics.mean(r.throughput for r in trivial)
        base_p95 = statistics.mean(r.pct(0.95) for r in trivial)
        print(
            f"{'page':22} {'single':>8} {'HTML':>8} {'p50':>8} {'p95':>8} {'p99':>8} {'req/s':>7} {'vs trivial':>10} {'p95 ×':>6} {'errors':>6}"
        )
        for r in results:
            print(
                f"{r.name:22} {r.single * 1000:6.0f}ms {r.size / 1024:6.0f}kB {r.pct(0.5):6.0f}ms {r.pct(0.95):6.0f}ms "
                f"{r.pct(0.99):6.0f}ms {r.throughput:7.1f} {r.throughput / base_tp * 100:9.1f}% {r.pct(0.95) / base_p95:6.1f} {r.errors:6}"
            )
        if args.json:
            rows = [
                {
                    "page": r.name,
                    "single_ms": round(r.single * 1000, 1),
                    "html_bytes": r.size,
                    "p50_ms": round(r.pct(0.5), 1),
                    "p95_ms": round(r.pct(0.95), 1),
                    "p99_ms": round(r.pct(0.99), 1),
                    "requests": len(r.latencies),
                    "req_per_s": round(r.throughput, 2),
                    "vs_trivial": round(r.throughput / base_tp, 4),
                    "p95_x_trivial": round(r.pct(0.95) / base_p95, 2),
                    "errors": r.errors,
                }
                for r in results
            ]
            run = {"clients": args.clients, "seconds": args.seconds, "workers": args.workers, "user": args.user}
            Path(args.json).write_text(json.dumps({"run": run, "pages": rows, "skipped": skipped}, indent=1, ensure_ascii=False))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


if __name__ == "__main__":
    main()
