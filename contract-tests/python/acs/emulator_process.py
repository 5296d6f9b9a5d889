"""Starts the emulator as a real child process on free ports and stops it again."""
import json
import os
import re
import secrets
import base64
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DLL = REPO_ROOT / "emulator" / "Emulator" / "bin" / "Release" / "net10.0" / "Emulator.dll"
HTTP_URL = re.compile(r"endpoint=(http://[^/;\s]+)/")


class EmulatorProcess:
    """`dotnet Emulator.dll --port 0 --https-port 0 --access-key K --data-dir D`; the OS picks the ports.

    The http port is read from the banner's first connection string (the only thing taken from it); everything
    else (https endpoint, resource id) comes from GET /emulator/info. The key is random and never printed.
    """

    def __init__(self, dll=None, ready_timeout=120):
        self.dll = Path(dll or os.environ.get("EMULATOR_DLL") or DEFAULT_DLL)
        self.ready_timeout = ready_timeout
        self.access_key = base64.b64encode(secrets.token_bytes(32)).decode()
        self.work_dir = Path(tempfile.mkdtemp(prefix="acs-emulator-py-"))
        self.log_path = self.work_dir / "emulator.log"
        self.process = None
        self.url = None

    def start(self):
        if not self.dll.is_file():
            raise RuntimeError(
                f"Emulator not found at {self.dll}. Build it first (dotnet build -c Release emulator/Emulator), "
                "set EMULATOR_DLL to the built Emulator.dll, or set EMULATOR_URL to a running emulator.")
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            ["dotnet", str(self.dll), "--port", "0", "--https-port", "0", "--access-key", self.access_key,
             "--data-dir", str(self.work_dir / "data")],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**os.environ, "DOTNET_NOLOGO": "1"})
        log.close()
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Emulator exited with {self.process.returncode} before it was ready:\n{self.redacted_log()}")
            if self.url is None:
                match = HTTP_URL.search(self.log_path.read_text(errors="replace"))
                self.url = match.group(1) if match else None
            if self.url is not None and self._ready():
                return self
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"Emulator not ready after {self.ready_timeout} s:\n{self.redacted_log()}")

    def _ready(self):
        try:
            with urllib.request.urlopen(f"{self.url}/emulator/health/ready", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def redacted_log(self):
        try:
            text = self.log_path.read_text(errors="replace").replace(self.access_key, "<access-key>")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-60:])

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if not os.environ.get("KEEP_EMULATOR_LOG"):
            shutil.rmtree(self.work_dir, ignore_errors=True)


def get_json(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=15) as response:
        return json.loads(response.read())
