"""Benchmark harness: every figure beside the echo endpoint of the same stack, same run.

`python -m bench` starts `python -m bench.server` (the real service plus bench-only echo
endpoints) in its own process, drives REST with `wrk` and gRPC with `python -m bench.grpc_load`
(each a separate process), and writes a Markdown table to stdout. See docs/benchmarks.md.
"""
