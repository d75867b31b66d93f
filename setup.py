"""Maps resources/, forms/ and docs/manual/ into the package (claimdesk.resources, .forms, .manual).

Clerks and maintainers edit resources/ and forms/ at the top of the repository; a wheel,
an editable install and the PyInstaller build all see them inside the package, where
claimdesk/bundled.py finds them with importlib.resources. The rest is in pyproject.toml;
this file exists only because `packages = find(...)` cannot be combined with package-dir
entries in pyproject.toml.
"""

from setuptools import find_packages, setup

BUNDLED = {"claimdesk.resources": "resources", "claimdesk.forms": "forms", "claimdesk.manual": "docs/manual"}

setup(
    packages=find_packages(include=["claimdesk", "claimdesk.*"]) + list(BUNDLED),
    package_dir=BUNDLED,
    # By kind, not "**/*": a stray __pycache__ or editor backup must not ship.
    package_data={
        "claimdesk.resources": ["fonts/*.ttf", "fonts/*.txt", "fonts/*.md", "procedures/*.toml",
                                "settings/*.toml", "translations/*.qm"],
        "claimdesk.forms": ["*.txt", "README.md"],
        "claimdesk.manual": ["*.html", "images/*.png"],
    },
)
