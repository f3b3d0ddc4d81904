"""Compose: one brief's material from the sources' summaries.

Takes the SourceSummary of every source (from extract) and a spec's settings. Gives the
ranked Material every audience draws on (`material`: selection and ranking, with
`corroboration` across sources, the `timeline`, the actor `roster`, stable
`statement_ids` and `statement_text`), and, per audience, the Brief it reads (`tailor`,
with the audience's resolved `edition_settings`).
"""
