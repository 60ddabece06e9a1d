"""`make bench`: the portal's speed under load, on the production stack, with scale data.

1. A fresh stack (bench/stack.py): PostgreSQL database "bench", Redis database 9, gunicorn,
   a Celery worker and nginx with the deployment's own configuration files.
2. Scale data: the demo province with the full national catalogue (load_demo), then
   bench/seed.py (50,000 news pages, 10,000 citizens, 1,000,000 dossiers with their events).
3. Scenarios, each measured with wrk (or locust for the submission journey), and one table:
   req/s, p50, p95 and the ratio to nginx serving a static file in the same run. The figures go
   to bench/results/ as JSON with a description of the machine.

Targets are reported as met or missed; nothing here fails the build.
Quick run on small data: python -m bench.run --pages 2000 --dossiers 20000 --seconds 5
"""

import argparse
import csv
import json
import os
import platform
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench.stack import ROOT, Stack, running

RESULTS = ROOT / "bench" / "results"
LUA = ROOT / "bench" / "report.lua"

# Queries for the search scenario: unaccented, accented, codes, document numbers and words that
# match many of the generated news pages.
SEARCH_QUERIES = [
    "dang ky tam tru",
    "Đăng ký tạm trú",
    "khai sinh",
    "1.004194",
    "giấy phép xây dựng",
    "cap ban sao",
    "chuyển đổi số",
    "đất đai",
    "ho tich",
    "bảo hiểm xã hội",
    "66.9/2025/NQ-CP",
    "đăng ký kinh doanh hộ",
]


def milliseconds(value):
    """Rounded, or None when nothing answered in time (JSON has no infinity)."""
    return None if value == float("inf") else round(value, 1)


def scenario(name, target, met, figures, static_rps, **extra):
    return {
        "name": name,
        "rps": round(figures["rps"], 1),
        "p50_ms": milliseconds(figures["p50_ms"]),
        "p95_ms": milliseconds(figures["p95_ms"]),
        "ratio_to_static": round(figures["rps"] / static_rps, 4) if static_rps else None,
        "target": target,
        "met": bool(met(figures)) and not figures.get("errors"),
        "errors": figures.get("errors", 0),
        **extra,
    }


def one_connection(url, paths, *, seconds, cookie=""):
    """The p95 of one visitor at a time: the application's own time, without the queueing that
    16 connections on a few cores add. Reported beside the target, never instead of it."""
    figures = wrk(url, paths, connections=1, seconds=seconds, threads=1, cookie=cookie)
    return {"p95_ms_one_connection": milliseconds(figures["p95_ms"])}


def wrk(url, paths, *, connections, seconds, threads=2, cookie=""):
    env = {**os.environ, "BENCH_PATHS": "|".join(paths), "BENCH_COOKIE": cookie}
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            url,
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    figures["errors"] = figures["non_2xx_3xx"] + figures["socket_errors"]
    if not figures["requests"]:
        # Nothing answered within wrk's timeout: no latency to report, the target is missed.
        figures.update(p50_ms=float("inf"), p95_ms=float("inf"), errors=figures["errors"] or 1)
    return figures


def fetch(url, cookie=""):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def public_paths(stack):
    """The home page, the news list, one article and one procedure page, as visitors open them."""
    _status, _headers, home = fetch(stack.app_url + "/")
    html = home.decode()
    news = re.search(r'href="(/[^"]*tin-bench-\d+/)"', html) or re.search(
        r'href="(/tin-tuc[^"]*/[^"]+/)"', html
    )
    paths = ["/"]
    for candidate in re.findall(r'href="(/[a-z0-9\-]+/)"', html):
        if "tin" in candidate:
            paths.append(candidate)
            break
    if news:
        paths.append(news.group(1))
    _status, _headers, listing = fetch(stack.app_url + "/dich-vu-cong/")
    procedure = re.search(r'href="(/dich-vu-cong/[^"?#]+/)"', listing.decode())
    if procedure:
        paths.append(procedure.group(1))
    return paths


def measure_static(stack, seconds):
    """nginx sending a file about the size of a page (15 KB), the reference every ratio uses."""
    root = Path(stack.env["STATIC_ROOT"])
    candidates = [path for path in root.rglob("*.css") if not path.name.endswith(".gz")]
    closest = min(candidates, key=lambda path: abs(path.stat().st_size - 15_000))
    file = closest.relative_to(root)
    return wrk(stack.front_url, [f"/static/{file}"], connections=64, seconds=seconds)


def locust(stack, facts_file, seconds, users):
    prefix = stack.folder / "locust"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "locust"),
            "--headless",
            "--locustfile",
            str(ROOT / "bench" / "locustfile.py"),
            "--host",
            stack.app_url,
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, "BENCH_FACTS": str(facts_file), "PYTHONPATH": str(ROOT)},
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=open(stack.folder / "locust.log", "wb"),  # noqa: SIM115
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            if row["Name"] == "submission":
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50_ms": float(row["50%"]),
                    "p95_ms": float(row["95%"]),
                    "errors": int(row["Failure Count"]),
                }
    raise RuntimeError(f"locust reported no submission: see {stack.folder / 'locust.log'}")


def submitted_count(stack, procedure_code):
    output = stack.manage(
        "shell",
        "-c",
        "from services.dossiers.models import Dossier; "
        f"print(Dossier.objects.submitted().filter(procedure__code='{procedure_code}').count())",
        capture_output=True,
        text=True,
    ).stdout
    return int(output.strip().splitlines()[-1])


def machine():
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    except OSError:
        pass
    versions = {}
    for name, command in {
        "nginx": ["nginx", "-v"],
        "postgresql": ["psql", "--version"],
        "wrk": ["wrk", "--version"],
    }.items():
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        versions[name] = (result.stdout + result.stderr).strip().splitlines()[0]
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        **versions,
    }


def print_table(results, out=sys.stdout):
    header = (
        "| scenario | req/s | p50 ms | p95 ms | p95 ms, 1 connection | × static | target | met |"
    )
    lines = [header, "|---|---:|---:|---:|---:|---:|---|---|"]
    for row in results:
        ratio = "" if row["ratio_to_static"] is None else f"{row['ratio_to_static']:.4f}"
        p50, p95 = (
            "timeout" if row[key] is None else f"{row[key]:.1f}" for key in ("p50_ms", "p95_ms")
        )
        alone = row.get("p95_ms_one_connection")
        alone = "" if alone is None else f"{alone:.1f}"
        lines.append(
            f"| {row['name']} | {row['rps']:.1f} | {p50} | {p95} | {alone} "
            f"| {ratio} | {row['target']} | {'yes' if row['met'] else 'NO'} |"
        )
    text = "\n".join(lines)
    print(text, file=out)
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--citizens", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=15, help="length of each wrk scenario")
    parser.add_argument("--submission-seconds", type=int, default=60)
    parser.add_argument("--submission-users", type=int, default=16)
    parser.add_argument("--folder", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--keep-data", action="store_true", help="reuse a seeded database")
    options = parser.parse_args(argv)

    started = time.monotonic()
    stack = Stack(options.folder)
    facts_file = stack.folder / "facts.json"
    steps = 4

    def step(number, label):
        bar = "#" * number + "." * (steps - number)
        print(f"[{bar}] {number}/{steps} {label} ({time.monotonic() - started:.0f} s)", flush=True)

    if not (options.keep_data and facts_file.exists()):
        step(1, "stack and schema")
        stack.create()
        step(2, "demo province and scale data")
        stack.manage("load_demo", stdout=subprocess.DEVNULL)
    else:
        step(2, "scale data kept from the last run; schema, static files and sessions refreshed")
        stack.manage("migrate", "--noinput", "-v", "0")
        stack.manage("collectstatic", "--noinput", "-v", "0")
    # The seed adds only what is missing, and always makes fresh sessions for the scenarios.
    stack.python(
        "-m",
        "bench.seed",
        "--pages",
        str(options.pages),
        "--dossiers",
        str(options.dossiers),
        "--citizens",
        str(options.citizens),
        "--submitters",
        str(options.submission_users * 4),
        "--facts",
        str(facts_file),
    )
    facts = json.loads(facts_file.read_text(encoding="utf-8"))
    seconds = options.seconds
    step(3, "scenarios")
    results = []
    with running(stack):
        paths = public_paths(stack)
        print(f"  public pages: {paths}", flush=True)
        for path in paths:  # fill the front cache
            fetch(stack.front_url + path)
        static = measure_static(stack, seconds)
        static_rps = static["rps"]
        results.append(
            scenario("nginx static file (reference)", "—", lambda f: True, static, static_rps)
        )
        cached = wrk(stack.front_url, paths, connections=64, seconds=seconds)
        results.append(
            scenario(
                "public pages through the front cache",
                "≥ 50% of static req/s",
                lambda f: f["rps"] >= 0.5 * static_rps,
                cached,
                static_rps,
            )
        )
        uncached = wrk(stack.app_url, paths, connections=16, seconds=seconds)
        results.append(
            scenario(
                "the same pages uncached (application, 16 connections)",
                "p95 < 150 ms",
                lambda f: f["p95_ms"] < 150,
                uncached,
                static_rps,
                **one_connection(stack.app_url, paths, seconds=seconds),
            )
        )
        queries = ["/tim-kiem/?" + urllib.parse.urlencode({"q": query}) for query in SEARCH_QUERIES]
        search = wrk(stack.app_url, queries, connections=16, seconds=seconds)
        results.append(
            scenario(
                f"search, database engine ({facts['search_entries']:,} entries)",
                "p95 < 100 ms",
                lambda f: f["p95_ms"] < 100,
                search,
                static_rps,
                **one_connection(stack.app_url, queries, seconds=seconds),
            )
        )
        # What beat does every few minutes in production: count the province's year once.
        began = time.monotonic()
        stack.manage(
            "shell",
            "-c",
            "from services.backoffice.tasks import warm_statistics; warm_statistics()",
        )
        counted_in = round(time.monotonic() - began, 1)
        statistics = wrk(stack.app_url, ["/thong-ke/"], connections=4, seconds=seconds)
        results.append(
            scenario(
                f"province statistics page ({facts['dossiers']:,} dossiers, "
                f"counted in {counted_in} s and shared)",
                "p95 < 500 ms",
                lambda f: f["p95_ms"] < 500,
                statistics,
                static_rps,
                computed_in_seconds=counted_in,
            )
        )
        signed_in = [
            (
                f'citizen\'s "my dossiers" ({facts["citizen_dossiers"]} dossiers)',
                "/ho-so/",
                facts["citizen_cookie"],
            ),
            (
                f"officer's inbox ({facts['officer_agency_dossiers']:,} dossiers in the agency)",
                "/quan-tri/mot-cua/",
                facts["officer_cookie"],
            ),
        ]
        for name, path, cookie in signed_in:
            figures = wrk(stack.app_url, [path], connections=16, seconds=seconds, cookie=cookie)
            alone = one_connection(stack.app_url, [path], seconds=seconds, cookie=cookie)
            results.append(
                scenario(
                    name, "p95 < 200 ms", lambda f: f["p95_ms"] < 200, figures, static_rps, **alone
                )
            )
        before = submitted_count(stack, facts["procedure_code"])
        submissions = locust(
            stack, facts_file, options.submission_seconds, options.submission_users
        )
        # Nothing lost: every journey locust saw succeed is a submitted dossier in the database
        # (there may be a few more: journeys still running when locust stopped).
        stored = submitted_count(stack, facts["procedure_code"]) - before
        succeeded = submissions["requests"] - submissions["failures"]
        results.append(
            scenario(
                "dossier submission, 2 × 200 KB attachments (whole journey)",
                "≥ 20 per second, none lost",
                lambda f: f["rps"] >= 20 and stored >= succeeded,
                submissions,
                static_rps,
                stored=stored,
                succeeded=succeeded,
            )
        )
    step(4, "results")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {
        "created": stamp,
        "machine": machine(),
        "data": {key: value for key, value in facts.items() if not key.endswith(("cookie", "s"))}
        | {
            "dossiers": facts["dossiers"],
            "events": facts["events"],
            "live_pages": facts["live_pages"],
            "search_entries": facts["search_entries"],
        },
        "seconds_per_scenario": seconds,
        "scenarios": results,
        "total_seconds": round(time.monotonic() - started),
    }
    path = RESULTS / f"{stamp}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print()
    print_table(results)
    print(f"\nWritten to {path.relative_to(ROOT)} ({report['total_seconds']} s in all).")


if __name__ == "__main__":
    main()
