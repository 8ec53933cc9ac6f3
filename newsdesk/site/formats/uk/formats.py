"""Ukrainian dates: "7 грудня 2026, 14:05" (E: the month's genitive name).

Django's own Ukrainian formats put a leading zero on the day and "year" (an
abbreviation) after the year; news style writes neither.
"""

DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
SHORT_DATETIME_FORMAT = "j E, H:i"
