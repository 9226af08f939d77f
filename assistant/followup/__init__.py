"""Follow-up of social clauses: import of the exchange format, indicators, alerts, reports.

The exchange format and the indicator definitions are those of the Department's
format note (four tables: operations, participants, heures, structures). Logic here is
pure; the database lives behind :mod:`assistant.followup.store`.
"""
