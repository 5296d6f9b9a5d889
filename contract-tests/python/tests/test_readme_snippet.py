"""The README's Python snippet runs as printed, over http and over https (CA through REQUESTS_CA_BUNDLE)."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[3] / "README.md"


def python_snippet():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)
    assert len(blocks) == 1, f"README.md should hold one ```python block, found {len(blocks)}"
    return blocks[0]


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_readme_python_snippet_runs_as_printed(targets, scheme, tmp_path):
    emulator = targets["emulator"]
    if emulator.skip:
        pytest.skip(emulator.skip)
    script = tmp_path / "snippet.py"
    script.write_text(python_snippet())
    # As the banner prints it: with the trailing slash.
    env = {**os.environ, "COMMUNICATION_SERVICES_CONNECTION_STRING":
           f"endpoint={emulator.endpoints[scheme]}/;accesskey={emulator.access_key}"}
    if scheme == "https":
        env["REQUESTS_CA_BUNDLE"] = emulator.ca_file

    run = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=60)

    assert run.returncode == 0, run.stderr[-2000:]
    identity, expires_on = run.stdout.split()
    assert identity.startswith(f"8:acs:{emulator.resource_id}_")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00", expires_on)
