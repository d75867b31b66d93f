"""`claimdesk parties`: who besides the debtor is liable for a claim (連帯保証人, 保証人, 相続人).

One module of the cli/ package, like casework.py. Without an action it lists a claim's
liable parties; --add, --share and --end record, as the claim page's 保証人・相続人 tab
does, through the same services (the same checks, the same append-only history).
Exit status 0 when done, 2 when refused with the reason.
"""

from __future__ import annotations

from ..domain.liable import ROLE_LABELS
from .common import date_arg, open_ledger


def add_parties_command(sub, db_option) -> None:
    """Add `parties` to the `claimdesk` parser."""
    p = sub.add_parser("parties", parents=[db_option],
                       help="保証人・相続人: 債権の一覧（--claim）、追加（--add）、法定相続分（--share）、終了（--end）")
    p.add_argument("--claim", metavar="ID", action="append",
                   help="債権番号（一覧は1件、--add は同じ債務者の複数も可: 繰り返し指定）")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--add", metavar="NAME", help="この氏名の保証人・相続人を追加（--role で種類）")
    action.add_argument("--share", nargs=2, metavar=("PARTY_IDS", "SHARE"),
                        help="相続人の法定相続分を記録・訂正（例: 12 1/2。債権ごとの番号を 12,13 と並べて一度に）")
    action.add_argument("--end", metavar="PARTY_ID", type=int,
                        help="この日から責任を負わない（--on と --reason が必要）")
    p.add_argument("--role", choices=sorted(ROLE_LABELS), default="guarantor",
                   help="--add の種類: guarantor（連帯保証人・既定）、surety（保証人）、heir（相続人）")
    p.add_argument("--address", default="", help="--add の住所")
    p.add_argument("--postal-code", default="", help="--add の郵便番号")
    p.add_argument("--relation", default="", help="--add の続柄（例: 長女）")
    p.add_argument("--heir-share", metavar="SHARE", default="", help="--add --role heir の法定相続分（例: 1/2）")
    p.add_argument("--on", type=date_arg, metavar="DATE", help="--add・--share・--end の日付（既定: 今日）")
    p.add_argument("--reason", default="", help="--end の理由（例: 相続放棄）")


def cmd_parties(args) -> int:
    from ..domain.claims import Guarantor
    from ..domain.errors import ClaimDeskError, Refusal
    from ..domain.liable import parse_share
    from ..services.casework_view import liable_parties
    from ..services.parties import add_party, end_party, record_share

    with open_ledger(args) as ledger:
        if args.share is not None:
            ids, text = args.share
            for party_id in ids.split(","):
                if not party_id.strip().isdigit():
                    raise Refusal("party_id", "party_unknown", party_id=party_id.strip())
            share = parse_share(text)
            if share is None:
                raise Refusal("share", "not_entered", label="法定相続分")
            for party in record_share(ledger, [int(i) for i in ids.split(",")], share, on=args.on):
                print(_line(party))
            return 0
        if args.end is not None:
            if args.on is None:
                raise ClaimDeskError("--end には --on で終了の日付を指定してください")
            print(_line(end_party(ledger, args.end, args.on, args.reason)))
            return 0
        if not args.claim:
            raise ClaimDeskError("--claim で債権番号を指定してください")
        if args.add is not None:
            person = Guarantor("", args.add, postal_code=args.postal_code, address=args.address,
                               relation=args.relation)
            share = parse_share(args.heir_share)
            ids = add_party(ledger, args.claim, person, args.role, on=args.on, share=share)
            print(f"追加しました（{ROLE_LABELS[args.role]}、番号 {'、'.join(str(i) for i in ids)}）")
            return 0
        if len(args.claim) > 1:
            raise ClaimDeskError("一覧は債権1件ずつです（--claim を1つだけ指定してください）")
        parties = liable_parties(ledger, args.claim[0])
        for party in parties:
            print(_line(party))
        if not parties:
            print("保証人・相続人はいません")
    return 0


def _line(party) -> str:
    """One party as a tab-separated line: id, claim, kind (with share), name, end."""
    end = f"{party.ended_on.isoformat()} 終了（{party.end_reason}）" if party.ended_on else ""
    return "\t".join((str(party.party_id), party.claim_id, party.kind_label, party.name, end)).rstrip("\t")


COMMANDS = {"parties": cmd_parties}
