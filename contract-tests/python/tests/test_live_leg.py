"""The live Azure leg: every scenario runs against it when COMMUNICATION_SERVICES_CONNECTION_STRING is set."""
import pytest

from conftest import LIVE_VARIABLE, live_configured, parse_connection_string


def test_live_azure_leg(targets):
    if not live_configured():
        pytest.skip(targets["live"].skip)
    endpoint, _ = parse_connection_string(__import__("os").environ[LIVE_VARIABLE])
    assert endpoint.startswith("https://"), f"{LIVE_VARIABLE} must name an https endpoint"
