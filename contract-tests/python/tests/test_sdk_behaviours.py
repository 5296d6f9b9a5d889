"""What a Python user meets with azure-communication-identity 1.3.2 (README "Python"): SDK behaviour, checked so
the README stays true. Emulator only, one client mode each."""
import asyncio

import pytest
from azure.core.credentials import AzureKeyCredential
from azure.core.exceptions import ServiceRequestError
from azure.core.pipeline.transport import AsyncioRequestsTransport
from azure.communication.identity import CommunicationIdentityClient
from azure.communication.identity.aio import CommunicationIdentityClient as AsyncCommunicationIdentityClient


@pytest.fixture
def emulator(targets):
    if targets["emulator"].skip:
        pytest.skip(targets["emulator"].skip)
    return targets["emulator"]


def test_from_connection_string_turns_an_http_endpoint_into_https(emulator):
    client = CommunicationIdentityClient.from_connection_string(
        f"endpoint={emulator.endpoints['http']}/;accesskey={emulator.access_key}", connection_timeout=5)

    # It speaks TLS to the http port, which fails before any request is answered.
    with pytest.raises(ServiceRequestError):
        client.create_user()


def test_sync_client_without_the_ca_refuses_the_certificate_and_with_connection_verify_accepts_it(emulator):
    endpoint, key = emulator.endpoints["https"], AzureKeyCredential(emulator.access_key)

    with pytest.raises(ServiceRequestError):
        CommunicationIdentityClient(endpoint, key).create_user()
    assert CommunicationIdentityClient(endpoint, key, connection_verify=emulator.ca_file).create_user().properties["id"]


def test_aio_client_verifies_tls_with_asyncio_requests_transport_but_not_with_aiohttp(emulator):
    endpoint, key = emulator.endpoints["https"], AzureKeyCredential(emulator.access_key)

    async def create(**options):
        async with AsyncCommunicationIdentityClient(endpoint, key, **options) as client:
            return await client.create_user()

    with pytest.raises(ServiceRequestError):
        asyncio.run(create(transport=AsyncioRequestsTransport()))
    # 1.3.2 over aiohttp 3.8 accepts an untrusted certificate: no CA given, and the call still succeeds.
    assert asyncio.run(create()).properties["id"].startswith("8:acs:")
