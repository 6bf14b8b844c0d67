"""Reading files the family brings in, from bytes in memory: text out of letters, e-mails, PDFs,
Word and OpenDocument files, and photos and scans read offline by OCR; suggested form fields.

Entry points: `extract.extract(file_name, data)` for any file; `suggest.suggest_fields(text)`;
`text.extract_text(path)` for quick text at attachment import (no OCR). Only typed
`familyrecord.errors.UserError` subclasses (see `importers.errors`) escape these readers.
"""
