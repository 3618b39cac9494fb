"""Everything that leaves the desk: evidence bundles, STIX 2.1, SAR files, CSV tables.

Every export redacts restricted personal data unless an admin asks otherwise, and writes
an audit event in the same transaction as it names the file (docs/exports.md).

    bundle.py     a case as a zip of hashed files with a manifest; verify_bundle
    stix.py       a case as a STIX 2.1 bundle (report, identity, threat-actor, ...)
    sar.py        items mapped to the sixteen ISE-SAR behaviour categories
    tables.py     the queue or the case list as CSV
    casedata.py   what a case export reads from the store
    redaction.py  masking personal data, and who may lift the mask
"""

from threatdesk.export.bundle import BundleReport, verify_bundle, write_bundle
from threatdesk.export.casedata import CaseData, load_case
from threatdesk.export.redaction import authorize_unredacted
from threatdesk.export.sar import SAR_CATEGORIES, sar_records, write_sar
from threatdesk.export.stix import TLP_CHOICES, case_to_stix, write_stix
from threatdesk.export.tables import write_cases_csv, write_queue_csv

__all__ = [
    "SAR_CATEGORIES",
    "TLP_CHOICES",
    "BundleReport",
    "CaseData",
    "authorize_unredacted",
    "case_to_stix",
    "load_case",
    "sar_records",
    "verify_bundle",
    "write_bundle",
    "write_cases_csv",
    "write_queue_csv",
    "write_sar",
    "write_stix",
]
