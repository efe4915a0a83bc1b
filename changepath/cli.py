"""The `changepath` command: the entry to the service, the knowledge bank, the chat, evaluation and benchmarks."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "changepath.settings")
    import django

    django.setup()


def _bank():
    from changepath.knowledge import ContentError, load_bank

    try:
        return load_bank(os.environ.get("CHANGEPATH_CONTENT_DIR"))
    except ContentError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(2) from None


def cmd_serve(args) -> int:
    """Prepare the database and content, then serve: Django's server, or gunicorn with --production."""
    _django()
    from django.core.management import call_command

    bank = _bank()
    print(f"Knowledge bank: {len(bank.articles)} articles, {len(bank.flows)} flows, "
          f"{sum(len(c.services) for c in bank.countries.values())} services in {len(bank.countries)} countries.")
    call_command("migrate", verbosity=0, interactive=False)
    from changepath.helpchat import runtime

    print("Loading the language models (the first start on a machine builds them: about a minute)...", flush=True)
    runtime.engine()  # builds (or loads) the cached vectors before the first visitor arrives
    runtime.search()
    address = f"{args.host}:{args.port}"
    print(f"changepath is running at http://{address}/  (stop with Ctrl+C)", flush=True)
    if args.production:
        from gunicorn.app.wsgiapp import run

        sys.argv = ["gunicorn", "changepath.wsgi", "--bind", address, "--workers", str(args.workers),
                    "--preload", "--access-logfile", "/dev/null"]
        return run()
    call_command("runserver", address, use_reloader=False, use_threading=True)
    return 0


def cmd_chat(args) -> int:
    from changepath.conversation import Engine, new_state
    from changepath.terminal import run_terminal_chat

    bank = _bank()
    country = (args.country or os.environ.get("CHANGEPATH_COUNTRY", "GB")).upper()
    if country not in bank.countries:
        print(f"Unknown country {country!r}; choose one of: {', '.join(sorted(bank.countries))}", file=sys.stderr)
        return 2
    return run_terminal_chat(Engine(bank, default_country=country), new_state(country, channel="terminal"))


def cmd_kb(args) -> int:
    bank = _bank()
    if args.action == "check":
        print(f"OK: {len(bank.topics)} topics, {len(bank.articles)} articles, {len(bank.flows)} flows, "
              f"{sum(len(v) for v in bank.intents.values())} intent examples, "
              f"{sum(len(c.services) for c in bank.countries.values())} services ({', '.join(sorted(bank.countries))}).")
        return 0
    if args.action == "list":
        for article in sorted(bank.articles.values(), key=lambda a: (a.topic, a.slug)):
            print(f"{article.topic:<30} {article.slug:<50} {article.words:>4} words")
        return 0
    text = " ".join(args.text).strip()
    if not text:
        print('Give the words to search for, e.g. changepath kb search "time out"', file=sys.stderr)
        return 2
    from changepath.conversation.matching import TopicMatcher
    from changepath.conversation.search import ArticleSearch

    for hit in ArticleSearch(bank, TopicMatcher(bank)).search(text, limit=args.limit):
        print(f"{hit.score:.3f}  {hit.slug:<50} {hit.title}")
    return 0


def cmd_eval(args) -> int:
    from changepath import evaluation
    from changepath.conversation.engine import default_crisis_check
    from changepath.conversation.matching import MODES, TopicMatcher

    bank = _bank()
    if args.reach:
        both = TopicMatcher(bank, mode="semantic")
        check = default_crisis_check(bank, both)
        for meaning in (check.meaning, check.strong):  # the small encoder's reading, then the strong one's
            print(evaluation.reach(meaning))
        return 0
    if not args.file:
        print("give a JSONL file to evaluate (lines of text, topic, crisis), or --reach", file=sys.stderr)
        return 2
    try:
        rows = evaluation.read_lines(Path(args.file), set(bank.topics), set(bank.crisis_kinds))
    except evaluation.EvalFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    both = TopicMatcher(bank, mode="both")
    crisis = default_crisis_check(bank, both)
    if args.compare:
        # What each part adds: the same lines through lexical only, semantic only, and both.
        for mode in MODES:
            matcher = both if mode == "both" else TopicMatcher(bank, mode=mode, encoder=both.encoder)
            print(f"{mode:<9} {evaluation.evaluate(rows, matcher, crisis).summary}")
        print()
    matcher = both if args.mode == "both" else TopicMatcher(bank, mode=args.mode, encoder=both.encoder)
    result = evaluation.evaluate(rows, matcher, crisis)
    print(f"{result.safety}\n{result.by_kind}\n{result.summary}" if args.summary else evaluation.report(result, show_misses=args.misses))
    return 0


def cmd_bench(args) -> int:
    if args.what == "casework":
        from changepath import bench_casework

        return bench_casework.run(args)
    from changepath import bench

    return bench.run(args)


def _django_command(name: str):
    """A casework command: the database is brought up to date first, then the command runs."""

    def run(args) -> int:
        _django()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        return cmd_manage(argparse.Namespace(rest=[name, *args.rest]))

    return run


def cmd_manage(args) -> int:
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["changepath manage", *args.rest])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="changepath", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="run the web service (chat, knowledge bank, API)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default=8000, type=int)
    p.add_argument("--production", action="store_true", help="serve with gunicorn instead of Django's server")
    p.add_argument("--workers", default=2, type=int)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("chat", help="talk to the help chat in this terminal")
    p.add_argument("--country", help="ISO code for services and emergency numbers (default: CHANGEPATH_COUNTRY or GB)")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("kb", help="the knowledge bank: check, list or search it")
    p.add_argument("action", choices=["check", "list", "search"])
    p.add_argument("text", nargs="*", help="words to search for")
    p.add_argument("--limit", type=int, default=8)
    p.set_defaults(func=cmd_kb)

    p = sub.add_parser("eval", help="measure topic accuracy and crisis recall on a JSONL file")
    p.add_argument("file", nargs="?")
    p.add_argument("--reach", action="store_true",
                   help="instead of a file: cross-validate the crisis meaning check on its own examples")
    p.add_argument("--mode", choices=["lexical", "semantic", "both"], default="both")
    p.add_argument("--compare", action="store_true", help="also show lexical only, semantic only and both")
    p.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    p.add_argument("--summary", action="store_true",
                   help="print only the figures, never a line's text (for held-out sets that must stay unread)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="chat: latency per turn, HTTP throughput, memory; casework: pages at 100,000 cases")
    p.add_argument("what", nargs="?", choices=["chat", "casework"], default="chat")
    p.add_argument("--cases", type=int, default=100_000, help="casework: cases to load")
    p.add_argument("--requests", type=int, default=40, help="casework: timed requests per page")
    p.add_argument("--turns", type=int, default=400, help="in-process turns to time")
    p.add_argument("--sessions", type=int, default=50, help="concurrent HTTP sessions")
    p.add_argument("--seconds", type=float, default=10.0, help="how long the HTTP load runs")
    p.add_argument("--no-http", action="store_true", help="skip the HTTP part")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("createadmin", help="create the first administrator (asks for a password)")
    p.add_argument("rest", nargs=argparse.REMAINDER, help="USERNAME --organisation NAME [--email EMAIL]")
    p.set_defaults(func=_django_command("createadmin"))

    p = sub.add_parser("demo", help="load a fictional casework data set to log in and look around")
    p.add_argument("rest", nargs=argparse.REMAINDER, help="[--cases N]")
    p.set_defaults(func=_django_command("demo"))

    p = sub.add_parser("audit", help="verify or export the casework audit trail")
    p.add_argument("rest", nargs=1, choices=["verify", "export"])
    p.set_defaults(func=_django_command("audit"))

    p = sub.add_parser("manage", help="Django's management commands (migrate, clearsessions, ...)")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)

    args = parser.parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    raise SystemExit(main())
