"""Files kept in the record: the Documents list, a record's Files tab, the in-memory viewers."""
