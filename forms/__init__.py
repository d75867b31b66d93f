"""Installed as the package claimdesk.forms (see setup.py): the bundled letter forms.

This file only makes the folder a package, so that importlib.resources finds it in an
editable install, a wheel and the PyInstaller build alike. ClaimDesk reads only *.txt here.
"""
