import pytest


@pytest.fixture(autouse=True)
def _sandbox_backends(sandbox_signing):
    """Every signing test runs on the sandbox CA (tests/conftest.py's sandbox_signing)."""
