"""Which tables the hash chain covers, and with which columns, migration by migration.

A table's column set is fixed by the migration that brought it into the chain: the
content hash of a row written years ago must come out the same today. A later migration
that adds a column to a chained table leaves that column outside the chain unless it
adds a new chain version: a second entry per row, under its own name in the chain, over
the key and the new columns (m016_chain2 does that for `receipt_lines.late_charge`).

Not chained, on purpose: the register (`claims`, `debtors`, `guarantors`, `claim_types`,
`settings`: current state, changed in place; their history is `debtor_history` and
`change_history`), `change_history` (it records edits made by other SQL tools, which
would be refused instead if its inserts needed ClaimDesk's chain function),
`payment_claim_numbers` (written by a trigger on every claim, also a claim another tool
adds; each 納付書's number is chained with its slip and checked against it instead), and
the search index `claim_search` (derived from the claims, rebuilt at will).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chained:
    """An append-only table in the chain: how its rows are keyed and which columns count."""

    table: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    # The name of its entries in `chain` (`chain.tbl`) and of its trigger: the table's own,
    # unless this is a later version over columns added to an already chained table.
    entry: str = ""

    @property
    def name(self) -> str:
        return self.entry or self.table

    def key_sql(self, prefix: str = "") -> str:
        return " || ':' || ".join(f"{prefix}{k}" for k in self.key)

    def content_sql(self, prefix: str = "") -> str:
        return "json_array(" + ", ".join(f"{prefix}{c}" for c in self.columns) + ")"


_WHO = ("operator", "entered_at")

# m006_integrity: money and casework.
M006_CHAINED = (
    Chained("money_events", ("id",), (
        "id", "claim_id", "kind", "date", "amount", "accounting_year", "accounting_year_overridden",
        "method", "note", "reverses", "operator", "entered_at", "source")),
    Chained("contact_entries", ("id",), (
        "id", "debtor_id", "contact_date", "contact_time", "channel", "party", "party_name",
        "liable_party_id", "contact_person", "summary", "reason", "household", "agreement",
        "next_action", "next_action_on", "legal_effect", "step_id", "checklist", "letter_kind",
        "document_hash", "document_path", "decision", "approver", "approved_on", "basis", "corrects",
        "retracted", "correction_reason", "returned_letter_of", "operator", "entered_at")),
    Chained("contact_entry_claims", ("entry_id", "claim_id"), ("entry_id", "claim_id")),
    Chained("targets", ("id",), (
        "id", "claim_type_id", "fiscal_year", "category", "rate_tenths", "basis", "actions",
        "entered_by", "entered_at")),
    Chained("promises", ("id",), ("id", "entry_id", "made_on", "amount", "due_on", "operator", "entered_at")),
    Chained("instalment_plans", ("id",), ("id", "entry_id", "kind", "signed_on", "total", "operator",
                                          "entered_at")),
    Chained("instalments", ("plan_id", "seq"), ("plan_id", "seq", "due_on", "amount")),
    Chained("plan_cancellations", ("plan_id",), ("plan_id", "cancelled_on", "entry_id", "operator",
                                                 "entered_at")),
)

# m013_chain: the append-only tables of m007…m012, and the record of m013's own sealing.
M013_CHAINED = (
    Chained("import_batches", ("id",), (
        "id", "claims_file", "claims_sha256", "transactions_file", "transactions_sha256", "claims",
        "debtors_new", "debtors_updated", "claim_types_new", "events", "again_reason", "operator",
        "imported_at")),
    Chained("import_reversals", ("batch_id",), (
        "batch_id", "reason", "events_reversed", "claims_cancelled", "operator", "reversed_at")),
    Chained("payment_slips", ("number",), (
        "number", "claim_id", "issue", "issued_on", "deadline", "principal", "late_charge", "amount",
        "barcode", "batch_path", "batch_hash", "letter_entry", "operator", "recorded_at")),
    Chained("liable_party_ends", ("party_id",), ("party_id", "ended_on", "reason", "replaced_by") + _WHO),
    Chained("letter_schedules", ("entry_id", "seq"), ("entry_id", "seq", "due_on", "amount")),
    Chained("signed_returns", ("letter_entry_id",), ("letter_entry_id", "entry_id") + _WHO),
    Chained("direct_debits", ("id",), (
        "id", "debtor_id", "bank_code", "branch_code", "account_type", "account_number", "holder_kana",
        "customer_number", "starts_on", "ends_on") + _WHO),
    Chained("receipt_files", ("id",), (
        "id", "file", "sha256", "format", "report", "data_lines", "received", "received_amount", "failed",
        "failed_amount", "confirmed", "confirmed_amount", "import_batch", "operator", "taken_at")),
    Chained("receipt_lines", ("id",), (
        "id", "file_id", "line", "outcome", "key", "debtor_id", "claim_id", "paid_on", "amount",
        "result_code", "store", "event_id")),
    Chained("asset_inquiries", ("id",), ("id", "entry_id", "asked_on", "asked_of", "subject") + _WHO),
    Chained("asset_inquiry_answers", ("inquiry_id",), ("inquiry_id", "answered_on", "answer") + _WHO),
    Chained("seizures", ("id",), ("id", "entry_id", "seized_on", "property", "amount") + _WHO),
    Chained("seizure_ends", ("seizure_id",), ("seizure_id", "ended_on", "how", "note") + _WHO),
    Chained("enforcement_suspensions", ("id",), (
        "id", "entry_id", "suspended_on", "law", "ground", "immediate") + _WHO),
    Chained("suspension_cancellations", ("id",), ("id", "suspension_id", "entry_id", "cancelled_on") + _WHO),
    Chained("hardship_referrals", ("id",), ("id", "entry_id", "referred_to") + _WHO),
    Chained("target_notes", ("id",), (
        "id", "claim_type_id", "fiscal_year", "explanation_current", "explanation_carried", "review",
        "expected_collected_current", "expected_outstanding_current", "expected_collected_carried",
        "expected_outstanding_carried", "expected_collected_total", "expected_outstanding_total") + _WHO),
    Chained("chain_seals", ("id",), ("id", "migration", "tables", "first_seq", "last_seq", "rows", "sealed_at")),
)

# m015_parties2: an heir's recorded shares (a new table: chained from its first row).
M015_CHAINED = (
    Chained("heir_shares", ("id",), ("id", "party_id", "numerator", "denominator") + _WHO),
)

# m016_chain2: the 延滞金 part of a store payment (receipt_lines.late_charge, m014), which
# the row's m013 entry leaves out: a second entry per receipt line, over its key and it.
M016_CHAINED = (
    Chained("receipt_lines", ("id",), ("id", "late_charge"), entry="receipt_line_charges"),
)

CHAINED = M006_CHAINED + M013_CHAINED + M015_CHAINED + M016_CHAINED
