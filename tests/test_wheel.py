"""The package as a wheel: installed into a fresh virtual environment, it builds a checkout.

The wheel carries the templates, the site's assets and the MkDocs plugin; the checkout given
with ``-C`` brings only content/, mkdocs.yml and node_modules/. The site it builds is the one
the editable install builds from the same checkout.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import venv
import zipfile
from pathlib import Path

import pytest

from generator.core.settings import ROOT

pytestmark = pytest.mark.slow

EPOCH = str(int(time.time()) // 86400 * 86400)
"""Today at midnight as SOURCE_DATE_EPOCH, so that both builds date their pages alike."""


def copy_tracked(target: Path, *paths: str) -> Path:
    """The files under ``paths`` that a checkout of this repository holds, as git lists them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", *paths],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, target / name)
    return target


def copy_checkout(target: Path) -> Path:
    """What ``-C`` needs of a checkout: content/, mkdocs.yml and the npm packages."""
    copy_tracked(target, "content", "mkdocs.yml")
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target


def build_wheel(folder: Path) -> Path:
    """A wheel of a clean copy of this checkout, built as `pip install .` builds one.

    A copy, because setuptools builds inside the source tree, and its build/lib/ would keep
    the modules of earlier builds.
    """
    source = copy_tracked(folder / "source", ".")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = folder.glob("incident_record-*.whl")
    return wheel


def fresh_environment(folder: Path, wheel: Path) -> Path:
    """A new virtual environment holding the wheel; its dependencies are this environment's.

    The wheel goes in with ``--no-deps``, and a ``.pth`` file lists this environment's
    site-packages after the new one's, so that no package is fetched and the editable
    install (a finder started by a ``.pth`` file there, which a listed folder does not run)
    is not seen.
    """
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        encoding="utf-8",
        check=True,
    ).stdout.strip()
    ours = sysconfig.get_paths()["purelib"]
    (Path(site_packages) / "project-dependencies.pth").write_text(ours + "\n", encoding="utf-8")
    return python


def clean_environment() -> dict[str, str]:
    """This environment with a fixed build date, without site addresses or a PYTHONPATH.

    A PYTHONPATH naming a checkout would shadow the package installed from the wheel.
    """
    environment = {
        k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL", "PYTHONPATH")
    }
    environment["SOURCE_DATE_EPOCH"] = EPOCH
    return environment


def build_site(python: Path, checkout: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m generator -C checkout site``, run from ``cwd``."""
    return subprocess.run(
        [str(python), "-m", "generator", "-C", str(checkout), "site", "--quiet"],
        cwd=cwd,
        env=clean_environment(),
        capture_output=True,
        encoding="utf-8",
        check=False,
    )


def differences(left: Path, right: Path) -> list[str]:
    """Paths under two folders that are missing from one or differ in bytes."""
    found: list[str] = []
    compared = filecmp.dircmp(left, right)
    stack = [(compared, "")]
    while stack:
        node, prefix = stack.pop()
        found += [f"{prefix}{name}" for name in node.left_only + node.right_only]
        _, mismatch, errors = filecmp.cmpfiles(
            node.left, node.right, node.common_files, shallow=False
        )
        found += [f"{prefix}{name}" for name in mismatch + errors]
        stack += [(sub, f"{prefix}{name}/") for name, sub in node.subdirs.items()]
    return sorted(found)


def test_wheel_carries_templates_and_plugin_but_not_the_benchmark(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "dist")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        plugins = archive.read(entry_points).decode("utf-8")
    assert "generator/templates/incident.md.j2" in names
    assert "generator/templates/partials/table.md.j2" in names
    assert "generator/templates/assets/map.js" in names
    assert "generator/templates/overrides/partials/nav.html" in names
    assert "generator/templates/overrides/main.html" in names
    assert "generator/templates/overrides/partials/javascripts/palette.html" in names
    assert "incident-record = generator.site.mkdocs_plugin:SitePlugin" in plugins
    assert [name for name in names if name.startswith("generator/bench/")] == []


def test_wheel_builds_the_same_site_as_the_editable_install(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "dist")
    python = fresh_environment(tmp_path / "venv", wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    installed = copy_checkout(tmp_path / "installed")
    editable = copy_checkout(tmp_path / "editable")

    where = subprocess.run(
        [str(python), "-c", "import generator; print(generator.__file__)"],
        cwd=elsewhere,
        env=clean_environment(),
        capture_output=True,
        encoding="utf-8",
        check=True,
    ).stdout
    assert str(tmp_path / "venv") in where, where

    result = build_site(python, installed, elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr
    result = build_site(Path(sys.executable), editable, elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr

    assert differences(installed / "build" / "docs", editable / "build" / "docs") == []
    site = differences(installed / "build" / "site", editable / "build" / "site")
    assert [path for path in site if path != "sitemap.xml.gz"] == []
