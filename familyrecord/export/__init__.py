"""Chronology, the bundle PDF for a solicitor or advocate, and the DOCX/CSV chronology."""
