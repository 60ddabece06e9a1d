"""The sandbox CA is shared by the web workers and the Celery workers (one folder, several
processes): only one of them makes the root, and every certificate chains to the root on disk."""

import subprocess
import sys
import time

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from services.signing import sandbox

ISSUE = """
import sys
from pathlib import Path
from services.signing.sandbox import SandboxAuthority
SandboxAuthority(Path(sys.argv[1])).identity(sys.argv[2], "Nguyễn Văn An")
"""


def issue_in_another_process(folder, slug):
    return subprocess.Popen([sys.executable, "-c", ISSUE, str(folder), slug])


def signed_by(cert, issuer):
    issuer.public_key().verify(
        cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(cert.signature_hash_algorithm)
    )
    return True


def test_another_process_waits_while_the_root_is_being_made(tmp_path):
    with sandbox._exclusive(tmp_path):
        process = issue_in_another_process(tmp_path, "user-1")
        time.sleep(1.5)  # ample time to import and generate, were it not held back
        assert not (tmp_path / "root-ca.crt").exists()
        assert process.poll() is None
    assert process.wait(timeout=60) == 0
    assert (tmp_path / "issued" / "user-1" / "cert.pem").exists()


def test_processes_starting_together_share_one_root(tmp_path):
    processes = [issue_in_another_process(tmp_path, f"user-{n}") for n in range(6)]
    assert [process.wait(timeout=120) for process in processes] == [0] * 6
    root = x509.load_pem_x509_certificate((tmp_path / "root-ca.crt").read_bytes())
    key = serialization.load_pem_private_key((tmp_path / "root-ca.key").read_bytes(), None)
    assert key.public_key() == root.public_key()
    for n in range(6):
        cert = x509.load_pem_x509_certificate(
            (tmp_path / "issued" / f"user-{n}" / "cert.pem").read_bytes()
        )
        assert signed_by(cert, root)
