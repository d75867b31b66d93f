"""Reports drawn from plain data: 個票, the standard summary and the 各課集計, as PDF, xlsx and CSV.

Like letters/, a report knows no ledger, no use case and no Qt: a service gathers the
figures (domain objects), then hands them and a path to a writer here, inside its own
atomic write.
"""
