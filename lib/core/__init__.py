"""The rules: indicators, periods, scoring, statuses, trends, reporting and ranking rules."""
