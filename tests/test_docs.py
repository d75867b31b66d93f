"""The repository's documents point only inside the repository, and their links resolve."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEARCHED = ("claimdesk", "tests", "bench", "forms", "resources", "docs", "packaging", ".ci")
OUTSIDE = re.compile(r"\.\./shared|/work/shared|shared/docs|shared/samples")


def _files():
    yield ROOT / "README.md"
    for folder in SEARCHED:
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".md", ".toml", ".txt", ".html", ".sh", ".spec", "") \
                    and "__pycache__" not in path.parts and path != Path(__file__).resolve():
                yield path


def test_nothing_points_outside_the_repository():
    offenders = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
                 for path in _files()
                 for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
                 if OUTSIDE.search(line)]
    assert offenders == []


def test_every_relative_link_in_the_documents_resolves():
    documents = [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    broken = []
    for doc in documents:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            if "://" not in target and not (doc.parent / target).exists():
                broken.append(f"{doc.relative_to(ROOT)}: {target}")
    assert broken == []


def test_the_comments_that_cite_the_rules_name_a_section_that_exists():
    sections = {
        "domain": set(re.findall(r"^## (\d+a?)\.", (ROOT / "docs/domain.md").read_text(encoding="utf-8"), re.M)),
        "exchange-format": set(re.findall(r"^## (\d+)\.", (ROOT / "docs/exchange-format.md").read_text(encoding="utf-8"),
                                          re.M)),
    }
    cited = re.compile(r"docs/(domain|exchange-format)\.md\s*§(\d+a?)")
    missing = [f"{path.relative_to(ROOT)}: {doc}.md §{number}"
               for path in _files()
               for doc, number in cited.findall(path.read_text(encoding="utf-8", errors="replace"))
               if number not in sections[doc]]
    assert missing == []


MANUAL = ROOT / "docs" / "manual"
SEPARATOR = "<!-- " + "=" * 69 + " -->"  # between the manual's sections


def _manual_names(html: str) -> set[str]:
    return set(re.findall(r'<a name="([^"]+)"', html)) | set(re.findall(r'\sid="([^"]+)"', html))


def missing_anchors(html: str, sources) -> list[str]:
    """The `manual_anchor`s of the window's classes that name no section of `html`."""
    names = _manual_names(html)
    return [f"{path.name}: {anchor}" for path in sources
            for anchor in re.findall(r'^\s+manual_anchor = "([^"]+)"', path.read_text(encoding="utf-8"), re.M)
            if anchor not in names]


def broken_links(html: str, folder: Path) -> list[str]:
    """Links within `html` to a name it lacks, and pictures or files missing from `folder`."""
    names = _manual_names(html)
    broken = [f"#{target}" for target in re.findall(r'href="#([^"]+)"', html) if target not in names]
    return broken + [src for src in re.findall(r'<(?:img|a)\s[^>]*(?:src|href)="(?!#|https?:)([^"]+)"', html)
                     if not (folder / src).is_file()]


def test_every_manual_anchor_of_the_window_is_a_section_of_the_manual():
    # F1 scrolls the manual to a page's (or dialog's) `manual_anchor`: a name the manual
    # lacks would leave the clerk at the top of the manual, silently.
    html = (MANUAL / "index.html").read_text(encoding="utf-8")
    sources = list((ROOT / "claimdesk" / "ui").rglob("*.py"))
    assert sum("manual_anchor = " in p.read_text(encoding="utf-8") for p in sources) >= 15
    assert missing_anchors(html, sources) == []


def test_the_manuals_links_and_pictures_resolve_and_no_placeholder_is_left():
    html = (MANUAL / "index.html").read_text(encoding="utf-8")
    assert broken_links(html, MANUAL) == []
    assert "<!--" not in html.replace(SEPARATOR, ""), "a placeholder comment is left in the manual"


def test_a_missing_section_or_picture_is_caught(tmp_path):
    page = tmp_path / "page.py"
    page.write_text('class Page:\n    manual_anchor = "nowhere"\n\n\nclass Other:\n    manual_anchor = "worklist"\n',
                    encoding="utf-8")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "there.png").write_bytes(b"")
    html = ('<a name="worklist"></a><a href="#worklist">x</a><a href="#gone">y</a>'
            '<img src="images/there.png"><img src="images/none.png">')
    assert missing_anchors(html, [page]) == ["page.py: nowhere"]
    assert broken_links(html, tmp_path) == ["#gone", "images/none.png"]
