"""threatdesk: a protective-intelligence desk.

Reads tips and messages, finds the ones that threaten a protected person, explains why,
ranks them and groups them into cases. See docs/contract.md for the data contract.
"""

from threatdesk.labels import Label
from threatdesk.models import Assessment, Case, Item, Place, Reason, Signal

__version__ = "0.1.0"

__all__ = ["Assessment", "Case", "Item", "Label", "Place", "Reason", "Signal", "__version__"]
