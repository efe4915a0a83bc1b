"""Views of the anonymous side. Thin: they validate input and call the engine; no message is logged."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from changepath.conversation.state import new_state

from . import runtime
from .privacy import purge_expired_sessions

MAX_TURNS = 60  # entries of a transcript kept in the session; older ones fall away


def _conversation(request: HttpRequest) -> dict:
    chat = request.session.get("chat")
    if not isinstance(chat, dict):
        chat = {"state": new_state(settings.CHANGEPATH["COUNTRY"]), "turns": []}
    return chat


def _page_context(request: HttpRequest, chat: dict, **extra) -> dict:
    bank = runtime.bank()
    country = bank.country(chat["state"].get("country", settings.CHANGEPATH["COUNTRY"]))
    return {
        "turns": chat["turns"],
        "welcome": bank.chat.in_channel(bank.chat.welcome, "web"),
        "country": country,
        "countries": sorted(bank.countries.values(), key=lambda c: c.name),
        "starter_offers": [label for label in bank.chat.audience_options.values()],
        "max_message": settings.CHANGEPATH["MAX_MESSAGE"],
        **extra,
    }


@require_http_methods(["GET", "POST"])
def chat(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "helpchat/chat.html", _page_context(request, _conversation(request)))
    purge_expired_sessions()
    message = request.POST.get("message", "")
    action = request.POST.get("action", "")
    limit = settings.CHANGEPATH["MAX_MESSAGE"]
    chat = _conversation(request)
    wants_json = request.headers.get("X-Requested-With") == "fetch"
    if len(message) > limit:
        error = (f"Your message is {len(message):,} characters long. Please keep it under {limit:,} characters, "
                 "or send it in two parts. Your text is still in the box.")
        if wants_json:
            return JsonResponse({"error": error}, status=400)
        return render(request, "helpchat/chat.html", _page_context(request, chat, error=error, draft=message), status=400)
    engine = runtime.engine()
    if action.startswith("flow:") and action[5:] in runtime.bank().flows:
        state, reply = engine.act(chat["state"], action)
        shown = runtime.bank().flows[action[5:]].title
    elif message.strip():
        state, reply = engine.reply(chat["state"], message)
        shown = message.strip()
    else:
        if wants_json:
            return JsonResponse({"error": "Please write a message first."}, status=400)
        return redirect(reverse("chat"))
    new_turns = [{"who": "person", "text": shown}, {"who": "chat", "reply": reply.to_dict()}]
    chat = {"state": state, "turns": (chat["turns"] + new_turns)[-MAX_TURNS:]}
    request.session["chat"] = chat
    if wants_json:
        html = render_to_string("helpchat/_turns.html", {"turns": new_turns, "latest": True}, request=request)
        return JsonResponse({"html": html})
    return redirect(reverse("chat") + "#latest")


@csrf_exempt  # leaving must always work, even from a stale page; it can only delete, never read
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest) -> HttpResponse:
    """The quick exit: the conversation is deleted and the person is sent to a neutral page at once.

    Like a logout, it only ever deletes the visitor's own session. The script reaches it with
    location.replace (so this site leaves the history); without a script, the button posts here.
    Deleting before redirecting means nothing of the conversation is left once the person arrives.
    """
    request.session.flush()
    return HttpResponseRedirect(settings.CHANGEPATH["QUICK_EXIT_URL"], status=303)


@require_POST
def clear(request: HttpRequest) -> HttpResponse:
    request.session.flush()  # deletes the session row and its cookie: the conversation is gone
    return redirect(reverse("cleared"))


def cleared(request: HttpRequest) -> HttpResponse:
    chat = runtime.bank().chat
    return render(request, "helpchat/chat.html", _page_context(request, _conversation(request), cleared=chat.in_channel(chat.cleared, "web")))


@require_POST
def set_country(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("country", "").upper()
    if code not in runtime.bank().countries:
        return render(request, "helpchat/chat.html", _page_context(
            request, _conversation(request), error="Please choose a country from the list."), status=400)
    chat = _conversation(request)
    chat["state"]["country"] = code
    request.session["chat"] = chat
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/") and not back.startswith("//") else reverse("chat"))


@require_http_methods(["GET", "POST"])
def kb_index(request: HttpRequest) -> HttpResponse:
    # Searching is a POST, so a search never sits in the address bar, the history or a server log.
    bank = runtime.bank()
    query = request.POST.get("q", "").strip()[:200] if request.method == "POST" else ""
    hits = runtime.search().search(query) if query else []
    groups = []
    labels = {
        "using": "Worried about your own behaviour", "experiencing": "If someone is hurting you",
        "concerned": "If you are worried about someone", "professional": "For professionals", "any": "About this service",
    }
    for audience, label in labels.items():
        articles = sorted((a for a in bank.articles.values() if a.audience == audience), key=lambda a: a.title)
        groups.append({"label": label, "articles": articles})
    return render(request, "helpchat/kb_index.html", {"groups": groups, "query": query, "hits": hits,
                                                      "searched": request.method == "POST"})


def kb_article(request: HttpRequest, slug: str) -> HttpResponse:
    bank = runtime.bank()
    article = bank.articles.get(slug)
    if article is None:
        raise Http404("No such article")
    chat = _conversation(request)
    country = bank.country(chat["state"].get("country", settings.CHANGEPATH["COUNTRY"]))
    audiences = [article.audience] if article.audience != "any" else ["using", "experiencing", "concerned"]
    services = country.for_audiences(audiences)
    if article.for_young_people:  # a line for young people first, as in the chat
        services = sorted(services, key=lambda s: not s.for_young_people)
    return render(request, "helpchat/kb_article.html", {
        "article": article,
        "services": services,
        "country": country,
        "countries": sorted(bank.countries.values(), key=lambda c: c.name),
        "flows": [bank.flows[f] for f in article.flows if f in bank.flows],
    })


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # As SecureDrop does: a failed check clears the session and lands on a neutral page.
    request.session.flush()
    return render(request, "helpchat/expired.html", status=403)
