"""The `wingman` command: serve, call a method in-process, print the settings."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TextIO

from pydantic import ValidationError

from wingman.app import Wingman, build_wingman
from wingman.config import Settings
from wingman.core.errors import Internal, InvalidArgument, WingmanError
from wingman.core.tenant import Tenant
from wingman.core.validation import build_request, parse_json
from wingman.evaluation.incidents import evaluate_incidents
from wingman.evaluation.kql import evaluate_kql
from wingman.evaluation.scripts import evaluate_scripts
from wingman.logs import configure_logging
from wingman.rest.app import ENDPOINTS, Endpoint
from wingman.settings_doc import settings_table

METHODS: dict[str, Endpoint] = {endpoint.rpc: endpoint for endpoint in ENDPOINTS}
EVAL_SUITES: dict[str, Callable[[Wingman, list[str], TextIO, TextIO | None], Awaitable[object]]] = {
    "incidents": evaluate_incidents,
    "kql": evaluate_kql,
    "scripts": evaluate_scripts,
}
Builder = Callable[[Settings], Wingman]


def main(
    argv: Sequence[str] | None = None,
    *,
    build: Builder = build_wingman,
    stdout: TextIO | None = None,
) -> int:
    """Run the CLI; returns the process exit code."""
    out = stdout or sys.stdout
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
    except ValidationError as exc:
        sys.stderr.write(f"wingman: invalid settings: {exc}\n")
        return 2
    configure_logging(settings.log)
    if args.command == "serve":
        return _serve(settings, build)
    if args.command == "call":
        return asyncio.run(_call(args, settings, build, out))
    if args.command == "eval":
        return asyncio.run(_eval(args, settings, build, out))
    out.write(settings_table() + "\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wingman", description="Wingman security copilot")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve REST and gRPC in one process")
    serve.add_argument("--host", help="listen address (WINGMAN_HOST)")
    serve.add_argument("--rest-port", type=int, help="REST port (WINGMAN_REST_PORT)")
    serve.add_argument("--grpc-port", type=int, help="gRPC port (WINGMAN_GRPC_PORT)")
    call = commands.add_parser("call", help="run one method in-process and print its JSON")
    call.add_argument("method", choices=sorted(METHODS), help="RPC name")
    source = call.add_mutually_exclusive_group(required=True)
    source.add_argument("--json", help="the request as JSON ('-' reads stdin)")
    source.add_argument("--batch", help="JSONL file, one request a line ('-' reads stdin)")
    call.add_argument("--tenant", help="tenant id (default: 'default')")
    call.add_argument("--timeout-ms", type=float, help="deadline of each request")
    evaluate = commands.add_parser("eval", help="corpus metrics: a table, then one JSON line")
    evaluate.add_argument("suite", choices=sorted(EVAL_SUITES), help="which capability")
    evaluate.add_argument("file", help="labelled JSONL corpus")
    evaluate.add_argument("--limit", type=int, help="evaluate only the first N items")
    evaluate.add_argument("--details", help="also write one JSON line per item to this file")
    commands.add_parser("settings", help="print the settings table (Markdown)")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    for name in ("host", "rest_port", "grpc_port"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    return Settings(**overrides)


def _serve(settings: Settings, build: Builder) -> int:
    from wingman.serve import Runner

    async def run() -> None:
        runner = Runner(
            build(settings),
            host=settings.host,
            rest_port=settings.rest_port,
            grpc_port=settings.grpc_port,
        )
        try:
            await runner.run()
        finally:
            runner.wingman.telemetry.shutdown()

    asyncio.run(run())
    return 0


async def _call(args: argparse.Namespace, settings: Settings, build: Builder, out: TextIO) -> int:
    endpoint = METHODS[args.method]
    wingman = build(settings)
    failures = 0
    try:
        for line in _requests(args):
            text = await _answer(wingman, endpoint, line, args)
            failures += text.startswith('{"error"')
            out.write(text + "\n")
            out.flush()
    finally:
        await wingman.aclose()
        wingman.telemetry.shutdown()
    return 1 if failures else 0


async def _eval(args: argparse.Namespace, settings: Settings, build: Builder, out: TextIO) -> int:
    wingman = build(settings)
    try:
        with open(args.file, encoding="utf-8") as handle:
            lines = _jsonl_lines(handle.read())[: args.limit]
        if args.details:
            with open(args.details, "w", encoding="utf-8") as details:
                await EVAL_SUITES[args.suite](wingman, lines, out, details)
        else:
            await EVAL_SUITES[args.suite](wingman, lines, out, None)
    finally:
        await wingman.aclose()
        wingman.telemetry.shutdown()
    return 0


def _jsonl_lines(text: str) -> list[str]:
    """Split JSON Lines on newlines only: JSON strings may hold U+2028, U+0085 or form feeds."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    return lines[:-1] if lines and not lines[-1] else lines


def _requests(args: argparse.Namespace) -> list[str]:
    if args.json is not None:
        return [sys.stdin.read() if args.json == "-" else args.json]
    if args.batch == "-":
        return _jsonl_lines(sys.stdin.read())
    with open(args.batch, encoding="utf-8", errors="surrogateescape") as handle:
        return _jsonl_lines(handle.read())


async def _answer(wingman: Wingman, endpoint: Endpoint, text: str, args: argparse.Namespace) -> str:
    try:
        tenant = Tenant.parse(args.tenant)
        if not text.strip():
            raise InvalidArgument("request: empty line", field="request")
        request = build_request(endpoint.request, parse_json(text), wingman.limits)
        timeout = args.timeout_ms / 1000.0 if args.timeout_ms else None
        result = await endpoint.call(wingman)(wingman.context(tenant, "cli", timeout), request)
        return result.model_dump_json(exclude_none=True)
    except WingmanError as error:
        return _error_line(error)
    except Exception as exc:  # one bad item must not end the batch
        return _error_line(Internal(f"internal error: {type(exc).__name__}"))


def _error_line(error: WingmanError) -> str:
    body: dict[str, Any] = {"code": error.code.value, "message": error.message}
    if error.field:
        body["field"] = error.field
    return json.dumps({"error": body}, ensure_ascii=False)


if __name__ == "__main__":
    sys.exit(main())
