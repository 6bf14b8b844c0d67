"""Record forms, one per record type that needs its own; any other type gets a generic form."""
