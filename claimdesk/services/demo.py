"""Demo ledgers: a plausible ward department with five fiscal years of claims and money.

`fill_demo` fills an empty ledger for trying ClaimDesk out, for training clerks and for
measuring speed ("large": 200,000 claims, about a million money events). Everything is
invented (names, addresses, phone numbers); the same seed and date give the same ledger.
Claims and money events carry source "demo", so they can always be told apart.

How the money behaves: each debtor has a paying habit (good, late, struggling, defaulting)
that decides, claim by claim, whether an instalment is paid on time, late, in pieces or
not at all. Around that come adjustments (調定増減), refunds of overpayments, cancelled
receipts (a direct debit that bounced, a mistyped amount), a clerk's choice of accounting
year now and then, and write-offs (不納欠損) of old claims of debtors who went bankrupt,
died or have nothing left, each with the legal ground its kind of claim allows.

Around the money, the casework a diligent but busy department would have logged: 督促状,
calls, 催告書, 納付相談, promises and 分納誓約 that the receipts bear out or belie, returned
letters, decisions with their approver (demo_casework.py, demo_arrangements.py). Contact
log entries have no source column: a demo ledger holds nothing else (fill_demo only fills
an empty one), and its entries carry the ledger's operator like the money.

The claims themselves are made kind by kind in demo_claims.py; names and places come
from demo_people.py, the clerks' words from demo_phrases.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from operator import itemgetter
from typing import Callable

from ..domain.claims import (
    Claim, ClaimType, Debtor, DebtorKind, EventKind, Guarantor, LegalNature, MoneyEvent,
    new_event, reversal_of,
)
from ..domain.dates import fiscal_year_of
from ..domain.errors import ClaimDeskError
from ..storage.ledger import Ledger
from . import demo_people as people
from .demo_casework import Casework
from .demo_claims import FISCAL_YEARS, ClaimMakers
from .department import get_department, set_department
from .clock import today as clock_today

SIZES = {"small": 600, "large": 200_000}  # claims
SOURCE = "demo"
DEPARTMENT = ("DEMO01", "区民生活部 債権管理課（デモ）")
# A demo department's letters name a fictitious ward, so they can be printed in training.
LETTER_SENDER = {"letter_municipality": "みどり区（デモ）", "letter_issuer": "みどり区長 緑川 一郎（デモ）",
                 "letter_contact": "電話 03-0000-0000（デモ・平日8時30分〜17時15分）"}
_FLUSH = 4000  # claims written per batch (and per progress report)

_P, _PU, _EP = LegalNature.PRIVATE, LegalNature.PUBLIC, LegalNature.ENFORCED_PUBLIC
# code, claim type, share of the claims, chance of an adjustment, (increase, decrease) notes
_TYPES = (
    ("JU", ClaimType("区営住宅使用料", _P, "一般会計", "使用料及手数料"), 0.21, 0.02,
     ("収入再認定による使用料の増額", "収入再認定による使用料の減額")),
    ("KY", ClaimType("学校給食費", _P, "一般会計", "諸収入"), 0.16, 0.03,
     ("給食回数の追加による増額", "欠食による減額")),
    ("SH", ClaimType("奨学資金等貸付金返還金", _P, "一般会計", "諸収入"), 0.33, 0.0, ("", "")),
    ("SE", ClaimType("生活保護費返還金", _PU, "一般会計", "諸収入"), 0.05, 0.03,
     ("返還額の再算定による増額", "返還額の再算定による減額")),
    ("HO", ClaimType("保育園保育料", _EP, "一般会計", "分担金及負担金"), 0.16, 0.04,
     ("税額更正による保育料の再算定（増額）", "税額更正による保育料の再算定（減額）")),
    ("MO", ClaimType("行政財産目的外使用料", _PU, "一般会計", "使用料及手数料"), 0.04, 0.02,
     ("使用面積の変更による増額", "使用面積の変更による減額")),
    ("JI", ClaimType("児童手当等返還金", _PU, "一般会計", "諸収入"), 0.05, 0.0, ("", "")),
)

# paying habit: cumulative chances (on time, late, in pieces; the rest unpaid),
# mean days late, chance of stopping after each piece
_HABITS = {
    "good": ((0.95, 0.99, 0.997), 20, 0.05),
    "late": ((0.55, 0.90, 0.97), 50, 0.15),
    "struggling": ((0.25, 0.55, 0.80), 150, 0.35),
    "defaulting": ((0.04, 0.12, 0.35), 300, 0.60),
}
_HABIT_TABLE = ["good"] * 74 + ["late"] * 16 + ["struggling"] * 7 + ["defaulting"] * 3
_DEBIT, _SLIP, _COUNTER = "口座振替", "納付書", "窓口"
_METHODS = {  # how a debtor usually pays, by claim type
    "monthly": [_DEBIT] * 70 + [_SLIP] * 18 + ["コンビニ"] * 8 + ["スマホ決済"] * 3 + ["クレジット"],
    "one_off": [_SLIP] * 45 + [_COUNTER] * 35 + ["コンビニ"] * 15 + ["スマホ決済"] * 5,
    "corporate": [_SLIP] * 90 + [_DEBIT] * 10,
}
_LATE_METHODS = [_SLIP] * 45 + ["コンビニ"] * 30 + [_COUNTER] * 17 + ["スマホ決済"] * 7 + ["その他"]

_WRITE_OFF_GROUNDS = {  # (debtor's situation, legal nature) → why the claim is extinguished
    "bankrupt": "破産免責決定により債権放棄（債権管理条例）",
    "deceased": "債務者死亡・相続人不存在により債権放棄（債権管理条例）",
    "no_assets": "徴収停止後、無資力のため債権放棄（債権管理条例）",
    "dissolved": "法人の清算結了により債権放棄（債権管理条例）",
    "enforced": "執行停止（滞納処分をすることができる財産がない）による即時消滅",
}



@dataclass(frozen=True)
class DemoResult:
    debtors: int
    claims: int
    events: int
    claim_types: int  # the demo's claim types (added, or found already in the ledger)
    contact_entries: int = 0  # the casework's history (demo_casework.py)


class _Who:
    """A demo debtor and how they behave."""

    __slots__ = ("debtor_id", "habit", "method", "family", "write_off", "name", "phone", "corporate")

    def __init__(self, debtor_id, habit, method, family, debtor: Debtor):
        self.debtor_id, self.habit, self.method = debtor_id, habit, method
        self.family = family  # (surname, kana) that relatives share; None for a company
        self.write_off: tuple[int, str] | None = None  # (ordinal date, situation)
        self.name, self.phone = debtor.name, bool(debtor.phone)  # for the casework
        self.corporate = debtor.kind is DebtorKind.CORPORATION


def fill_demo(
    ledger: Ledger,
    size: str = "small",
    *,
    seed: int = 2026,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Fill an empty ledger with a demo department's five fiscal years of claims."""
    if size not in SIZES:
        raise ClaimDeskError(f"デモの規模は {'、'.join(SIZES)} のいずれかです（{size}）")
    if ledger.claim_count():
        raise ClaimDeskError("この台帳にはすでに債権があります。デモデータは空の台帳にだけ作成できます")
    today = today or clock_today()
    builder = _Builder(ledger, random.Random(seed), today, SIZES[size], progress)
    with ledger.atomic():
        if not get_department(ledger).code:
            set_department(ledger, *DEPARTMENT)
        for key, value in LETTER_SENDER.items():
            if not ledger.setting(key).strip():
                ledger.set_setting(key, value)
        for _, claim_type, *_ in _TYPES:
            if ledger.claim_type(claim_type.name) is None:
                ledger.add_claim_type(claim_type)
        builder.casework = Casework(ledger, seed, today)
        builder.run()
    return DemoResult(builder.n_debtors, builder.n_claims, builder.n_events, len(_TYPES),
                      builder.casework.n_entries)


class _Builder(ClaimMakers):
    """Generates the demo debtor by debtor, and writes it a few thousand claims at a time."""

    def __init__(self, ledger, rng, today, total, progress):
        self.ledger, self.rng, self.rnd, self.today = ledger, rng, rng.random, today
        self.T = today.toordinal()
        self.total, self.progress = total, progress
        self.fy_now = fiscal_year_of(today)
        self.first_fy = self.fy_now - FISCAL_YEARS + 1
        self.origin = date(self.first_fy, 4, 1).toordinal()
        self.days = [date.fromordinal(o) for o in range(self.origin, self.T + 1)]
        # every month from the first fiscal year to today's: (fy, first day, last day)
        self.months = []
        y, m = self.first_fy, 4
        while date(y, m, 1) <= today:
            nxt = date(y + m // 12, m % 12 + 1, 1)
            self.months.append((fiscal_year_of(date(y, m, 1)), date(y, m, 1), nxt - timedelta(1)))
            y, m = nxt.year, nxt.month
        self.debtors: list[Debtor] = []
        self.claims: list[Claim] = []
        self.guarantors: list[Guarantor] = []
        self.events: list[MoneyEvent] = []
        self.reversals: list[tuple[int, str]] = []
        self.seq: dict[tuple[str, int], int] = {}
        self.tenants: list[_Who] = []
        self.whos: dict[str, _Who] = {}  # every debtor so far (a tenant's child comes later)
        self.contracts: dict[str, list[tuple[int, int]]] = {}  # claim → the 分納 it was assessed with
        self.owing: dict[str, list[tuple]] = {}  # claim → its money, if not simply paid by the due date
        self.natures = {t.name: t.legal_nature for _, t, *_ in _TYPES}
        self.casework: Casework | None = None
        self.n_debtors = self.n_claims = self.n_events = 0

    # --- the plan ----------------------------------------------------------------------

    def run(self) -> None:
        shares = [round(self.total * t[2]) for t in _TYPES]
        shares[0] += self.total - sum(shares)
        makers = {"JU": self.rent, "KY": self.lunch, "HO": self.nursery, "SH": self.loan,
                  "SE": self.welfare, "JI": self.allowance, "MO": self.premises}
        for (code, claim_type, _, adjust, notes), target in zip(_TYPES, shares):
            self.code, self.type_name, self.target = code, claim_type.name, target
            self.adjust_rate, self.adjust_notes = adjust, notes
            self.nature = claim_type.legal_nature
            self.made = 0
            while self.made < self.target:
                self.sureties = ()  # guarantors of the contract being generated
                makers[code]()
                if len(self.claims) >= _FLUSH:
                    self.flush()
        self.flush()

    def flush(self) -> None:
        """Write what was generated (debtors first) and its casework, then report progress."""
        led = self.ledger
        mark = self.casework.mark()
        led.add_debtors(self.debtors)
        led.add_claims(self.claims, source=SOURCE)
        led.add_guarantors(self.guarantors)
        ids = led.add_events(self.events, source=SOURCE)
        led.add_events((reversal_of(replace(self.events[i], event_id=ids[i]), reason)
                        for i, reason in self.reversals), source=SOURCE)
        self.casework.add(self.claims, self.owing, self.whos, self.natures, self.contracts, mark)
        self.contracts, self.owing = {}, {}
        self.n_debtors += len(self.debtors)
        self.n_claims += len(self.claims)
        self.n_events += len(self.events) + len(self.reversals)
        self.debtors, self.claims, self.guarantors, self.events, self.reversals = [], [], [], [], []
        if self.progress is not None:
            self.progress(self.n_claims, self.total)

    # --- people ------------------------------------------------------------------------

    def pick(self, seq):
        return seq[int(self.rnd() * len(seq))]

    def digits(self, n: int) -> str:
        return str(self.rng.randrange(10 ** (n - 1), 10 ** n))

    def phone(self) -> str:
        if self.rnd() < 0.6:
            return f"{self.pick(('090', '080', '070'))}-{self.digits(4)}-{self.digits(4)}"
        return f"03-{self.rng.randrange(3000, 7000)}-{self.digits(4)}"

    def address(self, in_ward: bool = True) -> tuple[str, str]:
        """(postal code, address) in the ward, or now and then somewhere near."""
        rnd = self.rnd
        if in_ward:
            town, postal = self.pick(people.TOWNS)
            place = f"{people.WARD}{town}{1 + int(rnd() * 5)}-{1 + int(rnd() * 30)}-{1 + int(rnd() * 20)}"
        else:
            place, postal = self.pick(people.ELSEWHERE)
            place += f"{1 + int(rnd() * 4)}-{1 + int(rnd() * 25)}-{1 + int(rnd() * 15)}"
        if rnd() < 0.4:
            building = f"{self.pick(people.BUILDINGS)}{self.pick(people.TOWNS)[0]}"
            place += f" {building}{1 + int(rnd() * 5)}0{1 + int(rnd() * 8)}"
        return postal, place

    def person(self, surname=None) -> tuple[str, str, tuple | None]:
        """(name, kana, surname) of an invented person; relatives share `surname`."""
        if surname is None and self.rnd() < 0.02:
            return (*self.pick(people.FOREIGN), None)
        surname = surname or self.pick(people.SURNAMES)
        given, given_kana = self.pick(people.MEN if self.rnd() < 0.5 else people.WOMEN)
        return f"{surname[0]} {given}", f"{surname[1]} {given_kana}", surname

    def debtor(self, method_kind: str, *, address=None, corporate=False) -> _Who:
        rnd = self.rnd
        debtor_id = f"D{self.n_debtors + len(self.debtors) + 1:06d}"
        postal, place = address or self.address(rnd() < 0.92)
        if corporate:
            (stem, stem_kana), (form, title) = self.pick(people.COMPANIES), self.pick(people.FORMS)
            name = f"{stem}{form}" if form == "株式会社" and rnd() < 0.3 else f"{form}{stem}"
            d = Debtor(debtor_id, name, stem_kana, DebtorKind.CORPORATION, postal, place,
                       f"03-{self.rng.randrange(3000, 7000)}-{self.digits(4)}",
                       representative=f"{title} {self.person()[0]}")
            habit = "good" if rnd() < 0.85 else self.pick(("late", "struggling"))
            family = None
        else:
            name, kana, family = self.person()
            work = self.pick(people.COMPANIES)[0] if rnd() < 0.3 else ""
            d = Debtor(debtor_id, name, kana, DebtorKind.PERSON, postal, place,
                       self.phone() if rnd() < 0.85 else "", work)
            habit = self.pick(_HABIT_TABLE)
        self.debtors.append(d)
        who = self.whos[debtor_id] = _Who(debtor_id, habit, self.pick(_METHODS[method_kind]), family, d)
        if habit in ("struggling", "defaulting") and rnd() < (0.4 if habit == "struggling" else 0.7):
            fy = self.first_fy + 1 + int(rnd() * (FISCAL_YEARS - 2))
            # decided at the year's end, or in the closing period (then booked to the year before)
            day = (date(fy + 1, 3, 5 + int(rnd() * 23)) if rnd() < 0.7
                   else date(fy + 1, 5, 10 + int(rnd() * 19)))
            situation = "dissolved" if corporate else self.pick(("bankrupt", "deceased", "no_assets"))
            who.write_off = (min(day.toordinal(), self.T), situation)
        return who

    def guarantors_of(self, who: _Who, n: int) -> list[tuple]:
        """連帯保証人, mostly relatives; they stand for every claim of the debtor's contract."""
        sureties = []
        for _ in range(n):
            family = self.rnd() < 0.8
            name, kana, _ = self.person((who.family if family else None) or self.pick(people.SURNAMES))
            postal, place = self.address(self.rnd() < 0.6)
            sureties.append((name, kana, postal, place, self.phone(),
                             self.pick(people.RELATIONS) if family else "知人"))
        return sureties

    # --- money -------------------------------------------------------------------------

    def settle(self, c: Claim, who: _Who, schedule: list[tuple[int, int]]) -> None:
        """The claim's money events up to today, from the debtor's habit and the schedule."""
        rnd, T = self.rnd, self.T
        R, A, F = EventKind.RECEIPT, EventKind.ADJUSTMENT, EventKind.REFUND
        (p_on, p_late, p_pieces), mean_lag, p_stop = _HABITS[who.habit]
        method = who.method
        ao = c.assessed_on.toordinal()
        ev: list[tuple] = []  # (ordinal, kind, amount, method, note, reversal reason)

        if len(schedule) == 1 and rnd() < self.adjust_rate:  # 調定増減 before the due date
            d = ao + int(rnd() * (schedule[0][0] - ao + 1))
            if d <= T:
                delta = max(100, round(c.amount * (0.05 + 0.35 * rnd()), -2))
                delta = delta if rnd() < 0.4 else -min(delta, c.amount // 2)
                ev.append((d, A, delta, "", self.adjust_notes[delta < 0], None))
                schedule = [(schedule[0][0], c.amount + delta)]

        paid_on_time = 0
        for due, amount in schedule:
            u = rnd()
            if u < p_on:
                d = due if method == _DEBIT else max(ao, due - int(rnd() * 14))
                if d > T:
                    continue
                x = rnd()
                if x < 0.004 and method == _DEBIT:
                    ev.append((d, R, amount, method, "", "口座振替不能（残高不足）のため取消"))
                    d2 = d + 7 + int(rnd() * 40)
                    if d2 <= T:
                        ev.append((d2, R, amount, _SLIP, "", None))
                    continue
                if x < 0.006:
                    ev.append((d, R, amount * 10, method, "", "金額の入力誤りのため取消"))
                ev.append((d, R, amount, method, "", None))
                paid_on_time += amount
            elif u < p_late:
                d = due + 1 + int(self.rng.expovariate(1 / mean_lag))
                if d <= T:
                    if self.sureties and rnd() < 0.1:
                        ev.append((d, R, amount, _COUNTER, "連帯保証人より納付", None))
                    else:
                        m = self.pick(_LATE_METHODS)
                        ev.append((d, R, amount, m, "現金書留" if m == "その他" else "", None))
            elif u < p_pieces:  # 分納: a few parts a month apart, perhaps never finished
                parts = 2 + int(rnd() * 4)
                piece = -(-amount // (parts * 100)) * 100
                d, left, m = due + 5 + int(rnd() * mean_lag), amount, self.pick(_LATE_METHODS)
                while left > 0 and d <= T:
                    p = min(piece, left)
                    ev.append((d, R, p, m, "分納", None))
                    left -= p
                    if rnd() < p_stop:
                        break
                    d += 25 + int(rnd() * 12)

        if len(schedule) == 1 and paid_on_time == schedule[0][1] and ev:
            last = max(e[0] for e in ev)
            x = rnd()
            if x < 0.006:  # paid twice (direct debit and the slip as well): refund one
                d = last + 3 + int(rnd() * 20)
                if d <= T:
                    ev.append((d, R, paid_on_time, "コンビニ", "二重納付", None))
                    if d + 20 <= T:
                        ev.append((d + 20 + int(rnd() * min(40, T - d - 20)), F, paid_on_time,
                                   "", "二重納付分の還付", None))
            elif x < 0.006 + self.adjust_rate / 2:  # assessed too high: reduce, then refund
                d = last + 10 + int(rnd() * 110)
                delta = max(100, round(paid_on_time * (0.1 + 0.4 * rnd()), -2))
                if d <= T and delta < paid_on_time:
                    ev.append((d, A, -delta, "", self.adjust_notes[1], None))
                    if d + 14 <= T:
                        ev.append((d + 14 + int(rnd() * min(40, T - d - 14)), F, delta,
                                   "", "過誤納金の還付", None))

        if who.write_off and c.due_date.toordinal() <= who.write_off[0] - 180:
            wd, situation = who.write_off  # 不納欠損 of what is still owed then; nothing after
            balance = c.amount
            for e in ev:
                if e[0] <= wd and e[5] is None:
                    balance += -e[2] if e[1] is R else e[2]
            if balance > 0:
                ground = "enforced" if self.nature is LegalNature.ENFORCED_PUBLIC else situation
                ev = [e for e in ev if e[0] <= wd]
                ev.append((wd, EventKind.WRITE_OFF, balance, "", _WRITE_OFF_GROUNDS[ground], None))

        if len(ev) > 1:
            ev.sort(key=itemgetter(0))
        events, days, origin = self.events, self.days, self.origin
        for o, kind, amount, m, note, reversal in ev:
            d = days[o - origin]
            year = None
            if kind is R and d.month in (4, 5) and c.fiscal_year < d.year and rnd() < 0.1:
                year = d.year  # the clerk books a closing-period receipt to the new year
                note = note or "会計年度を指定（滞納繰越分として収納）"
            events.append(new_event(c, kind, d, amount, accounting_year=year, method=m, note=note))
            if reversal:
                self.reversals.append((len(events) - 1, reversal))
        # For the casework: the money (a reversed event and its reversal net to nothing) of a
        # claim not simply paid by its due date, the few in arrears at some time.
        kept = [(o, kind, amount) for o, kind, amount, _, _, reversal in ev if reversal is None]
        if (c.claim_id in self.contracts or not kept or kept[-1][0] > c.due_date.toordinal()
                or any(e[1] is not R for e in kept) or sum(e[2] for e in kept) < c.amount):
            self.owing[c.claim_id] = kept
