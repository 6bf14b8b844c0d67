"""The chronology screen: the table of dated rows and the timeline."""
