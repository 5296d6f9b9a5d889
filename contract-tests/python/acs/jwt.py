"""Decoding ACS tokens and making up the Teams user tokens an emulator without Entra authority accepts."""
import base64
import hashlib
import json
import time
import uuid


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def decode_payload(token):
    parts = token.split(".")
    assert len(parts) == 3, f"not a 3-part JWT ({len(parts)} parts)"
    padded = parts[1] + "=" * (-len(parts[1]) % 4)
    return json.loads(base64.urlsafe_b64decode(padded))


def teams_user_token(expires_in_seconds=3600, app_id=None, user_id=None):
    """An unsigned (alg none) Entra-style Teams user token with appid/oid/tid/exp. Never valid against live Azure."""
    app_id = app_id or str(uuid.uuid4())
    user_id = user_id or str(uuid.uuid4())
    now = int(time.time())
    payload = {
        "aud": "https://auth.msft.communication.azure.com", "iat": now, "nbf": now, "exp": now + expires_in_seconds,
        "appid": app_id, "oid": user_id, "tid": str(uuid.uuid4()), "scp": "Teams.ManageCalls Teams.ManageChats",
        "ver": "1.0",
    }
    header = _b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    token = f"{header}.{_b64url(json.dumps(payload).encode())}."
    return {"token": token, "app_id": app_id, "user_id": user_id, "exp": payload["exp"]}


def fingerprint(token):
    """A short digest to compare tokens in assertions: a failing assert never shows a whole token."""
    return hashlib.sha256(token.encode()).hexdigest()[:12]
