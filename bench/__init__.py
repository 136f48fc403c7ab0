"""Load benchmark of the content API: data generator, scenarios, runner, bare-stack baseline.

Run with `make bench` or `python -m bench --help`; see bench/README.md.
"""
