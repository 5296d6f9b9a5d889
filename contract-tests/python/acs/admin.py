"""The emulator's own endpoints (docs/emulator-endpoints.md): no HMAC, no api-version.

Every call also sends x-emulator-access-key, so the suite keeps working against an emulator that asks non-loopback
callers for the key (a container)."""
import json
import urllib.error
import urllib.request


class EmulatorAdmin:
    def __init__(self, base_url, access_key=None):
        self.base_url = base_url.rstrip("/")
        self.access_key = access_key

    def call(self, method, path, body=None):
        headers = {"x-emulator-access-key": self.access_key} if self.access_key else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def _ok(self, method, path, body=None):
        status, payload = self.call(method, path, body)
        if status != 200:
            raise AssertionError(f"{method} {path}: expected 200, got {status} {payload[:300]!r}")
        return json.loads(payload)

    def info(self):
        return self._ok("GET", "/emulator/info")

    def certificate_pem(self):
        status, payload = self.call("GET", "/emulator/certificate")
        if status != 200 or b"BEGIN CERTIFICATE" not in payload:
            raise AssertionError(f"GET /emulator/certificate: expected a PEM, got {status}")
        return payload.decode()

    def validate(self, token):
        """POST /emulator/tokens/validate → {valid, reason?, ...}"""
        return self._ok("POST", "/emulator/tokens/validate", {"token": token})

    def set_clock_offset(self, seconds):
        return self._ok("PUT", "/emulator/clock", {"offsetSeconds": seconds})

    def reset_clock(self):
        return self._ok("DELETE", "/emulator/clock")
