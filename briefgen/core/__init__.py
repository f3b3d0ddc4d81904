"""Core: what every stage uses and no stage owns.

Dates (`dates`: ISO dates and dates in words; `timex`: dates as text writes them), file
hashing and the code fingerprint (`digest`), atomic and staged file writes (`fileio`),
bounds on a source (`limits`), forked workers (`parallel`), stage timings (`timings`),
progress bars (`progress`), third-party log capture (`library_log`) and time limits
(`deadline`). Takes nothing from the stages above; imports only model, errors and data.
"""

__version__ = "0.1.0"  # the package version; pyproject.toml says the same
