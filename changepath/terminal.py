"""`changepath chat`: the same engine in a terminal. Nothing is written to disk."""

from __future__ import annotations

import re
import shutil
import textwrap

from changepath.conversation.state import new_state


def render(reply, width: int) -> str:
    """A Reply as plain text: Markdown emphasis dropped, services and articles listed, options numbered."""
    wrap = lambda text, indent="": textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)  # noqa: E731
    lines = []
    for paragraph in re.split(r"\n\s*\n|\n", reply.text.strip()):
        plain = re.sub(r"\*\*|__|\*|`", "", paragraph).strip()
        if plain:
            lines.append(wrap(plain, "  "))
    for service in reply.services:
        detail = " - ".join(x for x in (service.phone, service.hours) if x)
        area = f" ({service.area})" if service.area and service.area != "national" else ""
        lines.append(wrap(f"* {service.name}{area}{': ' + detail if detail else ''}", "  "))
        if service.web:
            lines.append(f"      {service.web}")
    for article in reply.articles:
        lines.append(wrap(f"> {article.title} (/kb/{article.slug}/)", "  "))
    if reply.quick_replies:
        lines.append("  " + "   ".join(f"[{i}] {label}" for i, label in enumerate(reply.quick_replies, 1)))
    return "\n".join(lines)


def run_terminal_chat(engine, state) -> int:
    width = min(shutil.get_terminal_size((88, 20)).columns, 100) - 2
    words = lambda text: engine.bank.chat.in_channel(text, "terminal")  # noqa: E731
    print(textwrap.fill(words(engine.bank.chat.welcome).replace("\n", " "), width=width))
    print("\nType your message and press Enter. Type a number to pick an option, 'clear' to start again, 'quit' to leave.\n")
    while True:
        try:
            message = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if message.strip().lower() in ("quit", "exit", "q"):
            return 0
        if message.strip().lower() == "clear":
            state = new_state(state["country"], channel="terminal")
            print(words(engine.bank.chat.cleared).strip() + "\n")
            continue
        state, reply = engine.reply(state, message)
        print(render(reply, width) + "\n")
