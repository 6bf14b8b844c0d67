"""Deadlines in the app: the calendar export (Home shows what is due)."""
