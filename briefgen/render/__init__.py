"""Render: a cited Brief becomes files, in memory.

Takes a Brief, its CitationSet and the Edition settings. Gives HTML (Jinja2) and PDF
(WeasyPrint) (`html`), the JSON export (`export`), the changes since the last edition
(`changes`), and one edition's outputs fitted to its page budget (`edition`, `fit`).
Nothing is written here: the pipeline publishes.
"""
