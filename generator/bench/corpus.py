"""The benchmark's corpora and saved results under build/bench/.

A corpus is synthesised once per size and seed and reused while its fingerprint (the
synthesiser, its templates and the vocabulary) holds; each size's measurements are saved as
JSON, so that a report can combine sizes measured apart (``--report-only``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from dataclasses import asdict
from pathlib import Path

from generator.bench.process import BENCH_DIR, Run, SizeResult
from generator.bench.synth import copy_project_files, synthesize
from generator.core.settings import ROOT


def corpus_for(size: int, seed: int) -> tuple[Path, float | None]:
    """The synthetic repository for a size, reused when its fingerprint matches.

    The copied project files (vocabulary, pages, mkdocs.yml) are refreshed either way.
    """
    root = BENCH_DIR / f"corpus-{size}-seed{seed}"
    marker = root / ".synthesized"
    fingerprint = _fingerprint(size, seed)
    if marker.is_file() and marker.read_text(encoding="utf-8") == fingerprint:
        copy_project_files(root)
        return root, None
    shutil.rmtree(root, ignore_errors=True)
    started = time.perf_counter()
    synthesize(root, size, seed)
    elapsed = time.perf_counter() - started
    marker.write_text(fingerprint, encoding="utf-8")
    return root, elapsed


def _fingerprint(size: int, seed: int) -> str:
    digest = hashlib.sha256(f"{size}:{seed}".encode())
    here = Path(__file__).parent
    for path in (here / "synth.py", here / "synth_text.py", ROOT / "content" / "vocabulary.yaml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def edit_record(root: Path, token: str) -> tuple[Path, str, bytes]:
    """Change the summary of the middle incident; return its file, id and original bytes."""
    paths = sorted((root / "content" / "incidents").glob("*.yaml"))
    path = paths[len(paths) // 2]
    original = path.read_bytes()
    text = original.decode("utf-8")
    edited = text.replace("an invented", f"an invented ({token})", 1)
    path.write_text(edited, encoding="utf-8")
    return path, path.stem, original


def save_result(result: SizeResult) -> None:
    """Keep a size's measurements, so that a report can combine sizes measured apart."""
    path = BENCH_DIR / f"results-{result.size}.json"
    path.write_text(json.dumps(asdict(result), indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_result(size: int) -> SizeResult:
    """The last saved measurements of a size."""
    data = json.loads((BENCH_DIR / f"results-{size}.json").read_text(encoding="utf-8"))
    runs = {label: Run(**run) for label, run in data.pop("runs").items()}
    return SizeResult(**data, runs=runs)
