"""Incident files checked in chunks, from the cache or in worker processes (``file_checker``).

A chunk of ``CHUNK`` files is checked by one worker and pickled there, once: the same bytes come
back to the build's process and go into the store (``cache.ChunkCache``), which only that
process writes. Chunks come back in order, so problems and records keep the order of the files.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from generator.build.cache import (
    ChunkCache,
    Packed,
    pack_chunk,
    unpacked_chunk,
    unpacked_records,
)
from generator.build.record_outputs import Made
from generator.content.validate import Checked, Context, FileChecker, check_incident_file
from generator.model import Incident

PARALLEL_FROM = 400
"""Below this many incident files, worker processes cost more than they save."""
CHUNK = 100
"""Incident files per task sent to a worker."""
T = TypeVar("T")
Done = tuple[Packed, list[Made | None]]
"""A checked chunk as the store keeps it, and what each of its records made (``Made``)."""


def check_files(
    paths: list[Path], context: Context, workers: int | None, cache: ChunkCache | None
) -> Iterator[Checked]:
    """Check every file, in order and in chunks; an unchanged chunk comes from the cache.

    The other chunks are checked in worker processes when there are many files and cores.
    With a cache, what is yielded holds no record (``Checked.incident`` is None): the records
    stay in their chunks, read only when needed (``ChunkCache.records``), and ``cache.held``
    lists each chunk with the ids of its valid records, in order.
    """
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    names = [cache.name(chunk) if cache else "" for chunk in chunks]
    stored = [bool(cache and cache.has(name)) for name in names]
    tasks = [Task(chunk, name) for chunk, name in zip(chunks, names, strict=True)]
    # A chunk not stored (an edited file in it) takes its other files' records from the
    # chunks that hold them: only the files that changed are checked again.
    reused = {
        task.name: cache.stored_records(task.paths) if cache else {}
        for task, hit in zip(tasks, stored, strict=True)
        if not hit
    }
    missing = [
        Task([path for path in task.paths if path.stem not in reused[task.name]], task.name)
        for task in tasks
        if task.name in reused
    ]
    checked = _check_chunks([task for task in missing if task.paths], context, workers)
    for task, hit in zip(tasks, stored, strict=True):
        stored_checked = cache.get(task.name) if cache and hit else None
        results = unpacked_chunk(stored_checked) if stored_checked is not None else None
        if results is None:
            if not hit and reused[task.name]:
                packed, made = _merged(task, reused[task.name], checked, context)
            else:
                packed, made = next(checked) if not hit else check_task(task, context)
            results = _just_packed(unpacked_chunk(packed.checked))
            if cache is None:
                records = _just_packed(unpacked_records(packed.records))
                results = [
                    replace(c, incident=i, made=m)
                    for c, i, m in zip(results, records, made, strict=True)
                ]
            else:
                cache.put(task.name, packed, task.paths, results, made)
        if cache is not None:
            cache.held.append((task.name, [c.summary.id for c in results if c.summary]))
        yield from results


def _merged(
    task: Task,
    reused: dict[str, tuple[Checked, Incident]],
    checked: Iterator[Done],
    context: Context,
) -> Done:
    """The chunk packed, its files in order: those ``reused``, and the others just ``checked``.

    What a reused record made is in the store already: only the others' comes with it.
    """
    fresh: Iterator[tuple[Checked, Incident | None, Made | None]] = iter(())
    if len(reused) < len(task.paths):
        packed, made = next(checked)
        results = _just_packed(unpacked_chunk(packed.checked))
        records = _just_packed(unpacked_records(packed.records))
        fresh = zip(results, records, made, strict=True)
    merged = [
        (*reused[path.stem], None) if path.stem in reused else next(fresh) for path in task.paths
    ]
    records = [i for _, i, _ in merged]
    return pack_chunk([c for c, _, _ in merged], records, context.vocabulary), [
        m for _, _, m in merged
    ]


def _just_packed(found: list[T] | None) -> list[T]:
    """What a chunk packed in this build holds: it always unpickles, else the build is broken."""
    if found is None:
        raise RuntimeError("a chunk packed in this build does not unpickle")
    return found


def file_checker(workers: int | None, cache: ChunkCache | None = None) -> FileChecker:
    """``check_files`` with these workers and cache, as ``validate.check_and_make`` takes it."""
    return partial(check_files, workers=workers, cache=cache)


@dataclass(frozen=True)
class Task:
    """A chunk of incident files and the name of its cache entry."""

    paths: list[Path]
    name: str


def check_task(task: Task, context: Context) -> Done:
    """Check a chunk: it packed (``cache.pack_chunk``), and what each record made apart."""
    checked = _check_chunk(task.paths, context)
    light = [replace(c, incident=None, made=None) for c in checked]
    records = [c.incident for c in checked]
    return pack_chunk(light, records, context.vocabulary), [c.made for c in checked]


def _check_chunks(tasks: list[Task], context: Context, workers: int | None) -> Iterator[Done]:
    """Check chunks of files, in order: in worker processes when there are many files."""
    count = sum(len(task.paths) for task in tasks)
    if workers is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        workers = min(cores, 8) if count >= PARALLEL_FROM else 1
    if workers < 2 or len(tasks) < 2:
        yield from (check_task(task, context) for task in tasks)
        return
    # Forked workers start at once with the modules already imported.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    if method == "fork":
        trim_heap()
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_set_worker_context,
        initargs=(context,),
    ) as pool:
        yield from pool.map(_check_worker_task, tasks)


def trim_heap() -> None:
    """Give the memory this process freed back to the system, where the C library can.

    A forked worker starts with every resident page of the build's process mapped, and each
    counts in its memory: what the build freed while checking the sources, and its allocator
    kept, would count once more in every worker (about 50 MB each at 100,000 records).
    glibc's ``malloc_trim``; elsewhere nothing is done.
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)


def _check_chunk(paths: list[Path], context: Context) -> list[Checked]:
    checked = [check_incident_file(path, context) for path in paths]
    share_field_sets(c.incident for c in checked if c.incident is not None)
    return checked


def share_field_sets(models: Iterable[BaseModel]) -> None:
    """Make equal sets of set fields one object across the models and their parts.

    Every pydantic model keeps the names of its set fields in a set of its own: a third of an
    incident's memory. The models are frozen, so the sets never change and can be shared;
    pickle then sends each distinct set once per chunk, and the build's process keeps one.
    """
    shared: dict[frozenset[str], set[str]] = {}

    def visit(model: BaseModel) -> None:
        names = model.__pydantic_fields_set__
        object.__setattr__(
            model, "__pydantic_fields_set__", shared.setdefault(frozenset(names), names)
        )
        for value in model.__dict__.values():
            if isinstance(value, BaseModel):
                visit(value)
            elif isinstance(value, tuple) and value and isinstance(value[0], BaseModel):
                for part in value:
                    visit(part)

    for model in models:
        visit(model)


_worker_context: Context | None = None


def _set_worker_context(context: Context) -> None:
    global _worker_context
    _worker_context = context


def _check_worker_task(task: Task) -> Done:
    assert _worker_context is not None, "worker started without its context"
    return check_task(task, _worker_context)
