"""Workspace: what a user's folder says, validated.

Takes the files of a workspace: brief specs (`spec`), a corpus's CSL catalogue
(`catalogue`) and curation file (`curation`), template folders (`templates`), read through
one YAML loader that keeps line numbers for every error (`yamlfile`). Gives validated
settings (BriefSpec, SourceEntry, Curation, template lookups); every problem is a
ConfigError naming the file, the line and the key.
"""
