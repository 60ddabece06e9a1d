"""Rate limits on login, public look-ups, questions and dossier submission (portal/ratelimit.py).

Behind the proxy every request comes from 127.0.0.1; the client is the last X-Forwarded-For hop.
"""

import datetime as dt
import itertools
import math
import re

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal import ratelimit
from services.dossiers import flows
from tests.cms.feedback.conftest import homes, qa_page  # noqa: F401 (fixtures)
from tests.conftest import free_port
from tests.portal.accounts.factories import PASSWORD, UserFactory
from tests.services.dossiers.factories import DossierFactory, ready_draft

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
HOUR = 3600
REFUSED = (
    "Too many requests came from your connection or your account in a short time. "
    "Please wait %(minutes)d min (until %(time)s) and try again."
)
UNKNOWN_CODE = "000.00.99.H99-260101-9999"
_numbers = itertools.count()


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def vietnamese(msgid):
    """The Vietnamese text (the English msgid until the catalogue has it)."""
    with translation.override("vi"):
        return gettext(msgid)


def refused_message(response):
    """The message a refused response must show: its wait in minutes and the time it ends."""
    seconds = int(response["Retry-After"])
    until = timezone.localtime() + dt.timedelta(seconds=seconds)
    if until.second:
        until += dt.timedelta(minutes=1)
    return vietnamese(REFUSED) % {
        "minutes": math.ceil(seconds / 60),
        "time": until.strftime("%H:%M"),
    }


def assert_refused(response, period=HOUR):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= period
    assert "no-store" in response["Cache-Control"]
    assert refused_message(response) in response.content.decode()


# --- One counted request of each scope: send(ip) as the signed-in citizen -------------------------


class Driver:
    allowed = 302

    def __init__(self, client, user, fixtures):
        self.client, self.user, self.fixtures = client, user, fixtures

    def login(self, user):
        self.user = user
        self.client.force_login(user)

    def behind_proxy(self, ip):
        return {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": f"198.51.100.250, {ip}"}


class Lookup(Driver):
    allowed = 200

    def send(self, ip):
        url = reverse("dossiers:lookup")
        return self.client.get(url, {"ma": UNKNOWN_CODE}, **self.behind_proxy(ip))

    def kept(self, html):
        return f'value="{UNKNOWN_CODE}"' in html


class Question(Driver):
    def send(self, ip):
        page = self.fixtures("qa_page")
        number = next(_numbers)
        data = {
            "asker_name": "Trần Thị Bình",
            "email": "",
            "phone": "",
            "topic": "procedures",
            "title": f"Hỏi về thủ tục số {number}",
            "text": f"Câu hỏi số {number}: nội dung này phải được giữ lại nguyên vẹn.",
            "website": "",
            "token": f"token-{number}",
        }
        self.last_text = data["text"]
        return self.client.post(
            page.url + page.reverse_subpage("ask"), data, **self.behind_proxy(ip)
        )

    def kept(self, html):
        return self.last_text in html and vietnamese("What you typed is kept below.") in html


class Submission(Driver):
    def send(self, ip):
        draft = ready_draft(applicant=self.user)
        self.last_review = reverse(
            "dossiers:step", args=[draft.pk, len(flows.wizard_steps(draft)) - 1]
        )
        return self.client.post(
            self.last_review, {"submission_key": draft.submission_key}, **self.behind_proxy(ip)
        )

    def kept(self, html):
        note = vietnamese(
            "Your dossier has not been submitted yet. Nothing is lost: your answers and "
            "documents are kept in the draft, ready to submit once the wait is over."
        )
        return (
            f"<h1>{vietnamese('Too many requests')}</h1>" in html
            and note in html
            and f'href="{self.last_review}"' in html
        )


DRIVERS = {"lookup": Lookup, "question": Question, "submission": Submission}


@pytest.fixture(params=DRIVERS)
def scope(request, client, settings):
    settings.RATE_LIMITS = {}
    driver = DRIVERS[request.param](client, None, request.getfixturevalue)
    driver.login(UserFactory())
    driver.name = request.param
    return driver


def limit(settings, scope, rates):
    settings.RATE_LIMITS = {scope.name: rates}


def test_the_request_over_the_limit_is_refused_kindly(scope, settings, clock):
    limit(settings, scope, "2/h/ip")
    for _ in range(2):
        assert scope.send("203.0.113.7").status_code == scope.allowed
    refused = scope.send("203.0.113.7")
    assert_refused(refused)
    assert scope.kept(refused.content.decode())


def test_another_address_is_not_affected(scope, settings, clock):
    limit(settings, scope, "1/h/ip")
    assert scope.send("203.0.113.7").status_code == scope.allowed
    assert scope.send("203.0.113.7").status_code == 429
    assert scope.send("203.0.113.8").status_code == scope.allowed


def test_an_account_is_counted_whatever_its_address_and_others_are_not_affected(
    scope, settings, clock
):
    limit(settings, scope, "100/h/ip,2/h/user")
    assert scope.send("203.0.113.1").status_code == scope.allowed
    assert scope.send("203.0.113.2").status_code == scope.allowed
    assert_refused(scope.send("203.0.113.3"))
    scope.login(UserFactory())
    assert scope.send("203.0.113.3").status_code == scope.allowed


def test_the_window_ends_when_retry_after_says(scope, settings, clock):
    # Minutes, not hours: a citizen's session ends after 30 idle minutes.
    limit(settings, scope, "1/m/ip")
    assert scope.send("203.0.113.7").status_code == scope.allowed
    refused = scope.send("203.0.113.7")
    assert refused.status_code == 429
    clock.shift(dt.timedelta(seconds=int(refused["Retry-After"]) - 1))
    assert scope.send("203.0.113.7").status_code == 429
    clock.shift(dt.timedelta(seconds=1))
    assert scope.send("203.0.113.7").status_code == scope.allowed


def test_a_broken_cache_lets_every_request_through(scope, settings, monkeypatch, caplog):
    limit(settings, scope, "1/h/ip,1/h/user")
    dead = RedisCache(f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": {"socket_timeout": 1}})
    monkeypatch.setattr(ratelimit, "cache", dead)
    for _ in range(3):
        assert scope.send("203.0.113.7").status_code == scope.allowed
    assert f"Rate limit '{scope.name}' not counted" in caplog.text


# --- The look-ups ---------------------------------------------------------------------------------


def test_only_lookups_with_a_code_count_and_visitors_have_no_account_limit(client, settings):
    settings.RATE_LIMITS = {"lookup": "2/h/ip,1/h/user"}
    url = reverse("dossiers:lookup")
    for _ in range(3):
        assert client.get(url).status_code == 200
    assert client.get(url, {"ma": UNKNOWN_CODE}).status_code == 200
    assert client.get(url, {"ma": UNKNOWN_CODE}).status_code == 200
    assert client.get(url, {"ma": UNKNOWN_CODE}).status_code == 429


def test_a_refused_lookup_shows_no_result(client, settings):
    settings.RATE_LIMITS = {"lookup": "1/h/ip"}
    dossier = DossierFactory(code="000.00.12.H99-261122-0001")
    url = reverse("dossiers:lookup")
    client.get(url, {"ma": UNKNOWN_CODE})
    refused = client.get(url, {"ma": dossier.code})
    assert refused.status_code == 429
    assert dossier.procedure.name not in refused.content.decode()


def test_question_lookups_count_as_lookups(client, settings, qa_page):  # noqa: F811
    settings.RATE_LIMITS = {"lookup": "1/h/ip"}
    url = qa_page.url + qa_page.reverse_subpage("lookup")
    assert client.get(url, {"ma": "HD-ABCDEF"}).status_code == 404
    refused = client.get(url, {"ma": "HD-ABCDEF"})
    assert_refused(refused)
    assert 'value="HD-ABCDEF"' in refused.content.decode()


# --- Login: allauth counts, on the portal's page and by the real client address -------------------

LOGIN = "/tai-khoan/login/"
WRONG_PASSWORD = "sai-mat-khau"


@pytest.fixture
def login_limit(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}


def log_in(client, ip, password=WRONG_PASSWORD):
    user = UserFactory()
    return client.post(
        LOGIN,
        {"login": user.username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=ip,
    )


def test_the_login_over_the_limit_gets_the_portals_page(client, login_limit, clock):
    for _ in range(2):
        assert log_in(client, "203.0.113.7").status_code == 200
    refused = log_in(client, "203.0.113.7")
    assert refused["Retry-After"] == "60"
    assert_refused(refused, period=60)
    html = refused.content.decode()
    assert f"<h1>{vietnamese('Too many requests')}</h1>" in html
    assert f'href="{LOGIN}"' in html


def test_logins_from_another_address_behind_the_proxy_are_not_affected(client, login_limit):
    for _ in range(3):
        log_in(client, "203.0.113.7")
    assert log_in(client, "203.0.113.8", password=PASSWORD).status_code == 302


def test_the_login_limit_ends_after_its_period(client, login_limit, clock):
    for _ in range(3):
        log_in(client, "203.0.113.7")
    clock.shift(dt.timedelta(seconds=60))
    assert log_in(client, "203.0.113.7", password=PASSWORD).status_code == 302


def test_login_is_limited_by_default():
    from allauth.account import app_settings

    assert ratelimit.parse_rates(app_settings.RATE_LIMITS["login"])[0].per == "ip"


# --- The helper ----------------------------------------------------------------------------------


def test_the_default_rates_are_valid_and_generous(settings):
    rates = {scope: ratelimit.parse_rates(text) for scope, text in settings.RATE_LIMITS.items()}
    assert set(rates) == {"lookup", "question", "submission"}
    for scope_rates in rates.values():
        assert {rate.per for rate in scope_rates} == {"ip", "user"}
    assert ratelimit.parse_rates("5/15m/ip, 20/h/user") == [
        ratelimit.Rate(5, 900, "ip"),
        ratelimit.Rate(20, 3600, "user"),
    ]


@pytest.mark.parametrize("text", ["5", "5/w", "x/h", "5/h/key"])
def test_a_malformed_rate_stops_with_a_clear_error(settings, text):
    settings.RATE_LIMITS = {"lookup": text}
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with pytest.raises(ImproperlyConfigured, match=re.escape("rate limit")):
        ratelimit.hit(request, "lookup")


def test_one_ipv6_network_is_one_client(settings):
    settings.RATE_LIMITS = {"lookup": "1/h/ip"}

    def request(address):
        request = RequestFactory().get("/", REMOTE_ADDR=address)
        request.user = AnonymousUser()
        return request

    assert ratelimit.hit(request("2001:db8:1:2::1"), "lookup") is None
    assert ratelimit.hit(request("2001:db8:1:2:ffff::9"), "lookup") is not None
    assert ratelimit.hit(request("2001:db8:1:3::1"), "lookup") is None
