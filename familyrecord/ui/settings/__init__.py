"""Settings, and the passphrase and backups dialog."""
