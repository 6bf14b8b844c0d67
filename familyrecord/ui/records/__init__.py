"""Record areas: the lists of each record type, the entry beside them, its files and history."""
