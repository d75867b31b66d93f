"""The main window's menu bar: which actions there are, their keys and what each calls.

A part of the main window (mixed into MainWindow), kept apart so the window's module is
about its tabs and its ledger. The 文書 menu is filled when first opened: the letter
kinds live in the domain and are not needed to paint the window.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


class WindowMenus:
    """The menus of MainWindow; every slot they name is one of the window's methods."""

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None and self._deferred_shortcuts is not None:
            self._deferred_shortcuts.append((action, shortcut))
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("ファイル(&F)"))
        self._action(file, self.tr("新しい台帳(&N)…"), self._new_ledger, QKeySequence.StandardKey.New)
        self._action(file, self.tr("台帳を開く(&O)…"), self._open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file.addMenu(self.tr("最近使った台帳(&R)"))
        file.addSeparator()
        self._action(file, self.tr("台帳CSVの取込み(&I)…"), self._import, "Ctrl+I")
        self._action(file, self.tr("収納データの取込み(&P)…"), self.take_receipts)
        self._action(file, self.tr("取込み履歴(&H)…"), self.import_history)
        self._action(file, self.tr("設定(&S)…"), self.open_settings, "Ctrl+,")
        self._action(file, self.tr("所管課の設定(&D)…"), self._department)
        self._action(file, self.tr("各課集計（財政課）(&A)…"), self.open_aggregate)
        self._action(file, self.tr("引継書（PDF）(&T)…"), self.export_handover)
        file.addSeparator()
        self.safety.add_actions(file)
        file.addSeparator()
        self._action(file, self.tr("終了(&X)"), self.close, QKeySequence.StandardKey.Quit)

        entry = bar.addMenu(self.tr("入力(&E)"))
        self._action(entry, self.tr("新しい債務者(&D)…"), self._new_debtor, "Ctrl+Shift+D")
        self._action(entry, self.tr("選択した債権に収納を入力(&R)…"), self._receipt_for_selection, "Ctrl+R")

        self.letters_menu = bar.addMenu(self.tr("文書(&L)"))
        self.enclose_slips = QAction(self.tr("納付書を同封(&P)"), self)
        self.enclose_slips.setCheckable(True)
        self.enclose_slips.setToolTip(self.tr("督促状などの各文書のあとに、記載した債権の納付書を印刷します"))
        # Filled when first opened: the letter kinds live in the domain, not needed to paint.
        self.letters_menu.aboutToShow.connect(self._fill_letters_menu)

        view = bar.addMenu(self.tr("表示(&V)"))
        self._action(view, self.tr("本日の作業(&T)"), lambda: self.tabs.setCurrentWidget(self.worklist), "Ctrl+0")
        self._action(view, self.tr("電話催告リスト(&P)…"), lambda: self.worklist.open_call_list())
        self._action(view, self.tr("債権台帳(&L)"), lambda: self.tabs.setCurrentWidget(self.register), "Ctrl+1")
        self._action(view, self.tr("収納状況(&S)"), lambda: self.tabs.setCurrentWidget(self.summary), "Ctrl+2")
        self._action(view, self.tr("検索(&F)"), self._focus_search, QKeySequence.StandardKey.Find)
        self._action(view, self.tr("口座振替の勧奨対象(&D)…"), self.direct_debit_prospects)

        help_menu = bar.addMenu(self.tr("ヘルプ(&H)"))
        self._action(help_menu, self.tr("操作マニュアル(&M)"), self.show_manual, "F1")
        help_menu.addSeparator()
        self._action(help_menu, self.tr("債権管理デスクについて(&A)"), self._about)

    def _fill_letters_menu(self) -> None:
        from ..domain.contacts import LetterKind
        from ..domain.payment_slips import SlipKind

        if self.letters_menu.actions():
            return
        self.letters_menu.addAction(self.enclose_slips)
        slips = self.letters_menu.addMenu(SlipKind.PAYMENT_SLIP.label)
        self._action(slips, self.tr("選択した債権の分を作成…"),
                     lambda checked=False: self.make_letters(SlipKind.PAYMENT_SLIP, selected=True))
        self._action(slips, self.tr("納期限を過ぎて未納のある債権すべての分を作成…"),
                     lambda checked=False: self.make_letters(SlipKind.PAYMENT_SLIP, selected=False))
        self.letters_menu.addSeparator()
        for kind in LetterKind:
            menu = self.letters_menu.addMenu(kind.label)
            self._action(menu, self.tr("選択した債権の分を作成…"),
                         lambda checked=False, k=kind: self.make_letters(k, selected=True))
            self._action(menu, self.tr("手順で発送時期にある債権すべての分を作成…"),
                         lambda checked=False, k=kind: self.make_letters(k, selected=False))
