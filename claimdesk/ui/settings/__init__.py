"""ファイル → 設定: one dialog with a tab for each kind of setting a department keeps."""

from .dialog import SettingsDialog

__all__ = ["SettingsDialog"]
