"""Targets of the Python contract suite, and the parametrisation of every test over target × client mode.

  emulator  EMULATOR_URL (+ EMULATOR_HTTPS_URL, EMULATOR_CA_CERT) when set: an emulator already running (a
            container, the one scripts/test.sh starts); otherwise the emulator is started here as a child process.
  live      COMMUNICATION_SERVICES_CONNECTION_STRING: a real resource (https modes only). Unset: skipped, naming it.
CONTRACT_TARGETS (default "emulator,live") selects legs.
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from acs.admin import EmulatorAdmin  # noqa: E402
from acs.clients import MODES, IdentityClient  # noqa: E402
from acs.emulator_process import EmulatorProcess  # noqa: E402

LIVE_VARIABLE = "COMMUNICATION_SERVICES_CONNECTION_STRING"
SELECTED = [t.strip().lower() for t in os.environ.get("CONTRACT_TARGETS", "emulator,live").split(",") if t.strip()]


class Target:
    def __init__(self, name, is_emulator, endpoint=None, https_endpoint=None, access_key=None, ca_file=None,
                 admin=None, resource_id=None, skip=None):
        self.name, self.is_emulator, self.skip = name, is_emulator, skip
        self.endpoints = {"http": endpoint, "https": https_endpoint}
        self.access_key, self.ca_file, self.admin, self.resource_id = access_key, ca_file, admin, resource_id


def parse_connection_string(value):
    parts = dict(p.split("=", 1) for p in value.strip().strip(";").split(";") if "=" in p)
    lowered = {k.lower(): v for k, v in parts.items()}
    return lowered["endpoint"].rstrip("/"), lowered["accesskey"]


def _emulator_target(tmp_dir):
    url = os.environ.get("EMULATOR_URL", "").rstrip("/")
    process = None
    if not url:
        process = EmulatorProcess().start()
        url = process.url
    key = process.access_key if process else None
    admin = EmulatorAdmin(url, key)
    info = admin.info()
    key = key or info.get("accessKey") or parse_connection_string(info["connectionStrings"]["http"])[1]
    admin.access_key = key
    https_url = os.environ.get("EMULATOR_HTTPS_URL", "").rstrip("/") or (info.get("endpoints", {}).get("https") or "").rstrip("/")
    ca_file = os.environ.get("EMULATOR_CA_CERT")
    if not ca_file:
        ca_file = str(Path(tmp_dir) / "emulator-ca.pem")
        Path(ca_file).write_text(admin.certificate_pem())
    target = Target("emulator", True, url, https_url or None, key, ca_file, admin, info["resourceId"])
    return target, process


def _live_target():
    value = os.environ.get(LIVE_VARIABLE)
    if not value:
        return Target("live", False, skip=f"{LIVE_VARIABLE} is not set: live Azure leg skipped (set it to a "
                                          "resource's connection string to run these tests against live Azure)")
    endpoint, key = parse_connection_string(value)
    return Target("live", False, None, endpoint if endpoint.startswith("https:") else None, key)


@pytest.fixture(scope="session")
def targets():
    tmp_dir = tempfile.mkdtemp(prefix="acs-contract-py-")
    found, process = {}, None
    try:
        if "emulator" in SELECTED:
            found["emulator"], process = _emulator_target(tmp_dir)
        else:
            found["emulator"] = Target("emulator", True, skip="emulator leg not selected (CONTRACT_TARGETS)")
        found["live"] = _live_target() if "live" in SELECTED else Target(
            "live", False, skip="live leg not selected (CONTRACT_TARGETS)")
        yield found
    finally:
        if process is not None:
            process.stop()
        shutil.rmtree(tmp_dir, ignore_errors=True)


def live_configured():
    return "live" in SELECTED and bool(os.environ.get(LIVE_VARIABLE))


def pytest_generate_tests(metafunc):
    # Without a live resource the live leg is one skipped test (tests/test_live_leg.py), not one per scenario.
    if "mode" in metafunc.fixturenames:
        legs = ["emulator"] + (["live"] if live_configured() else [])
        params = [pytest.param((t, m), id=f"{t}-{m.id}") for t in legs for m in MODES]
        metafunc.parametrize("target_mode", params)


def pytest_collection_modifyitems(items):
    for item in items:
        params = item.callspec.params if hasattr(item, "callspec") else {}
        target_mode = params.get("target_mode")
        if target_mode:
            item.user_properties.append(("client", f"python-{target_mode[1].client}"))
            item.user_properties.append(("target", target_mode[0]))
        for marker in item.iter_markers("covers"):
            for key in marker.args:
                item.user_properties.append(("covers", key.format(**params)))


@pytest.fixture
def target_mode(request):
    return request.param


@pytest.fixture
def target(targets, target_mode, request):
    name, mode = target_mode
    chosen = targets[name]
    if chosen.skip:
        pytest.skip(chosen.skip)
    marker = request.node.get_closest_marker("emulator_only")
    if marker and not chosen.is_emulator:
        pytest.skip(f"emulator-only, skipped against live Azure: {marker.args[0]}")
    if not chosen.endpoints[mode.scheme]:
        pytest.skip(f"{name} has no {mode.scheme} endpoint (live Azure is https only; set EMULATOR_HTTPS_URL)")
    return chosen


@pytest.fixture
def mode(target_mode):
    return target_mode[1]


@pytest.fixture
def make_client(target, mode):
    """make_client(**options) → an IdentityClient for this target and mode; all are closed after the test."""
    made = []

    def make(access_key=None, endpoint=None, **options):
        client = IdentityClient(mode, endpoint or target.endpoints[mode.scheme], access_key or target.access_key,
                                target.ca_file, **options)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.fixture
def users(target, mode):
    """Remembers the identities a test creates and deletes them afterwards (a live resource is left clean)."""
    created = []
    yield created
    if created:
        cleaner = IdentityClient(mode, target.endpoints[mode.scheme], target.access_key, target.ca_file)
        for user in created:
            try:
                cleaner.delete_user(user)
            except Exception:  # noqa: BLE001 - best effort: already deleted by the test
                pass
        cleaner.close()
