"""Contact, support and money in the app: attendance per arrangement (calendar, chart, figures),
the support plan promised against delivered, money owed, and letterbox items passed on."""
