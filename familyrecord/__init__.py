"""FamilyRecord: a family's own encrypted, offline record of its dealings with children's social care."""

__version__ = "0.1.0"
APP_NAME = "FamilyRecord"
