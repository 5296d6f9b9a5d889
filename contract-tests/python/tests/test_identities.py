"""create_user, create_user_and_token, get_token, revoke_tokens, delete_user with the real SDK, in every mode."""
from datetime import timedelta

import pytest
from azure.communication.identity import CommunicationTokenScope, CommunicationUserIdentifier

from acs.expect import IDENTITY_NOT_FOUND, assert_error, expires_in_error, parse_expires_on, seconds_from_now
from acs.jwt import decode_payload

# The SDK's ApiVersion enum (2022-10-01 is its default), and 2023-10-01 that its api_version reaches.
SDK_VERSIONS = ["2021-03-07", "2022-06-01", "2022-10-01", "2023-10-01"]


@pytest.mark.covers("CreateIdentity@2022-10-01")
def test_create_user_returns_an_acs_identity(client, users, target, mode):
    user = client.create_user()
    users.append(user)

    assert isinstance(user, CommunicationUserIdentifier)
    assert user.properties["id"].startswith("8:acs:")
    if target.is_emulator:
        assert user.properties["id"].startswith(f"8:acs:{target.resource_id}_")
        status, _ = target.admin.call("GET", "/emulator/identities/" + user.properties["id"])
        assert status == 200


@pytest.mark.parametrize("scope", [CommunicationTokenScope.CHAT, CommunicationTokenScope.VOIP])
@pytest.mark.covers("CreateIdentity@2022-10-01")
def test_create_user_and_token_with_each_sdk_scope(client, users, scope, mode):
    user, token = client.create_user_and_token([scope])
    users.append(user)

    claims = decode_payload(token.token)
    assert claims["acsScope"] == scope.value
    assert claims["skypeid"] == user.properties["id"][2:]
    assert abs(seconds_from_now(parse_expires_on(token.expires_on)) - 86_400) < 600


@pytest.mark.parametrize("scope", ["chat.join", "chat.join.limited", "voip.join"])
@pytest.mark.covers("CreateIdentity@2023-10-01", "IssueAccessToken@2023-10-01")
def test_join_scopes_through_api_version_2023_10_01(make_client, users, scope, mode):
    client = make_client(api_version="2023-10-01")

    user, token = client.create_user_and_token([scope])
    users.append(user)
    again = client.get_token(user, [scope, "chat"])

    assert decode_payload(token.token)["acsScope"] == scope
    assert decode_payload(again.token)["acsScope"] == f"{scope},chat"


@pytest.mark.parametrize("minutes", [60, 1440])
@pytest.mark.covers("IssueAccessToken@2022-10-01", "CreateIdentity@2022-10-01")
def test_token_expires_in_as_asked(client, users, minutes, mode):
    user = client.create_user()
    users.append(user)

    token = client.get_token(user, ["chat"], token_expires_in=timedelta(minutes=minutes))
    other, created = client.create_user_and_token(["voip"], token_expires_in=timedelta(minutes=minutes))
    users.append(other)

    for issued in (token, created):
        expires_on = parse_expires_on(issued.expires_on)
        assert abs(seconds_from_now(expires_on) - minutes * 60) < 600
        assert int(expires_on.timestamp()) == decode_payload(issued.token)["exp"]


@pytest.mark.parametrize("minutes", [59, 1441])
@pytest.mark.covers("IssueAccessToken@2022-10-01#expiresInMinutes-out-of-range",
                    "CreateIdentity@2022-10-01#expiresInMinutes-out-of-range")
def test_token_expires_in_out_of_range_is_the_recorded_validation_error(client, users, minutes, mode):
    user = client.create_user()
    users.append(user)

    assert_error(lambda: client.get_token(user, ["chat"], token_expires_in=timedelta(minutes=minutes)),
                 expires_in_error("issue", minutes))
    assert_error(lambda: client.create_user_and_token(["chat"], token_expires_in=timedelta(minutes=minutes)),
                 expires_in_error("create", minutes))


@pytest.mark.covers("IssueAccessToken@2022-10-01#scopes-empty")
def test_get_token_without_scopes_is_the_recorded_validation_error(client, users, mode):
    user = client.create_user()
    users.append(user)

    assert_error(lambda: client.get_token(user, []), (400, "ValidationError", "Invalid scopes - Scopes field is required."))


@pytest.mark.emulator_only("POST /emulator/tokens/validate")
@pytest.mark.covers("RevokeAccessTokens@2022-10-01", "IssueAccessToken@2022-10-01")
def test_revoke_makes_old_tokens_revoked_and_new_ones_valid(client, users, target, mode):
    user, old = client.create_user_and_token(["chat"])
    users.append(user)
    assert target.admin.validate(old.token)["valid"] is True

    client.revoke_tokens(user)
    new = client.get_token(user, ["chat"])

    verdict = target.admin.validate(old.token)
    assert verdict["valid"] is False and verdict["reason"] == "revoked"
    assert target.admin.validate(new.token)["valid"] is True


@pytest.mark.covers("DeleteIdentity@2022-10-01", "IssueAccessToken@2022-10-01#identity-deleted")
def test_delete_then_get_token_fails_and_old_token_is_identity_deleted(client, users, target, mode):
    user, old = client.create_user_and_token(["voip"])
    users.append(user)

    client.delete_user(user)

    error = assert_error(lambda: client.get_token(user, ["voip"]), IDENTITY_NOT_FOUND, exact_code=target.is_emulator)
    assert error.status_code >= 400
    if target.is_emulator:
        verdict = target.admin.validate(old.token)
        assert verdict["valid"] is False and verdict["reason"] == "identityDeleted"


@pytest.mark.parametrize("api_version", SDK_VERSIONS)
@pytest.mark.covers("CreateIdentity@{api_version}", "IssueAccessToken@{api_version}",
                    "RevokeAccessTokens@{api_version}", "DeleteIdentity@{api_version}")
def test_lifecycle_at_each_sdk_api_version(make_client, users, api_version, mode):
    client = make_client(api_version=api_version)

    user, token = client.create_user_and_token(["chat", "voip"])
    users.append(user)
    reissued = client.get_token(user, ["voip"])
    client.revoke_tokens(user)
    client.delete_user(user)

    assert decode_payload(token.token)["acsScope"] == "chat,voip"
    assert decode_payload(reissued.token)["acsScope"] == "voip"


@pytest.mark.covers("IssueAccessToken@2022-10-01#identity-not-owned")
def test_identity_of_another_resource_is_identity_not_owned(client, mode):
    foreign = CommunicationUserIdentifier(
        "8:acs:00000000-0000-0000-0000-000000000000_00000000-0000-0000-0000-000000000000")

    assert_error(lambda: client.get_token(foreign, ["chat"]),
                 (401, "IdentityNotOwned", "Provided identity doesn't belong to the resource."))
