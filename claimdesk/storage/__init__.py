"""All of ClaimDesk's SQL, behind one facade.

- `ledger.Ledger`: the one way in. Its public methods (debtors, claims, money events,
  settings) and the repositories it owns (`casework`, `targets`, `register`,
  `worklist`, `letters`) are the API; each repository is a module of its own, built on
  `repository.Repository`. The connection is private; background work opens its own
  `Ledger` on the same file.
- `migrate`: opening a file: refuse what is not ours or too new, back up, migrate.
- `migrations/`: the schema, one module per migration, run in the order of `ORDER`.
- `errors`: `LedgerError` and its kinds; sqlite3's errors do not leave this package.
- `rows`, `operator`, `summary`: the bulk row writer, who and when, the summary's SQL.
- Safety (issue 11): `connection` (the connection: read-only refusal, BEGIN IMMEDIATE
  with patient retries), `guard` (what every open does: the writer lock, the check on
  open), `sharing` (network shares, the lock file), `sqlite_check` (SQLite's own
  quick/integrity_check, apart so that migrate needs no integrity), `integrity` (the
  triggers, the sums, all checks together), `chain` (the hash chain over append-only
  rows; m006_integrity, m013_chain), `chain_tables` (which tables, which columns),
  `backup` (copies, a backup's check, restore), `ledger_integrity` (Ledger's part).
  A new append-only table belongs in the chain: a new tuple in `chain_tables` and a
  migration that adds its triggers and chains the rows already there (as m013_chain).
"""
