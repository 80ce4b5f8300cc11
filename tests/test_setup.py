"""Set-up on a bare Debian machine: `make install` and `make test` bring their system packages.

The Debian packages are listed once, in .ci/system-packages.txt, which the Makefile reads. These
tests run the Makefile's targets with stand-ins for ``dpkg-query``, ``apt-get`` and ``id`` first
on PATH (invented scripts), so that nothing is installed and no network is used.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from generator.core.settings import ROOT

PACKAGES = ROOT / ".ci" / "system-packages.txt"
APT = "apt-get install -y --no-install-recommends"

STAND_INS = {
    "dpkg-query": """#!/bin/sh
for package; do :; done
case " $INSTALLED_PACKAGES " in
  *" $package "*) printf installed ;;
  *) echo "dpkg-query: no packages found matching $package" >&2; exit 1 ;;
esac
""",
    "apt-get": """#!/bin/sh
echo "apt-get $*" >> "$APT_LOG"
""",
    "id": """#!/bin/sh
echo "$FAKE_UID"
""",
}


def listed(target: str) -> list[str]:
    """The packages .ci/system-packages.txt names for ``target`` (targets comma-separated)."""
    lines = PACKAGES.read_text(encoding="utf-8").splitlines()
    rows = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    return [row[0] for row in rows if target in row[1].split(",")]


def run_make(
    tmp_path: Path, target: str, installed: list[str], uid: int
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """``make target`` in the checkout with the stand-ins; the result and apt-get's calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, text in STAND_INS.items():
        (bin_dir / name).write_text(text, encoding="utf-8")
        (bin_dir / name).chmod(stat.S_IRWXU)
    log = tmp_path / "apt.log"
    log.write_text("", encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    environment |= {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "INSTALLED_PACKAGES": " ".join(installed),
        "APT_LOG": str(log),
        "FAKE_UID": str(uid),
    }
    result = subprocess.run(
        ["make", "-s", "-C", str(ROOT), target],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=60,
    )
    return result, log.read_text(encoding="utf-8").splitlines()


def test_the_list_names_weasyprints_libraries_fonts_and_chromium() -> None:
    assert listed("site") == [
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz-subset0",
        "fonts-dejavu-core",
    ]
    assert listed("test") == ["chromium", "r-base-core", "r-cran-jsonlite", "jq"]
    assert listed("bench") == ["chromium"]


def test_nothing_is_installed_when_every_package_is_there(tmp_path: Path) -> None:
    result, apt = run_make(tmp_path, "system-test", listed("site") + listed("test"), 1000)
    assert (result.returncode, result.stdout, result.stderr, apt) == (0, "", "", [])


def test_not_root_stops_with_the_exact_apt_get_line(tmp_path: Path) -> None:
    result, apt = run_make(tmp_path, "system", ["libpango-1.0-0", "libpangoft2-1.0-0"], 1000)
    assert result.returncode != 0
    assert result.stderr.splitlines()[:2] == [
        "missing Debian packages: libharfbuzz-subset0 fonts-dejavu-core; install them with:",
        f"  sudo {APT} libharfbuzz-subset0 fonts-dejavu-core",
    ]
    assert apt == []


def test_root_installs_what_is_missing_and_only_that(tmp_path: Path) -> None:
    site = [p for p in listed("site") if p != "libharfbuzz-subset0"]
    result, apt = run_make(tmp_path, "system-test", site, 0)
    assert result.returncode == 0, result.stderr
    assert apt == [
        "apt-get update -qq",
        f"{APT} -qq libharfbuzz-subset0",
        "apt-get update -qq",
        f"{APT} -qq chromium r-base-core r-cran-jsonlite jq",
    ]


def test_the_site_needs_no_browser(tmp_path: Path) -> None:
    result, apt = run_make(tmp_path, "system", listed("site"), 0)
    assert (result.returncode, apt) == (0, [])


@pytest.mark.parametrize(
    ("target", "needs"), [("install", "site"), ("test", "test"), ("bench", "bench")]
)
def test_install_test_and_bench_check_their_packages(target: str, needs: str) -> None:
    plan = subprocess.run(
        ["make", "-n", "-C", str(ROOT), target],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")},
    ).stdout
    loops = [line for line in plan.splitlines() if "dpkg-query -W" in line]
    assert [f"for package in {' '.join(listed(needs))};" in line for line in loops].count(True) == 1


def test_ci_runs_make_test_only() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [line for line in lines if line and not line.startswith("#")]
    assert commands[-1] == "make test"
    assert not [line for line in commands if "apt-get" in line or "sudo" in line]


def test_readme_lists_every_system_package() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for package in listed("site") + listed("test"):
        assert f"`{package}`" in readme, package
