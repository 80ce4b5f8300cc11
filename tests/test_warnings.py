"""The suite's warning filter: this project's own warnings fail, a third party's notice does not.

pyproject.toml turns every warning into an error, except a deprecation notice raised inside a
third-party package (WeasyPrint's notice that HarfBuzz-Subset will be required, on a machine
without ``libharfbuzz-subset0``). One that points at a line of this project (a deprecated call
made from ``generator/`` or ``tests/``) still fails. Each test runs pytest in a subprocess with
the project's configuration on a small test module generated for it (invented code).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.core.settings import ROOT

THIRD_PARTY = '''
"""An invented third-party package."""
import warnings


def old() -> None:
    warnings.warn("old() is deprecated inside the library", DeprecationWarning)


def pending() -> None:
    warnings.warn("pending() will go", PendingDeprecationWarning)


def deprecated_api() -> None:
    warnings.warn("deprecated_api() is called by its user", DeprecationWarning, stacklevel=2)


def misused() -> None:
    warnings.warn("not a deprecation", UserWarning)

warnings.warn("imported on a machine without an optional library", DeprecationWarning)
'''

PROBE = '''
"""Invented tests that make warnings."""
import warnings

import some_library


def test_third_party_deprecation_inside_the_library() -> None:
    some_library.old()
    some_library.pending()


def test_own_call_of_a_deprecated_api() -> None:
    some_library.deprecated_api()


def test_own_deprecation_warning() -> None:
    warnings.warn("ours", DeprecationWarning)


def test_generator_warning() -> None:
    warnings.warn_explicit(
        "ours", DeprecationWarning, "generator/build/pipeline.py", 1, "generator.build.pipeline"
    )


def test_third_party_user_warning() -> None:
    some_library.misused()
'''

HIDE_HARFBUZZ_SUBSET = '''
"""Invented: make this process behave as if libharfbuzz-subset0 were not installed."""
import cffi


_dlopen = cffi.FFI.dlopen


def dlopen(self, name, *args, **kwargs):
    if "harfbuzz-subset" in str(name):
        raise OSError(f"cannot load library {name!r} (hidden by the test)")
    return _dlopen(self, name, *args, **kwargs)


cffi.FFI.dlopen = dlopen
'''

PDF_PROBE = '''
"""Invented: print a page to PDF without HarfBuzz-Subset, twice, a second apart."""
import os
import time

import weasyprint.text.ffi

from generator.report.document import html_to_pdf


def test_pdf_without_harfbuzz_subset() -> None:
    assert weasyprint.text.ffi.harfbuzz_subset is None
    assert "SOURCE_DATE_EPOCH" not in os.environ
    first = html_to_pdf("<p>Text in DejaVu Sans</p>")
    time.sleep(1.1)
    assert first.startswith(b"%PDF-")
    assert html_to_pdf("<p>Text in DejaVu Sans</p>") == first
    assert "SOURCE_DATE_EPOCH" not in os.environ
'''


def run_pytest(folder: Path) -> dict[str, str]:
    """Run pytest with the project's configuration in ``folder``; return each test's outcome."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(folder),
        ]
        + ["-p", "no:cacheprovider", "-rA", "-q", str(folder / "tests")],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        env={
            **{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
            "PYTHONPATH": str(folder),
        },
    )
    outcomes = {}
    for line in result.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("PASSED", "FAILED", "ERROR") and "::" in rest:
            outcomes[rest.split("::")[1].split(" ")[0]] = word
    assert outcomes, result.stdout + result.stderr
    return outcomes


def lay_out(folder: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (path: text) under ``folder``."""
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_only_this_projects_own_warnings_fail_the_suite(tmp_path: Path) -> None:
    folder = lay_out(
        tmp_path,
        {"some_library.py": THIRD_PARTY, "tests/__init__.py": "", "tests/test_probe.py": PROBE},
    )
    assert run_pytest(folder) == {
        "test_third_party_deprecation_inside_the_library": "PASSED",
        "test_own_call_of_a_deprecated_api": "FAILED",
        "test_own_deprecation_warning": "FAILED",
        "test_generator_warning": "FAILED",
        "test_third_party_user_warning": "FAILED",
    }


@pytest.mark.slow
def test_the_report_prints_the_same_bytes_without_harfbuzz_subset(tmp_path: Path) -> None:
    folder = lay_out(
        tmp_path,
        {
            "sitecustomize.py": HIDE_HARFBUZZ_SUBSET,
            "tests/__init__.py": "",
            "tests/test_pdf.py": PDF_PROBE,
        },
    )
    assert run_pytest(folder) == {"test_pdf_without_harfbuzz_subset": "PASSED"}
