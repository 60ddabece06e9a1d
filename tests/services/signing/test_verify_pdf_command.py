"""manage.py verify_pdf FILE: the report as JSON, exit code 0 valid / 1 not valid."""

import json

import pytest
from django.core.management import call_command

from tests.services.signing.helpers import one_byte_changed, sandbox_signed

KEYS = {
    "signer",
    "issuer",
    "serial",
    "signing_time",
    "intact",
    "trusted",
    "covers_whole_document",
    "revocation",
}


def run(path, capsys):
    code = 0
    try:
        call_command("verify_pdf", str(path))
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_a_valid_pdf_prints_one_object_per_signature_and_exits_0(tmp_path, capsys):
    path = tmp_path / "ky.pdf"
    path.write_bytes(sandbox_signed())
    code, output, _err = run(path, capsys)
    assert code == 0
    (signature,) = output
    assert set(signature) == KEYS
    assert signature["intact"] is signature["trusted"] is signature["covers_whole_document"] is True


def test_a_tampered_pdf_exits_1(tmp_path, capsys):
    path = tmp_path / "sua.pdf"
    path.write_bytes(one_byte_changed(sandbox_signed()))
    code, output, _err = run(path, capsys)
    assert code == 1
    assert output[0]["intact"] is False


def test_a_file_that_is_not_a_pdf_exits_1_with_a_message(tmp_path, capsys):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"hello")
    code, output, err = run(path, capsys)
    assert code == 1 and output == [] and err.strip()


def test_a_missing_file_is_a_command_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("verify_pdf", str(tmp_path / "none.pdf"))
