import pytest


@pytest.fixture(autouse=True)
def _sms_in_tmp(settings, tmp_path):
    """SMS go to a console backend writing into the test's folder."""
    from portal import sms

    settings.SMS_BACKENDS = {
        "default": {"BACKEND": "portal.sms.ConsoleBackend", "OPTIONS": {"folder": tmp_path / "sms"}}
    }
    sms.get_backend.cache_clear()
    yield
    sms.get_backend.cache_clear()


@pytest.fixture(autouse=True)
def _online_dossiers_received_at_submission(settings):
    """These tests were written for provinces that receive online dossiers at submission; the
    tests of the officer-checked mode (the default) set the setting to False themselves."""
    settings.DOSSIERS_AUTO_RECEIVE_ONLINE = True
