"""Installed as the package claimdesk.resources (see setup.py): fonts, procedures, settings.

This file only makes the folder a package, so that importlib.resources finds it in an
editable install, a wheel and the PyInstaller build alike. Edit the data files here.
"""
