"""The one date field of the app, used by every form: `DateField`, `TimeField`, `DateTimeField`.

reading.py reads what people type (day first, always) and says why when it is not a date;
fields.py holds the widgets. Import from here.
"""

from familyrecord.ui.widgets.dates.fields import CalendarPanel, DateField, DateTimeField, TimeField
from familyrecord.ui.widgets.dates.reading import (
    MAX_YEAR,
    MIN_YEAR,
    DateEntryError,
    EntryError,
    TimeEntryError,
    add_months,
    full_year,
    parse_date,
    parse_time,
    tr,
)

__all__ = ["MAX_YEAR", "MIN_YEAR", "CalendarPanel", "DateEntryError", "DateField", "DateTimeField",
           "EntryError", "TimeEntryError", "TimeField", "add_months", "full_year", "parse_date",
           "parse_time", "tr"]
