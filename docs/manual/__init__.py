"""The clerks' manual (index.html, images/): package data, found by claimdesk.bundled.manual_dir()."""
