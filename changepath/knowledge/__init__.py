"""The knowledge bank: content files loaded, validated and held in memory (pure Python, no Django).

Everything a person reads lives in `content/` as data; this package turns it into typed,
validated objects. Every error names the file and the field, so a content editor can fix it.
"""

from .bank import KnowledgeBank, load_bank
from .errors import ContentError

__all__ = ["ContentError", "KnowledgeBank", "load_bank"]
