"""Casework (issue #4): the one module the window and the command line import.

Writes (each checks its rules and writes in one transaction):
  log_contact, correct_entry, retract_entry, mark_letter_returned, record_decision,
  complete_step, add_liable_party                      — services/contact_log.py
  record_promise, create_instalment_plan, cancel_instalment_plan
                                                       — services/arrangements.py
Reads (derived on the day asked for, nothing stored):
  claim_casework → CaseworkView, contact_log → [LogLine], search_contacts, late_charge,
  letters_sent, liable_parties, limitations            — services/casework_view.py
  worklist → Worklist, debtor_search_keys            — services/worklist.py
Settings and steps: casework_settings, set_casework_setting — services/casework_settings.py;
  load_procedures, import_procedure, export_procedures, reset_procedure
                                                       — services/procedures.py
"""

from __future__ import annotations

from ..domain.case import NextStep, StageKind, StepProgress, StepTiming
from ..domain.charges import ChargeSegment, LateCharge
from ..domain.contacts import Channel, ContactEntry, Decision, LegalEffect, LetterKind, Party
from ..domain.instalments import InstalmentStatus, Plan, PlanKind, PlanState, PlanStatus
from ..domain.limitation import Limitation, LimitationState
from ..domain.procedure import Procedure, ProcedureError, StepDef
from ..domain.promises import Promise, PromiseState, PromiseStatus
from .arrangements import cancel_instalment_plan, create_instalment_plan, record_promise
from .casework_settings import casework_settings, set_casework_setting
from .casework_view import (
    CaseworkView,
    LiableParty,
    LogLine,
    claim_casework,
    contact_log,
    late_charge,
    letters_sent,
    liable_parties,
    limitations,
    search_contacts,
)
from .contact_log import (
    add_liable_party,
    complete_step,
    correct_entry,
    log_contact,
    mark_letter_returned,
    record_decision,
    retract_entry,
)
from .procedures import export_procedures, import_procedure, load_procedures, reset_procedure
from .worklist import Urgency, WorkItem, WorkKind, Worklist, WorklistFilter, debtor_search_keys, worklist

__all__ = [
    # writes
    "log_contact", "correct_entry", "retract_entry", "mark_letter_returned", "record_decision",
    "complete_step", "add_liable_party", "record_promise", "create_instalment_plan",
    "cancel_instalment_plan",
    # reads
    "claim_casework", "contact_log", "search_contacts", "late_charge", "letters_sent",
    "liable_parties", "limitations", "worklist", "debtor_search_keys",
    # settings and steps
    "casework_settings", "set_casework_setting", "load_procedures", "import_procedure",
    "export_procedures", "reset_procedure",
    # what they return or take
    "CaseworkView", "LogLine", "LiableParty", "Worklist", "WorklistFilter", "WorkItem", "WorkKind",
    "Urgency", "ContactEntry", "Channel", "Party", "LegalEffect", "LetterKind", "Decision",
    "Promise", "PromiseState", "PromiseStatus", "Plan", "PlanKind", "PlanState", "PlanStatus",
    "InstalmentStatus", "Limitation", "LimitationState", "LateCharge", "ChargeSegment", "NextStep",
    "StepProgress", "StepTiming", "StageKind", "Procedure", "StepDef", "ProcedureError",
]
