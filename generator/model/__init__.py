"""The record format: frozen models that are the one source of truth for records and sources.

The package splits the format by part (``fields``, ``source``, ``figures``, ``incident``,
``vocabulary``, ``citations``); import every name from ``generator.model``.

Curated fields are the model fields below; YAML keys are identical to them. Computed values
are properties and are never written in YAML:

- ``Incident.id`` (the file stem), ``Incident.year``, ``Incident.primary_place``,
  ``Incident.source_ids``, ``Incident.figure(name, role)``, ``Incident.best(name, role)``
- ``Figure.spread``, ``Figure.is_disputed``, ``Figure.claimed_low``, ``Figure.claimed_high``
- ``Claim.low``, ``Claim.high``, ``Claim.display``
- ``When.is_disputed``

The model does no I/O; vocabularies (incident types, tactics, figures, regions) are data in
``content/vocabulary.yaml`` and are checked by ``validate``.
"""

from __future__ import annotations

from .citations import Citation, citations, cited_ids
from .fields import (
    ID_PATTERN,
    INCIDENT_ID_PATTERN,
    MAX_ID_LENGTH,
    AftermathKind,
    Attribution,
    CoordinatePrecision,
    Count,
    Date,
    FateCategory,
    IncidentId,
    Language,
    Line,
    Moment,
    Precision,
    PublisherType,
    Qualifier,
    Record,
    Relation,
    Reliability,
    Role,
    Rule,
    Slug,
    SourceId,
    StatementKind,
    Status,
    Text,
    Url,
    parse_day,
)
from .figures import (
    Claim,
    Estimate,
    Figure,
    Total,
    format_range,
)
from .incident import (
    AftermathEntry,
    Coordinates,
    DateClaim,
    Demand,
    Fate,
    Force,
    HostageTaking,
    Incident,
    Label,
    Name,
    Official,
    Perpetrator,
    Place,
    Related,
    Response,
    ResponsibilityClaim,
    Statement,
    Tactic,
    TimelineEntry,
    Victim,
    When,
)
from .source import (
    Source,
)
from .vocabulary import (
    Country,
    Dataset,
    FigureTerm,
    PublisherTerm,
    Region,
    Term,
    Vocabulary,
)

__all__ = [
    "Citation",
    "citations",
    "cited_ids",
    "Total",
    "format_range",
    "parse_day",
    "Country",
    "AftermathEntry",
    "AftermathKind",
    "Attribution",
    "Claim",
    "CoordinatePrecision",
    "Coordinates",
    "Count",
    "Dataset",
    "Date",
    "DateClaim",
    "Demand",
    "Estimate",
    "Fate",
    "FateCategory",
    "Figure",
    "FigureTerm",
    "Force",
    "HostageTaking",
    "ID_PATTERN",
    "INCIDENT_ID_PATTERN",
    "Incident",
    "IncidentId",
    "Label",
    "Language",
    "Line",
    "MAX_ID_LENGTH",
    "Moment",
    "Name",
    "Official",
    "Perpetrator",
    "Place",
    "Precision",
    "PublisherType",
    "Qualifier",
    "Record",
    "Region",
    "Related",
    "Relation",
    "Reliability",
    "Response",
    "ResponsibilityClaim",
    "Role",
    "Rule",
    "Slug",
    "Source",
    "SourceId",
    "Statement",
    "StatementKind",
    "Status",
    "Tactic",
    "Term",
    "Text",
    "TimelineEntry",
    "Url",
    "Victim",
    "PublisherTerm",
    "Vocabulary",
    "When",
]
