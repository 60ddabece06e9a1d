"""The other backends: PKCS#12 file, PKCS#11 token (configuration; signing with a SoftHSM2 token
is in test_pkcs11_softhsm.py), remote CSC service (against a stub service, it is an external
system), RFC 3161 timestamp (pyHanko's dummy time-stamper)."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils
from cryptography.hazmat.primitives.serialization import pkcs12

from services.signing.backends import SigningFailed
from services.signing.backends.csc import CscSigner
from services.signing.backends.pkcs11 import Pkcs11Signer
from services.signing.backends.pkcs12 import Pkcs12Signer
from services.signing.sandbox import authority
from services.signing.validation import validate_pdf
from tests.services.dossiers.factories import pdf_bytes


def sign(backend, subject=None):
    return backend.sign(
        pdf_bytes("Ky"), subject=subject, reason="Ký", location="Tỉnh", visible_stamp=True
    )


def test_pkcs12_signs_with_the_file_and_passphrase(tmp_path):
    identity = authority().identity("agency-p12", "Văn phòng UBND tỉnh")
    key = serialization.load_pem_private_key(identity.key_pem, None)
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(identity.cert_pem)
    chain = [x509.load_pem_x509_certificate(data) for data in identity.chain_pem]
    path = tmp_path / "agency.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"agency", key, cert, chain, serialization.BestAvailableEncryption(b"mat-khau-thu")
        )
    )
    signed = sign(Pkcs12Signer(path=str(path), passphrase="mat-khau-thu"))
    report = validate_pdf(signed)
    assert report.is_valid
    assert "Văn phòng UBND tỉnh" in report.signatures[0]["signer"]
    assert "THỬ NGHIỆM" not in sign_reason(signed)


def sign_reason(data):
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    return str(PdfFileReader(io.BytesIO(data)).embedded_signatures[0].sig_object["/Reason"])


def test_pkcs11_builds_pyhankos_configuration():
    backend = Pkcs11Signer(
        module="/usr/lib/vendor/libtoken.so", token_label="UBND", key_label="ky-so", pin="123456"
    )
    config = backend.config()
    assert config.module_path == "/usr/lib/vendor/libtoken.so"
    assert config.token_criteria.label == "UBND"
    assert config.key_label == "ky-so" and config.cert_label == "ky-so"
    assert config.user_pin == "123456"


class StubCsc(BaseHTTPRequestHandler):
    """A Cloud Signature Consortium v1 service holding one credential (a sandbox identity)."""

    identity = None
    calls = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.calls.append((self.path, body, self.headers.get("Authorization")))
        if self.headers.get("Authorization") != "Bearer to-ken":
            return self.answer(401, {"error": "invalid_token"})
        if self.path.endswith("/credentials/info"):
            certs = [self.identity.cert_pem, *self.identity.chain_pem]
            return self.answer(
                200,
                {
                    "cert": {"certificates": [base64.b64encode(der(c)).decode() for c in certs]},
                    "key": {"algo": ["1.2.840.10045.4.3.2"]},
                    "multisign": 1,
                    "SCAL": 2,
                },
            )
        if self.path.endswith("/credentials/authorize"):
            if body.get("PIN") != "1234":
                return self.answer(400, {"error": "invalid_pin"})
            return self.answer(200, {"SAD": "sad-" + ",".join(body["hash"]), "expiresIn": 60})
        if self.path.endswith("/signatures/signHash"):
            key = serialization.load_pem_private_key(self.identity.key_pem, None)
            signatures = [
                base64.b64encode(
                    key.sign(base64.b64decode(h), ec.ECDSA(utils.Prehashed(hashes.SHA256())))
                ).decode()
                for h in body["hash"]
            ]
            assert body["SAD"] == "sad-" + ",".join(body["hash"])
            return self.answer(200, {"signatures": signatures})
        return self.answer(404, {})

    def answer(self, status, data):
        payload = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def der(pem_bytes):
    from cryptography import x509

    return x509.load_pem_x509_certificate(pem_bytes).public_bytes(serialization.Encoding.DER)


@pytest.fixture
def csc_service():
    StubCsc.identity = authority().identity("csc-citizen", "Nguyễn Văn Ký")
    StubCsc.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), StubCsc)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_csc_signs_remotely_with_the_pin(csc_service):
    backend = CscSigner(service_url=csc_service, credential_id="cred-1", token="to-ken", pin="1234")
    report = validate_pdf(sign(backend))
    assert report.is_valid, report.signatures
    assert "Nguyễn Văn Ký" in report.signatures[0]["signer"]
    paths = [path for path, _body, _auth in StubCsc.calls]
    assert paths == [
        "/csc/v1/credentials/info",
        "/csc/v1/credentials/authorize",
        "/csc/v1/signatures/signHash",
    ]
    assert StubCsc.calls[0][1]["credentialID"] == "cred-1"


def test_csc_with_a_wrong_pin_or_down_fails_clearly(csc_service):
    with pytest.raises(SigningFailed):
        sign(CscSigner(service_url=csc_service, credential_id="c", token="to-ken", pin="0000"))
    with pytest.raises(SigningFailed):
        sign(CscSigner(service_url="http://127.0.0.1:9", credential_id="c", token="t", timeout=2))


def test_an_rfc3161_timestamp_is_added_when_a_server_is_configured(settings, monkeypatch):
    from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    from services.signing import pdf
    from services.signing.backends.sandbox import SandboxSigner

    tsa_key, tsa_cert = rsa_tsa_certificate()
    # The TSA is an external service: pyHanko's in-process dummy stands in for it.
    stamper = DummyTimeStamper(
        tsa_cert=next(iter(load_certs_from_pemder_data(tsa_cert))),
        tsa_key=load_private_key_from_pemder_data(tsa_key, None),
    )
    settings.SIGNING_TIMESTAMP_URL = "http://tsa.example/"
    monkeypatch.setattr("services.signing.backends.base.timestamper", lambda: stamper)
    assert pdf.timestamper() is not None
    report = validate_pdf(sign(SandboxSigner()))
    assert report.signatures[0]["timestamp"]


def rsa_tsa_certificate():
    """An RSA time-stamping certificate from the sandbox root (pyHanko's dummy TSA is RSA-only)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    from services.signing.sandbox import signing_certificate

    root_key, root_cert = authority().root()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = signing_certificate(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA thử nghiệm")]),
        key.public_key(),
        root_key,
        root_cert,
        days=30,
        purpose=ExtendedKeyUsageOID.TIME_STAMPING,
        purpose_critical=True,
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)
