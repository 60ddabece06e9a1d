import io
import json
import urllib.error

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from portal import sms
from portal.mail import ConsoleAndFileBackend
from portal.tasks import send_email


def test_embedded_mail_backend_prints_and_keeps_a_copy(tmp_path, capsys):
    backend = ConsoleAndFileBackend(file_path=str(tmp_path))
    sent = backend.send_messages(
        [EmailMessage("Xác nhận", "Mã hồ sơ 000.00.01.H99-261122-0001", to=["dan@example.vn"])]
    )
    assert sent == 1
    assert "dan@example.vn" in capsys.readouterr().out
    [copy] = tmp_path.iterdir()
    assert b"dan@example.vn" in copy.read_bytes()


def test_send_email_task_sends_one_message():
    assert send_email.delay(to=["dan@example.vn"], subject="Chào", body="Nội dung").get() == 1
    assert mail.outbox[0].subject == "Chào"


def test_console_sms_backend_appends_to_the_outbox(tmp_path):
    backend = sms.ConsoleBackend(folder=tmp_path)
    backend.send("0912345678", "Hồ sơ của bạn đã có kết quả.")
    backend.send("0987654321", "Lần hai")
    lines = [json.loads(line) for line in (tmp_path / "outbox.jsonl").read_text().splitlines()]
    assert [line["phone"] for line in lines] == ["0912345678", "0987654321"]
    assert lines[0]["text"] == "Hồ sơ của bạn đã có kết quả."


def test_get_backend_uses_the_alias_from_settings(settings, tmp_path):
    settings.SMS_BACKENDS = {
        "default": {"BACKEND": "portal.sms.ConsoleBackend", "OPTIONS": {"folder": tmp_path}}
    }
    sms.get_backend.cache_clear()
    try:
        backend = sms.get_backend()
        assert isinstance(backend, sms.ConsoleBackend)
        assert backend.options["folder"] == tmp_path
    finally:
        sms.get_backend.cache_clear()


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_http_gateway_posts_json_with_the_token(monkeypatch):
    seen = {}

    def fake_urlopen(request, timeout):
        seen["url"], seen["body"] = request.full_url, json.loads(request.data)
        seen["auth"] = request.get_header("Authorization")
        return FakeResponse(b'{"id": 981}')

    monkeypatch.setattr(sms.urllib.request, "urlopen", fake_urlopen)
    backend = sms.HttpGatewayBackend(
        url="https://sms.example.vn/send", token="t0k", sender="TANHOA"
    )
    assert backend.send("0912345678", "Mã OTP 123456") == "981"
    assert seen == {
        "url": "https://sms.example.vn/send",
        "body": {"to": "0912345678", "text": "Mã OTP 123456", "sender": "TANHOA"},
        "auth": "Bearer t0k",
    }


def test_http_gateway_failure_raises_sms_error(monkeypatch):
    def refuse(request, timeout):
        raise urllib.error.URLError("connection refused")

    monkeypatch.setattr(sms.urllib.request, "urlopen", refuse)
    with pytest.raises(sms.SmsError, match="refused"):
        sms.HttpGatewayBackend(url="https://sms.example.vn/send").send("0912345678", "x")
