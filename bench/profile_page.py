"""cProfile of one page, as ``bench/pages.py`` serves it (production settings, the department officer), through
the test client on the configured database: each page is requested ``--warm`` times, then ``--repeat`` times
under the profiler; prints the top functions by cumulative and by own time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_<name> .venv/bin/python bench/profile_page.py /people/7819/ /people/
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pages_site")
os.environ.setdefault("DJANGO_STATIC_ROOT", "/tmp/thidua-bench-static")  # noqa: S108  # bench/pages.py's copy

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from thidua.accounts.models import User  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--user", default="officer_dept")
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=args.user))
    for path in args.paths:
        for _ in range(args.warm):
            assert client.get(path).status_code == 200, path
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        for _ in range(args.repeat):
            client.get(path)
        profile.disable()
        per = (time.perf_counter() - start) / args.repeat * 1000
        print(f"== {path}: {per:.1f} ms a request under the profiler ({args.repeat} requests)")
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order).print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
