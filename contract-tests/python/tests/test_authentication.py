"""Access-key authentication as the SDK signs it, and what a Python user meets building the client."""
import base64

import pytest
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError

from acs.expect import DENIED, assert_error


@pytest.mark.covers("CreateIdentity@2022-10-01#wrong-key", "IssueAccessToken@2022-10-01#wrong-key")
def test_wrong_key_is_denied(make_client, client, users, mode):
    user = client.create_user()
    users.append(user)
    wrong = make_client(access_key=base64.b64encode(b"another-resource-key-0123456789ab").decode())

    assert_error(wrong.create_user, DENIED)
    assert_error(lambda: wrong.get_token(user, ["chat"]), DENIED)


@pytest.mark.covers("CreateIdentity@2022-10-01#endpoint-trailing-slash")
def test_endpoint_with_trailing_slash_is_denied(make_client, target, mode):
    # The SDK signs the host with the slash ("localhost:5123/"), which is not the Host header sent.
    client = make_client(endpoint=target.endpoints[mode.scheme] + "/", from_endpoint=True)

    with pytest.raises((ClientAuthenticationError, HttpResponseError)) as caught:
        client.create_user()
    assert caught.value.status_code == 401
