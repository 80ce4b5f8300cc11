"""The synthetic corpus's records as string templates, filled in by ``synth``.

A source, an incident (with every kind of part the record format has, so that pages and data
rows are of realistic size) and one claim of a figure. All text says it is synthetic and every
URL is on example.org.
"""

SOURCE = """\
# yaml-language-server: $schema=../schema/source.schema.json
title: Synthetic report {n:06d} on a synthetic incident
publisher: Synthetic Publisher {publisher:02d}
publisher_type: {publisher_type}
url: https://example.org/synthetic/reports/{n:06d}
published: {published}
language: {language}
accessed: 2025-12-31
reliability: {reliability}
notes: >-
  Synthetic source {n:06d} for the scale benchmark; it describes no real report.
"""

INCIDENT = """\
# yaml-language-server: $schema=../schema/incident.schema.json
title: Synthetic incident {n:06d} in {settlement}
status: published
created: 2025-12-31
summary: >-
  Synthetic incident {n:06d}: an invented {kind_words} in {settlement}. Armed people attacked a
  synthetic facility near the {landmark}; a synthetic special unit ended it after {hours}
  hours.
when:
  start: {start}
  precision: minute
places:
  - country: KZ
    region: {region}
    settlement: {settlement}
    address: Synthetic Street {street}
    landmark: {landmark}
    coordinates: {{lat: {lat}, lon: {lon}, precision: settlement}}
    sources: [{s0}, {s1}]
types: [{kinds}]
parties:
  - id: attackers
    kind: armed-group
    roles: [attacker]
    name: Synthetic Group {group:04d}
    description: A synthetic armed group of {perpetrators} people, named for the benchmark.
    attribution: alleged-by-authorities
    attributed_by: Synthetic Ministry of Internal Affairs
    sources: [{s0}, {s2}]
  - id: bystanders
    kind: civilians
    roles: [target]
    name: Synthetic bystanders
    sources: [{s0}, {s3}]
  - id: unit
    kind: special-forces
    roles: [responder]
    name: Synthetic Special Unit {unit:02d}
    agency: Synthetic Ministry of Internal Affairs
    response_role: lead
    sources: [{s0}]
officials:
  - name: Synthetic Official {official:05d}
    position: Synthetic head of the {region} police department
    role: Led the synthetic operation
    sources: [{s1}]
figures:
{figures}
response:
  led_by: Synthetic Official {official:05d}
  tactics:
{tactics}
outcome: Synthetic outcome of synthetic incident {n:06d}; the attackers were detained.
timeline:
  - time: {start}
    text: Synthetic incident {n:06d} begins near the {landmark}.
    sources: [{s0}]
  - time: {later}
    text: A synthetic special unit ends synthetic incident {n:06d} after {hours} hours.
    sources: [{s1}, {s2}]
statements:
  - speaker: Synthetic Official {official:05d}
    date: {day}
    kind: paraphrase
    text: Synthetic statement {n:06d}; the situation is under control.
    source: {s1}
aftermath:
  - kind: investigation
    date: {day}
    text: A synthetic criminal case was opened into synthetic incident {n:06d}.
    sources: [{s3}]
{related}notes: Synthetic record {n:06d}; it describes no real event.
"""

CLAIM = """\
      - value: {value}
{qualifier}        stated_by: Synthetic Publisher {publisher:02d}
        source: {source}
{as_of}"""
