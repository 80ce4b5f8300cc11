"""Move records written before parties existed to the current format, losing no fact.

Before, a record listed ``perpetrators``, ``victims`` and ``response.forces`` in three fixed
buckets, and its ``fates`` were the perpetrators'. Now every side is a party with a kind and
roles, and each fate names its party. ``migrate`` does this on a record's data;
``migrate_text`` does it on the YAML text, leaving every other line as the curator wrote it.

Run ``python -m generator.tools.migrate FILE...`` to rewrite old records in place; a record
already in the current format is left alone.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.text.filters import slugify

OLD_KEYS = ("perpetrators", "victims")

_PERPETRATOR_KINDS = {
    "individual": "individual",
    "group": "armed-group",
    "state-force": "state-forces",
    "unknown": "unknown",
}
"""The old perpetrator kinds and the party kinds they became."""

_FORCE_WORDS = (
    ("special", "special-forces"),
    ("arystan", "special-forces"),
    ("arlan", "special-forces"),
    ("national guard", "national-guard"),
    ("police", "police"),
    ("army", "military"),
)
_VICTIM_WORDS = (
    ("border guard", "security-service"),
    ("knb", "security-service"),
    ("national security committee", "security-service"),
    ("servicem", "state-forces"),
    ("police", "police"),
    ("officer", "police"),
)
"""Words in a force's name or a victim category, and the party kind they point to (in order)."""


def is_old(data: Any) -> bool:
    """The record still has the old buckets."""
    if not isinstance(data, dict):
        return False
    response = data.get("response")
    forces = isinstance(response, dict) and "forces" in response
    return any(key in data for key in OLD_KEYS) or forces


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """The record's data in the current format: the buckets become parties, fates name one."""
    parties = build_parties(data)
    attackers = [p["id"] for p in parties if "attacker" in p["roles"]]
    new: dict[str, Any] = {}
    for key, value in data.items():
        if key in OLD_KEYS:
            if "parties" not in new and parties:
                new["parties"] = parties
            continue
        if key == "response":
            value = {k: v for k, v in value.items() if k != "forces"}
            if not value:
                continue
        if key == "fates":
            value = [{"party": attackers[0], **fate} for fate in value]
        new[key] = value
    if "parties" not in new and parties:
        new = _insert_after(new, _anchor(new), "parties", parties)
    return new


def build_parties(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Parties from the old perpetrators, victims and responding forces, in that order."""
    parties: list[dict[str, Any]] = []
    perpetrators = data.get("perpetrators") or []
    for index, old in enumerate(perpetrators):
        fallback = "attackers" if len(perpetrators) == 1 else f"attackers-{index + 1}"
        party = {
            "id": _unique(slugify(old["name"]) if old.get("name") else fallback, parties),
            "kind": _PERPETRATOR_KINDS.get(old.get("kind", "unknown"), "unknown"),
            "roles": ["attacker"],
        }
        party.update({k: old[k] for k in ("name", "description") if k in old})
        party.update({k: old[k] for k in ("attribution", "attributed_by") if k in old})
        party["sources"] = old["sources"]
        parties.append(party)
    for old in data.get("victims") or []:
        words = old["category"].lower()
        party = {
            "id": _unique(slugify(old["category"]), parties),
            "kind": _kind(words, _VICTIM_WORDS, "civilians"),
            "roles": ["target"],
            "name": old["category"],
        }
        party.update({k: old[k] for k in ("description",) if k in old})
        party["sources"] = old["sources"]
        parties.append(party)
    response = data.get("response") or {}
    for old in response.get("forces") or []:
        words = f"{old['name']} {old.get('agency', '')}".lower()
        party = {
            "id": _unique(slugify(old["name"]), parties),
            "kind": _kind(words, _FORCE_WORDS, "state-forces"),
            "roles": ["responder"],
            "name": old["name"],
        }
        party.update({k: old[k] for k in ("agency",) if k in old})
        if old.get("role") in ("lead", "support"):
            party["response_role"] = old["role"]
        party["sources"] = old["sources"]
        parties.append(party)
    return parties


def migrate_text(text: str) -> str:
    """The record's YAML text in the current format; every other line is kept as written."""
    data = yaml.safe_load(text)
    if not is_old(data):
        return text
    new = migrate(data)
    lines = text.splitlines(keepends=True)
    lines = _drop_block(lines, "victims", 0)
    lines = _drop_block(lines, "forces", 2, inside="response")
    if "response" in data and "response" not in new:
        lines = _drop_block(lines, "response", 0)
    parties = _dump({"parties": new.get("parties", [])}) if new.get("parties") else ""
    lines = _replace_block(lines, "perpetrators", parties, after=_anchor(data))
    if "fates" in new:
        lines = _name_fate_parties(lines, new["fates"][0]["party"])
    return "".join(lines)


def _kind(words: str, table: tuple[tuple[str, str], ...], default: str) -> str:
    return next((kind for word, kind in table if word in words), default)


def _unique(wanted: str, parties: list[dict[str, Any]]) -> str:
    taken = {party["id"] for party in parties}
    found, number = wanted, 2
    while found in taken:
        found, number = f"{wanted}-{number}", number + 1
    return found


def _anchor(data: dict[str, Any]) -> str:
    """The key the parties follow when the record had no perpetrators."""
    return next(k for k in ("labels", "types", "places") if k in data)


def _insert_after(data: dict[str, Any], anchor: str, key: str, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        out[k] = v
        if k == anchor:
            out[key] = value
    return out


def _block(lines: list[str], key: str, indent: int, inside: str | None = None) -> range | None:
    """The lines of ``key:`` at this indent (within the top-level ``inside``), if present."""
    start = None
    within = inside is None
    for number, line in enumerate(lines):
        if inside is not None and re.match(r"[^\s#]", line):
            within = line.startswith(f"{inside}:")
        if within and start is None and line.startswith(" " * indent + f"{key}:"):
            start = number
            continue
        inside_block = line.startswith(" " * (indent + 1)) or (indent == 0 and line[:2] == "- ")
        if start is not None and line.strip() and not inside_block:
            return range(start, number)
    return range(start, len(lines)) if start is not None else None


def _drop_block(lines: list[str], key: str, indent: int, inside: str | None = None) -> list[str]:
    found = _block(lines, key, indent, inside)
    return lines if found is None else lines[: found.start] + lines[found.stop :]


def _replace_block(lines: list[str], key: str, text: str, after: str) -> list[str]:
    found = _block(lines, key, 0)
    if found is None:
        anchor = _block(lines, after, 0)
        assert anchor is not None
        found = range(anchor.stop, anchor.stop)
    return lines[: found.start] + [text] + lines[found.stop :]


def _name_fate_parties(lines: list[str], party: str) -> list[str]:
    found = _block(lines, "fates", 0)
    assert found is not None
    out = list(lines)
    for number in found:
        if out[number].startswith("  - "):
            out[number] = f"  - party: {party}\n    " + out[number][4:]
    return out


class _Dumper(yaml.SafeDumper):
    """Writes lists indented under their key and long texts folded, as curators write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > 70 and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    flow = all(isinstance(item, str) for item in value) and len(value) == 1
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(list, _represent_list)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)


def main(paths: list[str]) -> int:
    """Rewrite each old-format record in place; print what changed."""
    for name in paths:
        path = Path(name)
        old = path.read_text(encoding="utf-8")
        new = migrate_text(old)
        if new != old:
            path.write_text(new, encoding="utf-8")
            print(f"{name}: migrated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
