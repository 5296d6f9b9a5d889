"""Assertions on the errors the SDK raises, and the live service's recorded errors (reference §4)."""
from datetime import datetime, timezone

import pytest
from azure.core.exceptions import HttpResponseError


# Recorded (§4.1): expiresInMinutes outside [60, 1440]; create carries the interval, issue does not.
def expires_in_error(operation, minutes):
    suffix = " Value must be within the [60, 1440] interval." if operation == "create" else ""
    return 400, "ValidationError", f"ExpiresInMinutes value {minutes} is invalid.{suffix}"


DENIED = (401, "Denied", "Denied by the resource provider.")
TEAMS_TOKEN_INVALID = (401, "InvalidAccessToken", "Provided access token is not valid.")
TEAMS_APP_ID_REQUIRED = (400, "ValidationError", "AppId: The AppId field is required.")
TEAMS_USER_ID_REQUIRED = (400, "ValidationError", "UserId: The UserId field is required.")
TEAMS_APP_ID_FORMAT = (400, "ValidationError", "Provided AppId has invalid format.")
TEAMS_USER_ID_FORMAT = (400, "ValidationError", "Provided UserId has invalid format.")
TEAMS_APP_ID_MISMATCH = (400, "ValidationError", "AAD application is not the expected one.")
TEAMS_USER_ID_MISMATCH = (400, "ValidationError", "Provided AAD token issued for unexpected user.")
# NOT recorded: issue for a deleted identity; the emulator's choice (AcsErrors.NotFound).
IDENTITY_NOT_FOUND = (404, "IdentityNotFound", "Provided identity doesn't exist.")


def assert_error(call, expected, exact_code=True):
    status, code, message = expected
    with pytest.raises(HttpResponseError) as caught:
        call()
    error = caught.value
    assert error.status_code == status, f"status {error.status_code}, expected {status}: {error.message}"
    if exact_code:
        assert error.error is not None and error.error.code == code, f"code {getattr(error.error, 'code', None)}"
        assert error.error.message == message
    return error


def parse_expires_on(value):
    """AccessToken.expires_on of the identity client is the service's ISO string, e.g. 2026-03-02T10:30:00.78+00:00."""
    assert isinstance(value, str), f"expires_on is {type(value).__name__}, the SDK 1.3.2 hands the ISO string on"
    return datetime.fromisoformat(value)


def seconds_from_now(moment):
    return (moment - datetime.now(timezone.utc)).total_seconds()
