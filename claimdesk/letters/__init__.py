"""Letters (督促状, 催告書 …) as print-ready PDF: forms/ templates filled from plain data.

templates.py reads and checks the forms; model.py is the data a letter says and its
placeholders; kinsoku.py breaks Japanese lines; layout.py and tables.py place everything
on A4 pages (envelope.py: the 長3 window); render.py draws the pages with reportlab in
the embedded IPAex fonts (fonts.py). Nothing here reads the ledger: services do.
"""
