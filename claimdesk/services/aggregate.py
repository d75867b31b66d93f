"""各課集計: the finance department merges the departments' standard summaries.

Every file is read and checked before anything is merged, and nothing is written while
any file has a problem: a ward total built on one wrong file is worse than none.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..domain.aggregate import validate
from ..domain.budget_order import DEFAULT_ORDER
from ..domain.errors import REASONS, Refusal
from ..domain.summary_rows import Problem
from ..domain.ward_tables import Aggregate, merge
from ..reports.aggregate_csv import aggregate_csv_text
from .files import atomic_output
from .refusals import wrong_output

FORMATS = (".xlsx", ".csv", ".pdf")

REASONS.update({"files_required": "集計する標準様式のCSVファイルを指定してください"})


class AggregateFailed(Refusal):
    """Some files break the contract; `problems` lists each as FILE:LINE: reason."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("files", "aggregate_failed", count=len(self.problems))


def read_files(paths: Sequence[str | Path]) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    """Each readable file's name (as given) and bytes, and a problem for each unreadable one."""
    sources, problems = [], []
    for path in paths:
        name = str(path)
        try:
            sources.append((name, Path(path).read_bytes()))
        except FileNotFoundError:
            problems.append(Problem(name, 1, "ファイルがありません"))
        except IsADirectoryError:
            problems.append(Problem(name, 1, "フォルダです。標準様式のCSVファイルを指定してください"))
        except OSError as e:
            problems.append(Problem(name, 1, f"ファイルを読めません（{e.strerror or e}）"))
    return sources, problems


def aggregate_files(paths: Sequence[str | Path], order: Sequence[str] = DEFAULT_ORDER) -> Aggregate:
    """Read and check every file, then merge them (tables in budget `order`); AggregateFailed lists every problem."""
    if not paths:
        raise Refusal("files", "files_required")
    names = [str(p) for p in paths]
    sources, unreadable = read_files(paths)
    files, problems = validate(sources)  # the readable ones are checked all the same
    if unreadable or problems:
        raise AggregateFailed(unreadable + problems)
    # The files in the order given: the tables sort what they show themselves.
    position = {name: i for i, name in enumerate(names)}
    return merge(sorted(files, key=lambda f: position[f.name]), order)


def check_output(output: str | Path) -> Path:
    """The output path, if its suffix is one the aggregator writes."""
    output = Path(output)
    if output.suffix.lower() not in FORMATS:
        raise wrong_output(output, ".xlsx、.csv または .pdf")
    return output


def write_aggregate(agg: Aggregate, output: str | Path) -> Path:
    """Write the aggregate to `output` (.xlsx, .csv or .pdf, by its suffix), atomically."""
    output = check_output(output)
    suffix = output.suffix.lower()
    with atomic_output(output) as tmp:
        if suffix == ".csv":
            tmp.write_bytes(aggregate_csv_text(agg).encode("utf-8-sig"))
        elif suffix == ".xlsx":
            from ..reports.aggregate_xlsx import write_aggregate_xlsx

            write_aggregate_xlsx(agg, tmp)
        else:
            from ..reports.aggregate_pdf import write_aggregate_pdf

            write_aggregate_pdf(agg, tmp)
    return output


def export_aggregate(paths: Sequence[str | Path], output: str | Path,
                     order: Sequence[str] = DEFAULT_ORDER) -> Aggregate:
    """Check every file, merge, and write `output`; nothing is written if any file has a problem."""
    output = check_output(output)
    agg = aggregate_files(paths, order)
    write_aggregate(agg, output)
    return agg
