"""The sandbox test CA: a local root that issues test certificates to citizens and agencies.

Made on first use under VAR_DIR/signing-sandbox/ (never committed: VAR_DIR is git-ignored), kept in
memory per folder so a key is generated once per process. Its certificates say in their names that
they are for testing; documents signed with them carry a visible "test signature" stamp, and its
root is trusted only while a sandbox backend is configured.
"""

import datetime
import fcntl
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

ROOT_NAME = "CA THỬ NGHIỆM Cổng DVC – không có giá trị pháp lý"
_lock = threading.Lock()


@contextmanager
def _exclusive(folder: Path):
    """This thread alone, and this process alone among the web workers and Celery workers sharing
    the folder: two processes making the root at once would leave one's key beside the other's
    certificate, and every chain built from it broken."""
    folder.mkdir(parents=True, exist_ok=True)
    with _lock, open(folder / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def utf8_prefix(text, limit=64):
    """The longest prefix of `text` within X.509's 64-byte limit (UTF-8: Vietnamese letters
    take two or three bytes each, so a 60-character agency name can be too long)."""
    return text.encode()[:limit].decode(errors="ignore")


@dataclass(frozen=True)
class Identity:
    """A private key and its certificate chain (leaf first), as PEM bytes."""

    key_pem: bytes
    cert_pem: bytes
    chain_pem: tuple[bytes, ...]


def _now():
    return datetime.datetime.now(datetime.UTC)


def _new_key():
    # ECDSA P-256: quick to generate (the sandbox makes a key per citizen on demand) and accepted
    # by pyHanko, Adobe Reader and the Vietnamese validators alike.
    return ec.generate_private_key(ec.SECP256R1())


def _pem_key(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _write_private(path: Path, content: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    path.chmod(0o600)


def _key_usage(*, signing):
    """Digital signature and non-repudiation for a signer, certificate and CRL signing for a CA."""
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signing,
        crl_sign=not signing,
        encipher_only=False,
        decipher_only=False,
    )


def _builder(subject, issuer, public_key, days):
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(_now() - datetime.timedelta(days=1))
        .not_valid_after(_now() + datetime.timedelta(days=days))
    )


def ca_certificate(subject: x509.Name, key, *, days) -> x509.Certificate:
    """A self-signed root CA certificate for `key`, valid for `days`."""
    return (
        _builder(subject, subject, key.public_key(), days)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(signing=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def signing_certificate(
    subject: x509.Name,
    public_key,
    issuer_key,
    issuer_cert,
    *,
    days,
    purpose=ExtendedKeyUsageOID.EMAIL_PROTECTION,
    purpose_critical=False,
) -> x509.Certificate:
    """A signer's certificate for `public_key`, issued by `issuer_cert` (signed with `issuer_key`),
    valid for `days`; `purpose` is its extended key usage (RFC 3161 wants time stamping critical)."""
    return (
        _builder(subject, issuer_cert.subject, public_key, days)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signing=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([purpose]), critical=purpose_critical)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
        .sign(issuer_key, hashes.SHA256())
    )


class SandboxAuthority:
    """The test root in `folder` and the identities it issued, each kept as key.pem + cert.pem."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._identities = {}
        self._root = None

    @property
    def root_cert_path(self):
        return self.folder / "root-ca.crt"

    def root(self):
        """(key, certificate) of the root; created on first use."""
        if self._root is None:
            key_path, cert_path = self.folder / "root-ca.key", self.root_cert_path
            with _exclusive(self.folder):
                if not cert_path.exists():
                    key = _new_key()
                    name = x509.Name(
                        [
                            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Sandbox"),
                            x509.NameAttribute(NameOID.COMMON_NAME, ROOT_NAME),
                        ]
                    )
                    cert = ca_certificate(name, key, days=3650)
                    _write_private(key_path, _pem_key(key))
                    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
                key = serialization.load_pem_private_key(key_path.read_bytes(), None)
                cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
                self._root = (key, cert)
        return self._root

    def identity(self, slug: str, common_name: str, *, organisation: str = "") -> Identity:
        """The test identity named `slug` (e.g. "user-12", "agency-000.00.12.H99"), issued once."""
        slug = re.sub(r"[^A-Za-z0-9_.-]", "_", slug)
        if slug in self._identities:
            return self._identities[slug]
        root_key, root_cert = self.root()
        folder = self.folder / "issued" / slug
        with _exclusive(self.folder):
            if not (folder / "cert.pem").exists():
                key = _new_key()
                attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
                if organisation:
                    attributes.append(
                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, utf8_prefix(organisation))
                    )
                attributes.append(
                    x509.NameAttribute(
                        NameOID.COMMON_NAME, utf8_prefix(f"{common_name} (THỬ NGHIỆM)")
                    )
                )
                cert = signing_certificate(
                    x509.Name(attributes), key.public_key(), root_key, root_cert, days=730
                )
                _write_private(folder / "key.pem", _pem_key(key))
                (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        identity = Identity(
            key_pem=(folder / "key.pem").read_bytes(),
            cert_pem=(folder / "cert.pem").read_bytes(),
            chain_pem=(root_cert.public_bytes(serialization.Encoding.PEM),),
        )
        self._identities[slug] = identity
        return identity


@cache
def _authority_for(folder: str) -> SandboxAuthority:
    return SandboxAuthority(Path(folder))


def authority() -> SandboxAuthority:
    """The sandbox CA of this installation (settings.VAR_DIR/signing-sandbox/)."""
    return _authority_for(str(Path(settings.VAR_DIR) / "signing-sandbox"))
