"""Reading files the family brings in: text out of letters, e-mails and PDFs; audio decoding."""
