"""1,000 letters: ClaimDesk's rendering against bare reportlab drawing the same pages.

    /tmp/v/bin/python bench/letters.py [--db PATH] [--letters N] [--repeat N]

Takes 1,000 different recipients from the large demo ledger (bench/out/large.sqlite3,
built by bench/summary.py's `build` if missing), prepares their letters (督促状, 催告書
with guarantor copies, 最終催告書, 納付相談のご案内, 分納誓約書 in turn), then times side
by side, interleaved, N times each:

  (a) ClaimDesk: `render_letters` — forms filled in, kinsoku line breaking, tables,
      window address, page numbers, drawn and written as one PDF;
  (b) bare reportlab: a canvas with the same embedded font drawing exactly the
      strings, positions, rules and boxes that (a) drew, with nothing worked out.

(b) is the floor: what reportlab itself costs for these pages. The ratio (a) / (b) is
ClaimDesk's overhead; the goal is ≤ 1.5. The line-breaking cache is emptied before
every run of (a), so a repeat does not reuse the previous run's work. (b) is also timed
drawing the text alone (no rules or boxes), the strictest reading of "the same text".
Gathering the letters from the ledger is timed once and reported apart.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimdesk.domain.letters import LetterKind  # noqa: E402
from claimdesk.domain.register import RegisterQuery  # noqa: E402
from claimdesk.letters.kinsoku import cached_break  # noqa: E402
from claimdesk.letters.render import layout_letter, new_canvas, render_letters  # noqa: E402
from claimdesk.services.demo import LETTER_SENDER  # noqa: E402
from claimdesk.services.letter_settings import letter_settings, missing_settings, set_letter_settings  # noqa: E402
from claimdesk.services.letters import forms_for, prepare_letters  # noqa: E402
from claimdesk.services.register import register_page  # noqa: E402
from claimdesk.storage.ledger import Ledger  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
KINDS = (LetterKind.DEMAND, LetterKind.REMINDER, LetterKind.FINAL_REMINDER, LetterKind.CONSULTATION,
         LetterKind.INSTALMENT_PLEDGE)


def gather(ledger: Ledger, today: date, wanted: int) -> list:
    """`wanted` letters to different debtors, the kinds taking turns."""
    rows = register_page(ledger, RegisterQuery(overdue_only=True, sort="debtor_kana"), 0, wanted * 12, today)
    by_debtor: dict[str, list[str]] = {}
    for r in rows:
        by_debtor.setdefault(r.debtor_id, []).append(r.claim_id)
    debtors = list(by_debtor)[:wanted]
    letters = []
    for i, kind in enumerate(KINDS):
        ids = [c for d in debtors[i::len(KINDS)] for c in by_debtor[d]]
        letters += prepare_letters(ledger, kind, ids, today).letters
    return letters[:wanted]


def bare(pages_per_letter: list, out, text_only: bool = False) -> None:
    """Draw the given operations with reportlab and nothing else."""
    c = new_canvas(out)
    for pages in pages_per_letter:
        for ops in pages:
            font = None
            for op in ops:
                if op[0] == "T":
                    _, x, y, name, size, text, cs = op
                    if font != (name, size):
                        c.setFont(name, size)
                        font = (name, size)
                    c.drawString(x, y, text, charSpace=cs) if cs else c.drawString(x, y, text)
                elif text_only:
                    continue
                elif op[0] == "L":
                    c.setLineWidth(op[5])
                    c.line(op[1], op[2], op[3], op[4])
                else:
                    _, x, y, w, h, line, gray = op
                    c.setLineWidth(line)
                    if gray is not None:
                        c.setFillGray(gray)
                        c.rect(x, y, w, h, stroke=1, fill=1)
                        c.setFillGray(0)
                    else:
                        c.rect(x, y, w, h, stroke=1, fill=0)
            c.showPage()
    c.save()


def stats(xs: list[float]) -> str:
    return f"min {min(xs):7.3f} s   median {statistics.median(xs):7.3f} s"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=OUT / "large.sqlite3")
    ap.add_argument("--letters", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    from summary import build  # the large demo ledger, shared with the summary benchmark

    meta = build(args.db, rebuild=False)
    today = date.fromisoformat(meta["today"])
    with Ledger.open(args.db, create=False) as ledger:
        # A demo built before letters required a sender and contact has none: give it the
        # demo's (three settings rows; letters are refused without them).
        if missing_settings(letter_settings(ledger)):
            set_letter_settings(ledger, LETTER_SENDER)
        started = time.perf_counter()
        letters = gather(ledger, today, args.letters)
        gathered = time.perf_counter() - started
        settings = letter_settings(ledger)
        forms = forms_for(settings)
    by_name = {t.name: t for t in forms.templates}
    window = settings.window
    pages = [layout_letter(d, by_name[d.template], window) for d in letters]
    n_pages = sum(len(p) for p in pages)
    n_chars = sum(len(op[5]) for p in pages for ops in p for op in ops if op[0] == "T")
    print(f"{len(letters):,} letters to {len({d.recipient.name + d.recipient.address for d in letters}):,} "
          f"recipients, {n_pages:,} pages, {n_chars:,} characters; gathered from the ledger in {gathered:.2f} s")

    ours, floor, text = [], [], []
    size = 0
    for _ in range(args.repeat):
        cached_break.cache_clear()
        buf = io.BytesIO()
        t = time.perf_counter()
        render_letters(letters, forms, buf, window=window)
        ours.append(time.perf_counter() - t)
        size = len(buf.getvalue())
        t = time.perf_counter()
        bare(pages, io.BytesIO())
        floor.append(time.perf_counter() - t)
        t = time.perf_counter()
        bare(pages, io.BytesIO(), text_only=True)
        text.append(time.perf_counter() - t)
    (OUT / "letters-bench.pdf").write_bytes(buf.getvalue())

    print(f"\n{args.repeat} runs each, interleaved; PDF {size / 1e6:.1f} MB (bench/out/letters-bench.pdf)")
    print(f"  (a) ClaimDesk render_letters            {stats(ours)}")
    print(f"  (b) bare reportlab, same drawing        {stats(floor)}")
    print(f"      bare reportlab, the text alone      {stats(text)}")
    print(f"  ratio (a)/(b): {min(ours) / min(floor):.2f} (min)  "
          f"{statistics.median(ours) / statistics.median(floor):.2f} (median)   goal ≤ 1.5")
    print(f"  ratio (a)/text alone: {min(ours) / min(text):.2f} (min)  "
          f"{statistics.median(ours) / statistics.median(text):.2f} (median)")
    print(f"  per letter: {min(ours) / len(letters) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
