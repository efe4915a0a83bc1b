"""Recognises requests for help to find, monitor, pressure or control a partner or ex-partner.

Content standard rule 11: a reply never helps anyone find, contact, monitor or pressure a partner
or ex-partner. Such requests are answered with a fixed reply that declines kindly and offers help
with the urge itself, whatever topic the message otherwise matches. Like the crisis check, this is
deterministic. The actor must be the writer ("how can I read her messages"), so a person asking
whether they are being tracked ("is he reading my messages") is never refused.
"""

from __future__ import annotations

import re

from .text import normalise

PARTNER = (
    r"(?:her|him|them|my\s+(?:\w+\s+)?(?:ex|wife|husband|partner|girlfriend|boyfriend|fiance|fiancee|missus|other half|spouse)"
    r"(?:\s*s)?|(?:my\s+)?ex(?:\s*s)?)"
)
PARTNERS = PARTNER + r"(?:s|\s+s)?"  # possessive after normalising: "my wife's" -> "my wifes"
I_SEEK = (
    r"(?:how\s+(?:can|do|could|would|should)\s+i|can\s+i|could\s+i|i\s+(?:want|need|have|would like|d like|wanna)\s+to|"
    r"help\s+me|is\s+there\s+(?:a|an)\s+(?:way|app)\s+to|best\s+way\s+to|ways\s+to|how\s+to|im\s+going\s+to|i\s+will|ill|"
    r"tell\s+me\s+how\s+to|whats\s+the\s+best\s+way\s+to)"
)
DATA = r"(?:phone|messages|texts|whatsapp|emails?|e-mails?|instagram|facebook|snapchat|tiktok|dms|account|accounts|location|browser history|search history|calls|call log|chats|bank|car|laptop|computer|icloud|google account)"
PATTERNS = [re.compile(p) for p in (
    # reading or tracking their devices, accounts or whereabouts
    rf"\b{I_SEEK}\s+(?:\w+\s+){{0,2}}?(?:track|trace|locate|read|see|check|monitor|spy\s+on|hack|hack\s+into|get\s+into|access|look\s+at|go\s+through|keep\s+tabs\s+on|watch|follow|log\s+into|clone|mirror)\s+(?:\w+\s+){{0,1}}?{PARTNERS}\s+(?:\w+\s+)?{DATA}\b",
    rf"\b{I_SEEK}\s+(?:\w+\s+){{0,2}}?(?:track|trace|locate|find|follow|spy\s+on|keep\s+tabs\s+on|monitor|watch)\s+{PARTNER}\b",
    rf"\b{I_SEEK}\s+(?:\w+\s+){{0,2}}?(?:find|find\s+out|work\s+out|figure\s+out|discover|know|get|see|check|track|trace)\s+(?:\w+\s+)?(?:where|which\s+\w+|what\s+address|the\s+address)\s+(?:\w+\s+){{0,2}}?(?:lives|is\s+living|is\s+staying|is\s+now|moved|went|is\s+hiding|has\s+gone|works|is|are|live|stay)\b",
    rf"\b{I_SEEK}\s+(?:\w+\s+){{0,2}}?(?:find|get)\s+{PARTNERS}\s+(?:new\s+)?(?:address|number|location|workplace)\b",
    rf"\b(?:install|put|hide|plant|use|get|buy)\s+(?:a|an|some|the)?\s*(?:tracker|tracking\s+app|tracking\s+device|spyware|spy\s+app|gps|airtag|air\s+tag|tile|hidden\s+camera|camera|keylogger|stalkerware)\s+(?:on|in|into|under)\s+{PARTNERS}\b",
    # pressuring or controlling them
    rf"\b{I_SEEK}\s+(?:\w+\s+){{0,2}}?(?:make|get|force|convince|persuade|pressure|push|talk)\s+{PARTNER}\s+(?:into\s+|to\s+)?(?:come\s+back|coming\s+back|take\s+me\s+back|taking\s+me\s+back|stay|staying|drop|dropping|withdraw|withdrawing|retract|talk\s+to\s+me|answer|reply|unblock|see\s+me|meet\s+me|forgive|obey|listen|do\s+what\s+i|give\s+me|change\s+(?:her|his|their)\s+statement|not\s+(?:go|leave|report|testify))",
    rf"\b{I_SEEK}\s+(?:\w+\s+){{0,2}}?(?:get|win)\s+{PARTNER}\s+back\b",
    rf"\b{I_SEEK}\s+(?:\w+\s+){{0,2}}?(?:stop|prevent|keep)\s+{PARTNER}\s+(?:from\s+)?(?:leaving|seeing\s+(?:her|his|their)\s+(?:friends|family|mates|sister|brother|mum|mom|dad|parents)|going\s+out|talking\s+to\s+(?:other|anyone|people|her|his)|meeting|working|moving\s+out|getting\s+a\s+divorce|divorcing|calling\s+the\s+police|reporting)\b",
    rf"\b{I_SEEK}\s+(?:\w+\s+){{0,2}}?(?:contact|reach|message|text|call|see|talk\s+to|get\s+hold\s+of|get\s+through\s+to|get\s+a\s+message\s+to)\s+{PARTNER}\b(?=.*\b(?:blocked|order|injunction|bail|not\s+allowed|changed\s+(?:her|his|their)\s+number|doesnt\s+want|dont\s+want|wont\s+answer|refuses|no\s+contact|moved\s+away|refuge|shelter)\b)",
    rf"\b(?:get\s+around|get\s+round|break|bypass|avoid)\s+(?:the|a|my|her|his|their)\s+(?:non-molestation\s+|restraining\s+|protection\s+|no-contact\s+|no\s+contact\s+)?(?:order|injunction|bail\s+conditions)\b",
)]


def is_partner_control_request(message: str) -> bool:
    text = normalise(message)
    return any(p.search(text) for p in PATTERNS)
