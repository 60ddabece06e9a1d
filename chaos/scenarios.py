"""The seven fault scenarios of issue 9. Each takes the running Chaos (chaos/run.py) and the options,
and returns ("PASS" | "FAIL" | "SKIP", "what, invariant figures")."""

import hmac
import io
import random
import re
import struct
import threading
import time
import unicodedata
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from hashlib import sha256
from urllib.parse import quote_plus

import requests

from bench.documents import pdf_of

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
DOSSIER = re.compile(r"/ho-so/(\d+)/")
# What the 503 page of portal/middleware.py says (templates/database_unavailable.html).
UNAVAILABLE_TEXT = "tạm thời gián đoạn"
# A public page that reads the database (a dossier code lookup).
LOOKUP = "/ho-so/tra-cuu/?ma=000.00.90.H99-000000-0001"


def verdict(ok):
    return "PASS" if ok else "FAIL"


def figures_text(figures):
    return ", ".join(f"{key} {value}" for key, value in figures.items())


# The citizen's journey, over HTTP like bench/locustfile.py ----------------------------------------


@dataclass
class Journey:
    """One citizen filing one dossier: start, the (optional) documents step, review, submit."""

    base: str
    cookie: str
    procedure: str
    pk: int | None = None
    ok: bool = False
    error: str = ""
    statuses: list = field(default_factory=list)

    def __post_init__(self):
        self.session = requests.Session()
        name, value = self.cookie.split("=", 1)
        self.session.cookies.set(name, value)

    def request(self, method, path, **kwargs):
        response = self.session.request(method, self.base + path, timeout=120, **kwargs)
        self.statuses.extend(r.status_code for r in response.history)
        self.statuses.append(response.status_code)
        return response

    @staticmethod
    def csrf(response):
        match = CSRF.search(response.text)
        return match.group(1) if match else ""

    def prepare(self):
        """Everything up to the review page; returns the (csrf, submission key) to submit with."""
        start = self.request("GET", f"/ho-so/nop/{self.procedure}/")
        match = re.search(r"/ho-so/(\d+)/buoc/", start.url)
        if not match:
            raise RuntimeError(f"start: HTTP {start.status_code} at {start.url}")
        self.pk = int(match.group(1))
        documents = self.request(
            "POST",
            f"/ho-so/{self.pk}/buoc/0/",
            data={"action": "next", "csrfmiddlewaretoken": self.csrf(start)},
        )
        if "/buoc/1/" not in documents.url:
            raise RuntimeError(f"documents step: HTTP {documents.status_code}")
        key = SUBMISSION_KEY.search(documents.text)
        if not key:
            raise RuntimeError("review: no submission key")
        return self.csrf(documents), key.group(1)

    def submit(self, csrf, key):
        response = self.request(
            "POST",
            f"/ho-so/{self.pk}/buoc/1/",
            data={"submission_key": key, "csrfmiddlewaretoken": csrf},
        )
        if response.url.rstrip("/") != f"{self.base}/ho-so/{self.pk}":
            raise RuntimeError(f"submit: HTTP {response.status_code} at {response.url}")
        self.ok = True

    def run(self, barrier=None):
        prepared = None
        try:
            prepared = self.prepare()
        except Exception as error:  # noqa: BLE001 (recorded on the journey)
            self.error = repr(error)
        if barrier is not None:
            try:
                barrier.wait(timeout=600)
            except threading.BrokenBarrierError:
                pass
        if prepared:
            try:
                self.submit(*prepared)
            except Exception as error:  # noqa: BLE001
                self.error = repr(error)
        return self


def journeys(chaos, cookies, *, concurrency, together=False):
    """File one dossier per cookie, spread over the five agencies' procedures."""
    procedures = [procedure["code"] for procedure in chaos.facts["procedures"]]
    plan = [
        Journey(chaos.stack.app_url, cookie, procedures[n % len(procedures)])
        for n, cookie in enumerate(cookies)
    ]
    barrier = threading.Barrier(len(plan)) if together else None
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(lambda journey: journey.run(barrier), plan))


def journey_figures(done):
    statuses = [status for journey in done for status in journey.statuses]
    return {
        "journeys": len(done),
        "accepted": sum(journey.ok for journey in done),
        "http_5xx": sum(1 for status in statuses if status >= 500),
    }


def first_errors(done, n=3):
    return [journey.error for journey in done if journey.error][:n]


def submitted_ids(chaos, done):
    ids = [journey.pk for journey in done if journey.pk]
    if not ids:
        return []
    rows = chaos.sql(
        f"SELECT id FROM dossiers_dossier WHERE status <> '0' AND id IN ({','.join(map(str, ids))})"
    )
    return [int(row[0]) for row in rows]


def code_gaps(chaos):
    """Per agency and day, the numbers handed out must be exactly 1..n, each once."""
    rows = chaos.sql(
        "SELECT agency_id, substring(code from '-(\\d{6})-'), count(*), count(DISTINCT code), "
        "max(right(code, 4)::int) FROM dossiers_dossier WHERE code IS NOT NULL AND code <> '' "
        "GROUP BY 1, 2"
    )
    return sum(1 for _a, _d, count, distinct, last in rows if not count == distinct == last)


# 1. Concurrent submissions ---------------------------------------------------------------------


def scenario_1(chaos, options):
    cookies = chaos.facts["cookies"][:500]
    done = journeys(chaos, cookies, concurrency=500, together=True)
    ids = submitted_ids(chaos, done)
    figures = journey_figures(done)
    id_list = ",".join(map(str, ids)) or "0"
    figures["dossiers"] = len(ids)
    figures["agencies"] = chaos.value(
        f"SELECT count(DISTINCT agency_id) FROM dossiers_dossier WHERE id IN ({id_list})"
    )
    figures["distinct_codes"] = chaos.value(
        f"SELECT count(DISTINCT code) FROM dossiers_dossier WHERE id IN ({id_list})"
    )
    figures["code_gaps"] = code_gaps(chaos)
    delivery = chaos.wait_delivered(ids, seconds=240)
    ok = (
        figures["accepted"] == figures["dossiers"] == figures["distinct_codes"] == 500
        and figures["agencies"] == 5
        and figures["code_gaps"] == 0
        and figures["http_5xx"] == 0
        and chaos_delivered(delivery)
    )
    return verdict(ok), "500 concurrent submissions, 5 agencies: " + figures_text(
        {**figures, **delivery}
    ) + errors_suffix(done)


def chaos_delivered(delivery):
    from chaos.run import delivered_exactly_once

    return bool(delivered_exactly_once(delivery))


def errors_suffix(done):
    errors = first_errors(done)
    return f"; first errors: {errors}" if errors else ""


# 2. Worker killed during delivery --------------------------------------------------------------


def scenario_2(chaos, options):
    cookies = chaos.facts["cookies"][500:700]
    chaos.receiver.delay = 0.3  # deliveries take a while, so the kill lands in the middle
    outcome = {}

    def file_them():
        outcome["done"] = journeys(chaos, cookies, concurrency=16)

    filing = threading.Thread(target=file_them)
    since = chaos.value("SELECT coalesce(max(id), 0) FROM dossiers_dossier")
    filing.start()
    kills = 0
    for threshold in (60, 140):
        while filing.is_alive() and (
            chaos.value(
                f"SELECT count(*) FROM dossiers_dossier WHERE id > {since} AND status <> '0'"
            )
            < threshold
        ):
            time.sleep(0.5)
        chaos.kill_worker()
        kills += 1
        time.sleep(5)
        chaos.stack.start_worker()
    filing.join()
    chaos.receiver.delay = 0
    done = outcome["done"]
    ids = submitted_ids(chaos, done)
    delivery = chaos.wait_delivered(ids, seconds=240)
    figures = {**journey_figures(done), "worker_kills": kills, **delivery}
    ok = figures["accepted"] == len(cookies) and chaos_delivered(delivery)
    return verdict(ok), "worker SIGKILLed twice while delivering: " + figures_text(
        figures
    ) + errors_suffix(done)


# 3. Redis gone ---------------------------------------------------------------------------------


def scenario_3(chaos, options):
    cookies = chaos.facts["cookies"][700:800]
    chaos.redis.down()
    began = time.monotonic()
    try:
        done = journeys(chaos, cookies, concurrency=8)
    finally:
        filed_in = time.monotonic() - began
        time.sleep(max(0, options.redis_outage_seconds - filed_in))
        chaos.redis.up()
    ids = submitted_ids(chaos, done)
    delivery = chaos.wait_delivered(ids, seconds=240)
    figures = {
        **journey_figures(done),
        "filed_during_outage_s": round(filed_in),
        "outage_s": options.redis_outage_seconds,
        **delivery,
    }
    ok = (
        figures["accepted"] == len(cookies)
        and figures["http_5xx"] == 0
        and chaos_delivered(delivery)
    )
    return verdict(ok), "Redis unreachable during submissions: " + figures_text(
        figures
    ) + errors_suffix(done)


# 4. PostgreSQL gone under load -----------------------------------------------------------------


def scenario_4(chaos, options):
    base = chaos.stack.app_url
    cookies = chaos.facts["cookies"][800:900]
    stop = threading.Event()
    outage = threading.Event()
    seen = {"during": [], "other": [], "unexplained": []}
    lock = threading.Lock()

    def browse():
        session = requests.Session()
        while not stop.is_set():
            try:
                response = session.get(base + LOOKUP, timeout=30)
            except requests.RequestException as error:
                with lock:
                    seen["unexplained"].append(repr(error))
                continue
            with lock:
                seen["during" if outage.is_set() else "other"].append(response.status_code)
                if response.status_code == 503 and not (
                    UNAVAILABLE_TEXT in response.text and response.headers.get("Retry-After")
                ):
                    seen["unexplained"].append("503 without the Vietnamese page")

    browsers = [threading.Thread(target=browse) for _ in range(4)]
    for thread in browsers:
        thread.start()
    outcome = {}
    filing = threading.Thread(
        target=lambda: outcome.setdefault("done", journeys(chaos, cookies, concurrency=8))
    )
    filing.start()
    time.sleep(5)
    outage.set()
    chaos.pg.down()
    time.sleep(options.database_outage_seconds)
    chaos.pg.up()
    outage.clear()
    recovered_in = None
    began = time.monotonic()
    while time.monotonic() - began < 60:
        try:
            if requests.get(base + LOOKUP, timeout=10).status_code == 200:
                recovered_in = round(time.monotonic() - began, 1)
                break
        except requests.RequestException:
            pass
        time.sleep(0.5)
    filing.join()
    stop.set()
    for thread in browsers:
        thread.join()
    done = outcome["done"]
    ids = [journey.pk for journey in done if journey.pk] or [0]
    id_list = ",".join(map(str, ids))
    partial = chaos.value(
        "SELECT count(*) FROM dossiers_dossier d WHERE d.id IN "
        f"({id_list}) AND d.status <> '0' AND (d.code IS NULL OR d.code = '' "
        "OR NOT EXISTS (SELECT 1 FROM dossiers_dossierevent e "
        "WHERE e.dossier_id = d.id AND e.action = 'receive') "
        "OR NOT EXISTS (SELECT 1 FROM sync_outboxmessage m WHERE m.dossier_id = d.id))"
    )
    statuses = [status for journey in done for status in journey.statuses]
    during = seen["during"]
    figures = {
        "requests_during_outage": len(during),
        "503_during_outage": sum(1 for status in during if status == 503),
        "500_anywhere": sum(1 for status in during + seen["other"] + statuses if status == 500),
        "unexplained": len(seen["unexplained"]),
        "recovered_in_s": recovered_in,
        "partial_dossiers": partial,
        **journey_figures(done),
    }
    ok = (
        figures["503_during_outage"] > 0
        and figures["500_anywhere"] == 0
        and figures["unexplained"] == 0
        and recovered_in is not None
        and partial == 0
    )
    detail = f"; e.g. {seen['unexplained'][:2]}" if seen["unexplained"] else ""
    return verdict(ok), (
        f"PostgreSQL cut for {options.database_outage_seconds} s under load: "
        + figures_text(figures)
        + detail
    )


# 5. Payment notifications ----------------------------------------------------------------------


def canonical(params):
    items = sorted((key, str(value)) for key, value in params.items() if key != "signature")
    return "&".join(f"{key}={quote_plus(value, safe='')}" for key, value in items)


def sandbox_signed(params, secret):
    params = {key: str(value) for key, value in params.items()}
    signature = hmac.new(secret.encode(), canonical(params).encode(), sha256).hexdigest()
    return {**params, "signature": signature}


def scenario_5(chaos, options):
    from chaos.run import SANDBOX_SECRET

    randomness = random.Random(5)
    payments = chaos.facts["payments"]
    valid, forged = payments[:600], payments[600:700]
    paid_at = int(time.time())

    def notification(payment, n):
        return {
            "reference": payment["reference"],
            "amount": payment["amount"],
            "code": "00",
            "transaction_no": f"CH{n:010d}",
            "bank_code": "CHAOS",
            "paid_at": paid_at,
        }

    originals = [sandbox_signed(notification(p, n), SANDBOX_SECRET) for n, p in enumerate(valid)]
    duplicates = [dict(message) for message in randomness.choices(originals, k=300)]
    bad = []
    for n, payment in enumerate(forged):
        if n % 2:  # signed with a key that is not the gateway's
            bad.append(sandbox_signed(notification(payment, 10_000 + n), "not-the-secret"))
        else:  # signed, then the amount changed on the way
            message = sandbox_signed(notification(payment, 10_000 + n), SANDBOX_SECRET)
            message["amount"] = "1"
            bad.append(message)
    messages = originals + duplicates + bad
    randomness.shuffle(messages)
    url = chaos.stack.app_url + "/payments/sandbox/ipn/"

    def send(message):
        try:
            response = requests.post(url, data=message, timeout=60)
            return response.status_code, response.json().get("code")
        except (requests.RequestException, ValueError) as error:
            return 0, repr(error)

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(send, messages))
    valid_refs = ",".join(f"'{p['reference']}'" for p in valid)
    forged_refs = ",".join(f"'{p['reference']}'" for p in forged)
    all_refs = f"{valid_refs},{forged_refs}"
    figures = {
        "notifications": len(messages),
        "answered_200": sum(1 for status, _code in answers if status == 200),
        "credited": chaos.value(
            f"SELECT count(*) FROM payments_payment WHERE reference IN ({valid_refs}) "
            "AND status = 'paid'"
        ),
        "forged_credited": chaos.value(
            f"SELECT count(*) FROM payments_payment WHERE reference IN ({forged_refs}) "
            "AND status <> 'pending'"
        ),
        "refunds_owed": chaos.value(
            "SELECT count(*) FROM payments_refund r JOIN payments_payment p "
            f"ON p.id = r.payment_id WHERE p.reference IN ({all_refs})"
        ),
        "logged": chaos.value(
            f"SELECT count(*) FROM payments_gatewaynotification WHERE reference IN ({all_refs})"
        ),
        "logged_bad_signature": chaos.value(
            "SELECT count(*) FROM payments_gatewaynotification "
            f"WHERE reference IN ({all_refs}) AND NOT signature_valid"
        ),
    }
    ok = (
        figures["answered_200"] == 1000
        and figures["credited"] == 600
        and figures["forged_credited"] == 0
        and figures["refunds_owed"] == 0
        and figures["logged"] == 1000
        and figures["logged_bad_signature"] == 100
    )
    return verdict(ok), (
        "1,000 payment notifications (600 valid, 300 duplicates, 100 bad signatures): "
        + figures_text(figures)
    )


# 6. National portal unreachable ----------------------------------------------------------------


def scenario_6(chaos, options):
    cookies = chaos.facts["cookies"][1000:1100]
    chaos.portal.down()
    began = time.monotonic()
    try:
        done = journeys(chaos, cookies, concurrency=8)
        ids = submitted_ids(chaos, done)
        id_list = ",".join(map(str, ids)) or "0"
        time.sleep(max(0, options.outage_seconds - (time.monotonic() - began)))
        during = {
            "queued": chaos.value(
                f"SELECT count(*) FROM sync_outboxmessage WHERE dossier_id IN ({id_list})"
            ),
            "delivered_during_outage": chaos.value(
                f"SELECT count(*) FROM sync_outboxmessage WHERE dossier_id IN ({id_list}) "
                "AND state = 'delivered'"
            ),
            "attempts_during_outage": chaos.value(
                "SELECT coalesce(sum(attempts), 0) FROM sync_outboxmessage "
                f"WHERE dossier_id IN ({id_list})"
            ),
        }
    finally:
        chaos.portal.up()
    recovery = time.monotonic()
    delivery = chaos.wait_delivered(ids, seconds=300)
    figures = {
        **journey_figures(done),
        "outage_s": options.outage_seconds,
        **during,
        "delivered_after_s": round(time.monotonic() - recovery),
        **delivery,
    }
    ok = (
        figures["accepted"] == len(cookies)
        and during["delivered_during_outage"] == 0
        and during["queued"] >= len(cookies)
        and chaos_delivered(delivery)
    )
    return verdict(ok), "national portal unreachable: " + figures_text(figures) + errors_suffix(
        done
    )


# 7. Fuzzed uploads and inputs ------------------------------------------------------------------

VIETNAMESE = "Đăng ký khai sinh Nguyễn Thị Hồng Nhung ở phường Tân An, Cần Thơ"


def png_pixel():
    """A valid 1×1 PNG."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def zip_bomb(megabytes=50):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("word/document.xml", b"\0" * (megabytes * 1024 * 1024))
    return buffer.getvalue()


def scenario_7(chaos, options):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    base = chaos.stack.app_url
    procedure = chaos.facts["procedures"][0]
    journey = Journey(base, chaos.facts["cookies"][1150], procedure["code"])
    start = journey.request("GET", f"/ho-so/nop/{procedure['code']}/")
    pk = int(re.search(r"/ho-so/(\d+)/buoc/", start.url).group(1))
    field_name = f"component-{procedure['component']}"
    problems = []
    problems_client = []
    counts = {
        "uploads": 0,
        "accepted": 0,
        "refused_explained": 0,
        "not_sendable": 0,
        "inputs": 0,
    }

    pdf = pdf_of(4000)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    mixed_text = (
        st.text(
            alphabet=st.sampled_from(
                list(VIETNAMESE)
                + list(unicodedata.normalize("NFD", VIETNAMESE))
                + ["\0", "\x01", "\x1b", "\u202e", "\ufeff", "\r", "\n", "\t", "'", '"', "<", "%"]
            ),
            max_size=300,
        )
        | st.just("a" * 100_000)
        | st.just(unicodedata.normalize("NFD", VIETNAMESE) * 500)
    )
    contents = st.one_of(
        st.binary(max_size=20_000),
        st.binary(max_size=5_000).map(lambda noise: b"%PDF-1.7\n" + noise),
        st.integers(min_value=0, max_value=len(pdf)).map(lambda cut: pdf[:cut]),
        st.binary(max_size=5_000).map(lambda noise: png + noise),
        st.binary(max_size=2_000).map(lambda noise: b"\xff\xd8\xff\xe0" + noise),
        st.just(zip_bomb()),
        st.just(pdf),
    )
    names = st.one_of(
        st.sampled_from(["giay-to.pdf", "anh.png", "scan.jpg", "hop-dong.docx", "bom.zip"]),
        mixed_text.map(lambda text: text[:300] + ".pdf"),
    )
    types = st.sampled_from(
        ["application/pdf", "image/png", "image/jpeg", "application/zip", "text/html", ""]
    )

    def upload(content, name, content_type):
        page = journey.request("GET", f"/ho-so/{pk}/buoc/0/")
        if page.status_code >= 500:
            problems.append(f"documents step: HTTP {page.status_code}")
            return
        try:
            response = journey.request(
                "POST",
                f"/ho-so/{pk}/buoc/0/",
                data={"action": "upload", "csrfmiddlewaretoken": Journey.csrf(page)},
                files={field_name: (name, content, content_type)},
                allow_redirects=False,
            )
        except (requests.RequestException, ValueError) as error:
            # The client could not even send it (not the server's doing); counted, not failed.
            counts["not_sendable"] += 1
            problems_client.append(repr(error))
            return
        counts["uploads"] += 1
        if response.status_code in (301, 302, 303):
            counts["accepted"] += 1
        elif response.status_code == 400 and re.search(
            r'class="field-errors"[^>]*>\s*\S', response.text
        ):
            counts["refused_explained"] += 1
        else:
            problems.append(f"upload {name[:30]!r} ({len(content)} B): HTTP {response.status_code}")

    @settings(
        max_examples=options.fuzz_examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(content=contents, name=names, content_type=types)
    def fuzz_uploads(content, name, content_type):
        upload(content, name, content_type)

    @settings(
        max_examples=options.fuzz_examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(text=mixed_text)
    def fuzz_inputs(text):
        for path, params in (("/ho-so/tra-cuu/", {"ma": text}), ("/tim-kiem/", {"q": text})):
            try:
                response = journey.request("GET", path, params=params)
            except requests.RequestException as error:
                problems.append(f"{path}?{text[:30]!r}: no answer ({error!r})")
                continue
            counts["inputs"] += 1
            if response.status_code >= 500:
                problems.append(f"{path}?{text[:30]!r}: HTTP {response.status_code}")

    # The refusals only mean something if sound files get through.
    accepted_before = counts["accepted"]
    upload(pdf, "to-khai.pdf", "application/pdf")
    upload(png_pixel(), "anh-chan-dung.png", "image/png")
    if counts["accepted"] - accepted_before != 2:
        problems.append("a sound PDF or PNG was refused")
    fuzz_uploads()
    fuzz_inputs()
    figures = {**counts, "server_errors_or_unexplained": len(problems)}
    detail = f"; e.g. {problems[:3]}" if problems else ""
    return verdict(not problems), "fuzzed uploads and inputs: " + figures_text(figures) + detail


ALL = {
    1: scenario_1,
    2: scenario_2,
    3: scenario_3,
    4: scenario_4,
    5: scenario_5,
    6: scenario_6,
    7: scenario_7,
}
