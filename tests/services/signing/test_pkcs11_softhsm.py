"""The PKCS#11 backend against a real token: a SoftHSM2 token made for each test in tmp_path.

The key pair is generated on the token (the private key never leaves it), its certificate is
issued by a CA made in the test and stored on the token next to the key, and the project's own
Pkcs11Signer signs through pyHanko and python-pkcs11. Skipped locally without softhsm2-util or
python-pkcs11; required in CI.
"""

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from django.utils import translation

from services.signing.backends import SigningFailed
from services.signing.backends.pkcs11 import Pkcs11Signer
from services.signing.sandbox import ca_certificate, signing_certificate
from services.signing.validation import validate_pdf
from tests.conftest import require_service
from tests.services.dossiers.factories import pdf_bytes

MODULE_PATHS = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
)
TOKEN_LABEL, KEY_LABEL, KEY_ID = "UBND", "ky-so", b"\x01\x02"
PIN, SO_PIN = "123456", "12345678"
AGENCY = "Ủy ban nhân dân tỉnh Tân Hòa"


def softhsm_module():
    return next((path for path in MODULE_PATHS if Path(path).is_file()), None)


def pkcs11_installed():
    return importlib.util.find_spec("pkcs11") is not None


def name(common_name):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def make_ca():
    """A root CA of the test's own (its key stays in memory)."""
    key = ec.generate_private_key(ec.SECP256R1())
    return key, ca_certificate(name("CA thử nghiệm PKCS#11"), key, days=30)


@pytest.fixture
def softhsm_token(tmp_path, monkeypatch):
    """A SoftHSM2 token "UBND" holding an RSA 2048 key pair and its certificate, labelled "ky-so".

    Yields (module path, CA certificate file). The token lives in tmp_path; the module is unloaded
    afterwards, so that the next test's SoftHSM reads its own configuration.
    """
    module = softhsm_module()
    require_service(
        shutil.which("softhsm2-util") and module and pkcs11_installed(),
        "SoftHSM2 and python-pkcs11",
    )
    import pkcs11
    from pkcs11 import Attribute, KeyType, ObjectClass
    from pkcs11.util.x509 import decode_x509_certificate

    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tmp_path / 'tokens'}\n"
        "objectstore.backend = file\n"
        "log.level = ERROR\n"
    )
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            TOKEN_LABEL,
            "--pin",
            PIN,
            "--so-pin",
            SO_PIN,
        ],
        check=True,
        capture_output=True,
    )
    pkcs11.unload(module)  # SoftHSM reads SOFTHSM2_CONF when the module is initialised
    ca_key, ca_cert = make_ca()
    token = pkcs11.lib(module).get_token(token_label=TOKEN_LABEL)
    with token.open(rw=True, user_pin=PIN) as session:
        # RSA like the Vietnamese CAs' tokens (SoftHSM 2.6 has no CKM_ECDSA_SHA256 for pyHanko).
        public, private = session.generate_keypair(
            KeyType.RSA, 2048, store=True, label=KEY_LABEL, id=KEY_ID
        )
        assert private[Attribute.SENSITIVE] and not private[Attribute.EXTRACTABLE]
        numbers = rsa.RSAPublicNumbers(
            int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
            int.from_bytes(public[Attribute.MODULUS], "big"),
        )
        cert = signing_certificate(name(AGENCY), numbers.public_key(), ca_key, ca_cert, days=30)
        session.create_object(
            {
                **decode_x509_certificate(cert.public_bytes(serialization.Encoding.DER)),
                Attribute.TOKEN: True,
                Attribute.LABEL: KEY_LABEL,
                Attribute.ID: KEY_ID,
            }
        )
        assert len(list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}))) == 1
    ca_file = tmp_path / "ca-pkcs11.crt"
    ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    yield module, ca_file
    pkcs11.unload(module)


def sign(backend):
    return backend.sign(
        pdf_bytes("Ket qua ky bang token"),
        subject=None,
        reason="Ký kết quả",
        location="Tỉnh Tân Hòa",
        visible_stamp=True,
    )


def test_pkcs11_signs_with_the_key_on_the_token(softhsm_token, settings):
    module, ca_file = softhsm_token
    signed = sign(Pkcs11Signer(module=module, token_label="UBND", key_label="ky-so", pin="123456"))

    # Intact and covering the document, but trusted only once the token's CA is a trust root.
    (untrusted,) = validate_pdf(signed).signatures
    assert untrusted["intact"] and untrusted["covers_whole_document"]
    assert not untrusted["trusted"]

    settings.SIGNING_TRUST_ROOTS = [str(ca_file)]
    report = validate_pdf(signed)
    assert report.is_valid, report.signatures
    (signature,) = report.signatures
    assert signature["intact"] and signature["trusted"] and signature["covers_whole_document"]
    assert signature["signer"] == AGENCY
    assert signature["issuer"] == "CA thử nghiệm PKCS#11"
    assert signature["coverage"] == "ENTIRE_FILE"


def test_pkcs11_with_a_wrong_pin_fails_clearly(softhsm_token):
    from pkcs11.exceptions import PinIncorrect

    module, _ca_file = softhsm_token
    with pytest.raises(SigningFailed) as failure:
        sign(Pkcs11Signer(module=module, token_label="UBND", key_label="ky-so", pin="000000"))
    with translation.override("en"):
        assert "PIN" in str(failure.value.message) and "refused" in str(failure.value.message)
    assert isinstance(failure.value.__cause__.__cause__, PinIncorrect)


def test_pkcs11_with_a_missing_key_or_token_fails_clearly(softhsm_token):
    module, _ca_file = softhsm_token
    with pytest.raises(SigningFailed) as failure:
        sign(Pkcs11Signer(module=module, token_label="UBND", key_label="khac", pin="123456"))
    with translation.override("en"):
        assert "could not be used" in str(failure.value.message)
    with pytest.raises(SigningFailed):
        sign(Pkcs11Signer(module=module, token_label="KHAC", key_label="ky-so", pin="123456"))


def test_pkcs11_signing_needs_the_module():
    require_service(pkcs11_installed(), "python-pkcs11")
    backend = Pkcs11Signer(module="/nonexistent/libtoken.so", token_label="x", key_label="y")
    with pytest.raises(SigningFailed):
        sign(backend)
