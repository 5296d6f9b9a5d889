"""The SDK's CommunicationIdentityClient in every mode a user can pick, behind one synchronous facade.

Modes: sync client (requests transport) and aio client with its default aiohttp transport or azure-core's
AsyncioRequestsTransport, each over http and https. Over http the client is built from the endpoint URL (no
trailing slash) and an AzureKeyCredential, because from_connection_string always makes the endpoint https://;
over https from the connection string. The emulator's certificate is trusted with connection_verify=<PEM>.
"""
import asyncio
import inspect
from dataclasses import dataclass

from azure.core.credentials import AzureKeyCredential
from azure.core.pipeline.transport import AsyncioRequestsTransport
from azure.communication.identity import CommunicationIdentityClient
from azure.communication.identity.aio import CommunicationIdentityClient as AsyncCommunicationIdentityClient


@dataclass(frozen=True)
class Mode:
    client: str  # "sync" | "aio"
    transport: str  # "requests" | "aiohttp"
    scheme: str  # "http" | "https"

    @property
    def id(self):
        return f"{self.client}-{self.transport}-{self.scheme}"

    @property
    def is_aio(self):
        return self.client == "aio"


MODES = [
    Mode("sync", "requests", "http"),
    Mode("sync", "requests", "https"),
    Mode("aio", "aiohttp", "http"),
    Mode("aio", "aiohttp", "https"),
    Mode("aio", "requests", "http"),
    Mode("aio", "requests", "https"),
]


class IdentityClient:
    """Calls the sync or aio SDK client the same way; aio calls run on this facade's own event loop."""

    def __init__(self, mode, endpoint, access_key, ca_file=None, **options):
        self.mode = mode
        self._loop = asyncio.new_event_loop() if mode.is_aio else None
        verify = {"connection_verify": ca_file} if ca_file and mode.scheme == "https" else {}
        if mode.scheme == "https" and not options.pop("from_endpoint", False):
            connection_string = f"endpoint={endpoint}/;accesskey={access_key}"
            build = lambda cls, **kw: cls.from_connection_string(connection_string, **kw)  # noqa: E731
        else:
            build = lambda cls, **kw: cls(endpoint, AzureKeyCredential(access_key), **kw)  # noqa: E731
        if not mode.is_aio:
            self._client = build(CommunicationIdentityClient, **verify, **options)
        elif mode.transport == "requests":
            self._client = build(AsyncCommunicationIdentityClient, transport=AsyncioRequestsTransport(**verify), **options)
        else:
            self._client = build(AsyncCommunicationIdentityClient, **verify, **options)

    @property
    def sdk(self):
        """The SDK client itself (for the aio client: await its methods on this facade's loop)."""
        return self._client

    def run(self, value):
        return self._loop.run_until_complete(value) if inspect.isawaitable(value) else value

    def __getattr__(self, name):
        method = getattr(self._client, name)
        return lambda *args, **kwargs: self.run(method(*args, **kwargs))

    def close(self):
        if self.mode.is_aio:
            self.run(self._client.close())
        else:
            # The sync client of 1.3.2 has neither close() nor a context manager; its generated client has.
            self._client._identity_service_client.close()  # pylint: disable=protected-access
        if self._loop is not None:
            self._loop.close()
