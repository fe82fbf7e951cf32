"""`python -m bench`: run the scenarios against a fresh bench server and report against echo."""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.measure import Measurement, Options, measure
from bench.process import ServerError, bench_server
from bench.report import command_line, json_report, machine_facts, markdown, now
from bench.scenarios import REGISTRY, Scenario, select
from bench.server import SCENARIO_SETS
from bench.wrk import INSTALL_HINT, find_wrk

TRANSPORTS = ("rest", "grpc")
SLACK_S = 30.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    add = parser.add_argument
    add("--duration", type=int, default=10, help="whole seconds of measured load per run")
    add("--warmup", type=int, default=1, help="whole seconds of discarded load before each run")
    add("--connections", type=int, default=16, help="concurrent connections / gRPC calls")
    add("--threads", type=int, default=1, help="wrk threads (keep low: the server shares CPUs)")
    add("--scenario", action="extend", nargs="+", default=[], metavar="NAME", help="run these")
    add("--transport", action="extend", nargs="+", default=[], choices=TRANSPORTS)
    add("--scenario-set", choices=sorted(SCENARIO_SETS), default="default", help="server build")
    add("--json", type=Path, metavar="PATH", help="also write the results as JSON here")
    add("--list", action="store_true", help="list the registered scenarios and exit")
    return parser


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if not 1 <= args.duration <= 600:
        parser.error("--duration must be between 1 and 600 seconds")
    if not 0 <= args.warmup <= 60:
        parser.error("--warmup must be between 0 and 60 seconds")
    if not 1 <= args.connections <= 1024:
        parser.error("--connections must be between 1 and 1024")
    if not 1 <= args.threads <= min(64, args.connections):
        parser.error("--threads must be between 1 and --connections (at most 64)")


def _list() -> int:
    for scenario in REGISTRY.values():
        mark = "" if scenario.default else " (only when named)"
        transports = "+".join(scenario.transports())
        sys.stdout.write(f"{scenario.name} [{transports}]{mark}: {scenario.summary}\n")
    return 0


def _run(
    plan: Sequence[tuple[Scenario, str]], options: Options, scenario_set: str, log: Path
) -> list[Measurement]:
    lifetime = len(plan) * (options.duration + options.warmup + SLACK_S) + 2 * SLACK_S
    results = []
    with bench_server(scenario_set, lifetime, log) as server:
        for scenario, transport in plan:
            sys.stderr.write(f"bench: {scenario.name} over {transport}...\n")
            results.append(measure(scenario, transport, server, options))
    return results


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; returns 0, 1 when a scenario failed, 2 on a usage problem."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    args = parser.parse_args(argv)
    _check(parser, args)
    if args.list:
        return _list()
    try:
        scenarios = select(args.scenario)
    except KeyError as error:
        parser.error(str(error.args[0]))
    transports = [t for t in TRANSPORTS if t in (args.transport or TRANSPORTS)]
    wrk = find_wrk()
    if "rest" in transports and wrk is None:
        sys.stderr.write(f"bench: {INSTALL_HINT}\n")
        return 2
    plan = [(s, t) for t in transports for s in scenarios if t in s.transports()]
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # unwind: stop the server, drop temp files
    facts, date = machine_facts(wrk), now()
    with tempfile.TemporaryDirectory(prefix="wingman-bench-") as tmp:
        workdir = Path(tmp)
        options = Options(args.duration, args.warmup, args.connections, args.threads, workdir, wrk)
        try:
            results = _run(plan, options, args.scenario_set, workdir / "server.log")
        except ServerError as error:
            sys.stderr.write(f"bench: {error}\n")
            return 1
    command = command_line(argv)
    sys.stdout.write(markdown(results, scenarios, facts, options, command, date))
    if args.json is not None:
        args.json.write_text(json_report(results, facts, options, command, date))
    return 1 if any(r.error or r.unexpected for r in results) else 0
