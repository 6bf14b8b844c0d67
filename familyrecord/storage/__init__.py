"""The encrypted vault: SQLCipher database, key slots, repositories, blobs, search, journal.

Import from the modules themselves (storage.vault, storage.errors, …): this package file stays
empty so that importing one store never imports the vault, and no module imports in a circle.
"""
