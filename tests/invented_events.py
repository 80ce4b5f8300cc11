"""INVENTED records for tests of events in several places: no place, count or source is real.

``nationwide()`` is unrest across a whole country with parts of its toll given by place and by
role and a remainder neither splits; ``local()`` is a one-place attack in a region the
nationwide event also touched. Used only in tests; never copied into ``content/``.
"""

from __future__ import annotations

from typing import Any

from generator.model import Incident

SOURCE = "invented-wire-2030-01-05"


def _figure(name: str, best: int, **split: str) -> dict[str, Any]:
    """An invented figure with one claim and an estimate of ``best``."""
    claim = {"value": best, "stated_by": "Invented Wire", "source": SOURCE}
    rule = {"best": best, "low": best, "high": best, "rule": "single-source"}
    return {"figure": name, "claims": [claim], "estimate": rule, **split}


def nationwide(**changes: Any) -> Incident:
    """INVENTED: unrest in the whole country, 100 killed (20 security forces, 50 civilians,
    the rest not classified by the source), 40 of them in Almaty and 10 in Mangystau Region.
    """
    record: dict[str, Any] = {
        "title": "Invented nationwide unrest",
        "status": "published",
        "created": "2030-01-10",
        "summary": "Invented for tests.",
        "when": {"start": "2030-01-02", "end": "2030-01-07", "precision": "day"},
        "places": [
            {
                "id": "almaty",
                "country": "KZ",
                "region": "Almaty",
                "settlement": "Almaty",
                "coordinates": {"lat": 43.24, "lon": 76.95, "precision": "settlement"},
            },
            {
                "id": "zhanaozen",
                "country": "KZ",
                "region": "Mangystau Region",
                "settlement": "Zhanaozen",
                "coordinates": {"lat": 43.34, "lon": 52.86, "precision": "settlement"},
            },
            {"id": "country", "country": "KZ", "extent": "country"},
        ],
        "types": ["riot"],
        "figures": [
            _figure("killed", 100),
            _figure("killed", 20) | {"role": "security-forces"},
            _figure("killed", 50) | {"role": "civilians"},
            _figure("killed", 40, place="almaty"),
            _figure("killed", 10, place="zhanaozen"),
            _figure("injured", 300),
        ],
    }
    record.update(changes)
    return Incident.model_validate({**record, "id": "2030-01-02-invented-nationwide-unrest"})


def local(incident_id: str = "2030-03-01-invented-almaty-attack", **changes: Any) -> Incident:
    """INVENTED: an attack in one place in Almaty, 5 killed (3 perpetrators, 2 civilians)."""
    record: dict[str, Any] = {
        "title": "Invented attack in Almaty",
        "status": "published",
        "created": "2030-03-02",
        "summary": "Invented for tests.",
        "when": {"start": "2030-03-01", "precision": "day"},
        "places": [
            {
                "country": "KZ",
                "region": "Almaty",
                "settlement": "Almaty",
                "coordinates": {"lat": 43.24, "lon": 76.95, "precision": "settlement"},
            }
        ],
        "types": ["armed-assault"],
        "figures": [
            _figure("killed", 3) | {"role": "perpetrators"},
            _figure("killed", 2) | {"role": "civilians"},
        ],
    }
    record.update(changes)
    return Incident.model_validate({**record, "id": incident_id})
