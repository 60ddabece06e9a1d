"""No private key, PKCS#12 file or password file is tracked by git (acceptance 6 of issue 6)."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SECRET_SUFFIXES = (".p12", ".pfx", ".key", ".jks", ".keystore")
PRIVATE_KEY = re.compile(rb"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")


def tracked_files():
    output = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    return [ROOT / name.decode() for name in output.split(b"\0") if name]


def test_no_key_store_or_password_file_is_in_the_repository():
    names = [path for path in tracked_files() if path.name.lower().endswith(SECRET_SUFFIXES)]
    names += [
        path
        for path in tracked_files()
        if re.search(r"(passphrase|password)s?\.txt$", path.name, re.I)
    ]
    assert names == []


def test_no_private_key_block_is_in_the_repository():
    found = []
    for path in tracked_files():
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        if PRIVATE_KEY.search(path.read_bytes()):
            found.append(str(path.relative_to(ROOT)))
    assert found == []


def test_the_trust_folder_holds_public_certificates_only():
    folder = ROOT / "services" / "signing" / "trust"
    files = sorted(folder.iterdir())
    assert files, "the Vietnamese root certificates are shipped"
    for path in files:
        assert not PRIVATE_KEY.search(path.read_bytes())
        assert path.suffix in (".crt", ".pem")
