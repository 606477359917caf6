"""Home -> window: for every example, the QR code printed on the guide, read back from the
page image, gives an application whose check result equals the original's."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
TODAY = "2026-11-23"

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_qr_code_read_from_the_printed_guide_gives_the_same_check_result(example, tmp_path):
    rendered = run("render", str(example), "-o", str(tmp_path), "--only", "guide", "--today", TODAY)
    assert rendered.returncode == 0, rendered.stderr
    guide = next(tmp_path.glob("*.guide.pdf"))
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(guide), str(tmp_path / "scan")],
                   check=True)
    scan = next(tmp_path.glob("scan*.png"))
    imported = tmp_path / "imported.json"
    decoded = run("handoff", "decode", str(scan), "-o", str(imported))
    assert decoded.returncode == 0, decoded.stderr
    original = json.loads(run("check", str(example), "--json", "--today", TODAY).stdout)
    again = json.loads(run("check", str(imported), "--json", "--today", TODAY).stdout)
    assert again == original


def test_an_altered_code_text_is_refused_and_writes_nothing(tmp_path):
    text = run("handoff", "encode", str(EXAMPLES[0])).stdout.strip()
    altered = text[:-5] + ("A" if text[-5] != "A" else "B") + text[-4:]
    out = tmp_path / "never.json"
    result = run("handoff", "decode", altered, "-o", str(out))
    assert result.returncode == 1
    assert "改动" in result.stderr
    assert not out.exists()
