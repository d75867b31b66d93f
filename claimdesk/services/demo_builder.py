"""The demo's generator: debtor by debtor, claims, money and write-offs, flushed in batches.

fill_demo (demo.py) sets up the department and claim types and runs a Builder; the
claims of each kind come from demo_claims.py, the make-up from demo_profiles.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from operator import itemgetter

from ..domain.claims import (
    Claim,
    Debtor,
    DebtorKind,
    EventKind,
    Guarantor,
    LegalNature,
    MoneyEvent,
    new_event,
    reversal_of,
)
from ..domain.dates import fiscal_year_of
from . import demo_people as people
from .demo_casework import Casework
from .demo_claims import FISCAL_YEARS, ClaimMakers
from .demo_profiles import (
    COUNTER,
    DEBIT,
    HABIT_TABLE,
    HABITS,
    LATE_METHODS,
    METHODS,
    SLIP,
    TYPES,
    WRITE_OFF_GROUNDS,
    Who,
)

SOURCE = "demo"
_FLUSH = 4000  # claims written per batch (and per progress report)


class Builder(ClaimMakers):
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
        self.tenants: list[Who] = []
        self.whos: dict[str, Who] = {}  # every debtor so far (a tenant's child comes later)
        self.contracts: dict[str, list[tuple[int, int]]] = {}  # claim → the 分納 it was assessed with
        self.owing: dict[str, list[tuple]] = {}  # claim → its money, if not simply paid by the due date
        self.natures = {t.name: t.legal_nature for _, t, *_ in TYPES}
        self.casework: Casework | None = None
        self.n_debtors = self.n_claims = self.n_events = 0

    # --- the plan ----------------------------------------------------------------------

    def run(self) -> None:
        shares = [round(self.total * t[2]) for t in TYPES]
        shares[0] += self.total - sum(shares)
        makers = {"JU": self.rent, "KY": self.lunch, "HO": self.nursery, "SH": self.loan,
                  "SE": self.welfare, "JI": self.allowance, "MO": self.premises}
        for (code, claim_type, _, adjust, notes), target in zip(TYPES, shares):
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
        led, casework = self.ledger, self.casework
        assert casework is not None  # fill_demo gives the builder its casework before it runs
        mark = casework.mark()
        led.add_debtors(self.debtors)
        led.add_claims(self.claims, source=SOURCE)
        led.add_guarantors(self.guarantors)
        ids = led.add_events(self.events, source=SOURCE)
        led.add_events((reversal_of(replace(self.events[i], event_id=ids[i]), reason)
                        for i, reason in self.reversals), source=SOURCE)
        casework.add(self.claims, self.owing, self.whos, self.natures, self.contracts, mark)
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

    def debtor(self, method_kind: str, *, address=None, corporate=False) -> Who:
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
            habit = self.pick(HABIT_TABLE)
        self.debtors.append(d)
        who = self.whos[debtor_id] = Who(debtor_id, habit, self.pick(METHODS[method_kind]), family, d)
        if habit in ("struggling", "defaulting") and rnd() < (0.4 if habit == "struggling" else 0.7):
            fy = self.first_fy + 1 + int(rnd() * (FISCAL_YEARS - 2))
            # decided at the year's end, or in the closing period (then booked to the year before)
            day = (date(fy + 1, 3, 5 + int(rnd() * 23)) if rnd() < 0.7
                   else date(fy + 1, 5, 10 + int(rnd() * 19)))
            situation = "dissolved" if corporate else self.pick(("bankrupt", "deceased", "no_assets"))
            who.write_off = (min(day.toordinal(), self.T), situation)
        return who

    def guarantors_of(self, who: Who, n: int) -> list[tuple]:
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

    def settle(self, c: Claim, who: Who, schedule: list[tuple[int, int]]) -> None:
        """The claim's money events up to today, from the debtor's habit and the schedule."""
        rnd, T = self.rnd, self.T
        R, A, F = EventKind.RECEIPT, EventKind.ADJUSTMENT, EventKind.REFUND
        (p_on, p_late, p_pieces), mean_lag, p_stop = HABITS[who.habit]
        method = who.method
        ao = c.assessed_on.toordinal()
        ev: list[tuple] = []  # (ordinal, kind, amount, method, note, reversal reason)

        if len(schedule) == 1 and rnd() < self.adjust_rate:  # 調定増減 before the due date
            d = ao + int(rnd() * (schedule[0][0] - ao + 1))
            if d <= T:
                delta = max(100, int(round(c.amount * (0.05 + 0.35 * rnd()), -2)))  # int yen, as before in value
                delta = delta if rnd() < 0.4 else -min(delta, c.amount // 2)
                ev.append((d, A, delta, "", self.adjust_notes[delta < 0], None))
                schedule = [(schedule[0][0], c.amount + delta)]

        paid_on_time = 0
        for due, amount in schedule:
            u = rnd()
            if u < p_on:
                d = due if method == DEBIT else max(ao, due - int(rnd() * 14))
                if d > T:
                    continue
                x = rnd()
                if x < 0.004 and method == DEBIT:
                    ev.append((d, R, amount, method, "", "口座振替不能（残高不足）のため取消"))
                    d2 = d + 7 + int(rnd() * 40)
                    if d2 <= T:
                        ev.append((d2, R, amount, SLIP, "", None))
                    continue
                if x < 0.006:
                    ev.append((d, R, amount * 10, method, "", "金額の入力誤りのため取消"))
                ev.append((d, R, amount, method, "", None))
                paid_on_time += amount
            elif u < p_late:
                d = due + 1 + int(self.rng.expovariate(1 / mean_lag))
                if d <= T:
                    if self.sureties and rnd() < 0.1:
                        ev.append((d, R, amount, COUNTER, "連帯保証人より納付", None))
                    else:
                        m = self.pick(LATE_METHODS)
                        ev.append((d, R, amount, m, "現金書留" if m == "その他" else "", None))
            elif u < p_pieces:  # 分納: a few parts a month apart, perhaps never finished
                parts = 2 + int(rnd() * 4)
                piece = -(-amount // (parts * 100)) * 100
                d, left, m = due + 5 + int(rnd() * mean_lag), amount, self.pick(LATE_METHODS)
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
                delta = max(100, int(round(paid_on_time * (0.1 + 0.4 * rnd()), -2)))
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
                ev.append((wd, EventKind.WRITE_OFF, balance, "", WRITE_OFF_GROUNDS[ground], None))

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
