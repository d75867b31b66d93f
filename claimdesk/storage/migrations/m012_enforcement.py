"""滞納処分 records, 生活困窮 referrals and the 個票's texts beside the targets."""

from __future__ import annotations

from sqlite_utils import Database

from .sql import append_only_triggers, run_script

ENFORCEMENT_TABLES = ("asset_inquiries", "asset_inquiry_answers", "seizures", "seizure_ends",
                      "enforcement_suspensions", "suspension_cancellations", "hardship_referrals", "target_notes")
_WHO = "operator TEXT NOT NULL CHECK (length(operator) > 0), entered_at TEXT NOT NULL"


def m012_enforcement(db: Database) -> None:
    """財産調査・差押・執行停止, referrals to 生活困窮者自立支援 / 法テラス, and 個票 notes.

    Each 滞納処分 record and each referral hangs on the contact entry it was made in (one
    debtor, one or more claims), like promises and plans: the entry puts it in the log
    and marks the procedure's step, and a retracted entry takes it along. An answer to
    an inquiry and the end of a seizure are rows of their own, so everything stays
    append-only. target_notes keeps, per claim type and fiscal year, the 個票's words
    (収納状況の説明, 取組みの検証) and the target's expected amounts; the newest row is in force.
    """
    run_script(
        db,
        f"""
        CREATE TABLE asset_inquiries (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL UNIQUE REFERENCES contact_entries(id),
            asked_on TEXT NOT NULL,
            asked_of TEXT NOT NULL CHECK (length(trim(asked_of)) > 0),
            subject TEXT NOT NULL CHECK (length(trim(subject)) > 0),
            {_WHO}
        );
        CREATE TABLE asset_inquiry_answers (
            inquiry_id INTEGER PRIMARY KEY REFERENCES asset_inquiries(id),
            answered_on TEXT NOT NULL,
            answer TEXT NOT NULL CHECK (length(trim(answer)) > 0),
            {_WHO}
        );
        CREATE TABLE seizures (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL UNIQUE REFERENCES contact_entries(id),
            seized_on TEXT NOT NULL,
            property TEXT NOT NULL CHECK (length(trim(property)) > 0),
            amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
            {_WHO}
        );
        CREATE TABLE seizure_ends (
            seizure_id INTEGER PRIMARY KEY REFERENCES seizures(id),
            ended_on TEXT NOT NULL,
            how TEXT NOT NULL CHECK (how IN ('ended', 'void')),
            note TEXT NOT NULL DEFAULT '',
            {_WHO}
        );
        CREATE TABLE enforcement_suspensions (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL UNIQUE REFERENCES contact_entries(id),
            suspended_on TEXT NOT NULL,
            law TEXT NOT NULL CHECK (law IN ('local_tax', 'national_tax')),
            ground TEXT NOT NULL CHECK (ground IN ('no_property', 'hardship', 'unknown')),
            immediate INTEGER NOT NULL DEFAULT 0 CHECK (immediate IN (0, 1)),
            {_WHO},
            CHECK (immediate = 0 OR ground = 'no_property')
        );
        -- 執行停止の取消 (地方税法15条の8): the debtor can pay again; made in an entry of its own.
        -- More than one only when an earlier one's entry was retracted (a mistake).
        CREATE TABLE suspension_cancellations (
            id INTEGER PRIMARY KEY,
            suspension_id INTEGER NOT NULL REFERENCES enforcement_suspensions(id),
            entry_id INTEGER NOT NULL UNIQUE REFERENCES contact_entries(id),
            cancelled_on TEXT NOT NULL,
            {_WHO}
        );
        CREATE TABLE hardship_referrals (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL UNIQUE REFERENCES contact_entries(id),
            referred_to TEXT NOT NULL CHECK (referred_to IN ('self_reliance', 'legal_support')),
            {_WHO}
        );
        CREATE TABLE target_notes (
            id INTEGER PRIMARY KEY,
            claim_type_id INTEGER NOT NULL REFERENCES claim_types(id),
            fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 9999),
            explanation_current TEXT NOT NULL DEFAULT '',
            explanation_carried TEXT NOT NULL DEFAULT '',
            review TEXT NOT NULL DEFAULT '',
            expected_collected_current INTEGER, expected_outstanding_current INTEGER,
            expected_collected_carried INTEGER, expected_outstanding_carried INTEGER,
            expected_collected_total INTEGER, expected_outstanding_total INTEGER,
            {_WHO}
        );
        CREATE INDEX target_notes_key ON target_notes(fiscal_year, claim_type_id, id);
        """
        + "".join(append_only_triggers(t) for t in ENFORCEMENT_TABLES),
    )
