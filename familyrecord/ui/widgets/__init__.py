"""Pieces every screen shares: small widgets, labels, the look, background work, errors."""
