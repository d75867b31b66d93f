"""No import circles in claimdesk: each module can be read knowing only what is below it.

Imports inside functions count (the command line's old `from .cli import _open`), and so
do imports made only for annotations (letter_hooks once named letter_log's SentLetter
that way while letter_log imported letter_hooks). The one exception: storage's
repositories name the Ledger that owns them in their signatures — a facade and its
parts, type-only, never a circle at run time.
"""

import grimp


def circles(graph) -> list[tuple[str, ...]]:
    found = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                found.append((module, *chain))
    return found


def test_no_module_imports_itself_round_a_circle():
    assert circles(grimp.build_graph("claimdesk", exclude_type_checking_imports=True)) == []


def test_no_circle_through_annotations_outside_the_storage_facade():
    typed = circles(grimp.build_graph("claimdesk"))
    assert [c for c in typed if not all(m.startswith("claimdesk.storage.") for m in c)] == []
