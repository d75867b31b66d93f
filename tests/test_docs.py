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


def _manual_names(html: str) -> set[str]:
    return set(re.findall(r'<a name="([^"]+)"', html)) | set(re.findall(r'\sid="([^"]+)"', html))


def test_every_manual_anchor_of_the_window_is_a_section_of_the_manual():
    # F1 scrolls the manual to a page's (or dialog's) `manual_anchor`: a name the manual
    # lacks would leave the clerk at the top of the wrong page, silently.
    names = _manual_names((MANUAL / "index.html").read_text(encoding="utf-8"))
    anchors = {f"{path.relative_to(ROOT)}: {anchor}"
               for path in (ROOT / "claimdesk" / "ui").rglob("*.py")
               for anchor in re.findall(r'^\s+manual_anchor = "([^"]+)"', path.read_text(encoding="utf-8"), re.M)
               if anchor not in names}
    assert anchors == set()


def test_the_manuals_links_and_pictures_resolve():
    html = (MANUAL / "index.html").read_text(encoding="utf-8")
    names = _manual_names(html)
    broken = [f"#{target}" for target in re.findall(r'href="#([^"]+)"', html) if target not in names]
    broken += [src for src in re.findall(r'<(?:img|a)\s[^>]*(?:src|href)="(?!#|https?:)([^"]+)"', html)
               if not (MANUAL / src).is_file()]
    assert broken == []
    assert "<!--" not in html.replace("<!-- " + "=" * 69 + " -->", ""), "a placeholder comment is left"


def test_the_anchor_check_would_catch_a_missing_section(tmp_path):
    html = '<a name="worklist"></a><a href="#worklist">x</a><a href="#nowhere">y</a><img src="images/none.png">'
    names = _manual_names(html)
    assert "worklist" in names and "nowhere" not in names
    assert not (MANUAL / "images/none.png").is_file()
