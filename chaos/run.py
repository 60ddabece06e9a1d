"""`make chaos`: the fault scenarios of issue 9 on the stack of `make bench` (bench/stack.py).

One fresh stack in var/chaos (PostgreSQL database "chaos", Redis database 10) whose PostgreSQL,
Redis and national-portal connections all go through fault proxies (chaos/proxy.py), so a scenario
can cut one of them without touching the servers other databases live on. Each scenario prints

    [PASS] scenario N: what, invariant figures
    [FAIL] scenario N: ...

and the run exits non-zero when any did not pass.

    python -m chaos.run                  # all seven
    python -m chaos.run --only 1 --only 5
    python -m chaos.run --outage-seconds 60
"""

import argparse
import json
import re
import subprocess
import sys
import time
import traceback
from email import message_from_bytes
from email.policy import default as default_policy

from bench.stack import ROOT, VENV_BIN, Stack
from chaos import scenarios
from chaos.proxy import FaultProxy
from chaos.receiver import Receiver

PG_PORT = 5432
REDIS_PORT = 6379
REDIS_DB = 10
SANDBOX_SECRET = "chaos-sandbox-secret"


class Chaos:
    """The stack, its proxies and the stand-in national portal, with the helpers scenarios share."""

    def __init__(self, folder, *, database="chaos"):
        self.database = database
        self.pg = FaultProxy("127.0.0.1", PG_PORT)
        self.redis = FaultProxy("127.0.0.1", REDIS_PORT)
        self.receiver = Receiver()
        self.portal = FaultProxy("127.0.0.1", self.receiver.port)
        self.stack = Stack(folder, database=database, redis_db=REDIS_DB)
        self.stack.env.update(
            {
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg.port}/{database}",
                "REDIS_URL": f"redis://127.0.0.1:{self.redis.port}/{REDIS_DB}",
                # Online dossiers are received at once: a code, a notification and an outbox
                # message for every submission (ND 61 Art. 18).
                "DOSSIERS_AUTO_RECEIVE_ONLINE": "1",
                "DVCQG_SYNC_URL": f"http://127.0.0.1:{self.portal.port}/dong-bo-ho-so",
                "DVCQG_SYNC_TOKEN": "chaos",
                "DVCQG_SYNC_TIMEOUT": "5",
                "PAYMENT_SANDBOX": "1",
                "PAYMENT_SANDBOX_SECRET": SANDBOX_SECRET,
                # Scenario 5's payments stay pending until their notifications come, however long
                # the scenarios before it take (beat reconciles stale ones every 5 minutes).
                "PAYMENT_EXPIRE_MINUTES": "1440",
                "PAYMENT_RECONCILE_AFTER_MINUTES": "1440",
                # Minutes instead of hours, so recovery is seen within a scenario.
                "SYNC_RETRY_BASE_SECONDS": "2",
                "SYNC_RETRY_MAX_SECONDS": "30",
                "SYNC_LEASE_SECONDS": "30",
                "SYNC_RUN_SECONDS": "20",
            }
        )
        self.facts = {}

    # Life cycle --------------------------------------------------------------------------------

    def __enter__(self):
        self.pg.start()
        self.redis.start()
        self.receiver.start()
        self.portal.start()
        return self

    def __exit__(self, *exc):
        self.stack.stop_all()
        for closing in (self.portal.close, self.receiver.close, self.redis.close, self.pg.close):
            try:
                closing()
            except Exception:  # noqa: BLE001 (closing down; report the scenario's error instead)
                traceback.print_exc()

    def prepare(self, *, citizens, payments):
        self.stack.create()
        facts_file = self.stack.folder / "facts.json"
        self.stack.python(
            "-m",
            "chaos.seed",
            "--citizens",
            str(citizens),
            "--payments",
            str(payments),
            "--facts",
            str(facts_file),
        )
        self.facts = json.loads(facts_file.read_text(encoding="utf-8"))

    def start(self):
        self.stack.start()
        self.start_beat()

    def start_beat(self):
        """The scheduler of deploy/systemd/portal-beat.service: outbox retries every minute."""
        log = open(self.stack.folder / "beat.log", "ab")  # noqa: SIM115 (closed with the stack)
        self.stack.processes["beat"] = subprocess.Popen(
            [
                str(VENV_BIN / "celery"),
                "--app",
                "portal",
                "beat",
                "--loglevel",
                "WARNING",
                "--schedule",
                str(self.stack.folder / "celerybeat-schedule"),
            ],
            cwd=ROOT,
            env=self.stack.env,
            stdout=log,
            stderr=log,
        )

    def kill_worker(self):
        """SIGKILL the worker and its pool processes at once, as the OOM killer or a power cut would."""
        process = self.stack.processes.pop("worker", None)
        if process is None:
            return
        children = subprocess.run(
            ["pgrep", "-P", str(process.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        for pid in [str(process.pid), *children]:
            subprocess.run(["kill", "-KILL", pid], check=False)
        process.wait()

    def drain(self, *, seconds):
        """Wait for the worker to empty its queue, so a scenario does not inherit the last one's work;
        returns what is still queued."""
        deadline = time.monotonic() + seconds
        while True:
            queued = int(
                subprocess.run(
                    ["redis-cli", "-n", str(REDIS_DB), "llen", "celery"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.strip()
                or 0
            )
            if not queued or time.monotonic() > deadline:
                return queued
            time.sleep(2)

    # Reading the database directly (not through the proxy) ---------------------------------------

    def sql(self, query):
        """Rows of `query` as lists of strings, read from the real server."""
        output = subprocess.run(
            [
                "psql",
                "-X",
                "-A",
                "-t",
                "-F",
                "\t",
                "-v",
                "ON_ERROR_STOP=1",
                f"{self.stack.server}/{self.database}",
                "-c",
                query,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return [line.split("\t") for line in output.splitlines() if line]

    def value(self, query):
        rows = self.sql(query)
        return int(rows[0][0]) if rows and rows[0][0] else 0

    # What reached the citizen ----------------------------------------------------------------------

    def mails_by_code(self):
        """How many e-mails each dossier code was mentioned in (var/mail, one file per sending)."""
        counts = {}
        folder = self.stack.folder / "var" / "mail"
        if not folder.exists():
            return counts
        separator = b"\n" + b"-" * 79 + b"\n"
        for path in folder.iterdir():
            for raw in path.read_bytes().split(separator):
                if not raw.strip():
                    continue
                message = message_from_bytes(raw.lstrip(b"\n"), policy=default_policy)
                for code in set(CODE.findall(str(message["subject"] or ""))):
                    counts[code] = counts.get(code, 0) + 1
        return counts

    def sms_by_code(self):
        counts = {}
        outbox = self.stack.folder / "var" / "sms" / "outbox.jsonl"
        if not outbox.exists():
            return counts
        for line in outbox.read_text(encoding="utf-8").splitlines():
            for code in set(CODE.findall(json.loads(line)["text"])):
                counts[code] = counts.get(code, 0) + 1
        return counts

    def delivery(self, dossier_ids):
        """Notifications and outbox messages of these dossiers: what the invariants compare."""
        if not dossier_ids:
            return {"dossiers": 0, "settled": False}
        ids = ",".join(str(pk) for pk in dossier_ids)
        codes = [
            row[0] for row in self.sql(f"SELECT code FROM dossiers_dossier WHERE id IN ({ids})")
        ]
        mails, sms = self.mails_by_code(), self.sms_by_code()
        keys = [
            row[0]
            for row in self.sql(
                f"SELECT key FROM sync_outboxmessage WHERE dossier_id IN ({ids}) "
                "AND destination = 'dvcqg'"
            )
        ]
        with self.receiver.lock:
            arrivals = [self.receiver.keys.get(key, 0) for key in keys]
        return {
            "dossiers": len(dossier_ids),
            "notifications": self.value(
                f"SELECT count(*) FROM dossiers_notification WHERE dossier_id IN ({ids})"
            ),
            "notifications_sent": self.value(
                "SELECT count(*) FROM dossiers_notification "
                f"WHERE dossier_id IN ({ids}) AND sent_at IS NOT NULL"
            ),
            "emails_missing": sum(1 for code in codes if not mails.get(code)),
            "emails_twice": sum(1 for code in codes if mails.get(code, 0) > 1),
            "sms_missing": sum(1 for code in codes if not sms.get(code)),
            "sms_twice": sum(1 for code in codes if sms.get(code, 0) > 1),
            "outbox": len(keys),
            "outbox_delivered": self.value(
                "SELECT count(*) FROM sync_outboxmessage "
                f"WHERE dossier_id IN ({ids}) AND destination = 'dvcqg' AND state = 'delivered'"
            ),
            "portal_missing": sum(1 for n in arrivals if n == 0),
            "portal_resent": sum(1 for n in arrivals if n > 1),
        }

    def wait_delivered(self, dossier_ids, *, seconds):
        """Poll until every notification and outbox message of these dossiers arrived (or time out)."""
        deadline = time.monotonic() + seconds
        while True:
            figures = self.delivery(dossier_ids)
            if not figures["dossiers"]:
                return figures
            done = (
                figures["emails_missing"] == 0
                and figures["sms_missing"] == 0
                and figures["outbox"] >= figures["dossiers"]
                and figures["outbox_delivered"] == figures["outbox"]
                and figures["portal_missing"] == 0
            )
            if done or time.monotonic() > deadline:
                figures["settled"] = done
                return figures
            time.sleep(3)


# Payments last: each credited payment queues the signing of its receipt (about a second of the
# worker's time), which would hold up the notifications the other scenarios wait for.
ORDER = [1, 2, 6, 3, 7, 4, 5]
CODE = re.compile(r"\d{3}\.\d{2}\.\d{2}\.H99-\d{6}-\d{4}")


def delivered_exactly_once(figures):
    return (
        figures.get("settled")
        and figures["emails_twice"] == 0
        and figures["sms_twice"] == 0
        and figures["notifications_sent"] == figures["notifications"]
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=int, action="append", choices=range(1, 8), default=[])
    parser.add_argument("--folder", default=str(ROOT / "var" / "chaos"))
    parser.add_argument("--database", default="chaos")
    parser.add_argument(
        "--outage-seconds",
        type=int,
        default=300,
        help="how long the national portal is unreachable in scenario 6",
    )
    parser.add_argument(
        "--redis-outage-seconds", type=int, default=60, help="Redis gone, scenario 3"
    )
    parser.add_argument(
        "--database-outage-seconds", type=int, default=20, help="PostgreSQL gone, scenario 4"
    )
    parser.add_argument("--fuzz-examples", type=int, default=300, help="scenario 7")
    options = parser.parse_args(argv)
    chosen = [number for number in ORDER if number in options.only] or ORDER

    results = []
    started = time.monotonic()
    with Chaos(options.folder, database=options.database) as chaos:
        print(f"chaos: a fresh stack in {options.folder} ({time.strftime('%H:%M:%S')})", flush=True)
        chaos.prepare(citizens=1200, payments=700)
        chaos.start()
        print(f"chaos: stack up in {time.monotonic() - started:.0f} s", flush=True)
        for number in chosen:
            queued = chaos.drain(seconds=180)
            if queued:
                print(f"chaos: {queued} tasks still queued before scenario {number}", flush=True)
            began = time.monotonic()
            try:
                status, line = scenarios.ALL[number](chaos, options)
            except Exception as error:  # noqa: BLE001 (a crashed scenario is a failed one)
                traceback.print_exc()
                status, line = "FAIL", f"crashed: {error!r}"
            took = time.monotonic() - began
            text = f"[{status}] scenario {number}: {line} ({took:.0f} s)"
            print(text, flush=True)
            results.append((number, status, text))
            # A scenario must not leave a fault behind for the next one.
            chaos.pg.up()
            chaos.redis.up()
            chaos.portal.up()
            if "worker" not in chaos.stack.processes:
                chaos.stack.start_worker()
    print("\nchaos summary:")
    for _number, _status, text in results:
        print(f"  {text}")
    passed = sum(1 for _n, status, _t in results if status == "PASS")
    print(f"  {passed}/{len(results)} passed in {time.monotonic() - started:.0f} s")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
