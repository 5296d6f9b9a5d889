"""CommunicationTokenCredential (azure-communication-chat's public one, sync and aio) with emulator tokens."""
from datetime import timedelta

import pytest
from azure.core.credentials import AccessToken
from azure.communication.chat import CommunicationTokenCredential
from azure.communication.chat.aio import CommunicationTokenCredential as AsyncCommunicationTokenCredential

from acs.jwt import decode_payload, fingerprint


def _credential(mode, token, **options):
    return (AsyncCommunicationTokenCredential if mode.is_aio else CommunicationTokenCredential)(token, **options)


@pytest.mark.covers("IssueAccessToken@2022-10-01")
def test_credential_parses_an_emulator_token(client, users, mode):
    user, token = client.create_user_and_token(["chat"])
    users.append(user)
    credential = _credential(mode, token.token)

    access = client.run(credential.get_token())

    assert fingerprint(access.token) == fingerprint(token.token)
    assert access.expires_on == decode_payload(token.token)["exp"]
    client.run(credential.close())


@pytest.mark.emulator_only("moves the emulator's clock")
@pytest.mark.covers("IssueAccessToken@2022-10-01")
def test_credential_refreshes_a_token_near_expiry_on_the_emulated_clock(make_client, users, target, mode):
    client = make_client()
    user = client.create_user()
    users.append(user)
    # With the emulated clock 59 minutes behind, a 60-minute token expires a minute from now (real time), inside
    # the credential's 2-minute on-demand refresh window.
    target.admin.set_clock_offset(-59 * 60)
    try:
        near = client.get_token(user, ["chat"], token_expires_in=timedelta(minutes=60))
    finally:
        target.admin.reset_clock()
    refreshed = []

    def remember(fresh):
        refreshed.append(fresh.token)
        return AccessToken(fresh.token, decode_payload(fresh.token)["exp"])

    if mode.is_aio:
        async def refresher():
            return remember(await client.sdk.get_token(user, ["chat"]))
    else:
        def refresher():
            return remember(client.get_token(user, ["chat"]))

    credential = _credential(mode, near.token, token_refresher=refresher)
    access = client.run(credential.get_token())

    assert len(refreshed) == 1
    assert fingerprint(access.token) == fingerprint(refreshed[0]) != fingerprint(near.token)
    assert target.admin.validate(access.token)["valid"] is True
    assert access.expires_on - decode_payload(near.token)["exp"] > 3600
    client.run(credential.close())
