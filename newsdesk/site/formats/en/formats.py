"""English dates as the desk writes them: "7 Dec 2026, 14:05 UTC".

Django's own English formats say "Dec. 7, 2026"; the newsroom's style puts
the day first. ``absolute`` in the public template tags and the desk's
lists use these names, never a format of their own.
"""

DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j M"
SHORT_DATETIME_FORMAT = "j M, H:i"
