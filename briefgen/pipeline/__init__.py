"""Pipeline: the one place the stages are called in order, and everything a build keeps.

Takes brief specs and build options (`plans`). Gives published editions (`build`): each
spec's sources read and summarised through the content-addressed caches (`sources`,
`document_cache`, `summary_cache`), composed (`spec_material`), rendered, and written all
at once (`publish`) with a manifest of what each output was made from (`manifest`,
`inputs`), so `staleness` can say what is out of date and `watch` can rebuild it. One
build per output folder at a time (`lock`).
"""
