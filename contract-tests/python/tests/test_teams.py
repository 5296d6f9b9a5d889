"""get_token_for_teams_user (POST /teamsUser/:exchangeAccessToken, 2022-10-01) with the recorded failures (§4.3).

Against the emulator (no Entra authority configured) a Teams user token is any well-formed unexpired JWT with
appid/oid/tid/exp, made up here; against live Azure the cases needing a valid Teams token are emulator-only."""
import uuid

import pytest

from acs import expect
from acs.expect import assert_error, parse_expires_on
from acs.jwt import decode_payload, teams_user_token

V = "ExchangeTeamsUserToken@2022-10-01"


@pytest.mark.emulator_only("made-up Teams tokens are only accepted by the emulator")
@pytest.mark.parametrize("api_version", ["2022-06-01", "2022-10-01", "2023-10-01"])
@pytest.mark.covers("ExchangeTeamsUserToken@{api_version}")
def test_valid_teams_token_is_exchanged_expiring_with_it(make_client, target, api_version, mode):
    client = make_client(api_version=api_version)
    teams = teams_user_token(expires_in_seconds=3000)

    result = client.get_token_for_teams_user(teams["token"], teams["app_id"], teams["user_id"])

    assert abs(parse_expires_on(result.expires_on).timestamp() - teams["exp"]) < 1
    assert decode_payload(result.token)["skypeid"] == f"orgid:{teams['user_id']}"
    assert target.admin.validate(result.token)["valid"] is True


@pytest.mark.parametrize("token", ["", "invalid"], ids=["empty", "malformed"])
@pytest.mark.covers(f"{V}#token-invalid")
def test_empty_or_malformed_teams_token_is_invalid_access_token(client, token, mode):
    assert_error(lambda: client.get_token_for_teams_user(token, str(uuid.uuid4()), str(uuid.uuid4())),
                 expect.TEAMS_TOKEN_INVALID)


@pytest.mark.covers(f"{V}#token-expired")
def test_expired_teams_token_is_invalid_access_token(client, mode):
    teams = teams_user_token(expires_in_seconds=-3600)

    assert_error(lambda: client.get_token_for_teams_user(teams["token"], teams["app_id"], teams["user_id"]),
                 expect.TEAMS_TOKEN_INVALID)


@pytest.mark.covers(f"{V}#app-id-required", f"{V}#user-id-required")
def test_empty_app_or_user_id_is_the_model_binding_error(client, mode):
    teams = teams_user_token()

    assert_error(lambda: client.get_token_for_teams_user(teams["token"], "", teams["user_id"]), expect.TEAMS_APP_ID_REQUIRED)
    assert_error(lambda: client.get_token_for_teams_user(teams["token"], teams["app_id"], ""), expect.TEAMS_USER_ID_REQUIRED)


@pytest.mark.emulator_only("needs a Teams token the target accepts")
@pytest.mark.covers(f"{V}#app-id-format", f"{V}#user-id-format", f"{V}#app-id-mismatch", f"{V}#user-id-mismatch")
def test_app_and_user_id_checks_of_a_valid_token(client, mode):
    teams = teams_user_token()
    exchange = lambda app, user: lambda: client.get_token_for_teams_user(teams["token"], app, user)  # noqa: E731

    assert_error(exchange("invalid", teams["user_id"]), expect.TEAMS_APP_ID_FORMAT)
    assert_error(exchange(teams["app_id"], "invalid"), expect.TEAMS_USER_ID_FORMAT)
    assert_error(exchange(str(uuid.uuid4()), teams["user_id"]), expect.TEAMS_APP_ID_MISMATCH)
    assert_error(exchange(teams["app_id"], str(uuid.uuid4())), expect.TEAMS_USER_ID_MISMATCH)
