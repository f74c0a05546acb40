"""Benchmarks for jixiao: `python -m bench.run [--quick]`; figures are recorded in docs/performance.md."""
