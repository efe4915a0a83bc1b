"""Template filters of the anonymous side."""

from django import template
from django.utils.safestring import mark_safe

from changepath.helpchat import runtime

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    return mark_safe(runtime.render_markdown(text or ""))  # noqa: S308 - markdown-it without HTML, then nh3
