"""The protectee registry: who is protected, known only by alias and keyed fingerprints.

- ``keys``: where the fingerprint key lives and how it is made and checked;
- ``normalize`` / ``fingerprints``: the normalised forms and their HMACs, shared by
  enrolment and matching;
- ``registry``: import, list, remove, rotate-key (the ``threatdesk protectees`` verbs);
- ``index``: the in-memory index the ``protectee`` analyzer loads once per process.

``protectee_aliases(assessment)`` is what the store writes to ``item_protectees``.
"""

from __future__ import annotations

from threatdesk.models import Assessment


def protectee_aliases(assessment: Assessment) -> list[str]:
    """The aliases of the protectees an assessment's signals match, sorted, each once."""
    return sorted({s.value["alias"] for s in assessment.signals if s.kind == "protectee"})


__all__ = ["protectee_aliases"]
