"""Before the record is open: welcome, create a record, the recovery code, unlock."""
