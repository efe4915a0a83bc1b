"""The crisis check: deterministic patterns, run on every turn before anything else.

Each kind from crisis.yaml is a set of patterns over normalised text (see text.py). They describe
the grammar of danger — who does what to whom, and when — rather than any one message, so that
"hes banging on the door" and "he is trying to break the door down" both read as danger now.
Recall comes first: a false alarm costs a person one extra paragraph; a miss can cost a life.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

import numpy as np

from .embedding import cached_vectors, nearest_mean
from .perspective import YOUNG, audience_cue, harm_is_own
from .text import normalise, sentences

# The order in which kinds are answered when a message carries several.
PRIORITY = ("danger-now", "child-at-risk", "intent-to-harm", "strangulation", "self-harm")


def _any(*words: str) -> str:
    return r"(?:" + "|".join(words) + r")"


W = r"(?:\s+\w+){0,3}"  # up to three words in between
OTHER = _any(
    r"he", r"she", r"they", r"hes", r"shes", r"theyre", r"him", r"her", r"them",
    r"(?:my|her|his|our|the|mummys|mums|moms|mommys|mothers|dads|daddys|fathers)\s+(?:\w+\s+)?" + _any(
        "husband", "wife", "partner", "boyfriend", "girlfriend", "ex", "fiance", "fiancee", "dad", "father",
        "mum", "mom", "mother", "stepdad", "stepfather", "stepmum", "stepmother", "son", "daughter", "brother",
        "sister", "uncle", "family", "flatmate", "roommate", "carer", "man", "woman", "guy", "bloke",
    ),
)
ME = _any(r"me", r"us", r"myself and", r"my mum", r"my mom", r"my mother", r"my dad", r"mummy", r"mommy", r"mum", r"mom",
          r"my (?:little |big )?(?:sister|brother)", r"my (?:nan|gran|grandma|grandad)")
CHILD = r"(?:(?:the|my|our|his|her|their|a|your)\s+)?(?:(?:two|three|four|five|both|[2-9])\s+)?(?:(?:little|baby|youngest|eldest|oldest|new ?born|\d+\s*(?:year|yr|month)s?\s*old)\s+)?" + _any(
    "baby", "babies", "kid", "kids", "child", "children", "son", "sons", "daughter", "daughters", "toddler",
    "brother", "sister", "boys", "girls", "boy", "girl", "infant", "newborn", "stepson", "stepdaughter", "grandson",
    "granddaughter", "little one", "little ones", "teenager", "twins", "pupil", "pupils", "student", "nephew", "niece",
    "bairn", "bairns", "wean", "weans", "wee one", "wee ones", "wee lad", "wee lass",
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]*(?:year|yr|month)s?[\s-]*old",
) + r"(?!\s*'?\s*s?\s+(?:mum|mom|mother|dad|father|parent|other parent)\b)"  # "the kids' mum" is an adult
HARM_ING = _any(
    "hitting", "beating", "punching", "kicking", "slapping", "attacking", "hurting", "strangling", "choking",
    "stabbing", "battering", "smacking", "shaking", "throwing things at", "dragging", "biting", "burning",
    "whipping", "belting", "thumping", "pushing", "shoving", "threatening", "assaulting", "raping", "whacking", "clouting",
    "walloping", "thrashing",
)
HARM_PAST = _any(
    "hit", "beat", "beaten", "punched", "kicked", "slapped", "attacked", "hurt", "strangled", "choked",
    "stabbed", "battered", "smacked", "shook", "shaken", "threw", "thrown", "dragged", "bit", "burned", "burnt",
    "whipped", "belted", "thumped", "pushed", "shoved", "assaulted", "raped", "injured", "bruised", "harmed", "whacked",
    "clouted", "walloped", "thrashed", "cracked", "slammed",
)
HARM_S = _any(  # what someone keeps doing: "my partner hits our boy"
    "hits", "beats", "kicks", "punches", "slaps", "hurts", "shakes", "whacks", "belts", "thumps", "batters",
    "burns", "chokes", "strangles", "whips",
)
SEVERE = _any(
    r"kill", r"murder", r"stab", r"shoot", r"strangle", r"choke", r"throttle", r"smother", r"suffocate", r"glass", r"batter", r"beat\s+\w+\s+up",
    r"beat\s+(?:the\s+)?(?:shit|crap|hell|life)\s+out", r"smash\s+(?:her|his|their)\s+\w+", r"(?:seriously|really|badly|properly)\s+hurt",
    r"hurt", r"harm", r"attack",
)
# Harm phrases that name their victim inside them: "smash her face in", "put him in hospital".
SEVERE_WITH_VICTIM = _any(
    r"smash\s+(?:her|his|their)\s+\w+", r"beat\s+(?:her|him|them)\s+up", r"break\s+(?:both\s+)?(?:her|his|their)\s+\w+",
    r"put\s+(?:her|him|them)\s+in\s+(?:hospital|the ground|a coffin|a wheelchair|intensive care|icu|a and e|the morgue|the grave|a box|traction)", r"end\s+(?:her|him|them)\b",
    r"make\s+(?:her|him|them)\s+pay", r"wring\s+(?:her|his|their)\s+neck", r"do\s+something\s+(?:terrible|awful|really bad|i regret|i will regret|id regret)\s+to",
    r"do\s+something\s+to\s+(?:her|him|them)\s+(?:that\s+)?i\s+(?:cant|cannot|can never|wont be able to|could never)\s+(?:undo|take back|come back from)",
    r"put\s+(?:her|him|them)\s+through\s+(?:the|a)\s+(?:wall|window|door|floor|ceiling|windscreen)", r"go\s+for\s+(?:her|him|them)\s+with\b",
    r"sort\s+(?:her|him|them)\s+out\s+(?:properly|good and proper|for good|once and for all|this time)",
)
VICTIM = _any(
    r"her", r"him", r"them", r"someone", r"somebody", r"everyone", r"people", r"the kids", r"the baby",
    r"(?:my|the|her|his|their|our)\s+(?:\w+\s+)?" + _any(
        "wife", "husband", "partner", "girlfriend", "boyfriend", "ex", "kids", "children", "child", "son",
        "daughter", "baby", "mum", "mom", "mother", "dad", "father", "brother", "sister", "family", "neighbour",
        "boss", "fiance", "fiancee", "new boyfriend", "new girlfriend", "new partner", "bloke", "guy", "lover",
    ),
    r"(?:her|his|their)\s+new\s+\w+",
)
I_INTEND = _any(
    r"i\s+(?:will|would|could|might|may|want to|wanna|feel like|am going to|m going to|am gonna|have to|need to|am about to|intend to|plan to|think i will|think ill|think i might|think i could|swear i will|swear ill|going to)",
    r"ill", r"id", r"im\s+(?:going to|about to|gonna|ready to|tempted to|close to|scared i will|scared ill|afraid i will|afraid ill|worried i will|worried ill|scared im going to|afraid im going to|worried im going to|going to end up)",
    r"(?:scared|afraid|terrified|worried|frightened)\s+(?:that\s+)?(?:i\s+(?:will|might|could|am going to|m going to)|ill|im going to|im gonna)",
    r"(?:want|wanted|going|about)\s+to", r"gonna", r"so\s+(?:that\s+)?i\s+can",
)
NOT_CURRENT = re.compile(r"\b(?:used to|(?<!since )last year|when i was (?:a |an |)(?:teen|kid|child|young|younger|teenager|student|at school)|years ago|as a (?:teen|teenager|kid|child)|went through a phase|(?:long|well) behind me|in the past|back then|at uni)\b")
CURRENT = re.compile(r"\b(?:now|again|lately|recently|these days|tonight|today|this week|anymore|any more|at the moment|still)\b")
RETURNED = re.compile(r"\b(?:again|(?:started|starting)\s+(?:again|cutting|to\s+(?:cut|hurt)|self\W?harming|hurting)|back|lately|recently|these days|tonight|this week|relaps\w*)\b")
# The subject itself, not an incident: "why is strangulation singled out in the training?"
ABOUT_THE_SUBJECT = re.compile(r"\b(?:training|trainer|trained|course|research|studies|study|predictors?|offence|legislation|the law|singled out|statistics|in general|generally|no specific case|not a case|not about a case|a question about)\b")
IDIOM_SUBJECT = re.compile(r"\b(?:work|job|stress|life|debt|workload|anxiety|grief|everything|this place|the pressure|the paperwork)\s+(?:is\s+|s\s+|has been\s+|keeps\s+)?(?:\w+\s+)?$")
SERIOUS = re.compile(r"\b(?:tonight|right now|now|today|i mean it|for real|seriously|knife|gun|weapon|plan|scared|afraid|frightened|terrified)\b")
PAST_EVENT = re.compile(r"\b(?:back in \d{4}|in \d{4}|years ago|(?<!since )last year|when (?:i|we) were together|(?:has been|hes been|shes been|is|was) in prison|before (?:he|she) went to prison)\b")
PEERS_PLACE = re.compile(r"[^.!?]{0,30}\b(?:in the playground|at school|in class|at nursery|at football|at the park)\b")
RECORDED = re.compile(r"\b(?:recordings?|recorded|voice ?notes?|videos?|footage|evidence|screenshots?|photos?|pictures?|messages|texts)\s+(?:\w+\s+)?of\s+$")
NEGATED = re.compile(r"\b(?:dont|do not|never|wouldnt|would not|didnt|did not|not|no)\s+(?:\w+\s+){0,2}$")

# Words that make a pattern count when they stand within a sentence of it (see Near).
WEAPON_OR_HARM = _any(
    "knife", "knives", "blade", "bat", "hammer", "crowbar", "wheel brace", "tyre iron", "tire iron", "wrench", "spanner",
    "machete", "axe", "gun", "screwdriver", "golf club", "weapon", "kill", "hurt", "smash", "batter", "stab", "sort him out",
    "sort her out", "teach (?:him|her|them) a lesson", "make (?:him|her|them) pay", r"break (?:his|her|their) \w+",
    "engine running", "foot down", r"run (?:him|her|them) (?:over|down)", "everything i need", "talk me out of",
)
WEAPON_WORDS = "gun|shotgun|rifle|pistol|knife|knives|blade|machete|axe|hammer|bat|crowbar|weapon|acid|petrol"
WEAPON = rf"\b(?:{WEAPON_WORDS})\b"
# what can be carried ready, singular or plural ("the bat's on the seat": "bats" once normalised)
STOWED_WEAPON = rf"(?:{WEAPON_WORDS}|wheel brace|tyre iron|golf club|screwdriver|wrench|spanner)s?"
# ... and what someone can stand over a person with
HELD_WEAPON = rf"(?:{STOWED_WEAPON}|(?:fire\s+)?poker|scissors|cleaver|hatchet|iron bar|belt\s+in\s+(?:his|her|their)\s+hand)"
CHILD_AGE = r"(?:im|i am|shes|hes|she is|he is|aged)\s+(?:[1-9]|1[0-5])\b(?!\s+(?:weeks|months|years|hours|minutes|mins|days))"
# ... and a child's age said of them: "my daughter is 14", "my daughter (11)", "my 7 year old", "our 5yo"
KID_AGE = re.compile(
    rf"\b{CHILD_AGE}|\b(?:[1-9]|1[0-5])[\s-]*(?:year|yr)s?[\s-]*old\b|\b(?:[1-9]|1[0-5])\s*(?:yo|y/o)\b|"
    r"\b(?:daughter|son|boy|girl|child|kid|grandson|granddaughter|nephew|niece|stepson|stepdaughter|lad|lass|bairn|wean)\s*(?:is|s|\(|,)\s*(?:only\s+|aged\s+|about\s+|around\s+|just\s+)?(?:[1-9]|1[0-5])\b(?!\s*(?:weeks|months|years|hours|minutes|mins|days|am|pm))")
PRESENT = r"\b(?:now|right now|tonight|just|minutes? ago|any minute|at the moment|currently|still)\b"
CHILD_WORD = _any(
    "pupil", "pupils", "child", "children", "daughter", "son", "baby", "kid", "kids", "toddler", "boy", "girl", "little",
    "year [0-9]+", "[0-9]+ year old", "[0-9]+ yr old", CHILD_AGE, "grandchild", "granddaughter", "grandson", "stepson", "stepdaughter",
    "bairn", "bairns", "wean", "weans", "wee one", "wee ones", "wee lad", "wee lass",
)
# Is there a child in the message at all? The meaning check may call a child at risk only if so
# (or if a young person is writing): its examples of children in danger sit close to adults in danger.
CHILD_MENTION = re.compile(
    rf"\b(?:{CHILD_WORD}|nephews?|nieces?|mum|mom|mummy|mommy|dad|daddy|stepdad|stepmum|school|teacher|nursery|nappy|cot|pram|"
    r"[0-9]+\s*(?:yo|y/o|yrs?)|\w+s\s+[1-9])\b")
FAREWELL = _any(
    "peace", "goodbye", "not be here", "wont be here", "wont need", "wont be needing", "affairs", "note", "end it", "no point",
    "cant go on", "last time", "sorry for everything", "tell the kids", "look after", "without me", "life insurance", "understand why", "everything i need", r"tell (?:someone|somebody|one person)", r"(?:someone|somebody|one person)\s+(?:\w+\s+)?to know",
)


@dataclass(frozen=True)
class Near:
    """A pattern that counts only when `context` occurs in its own sentence or the sentence either side,
    and `unless` does not.

    Some signals are plain only beside another: bruises on "her back" are a child's when a pupil or
    a daughter is named next to them, wherever in the sentence that is, and not when the child fell
    off a slide (unless someone "says" she fell: that is the cover story); someone waiting outside
    a house is a danger when a weapon is in the same breath.
    """

    pattern: str
    context: str
    unless: str = r"(?!)"  # matches nothing


PATTERNS: dict[str, list[str | Near]] = {
    "danger-now": [
        # an attack in progress
        rf"\b{OTHER}\s+(?:is\s+|are\s+|keeps\s+|keep\s+|started\s+|starting\s+)?(?:(?:just|still|always|now|again|really|literally|actually|currently)\s+)?{HARM_ING}\s+{ME}\b",
        rf"\b{HARM_ING}\s+{ME}\s+(?:right\s+)?now\b",
        rf"\b(?:being|getting)\s+{_any('hit', 'beaten', 'attacked', 'hurt', 'strangled', 'choked', 'stabbed', 'beaten up', 'assaulted', 'raped')}\s+(?:right\s+)?now\b",
        # at the door, breaking in, coming for me
        rf"\b{OTHER}\s+(?:is\s+|are\s+)?(?:\w+\s+)?(?:outside|at)\s+(?:my|the|our)\s+(?:front\s+|back\s+|bedroom\s+|bathroom\s+)?(?:door|house|flat|window|home|place|apartment|room|refuge|shelter|work|school|car)\b",
        r"\b(?:hear|hearing|heard)\s+(?:my|the|our|a)\s+(?:next door\s+)?neighbou?rs?\s+(?:\w+\s+){0,4}(?:screaming|being hit|being beaten|being attacked|crying for help|begging|shouting for help)\b",
        r"\b(?:banging|hammering|kicking|pounding|smashing|bashing|knocking|trying to open)\s+(?:on\s+|at\s+|in\s+|down\s+)?(?:the|my|our)\s+(?:front\s+|back\s+|bedroom\s+|bathroom\s+)?(?:door|window|windows)\b",
        r"\b(?:trying|tried|try)\s+to\s+(?:break|get|force|kick)\s+(?:his\s+|her\s+|their\s+|my\s+)?(?:way\s+)?(?:in|into|through|the door|down the door)\b",
        r"\bbreaking\s+(?:in|into|down)\b",
        rf"\b{OTHER}\s+(?:is\s+|are\s+)?(?:coming|on\s+(?:his|her|their|the)\s+way)\b(?!\s+(?:round\s+|over\s+|home\s+|back\s+)?(?:for\s+(?:christmas|dinner|tea|lunch|breakfast|the weekend|a visit|a holiday|easter|a coffee|the day|a drink)|to\s+(?:stay|visit)))(?=.*\b(?:kill|hurt|scared|terrified|afraid|knife|gun|weapon|threat|hide|hiding|help|drunk|angry|furious|rage|get me|for me|after me|drag me|grab me|force me|take me|never leave)\b)",
        # trapped, hiding
        r"\b(?:locked|trapped|shut)\s+(?:me|us|the kids|the children|my \w+)\s+(?:in|inside|up)\b",
        r"\b(?:locked|trapped)\s+(?:her|him|them)\s+(?:in|inside)\b(?!\s+(?:a|the)\s+(?:contract|deal|agreement|tenancy|mortgage|lease))",
        r"\b(?:locked|barricaded|shut)\s+(?:myself|ourselves)\s+(?:in|inside)\b",
        r"\b(?:locked|blocking|blocked|standing in front of|stood in front of|in front of)\s+(?:the\s+)?(?:only\s+|front\s+|back\s+)?(?:door|exit|way out)\b(?=.*\b(?:key|keys|wont let|not going anywhere|cant get out|shouting|screaming|drunk|bathroom|hiding)\b)",
        r"\b(?:taken?|took|hid|hidden|hides)\s+(?:the|my|our)\s+(?:\w+\s+)?(?:keys?|phone)\b(?=.*\blocked\b)",
        r"\btrying\s+(?:the|my|our)\s+(?:front\s+|back\s+)?(?:door|handle|windows?)\b",
        r"\b(?:im|i am|we are|were)\s+(?:locked|trapped|shut)\s+(?:in|inside|up)\b",
        r"\b(?:wont|will not|isnt|is not|doesnt|refuses to|not)\s+let(?:ting)?\s+(?:me|us)\s+(?:leave|out|go|get out|escape)\b",
        r"\b(?:im|i am|were|we are|i was)\s+hiding\b",
        r"\bhiding\s+(?:in|from|under|behind)\b",
        # a weapon in someone else's hand, threats to kill
        rf"\b{OTHER}\s+(?:has|have|got|is holding|holding|has got|pulled|picked up|grabbed|is waving|waving|pointing|came at me with|threatened me with)\s+(?:a|his|her|their|the|my)\s+(?:\w+\s+){{0,2}}(?:knife|gun|weapon|blade|machete|axe|hammer|bat|crowbar|screwdriver|scissors|rifle|shotgun|pistol)\b",
        rf"\b{OTHER}\s+(?:\w+\s+){{0,3}}(?:said|says|saying|threatened|threatening|threatens|swore|swears|texted|told me|keeps saying|screaming|shouting|yelling)\s+(?:\w+\s+){{0,3}}(?:kill|murder|stab|shoot|end|hurt|harm|beat)\s+(?:me|us|you|the kids|the children|my)\b",
        r"\b(?:screaming|shouting|yelling|saying|says|said)\s+(?:that\s+)?(?:hes|shes|theyre|he is|she is|they are|hell|shell|theyll)\s+(?:going to\s+)?(?:kill|murder|stab|hurt|harm|beat)\s+(?:me|us)\b",
        r"\b(?:hell|shell|theyll|hed|shed|theyd|(?:hes|shes|theyre)\s+(?:going to|about to)|(?:he|she|they|my (?:husband|wife|partner|boyfriend|girlfriend|ex|fiance|fiancee))\s+(?:will|would|is going to|s going to|are going to|going to|might|could))\s+(?:\w+\s+)?(?:kill|murder|stab|shoot)\s+(?:me|us)\b",
        r"\b(?:threat\w*|threaten\w*)\s+(?:\w+\s+){0,3}(?:to\s+)?(?:kill|murder|stab|shoot)\s+(?:me|us)\b",
        # saying it plainly
        r"\b(?:im|i am|we are|were)\s+(?:in\s+(?:danger|serious danger)|not\s+safe)\b",
        r"\b(?:scared|afraid|fear|fearing|terrified|frightened)\s+for\s+(?:my|our)\s+li(?:fe|ves)\b",
        r"\bplease\s+(?:send\s+)?help\b(?=.*\b(?:now|hitting|hurting|attack|kill|knife|gun|door|locked|hiding|bleeding)\b)",
        r"\b(?:im|i am)\s+bleeding\b",
        # it has only just happened: the danger has not passed
        rf"\b{OTHER}\s+(?:has\s+|have\s+)?(?:just|literally just|only just)\s+{HARM_PAST}\s+{ME}\b",
        r"\b(?:i think\s+)?my\s+(?:arm|wrist|nose|jaw|ribs?|leg|hand|fingers?|cheekbone|eye socket)\s+(?:is|are|might be|could be|feels|feel)\s+broken\b",
        r"\b(?:cant|cannot|can not)\s+(?:stop the bleeding|stop bleeding|see out of my)\b",
        # fire, petrol, acid
        r"\b(?:poured|pouring|splashed|splashing|threw|throwing|thrown|sprayed)\s+(?:\w+\s+)?(?:petrol|gasoline|lighter fluid|acid)\b",
        rf"\b{OTHER}\s+(?:\w+\s+){{0,2}}(?:threaten\w*|going to|says|said|will|is going to)\s+(?:to\s+)?(?:burn|torch|set fire to|set light to)\s+(?:\w+\s+)?(?:the|my|our|this)\s+(?:house|flat|home|place|car|door)\b",
        r"\bset\s+(?:fire|light)\s+to\s+(?:the|my|our)\s+(?:house|flat|home|front door|door|letterbox|car)\b",
        # followed now, "if he can't have me", "I'm next"
        rf"\b{OTHER}\s+(?:is\s+)?(?:following|chasing)\s+(?:me|us|my car|our car)\s+(?:right now|now|home|in (?:his|her|their|the|a) car|down the)\b",
        r"\bif\s+(?:he|she|they)\s+(?:cant|cannot|can not)\s+have\s+(?:me|us)\b[^.!?]*\b(?:no one|nobody|no-one|noone|no other)\b",
        # hearing it happen, a call cut off, shut in, hiding behind a bolted door, "back any minute"
        Near(r"\b(?:can hear|i hear|im hearing|i am hearing|just heard|keep hearing)\s+(?:\w+\s+){0,4}?(?:slaps?|slapping|smacks?|thuds?|thumps?|thumping|whacks?|blows|screaming|screams|begging|being hit|being thrown|being beaten|punch|punches|smashing)\b",
             PRESENT + r"|\b(?:can hear|im hearing|i am hearing)\b"),
        Near(r"\b(?:line|phone|call)\s+(?:went|has gone|just went|cut|got cut|dropped|went silent)\s*(?:dead|off|out|silent)?\b",
             r"\b(?:scream\w*|crying|cried|whisper\w*|help|scared|terrified|hurting|hitting|hit me|hurt)\b"),
        Near(r"\b(?:locked|double locked|bolted|deadlocked)\s+(?:the|my|our)\s+(?:flat|house|door|room|bedroom|front door)\s+(?:from\s+(?:the\s+)?outside|behind\s+(?:her|him|them)|and took)",
             r"\b(?:keys?|phone|scared|terrified|trapped|cant get out|no way out)\b"),
        Near(r"\b(?:wedged|barricaded|jammed)\s+(?:the|my|our|a)\s+(?:\w+\s+)?door\b",
             r"\b(?:slap\w*|hit\w*|begging|scream\w*|hurt\w*|kill\w*|knife|beat\w*|punch\w*)\b"),
        Near(r"\b(?:no|not any|isnt any|theres no|there is no)\s+(?:other\s+)?way\s+out\b",
             r"\b(?:locked|keys?|door|floor|trapped|bolted|window)\b"),
        r"\b(?:im|i am|were|we are)\s+(?:\w+\s+){0,2}(?:in|inside)\s+(?:the\s+|my\s+)?(?:\w+\s+)?(?:toilet|bathroom|loo|wardrobe|cupboard|bedroom|shed)\s+with\s+(?:the\s+)?(?:door\s+)?(?:locked|bolted|bolt|lock|chair|door locked)\b",
        rf"\b{OTHER}\s+(?:has\s+)?(?:\w+\s+)?{HARM_PAST}\s+me\s+(?:once\s+|twice\s+)?already\b",
        # on the way, minutes off, having found where the person is
        Near(r"\b(?:\d+|two|three|five|ten|fifteen|twenty|few|couple of)\s+(?:mins?|minutes)\s+(?:away|off)\b",
             r"\b(?:(?:hes|shes|theyre|he is|she is|they are)\s+(?:coming|on (?:his|her|their) way)|(?:saw|found|knows|worked out)\s+where\s+(?:i|we)\s+(?:am|are|live)|tracking|location|snap ?map)\b"),
        Near(r"\b(?:he|she|they|hed|shed|theyd|hell|shell|theyll|hes|shes|theyre)\s+(?:\w+\s+){0,3}?(?:use|using)\s+(?:it|the\s+\w+|a\s+\w+|his\s+\w+|her\s+\w+)\s+on\s+(?:her|me|us|them|him)\b",
             WEAPON),
        Near(r"\b(?:cant|cannot|can not)\s+get\s+(?:up|off the floor)\b",
             r"\b(?:tipped|pushed|knocked|threw|thrown|shoved|dragged|kicked|punched|hit me|took (?:my|the) (?:chair|wheelchair|frame|stick))\b"),
        Near(r"\b(?:back|home|here)\s+any\s+(?:minute|second|moment|time now)\b",
             r"\b(?:scared|terrified|afraid|frightened|locked|hurt\w*|kill\w*|sort (?:this|me|it) out|knife|hide|hiding)\b"),
        Near(r"\b(?:said|says|told me|tells me|texted|screamed|shouted|threatened)\s+(?:that\s+)?(?:im|i am|were|we are|you are|youre|ill be|we will be)\s+next\b",
             r"\b(?:kill\w*|hurt\w*|hit\w*|beat\w*|knife|gun|dead|die|stab\w*)\b"),
        # kept in: "not leaving this house till I say so", someone held in a room now
        Near(r"\b(?:not|never)\s+(?:leaving|going anywhere|getting out)\s+(?:(?:of\s+)?(?:this|the)\s+(?:house|room|flat|car|place)\s+|here\s+)?(?:till|until|unless)\b",
             r"\b(?:locked|keys?|shout\w*|scream\w*|knife|knives|door|wont let|trapped)\b"),
        # (what she may not do without him is control, said right after the words: "won't let her go out without him")
        Near(r"\b(?:wont|will not|isnt|is not|refuses to|not)\s+let(?:ting)?\s+(?:her|him|them)\s+(?:leave|out|go|get out|escape)\b"
             r"(?!\s+(?:\w+\s+){0,2}?(?:without|on (?:her|his|their) own|by (?:herself|himself|themselves)|with (?:her|his|their) friends|see (?:her|his|their)|for work)\b)",
             r"\b(?:right now|now|just|tonight|the room|doorway|blocking|standing in|help me|screaming|locked)\b",
             unless=r"\b(?:used to (?:not|never)|never lets)\b"),
        # someone placed in the house now with a weapon ("she's stood between me and the door with the knife",
        # "her partner's in the next room with a knife"), or holding someone pinned
        rf"\b(?:hes|shes|theyre|(?:he|she|they)\s+(?:is|are)|{OTHER}\s+(?:is|are)|(?:my|her|his|our|the)\s+(?:\w+\s+)?(?:husband|wife|partner|boyfriend|girlfriend|ex|dad|mum|stepdad|brother|son|flatmate)s)\s+"
        r"(?:\w+\s+){0,2}?(?:standing|stood|sitting|sat|waiting|pacing|walking|coming|looking for|in\s+the\s+(?:next|other|front|back)\s+room|downstairs|upstairs|"
        r"(?:out\s+)?(?:in|on)\s+the\s+(?:kitchen|hall|hallway|doorway|garden|landing|stairs|bedroom|bathroom|living room|lounge)|outside|at\s+the\s+door)\s+"
        rf"(?:\w+\s+){{0,7}}?with\s+(?:a|the|his|her|their|my|our)\s+(?:\w+\s+){{0,2}}?{HELD_WEAPON}\b"
        r"(?![^.!?]{0,40}\b(?:making|cooking|chopping|cutting up|peeling|preparing|slicing|carving|dinner|tea|lunch|breakfast|veg|vegetables|onions|bread|meat))",
        r"\b(?:saying|says|said|threaten\w*|swears?|swore|screaming|shouting)\s+(?:that\s+)?(?:hell|shell|theyll|(?:he|she|they)\s+(?:will|is going to|are going to|is gonna)|(?:hes|shes|theyre)\s+(?:going to|gonna))\s+(?:\w+\s+)?(?:cave|smash|kick|bash|stove)\s+(?:my|our)\s+(?:head|face|skull)\s+in\b",
        Near(r"\b(?:been|keeps|kept|started|is|s)\s+(?:hitting|beating|smacking|whacking|belting|slapping|punching|kicking)\s+(?:the\s+(?:backs?|sides?|tops?)\s+of\s+)?my\s+(?:legs?|arms?|back|head|face|hands?|bum|bottom)\b",
             PRESENT + r"|\b(?:coming back|back up|keep going|until i)\b"),
        rf"\b{OTHER}\s+(?:has|has got|got|is holding|is pinning|s pinning|pinning)\s+(?:her|him|them|me|us|my\s+\w+)\s+(?:pinned|held|trapped|cornered|up against|against|down)\b",
        # threatened with the family in a car, into water or off a road
        r"\b(?:he|she|they|hell|shell|theyll)\s+(?:\w+\s+){0,3}?(?:drive|crash|take)\s+(?:us|them|me|the kids|the children|my\s+\w+)\s+(?:all\s+)?(?:in|into|off|under)\s+(?:the\s+|a\s+)?(?:water|lake|river|sea|canal|quarry|cliff|reservoir|wall|tree|bridge)\b",
        Near(r"\b(?:hes|shes|theyre|(?:he|she|they)\s+(?:is|are))\s+doing\s+it\s+(?:again\s+)?(?:right\s+)?now\b",
             r"\b(?:hurt\w*|hit\w*|beat\w*|hear|screaming|crying|punch\w*|attack\w*|kick\w*|slap\w*)\b"),
        # a call for help that cannot be said out loud
        r"\b(?:wrote|written|writes|writing|mouthed|mouthing|whispered|whispering|scribbled|signalled|signaled|signed|texted)\s+(?:the\s+words?\s+)?(?:['\"]\s*)?help\s+me\b",
        r"\b(?:did|doing|done|made|making|showed|showing|used|using)\s+(?:the\s+)?(?:signal|sign|hand signal)\s+for\s+help\b",
        # a threat on a life
        r"\bnever\s+see\s+(?:me|her|him|them|us|\w+)\s+alive\s+again\b",
        # heard through a wall or a door: someone thrown about, screaming
        Near(r"\b(?:someone|somebody|she|he|they|her|him|them)\s+(?:is\s+|s\s+|are\s+)?being\s+(?:thrown|chucked|flung|slung|knocked|bashed|battered|dragged)\s+(?:about|around|across|against)\b",
             r"\b(?:scream\w*|shout\w*|yell\w*|crying|begging|next door|neighbou?rs?|through the (?:wall|ceiling|floor|door)|bang\w*|thud\w*)\b",
             unless=r"\b(?:ride|rollercoaster|roller coaster|waves|boat|ferry|sea|trampoline|bouncy castle|rugby|match|pitch|mosh|turbulence)\b"),
        # the writer keeping someone shut in now ("I've locked the bedroom door with her in it")
        r"\b(?:i|ive|i have)\s+(?:\w+\s+)?(?:locked|bolted|shut)\s+(?:the|our|my)\s+(?:\w+\s+){0,2}?(?:door|room)\s+with\s+(?:her|him|them|my\s+\w+)\s+(?:still\s+)?(?:in|inside)\b",
        # a threat on a life said now ("she's not leaving that room alive")
        r"\b(?:not|never|isnt|wont be|will not be|aint)\s+(?:leaving|leave|getting out of|get out of|walking out of|coming out of)\s+(?:(?:this|that|the)\s+(?:room|house|flat|place|car|bedroom|kitchen)|here)\s+alive\b",
        # someone feared has got into the house now ("he got in through the back, he's downstairs")
        Near(r"\b(?:hes|shes|theyre|he|she|they|my ex|her ex|his ex)\s+(?:has\s+|have\s+|s\s+)?(?:got|broke|broken|forced (?:his|her|their) way|climbed|come)\s+in\s+(?:through|via|by)\s+(?:the\s+)?(?:back|front|window|kitchen|garden|side|patio|door)\b",
             r"\b(?:hiding|dont ring|dont call|cant ring|cant call|help|scared|terrified|frightened|shaking|not allowed|injunction|bail|knife)\b",
             unless=r"\b(?:forgot|lost|left)\s+(?:his|her|their)\s+keys?\b|\blocked\s+(?:himself|herself|themselves)\s+out\b"),
        # a threat of serious injury from someone with power over the person ("he said he'd put her in hospital")
        r"\b(?:hed|shed|theyd|hell|shell|theyll|(?:he|she|they)\s+(?:would|will|is going to|was going to|are going to|were going to|is gonna|threatened to))\s+put\s+(?:her|him|them|me|us|you)\s+in\s+(?:hospital|the hospital|a&e|intensive care|a wheelchair|the ground|a box|a coffin)\b",
    ],
    "intent-to-harm": [
        rf"\b{I_INTEND}\s+(?:\w+\s+){{0,3}}?{SEVERE}\s+(?:\w+\s+){{0,1}}?{VICTIM}\b(?!\s+feelings)",
        rf"\b{I_INTEND}\s+(?:\w+\s+){{0,2}}?{SEVERE_WITH_VICTIM}",
        r"\b(?:i|ill|id)\s+(?:could|would|will|)\s*(?:literally\s+|actually\s+|honestly\s+)?(?:kill|end|finish|murder|stab|do in)\s+(?:her|him|them|my)\b(?!\s+(?:relationship|marriage|friendship|contract|tenancy|lease|subscription|contact|career|job|shift|chances|time|turn|the relationship|life|own life))",
        r"\b(?:i|ive)\s+(?:have|got|grabbed|bought|picked up|am holding|m holding|keep|hid|sharpened|loaded|got hold of|taken)\s+(?:a|my|the|his|her)\s+(?:\w+\s+){0,2}(?:knife|gun|weapon|blade|machete|axe|hammer|bat|rifle|shotgun|pistol)\b",
        r"\b(?:thoughts?|thinking|thought|fantasi[sz]\w*|dream\w*|imagin\w*|pictur\w*|images?|visions?)\s+(?:in\s+my\s+(?:head|mind)\s+)?(?:of|about)\s+(?:killing|hurting|stabbing|strangling|harming|murdering|ending|smashing|battering|beating|choking|drowning)\s+(?:her|him|them|his|their|my|someone)\b",
        r"\b(?:afraid|scared|frightened|terrified|worried)\s+(?:of\s+)?what\s+(?:i|ill|id|im)\s*(?:might|could|will|would|am going to|m going to|ll|about to|going to|gonna)?\s*do\b",
        r"\b(?:find out|learn|know|see)\s+what\s+it\s+feels\s+like\s+to\s+(?:get\s+|be\s+)?(?:hurt|hit|beaten|stabbed|suffer)\b",
        r"\b(?:urge|urges|tempted|wanting|itching)\s+to\s+(?:shake|hit|hurt|strangle|choke|kill|smack|slap|punch|stab|batter)\b",
        r"\b(?:properly|really|seriously|badly)\s+(?:hurting|hurt|harming|injuring)\s+(?:her|him|them)\b(?!\s+feelings)",
        rf"\b(?:thoughts?|thinking|thought|fantasi[sz]\w*|dream\w*|imagin\w*)\s+(?:\w+\s+){{0,6}}(?:making|make)\s+(?:her|him|them)\s+pay\b",
        r"\b(?:dont|do not)\s+(?:trust|know)\s+what\s+(?:i\s+(?:might|could|will|would)|ill|id)\s+do\b",
        r"\bwant\s+(?:her|him|them)\s+to\s+(?:suffer|feel (?:the|my) pain|die|be dead)\b",
        r"\bif\s+i\s+(?:see|catch|find)\s+(?:\w+\s+){1,6}(?:ill|i will|im going to|im gonna|i am going to)\s+(?:\w+\s+){0,2}(?:kill|hurt|batter|smash|stab|end|break|murder|do (?:him|her|them) in)\b",
        r"\bif\s+(?:she|he|they)\s+(?:\w+\s+){1,5}(?:ill|i will|i am going to|im going to|im gonna)\s+(?:\w+\s+)?(?:kill|murder|hurt|stab|shoot|end|go for)\b",
        # finality and possession: well-known markers of lethal intent
        r"\b(?:shut|shutting|silence|silencing|finish|finishing)\s+(?:her|him|them)\s+(?:up\s+|off\s+)?for\s+good\b",
        r"\bif\s+i\s+(?:cant|cannot|can not)\s+have\s+(?:her|him|them)\b[^.!?]*\b(?:no one|nobody|no-one|noone|no other)\b",
        r"\btak(?:e|ing)\s+(?:her|him|them|everyone|the lot of them|them all|you all)\s+down\s+with\s+me\b",
        r"\bif\s+i\s+(?:go|die|end it|am going|m going)\b[^.!?]*\btak(?:e|ing)\s+(?:her|him|them|everyone|the kids|the children)\s+with\s+me\b",
        Near(r"\b(?:i|im|ill|id|ive|picturing|imagining|thinking (?:about|of)|going to|gonna)\s+(?:\w+\s+){0,2}?(?:use|using)\s+(?:it|the\s+\w+|my\s+\w+|a\s+\w+)\s+on\s+(?:her|him|them)\b",
             WEAPON),
        # the harm said as its outcome: not getting back up, not waking up, doing life for it
        r"\b(?:he|she|they|hes|shes|theyre)\s+(?:wont|will not|never|is not|isnt|are not|arent|aint)\s+(?:going to\s+|gonna\s+)?wak(?:e|ing)\s+up\s+from\b",
        Near(r"\b(?:he|she|they|hes|shes|theyre)\s+(?:wont|will not|is not|isnt|are not|arent|aint|not)\s+(?:be\s+|going to\s+|gonna\s+)?(?:getting|get|waking|wake)\s+(?:back\s+)?up\b",
             r"\b(?:i mean it|ive decided|i have decided|ill make sure|i will make sure|one more|next time|if (?:she|he|they)|ive had enough|i swear)\b",
             unless=r"\b(?:work|school|bed|morning|lazy|alarm|hangover|hungover|depressed|depression|ill|sick|flu)\b"),
        r"\b(?:ill|i will|id|i would|i could|i dont mind|happy to|worth)\s+(?:happily\s+|gladly\s+)?do(?:ing)?\s+(?:life|time|a life sentence|\w+ years)\s+for\s+(?:her|him|them|that \w+)\b",
        Near(r"\b(?:her|him|them)\s+not\s+being\s+(?:around|here|alive|in the picture)\b",
             r"\b(?:plan|planning|planned|decided|watching|worked out|no cameras|get (?:my|the|our) \w+ back)\b"),
        Near(r"\b(?:thinking (?:about|of)|going to|gonna|wants? to|wanted to|about to|ill|i will|tempted to)\s+(?:throw\w*|pour\w*|chuck\w*|tip\w*)\s+(?:\w+\s+){0,3}(?:over|at|on)\s+(?:her|him|them)\b",
             r"\b(?:oil|boiling|kettle|acid|bleach|petrol|hob|fat)\b"),
        # standing over someone, or on the way to them, with the means in hand
        r"\b(?:i|ive|im)\s+(?:\w+\s+){0,2}?(?:stand|stood|standing|hover|hovered|hovering|lean|leaned|leaning)\s+over\s+(?:her|him|them|my\s+\w+)\s+(?:\w+\s+){0,2}?with\s+(?:a|the|his|her|their|my)\s+(?:\w+\s+)?(?:pillow|cushion|knife|hammer|bag|belt|rope|gun|rifle|cord)\b",
        r"\b(?:think|thinking|thought|want|wanted|plan|planning|planned|going|tempted|urge)\s+(?:to|of|about)\s+(?:go|going|drive|driving|turn\w*\s+up|show\w*\s+up)\s+(?:there|over there|round there|round|over|to\s+(?:his|her|their|the)\s+(?:house|flat|place|home|work))\s+with\s+(?:my|a|the)\s+(?:\w+\s+)?(?:gun|rifle|shotgun|knife|axe|hammer|bat|machete|crossbow|weapon)\b",
        Near(r"\b(?:going|heading|off|driving|walking)\s+(?:home|back|round|over)\s+(?:\w+\s+){0,2}?to\s+(?:sort|deal with|teach|finish|show|have it out with)\s+(?:her|him|them)\b",
             r"\b(?:properly|this time|once and for all|lesson|pints|drunk|drink|mug (?:of|out of) me|pay|had enough|for good)\b"),
        # her life weighed as a choice, her routine learnt beside a farewell, a dose asked for someone asleep
        Near(r"\bor\s+(?=not\s+live\b)|\blive\s+or\s+die\b|\bwhether\s+(?:she|he|they)\s+(?:lives?|survives?|gets?\s+to\s+live)\b|\b(?:decide|decided|deciding)\s+(?:if|whether)\s+(?:she|he|they)\s+(?:lives?|dies?)\b",
             r"\b(?:decid\w*|ready|plan\w*|tonight|choice)\b"),
        Near(r"\b(?:worked out|know|learnt|learned|found out|clocked|noted|watched)\s+(?:exactly\s+)?(?:which|what|when|where)\s+(?:\w+\s+){0,3}?(?:she|he|they)\s+(?:\w+\s+){0,6}?(?:on\s+(?:her|his|their)\s+own|alone|by\s+(?:herself|himself|themselves))\b",
             r"\b(?:letters?|past (?:advice|caring|help)|nothing (?:left )?to lose|everythings ready|its all ready|ive decided|understand why|wont write|no going back|which road|what route)\b"),
        Near(r"\b(?:learn\w*|worked out|know|got|watching|watched|studied|clocked)\s+(?:\w+\s+)?(?:his|her|their)\s+(?:routine|bus times|movements|shifts?|route|running route|timetable)\b|\b(?:his|her|their)\s+(?:routine|bus times|movements|route)\s+worked out\b",
             r"\b(?:sort it (?:myself|out myself)|holding back|im going|ill be waiting|what would do it|wouldnt show up|pay for|revenge|do it|ready|decided|letters?|nothing (?:left )?to lose|past (?:advice|caring))\b"),
        r"\b(?:thinking about|think about|thought about|thinking of|going to|gonna|want to|wanna|about to)\s+(?:\w+\s+){0,8}?(?:doing|do)\s+(?:him|her|them)?\s*(?:some\s+)?(?:real|serious|proper)\s+damage\b",
        Near(r"\bhow\s+(?:much|many)\s+(?:of\s+)?(?:her|his|their)\s+(?:\w+\s+)?(?:insulin|pills|tablets|meds|medication|medicine|sleeping pills|painkillers|morphine)\b",
             r"\b(?:would it take|does it take|to kill|enough to|asleep|wont (?:wake|notice)|for real|without (?:anyone|them|her|him) knowing|be enough)\b"),
        # lying in wait, or on the way there, with a weapon or harm in the same breath
        r"\b(?:drive|driving|drove|crash|crashing)\s+(?:us|them|the kids|the children|her|him|my \w+)\s+(?:all\s+)?(?:into|off|in front of)\b",
        r"\bhow\s+(?:long|much|many)\b(?=[^.!?]*\b(?:someone|somebody|a person|her|him|them)\b)[^.!?]*\b(?:stops? breathing|to die|would kill|to kill|is fatal|is lethal)\b",
        Near(r"(?:^|[.!?]\s*|\b(?:im|i am|ive been|i have been|been|i was)\s+)(?:sat|sitting|parked|waiting|hiding|stood|standing|hanging around)\s+(?:\w+\s+){0,4}(?:outside|near|at|by)\s+(?:his|her|their|the|my exs)\s+(?:\w+\s+)?(?:house|flat|building|work|workplace|place|home|door|office|gym|car)\b",
             rf"\b{WEAPON_OR_HARM}\b"),
        Near(r"\b(?:im|i am|ill|i will|going to|about to|going|heading|driving)\s+(?:go\s+|drive\s+|head\s+)?(?:round|over|up|back in|back)\s+(?:there|tonight|to\s+(?:his|hers|her|their)\b)",
             rf"\b{WEAPON_OR_HARM}\b"),
        # the means ready beside the writer, or bought for someone ("it's for his head")
        rf"\b(?:im|i am|ive got|i have|i got|sitting|sat)\s+(?:\w+\s+){{0,5}}?(?:with|got)\s+(?:my|a|the)\s+(?:\w+\s+){{0,2}}?{WEAPON}\s+(?:\w+\s+)?(?:on|in|under|beside|next to)\s+(?:the|my)\s+(?:passenger seat|seat|lap|pocket|jacket|bag|coat|boot|glovebox|waistband)\b",
        Near(r"\b(?:its|it is|thats|that is|theyre|they are|this is)\s+for\s+(?:(?:his|her|their)\s+(?:head|face|skull|legs?|knees?|hands?|neck|throat)|(?:him|her|them)\s+(?:when|if|after)\b)",
             WEAPON),
        # not going there to talk; the violence finished or taken further; the victim's body disposed of
        Near(r"\bnot\s+(?:going|goin|gonna go)\s+(?:round|over|there|up|in|inside)\s+(?:there\s+)?(?:just\s+)?to\s+(?:talk|chat|have a word)\b", rf"\b(?:{WEAPON_OR_HARM}|{STOWED_WEAPON})\b"),
        Near(rf"(?:\b(?:the|my|a|his|her)\s+(?:\w+\s+)?|(?:^|[.!?]\s*)){STOWED_WEAPON}\s+(?:is\s+|s\s+|are\s+)?(?:\w+\s+)?(?:on|in|under)\s+(?:the|my)\s+(?:passenger seat|back seat|boot|glovebox|glove box|pocket|jacket|waistband|coat|van)\b",
             r"\b(?:this time|to talk|not going|handover|outside|waiting|sat|if (?:he|she|they)|wont be|walking away|when (?:he|she|they)|for (?:him|her|them))\b"),
        Near(r"\b(?:hes|shes|theyre|(?:he|she|they)\s+(?:is|are|wont be|will not be))\s+(?:not\s+)?walking\s+(?:away|out)\s+(?:from|of)\s+(?:it|this|that|there)\b", rf"\b{WEAPON_OR_HARM}\b"),
        r"\b(?:she|he|they)\s+(?:wont|will not|aint going to|isnt going to|wont ever)\s+be\s+\w+ing\s+(?:at\s+|with\s+|about\s+|on\s+)?(?:anyone|anybody|nobody|me|us|you|him|her)\s+(?:\w+\s+)?after\s+(?:tonight|today|this weekend|tomorrow)\b",
        rf"\b{I_INTEND}\s+(?:\w+\s+){{0,2}}?(?:hold|put|press|push)\s+(?:it|the pillow|a pillow|a cushion|the cushion|a bag|my hand|my hands)\s+over\s+(?:his|her|their)\s+(?:face|mouth)\b",
        Near(r"\bfinish\s+(?:what\s+i\s+started|the\s+job\b(?!\s+(?:application|interview|search|hunt|list|of|at|on|in|for|off))|(?:her|him|them)\s+off)\b|\b(?:finish|end)\s+it\b(?!\s+(?:with|between|off with))[^!?]{0,30}?\b(?:her|him|them)\s*,?\s+not\s+me\b(?!\s+(?:being|getting|who|that))",
             rf"\b(?:{HARM_PAST}|broke|this time|next time|round there|over there|when i see (?:her|him|them))\b"),
        r"\bmake\s+sure\s+(?:he|she|they)\s+(?:can\s+)?(?:never|cant|can never|wont ever|doesnt ever|will never)\s+(?:walks?|talks?|breathes?|stands?|wakes? up|uses? (?:his|her|their) (?:hands|legs|arms))\s+(?:\w+\s+)?again\b",
        r"\b(?:where|how|somewhere|a place|a spot|the spot)\s+to\s+(?:bury|dump|dispose of)\s+(?:her|him|them|the body|a body|my\s+\w+)\b",
        Near(r"\b(?:get|serve|do|go down)\s+for\s+(?:killing|murdering|stabbing)\s+(?:ur|your|my|an?|her|him|them|someone)\b",
             r"\b(?:how long|how many years|what sentence|not hypothetical|asking for real|for real|seriously|im asking)\b"),
        # picturing the act against someone, with tonight or a decision beside it
        Near(r"\b(?:picturing|imagining|visuali[sz]ing|fantasi[sz]ing about|thinking about|keep seeing myself)\s+(?:myself\s+)?(?:shoving|pushing|throwing|kicking|stabbing|smashing|battering|strangling|drowning|hitting)\s+(?:her|him|them)\s+(?:down|off|into|under|over|through|in)\b",
             r"\b(?:tonight|today|im going to|i am going to|going to do it|honestly think|decided|planning|next time)\b"),
        # imagining the act in the first person, or not trusting oneself to stop next time
        r"\b(?:picturing|imagining|visuali[sz]ing|fantasi[sz]ing about|see|seeing)\s+myself\s+(?:\w+\s+)?(?:(?:killing|hurting|stabbing|strangling|hitting|smashing|battering|beating|choking|drowning|driving into|running over|running down|shooting|burning)\s+(?:her|him|them|my\s+\w+)|(?:running|driving)\s+(?:her|him|them)\s+(?:over|down|off the road))\b",
        Near(r"\b(?:next time|this time|tonight)\b[^.!?]{0,40}\b(?:not going to|wont|will not|not gonna|might not|cant|dont think ill|wont be able to)\s+(?:be able to\s+)?stop\s+myself\b"
             r"|\b(?:not going to|wont|will not|not gonna|might not|wont be able to|dont think ill|dont think i will|dont know if ill|not sure ill)\s+(?:be able to\s+)?stop\s+myself\s+(?:next time|this time|tonight)\b",
             rf"\b(?:hit\w*|hurt\w*|kill\w*|head|{STOWED_WEAPON}|iron|scissors|pillow|strangl\w*|chok\w*|punch\w*|blood|bring it down|smash\w*|stab\w*)\b"),
        r"\bend\s+(?:the|this)\s+(?:argument|row|fight|rowing|arguing)\s+for\s+good\b",
        rf"\b{I_INTEND}\s+(?:\w+\s+){{0,2}}?(?:pick\s+up|grab|get|take|fetch)\s+(?:the|a|my)\s+(?:\w+\s+)?{STOWED_WEAPON}\s+and\s+(?:go for|hit|smash|stab|batter|use it on|do)\b",
        r"\bdo\s+something\s+(?:that\s+)?(?:theyll|they will|they would|theyd|id|ill|i will|i would|i could)\s+(?:\w+\s+)?(?:lock me up|put me away|send me down|jail me|go to prison|go down|do time|get life|be locked up)\b",
        Near(r"\bgoing\s+to\s+do\s+worse\b|\bnot\s+stopping\s+(?:it|myself)\s+this\s+time\b",
             r"\b(?:did it again|done it again|building|last week|last time|hit\w*|hurt\w*)\b"),
        # revenge planned: "I want her to feel what I feel" beside a time or a plan
        Near(r"\bwant\s+(?:her|him|them)\s+to\s+(?:feel|know)\s+(?:what\s+i\s+feel|my\s+pain|how\s+it\s+feels|what\s+its\s+like|what\s+pain\s+is)\b",
             r"\b(?:properly|worked out|planning|planned|plan|on (?:her|his|their) own|code|im going|going on|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|this weekend)\b"),
        # waiting for someone, and not there to talk ("sat outside her work ... not gonna be talking this time")
        Near(r"\bnot\s+(?:going to|gonna|goin to|gunna)\s+(?:be\s+)?(?:talking|talk|chatting|chat)\s+this\s+time\b",
             r"\b(?:sat|sitting|waiting|waitin|parked|outside|stood|standing|round there|over there)\b"),
        # knowing what they will do on arrival, with the address or the person found
        Near(r"\bi\s+know\s+(?:exactly\s+)?what\s+(?:im|i am|ill|i will)\s+(?:going to\s+|gonna\s+)?do\s+(?:to\s+(?:him|her|them)|when\s+i\s+(?:get there|get to (?:him|her|them)|see (?:him|her|them)|find (?:him|her|them)))\b",
             r"\b(?:address|where (?:he|she|they) (?:lives?|works?|is staying|drinks)|found (?:him|her|them)|tracked|postcode|on my way|driving|tonight)\b"),
        # the other person not walking away from it ("he won't be walking out")
        Near(r"\b(?:he|she|they)\s+(?:wont|will not|aint|isnt|is not)\s+(?:be\s+)?walking\s+(?:out|away|anywhere|again|home)\b",
             r"\b(?:going round|go round|round there|over there|when (?:hes|shes|he is|she is|he gets|she gets) (?:back|home|in)|waiting for (?:him|her|them)|sort (?:him|her|them))\b"),
        # silencing a witness ("make sure she never says another word ... and I've thought about how")
        Near(r"\bmake\s+sure\s+(?:he|she|they)\s+(?:never|cant|can never|wont ever|will never|doesnt ever)\s+(?:says?|speaks?|tells?|talks? to)\s+(?:another\s+word|anything|anyone|anybody|a\s+word|again)\b",
             r"\b(?:thought about how|worked out how|police|statement|station|court|if (?:she|he|they) (?:goes|walks|tells|says|makes))\b"),
        # poisoning: what cannot be tasted in someone's food
        Near(r"\b(?:what|something|things?|stuff)\s+(?:you|u|they|he|she|people)\s+(?:cant|cannot|can not|wouldnt|wont|dont)\s+taste\s+in\s+(?:food|a drink|drinks|(?:his|her|their)\s+(?:food|tea|coffee|drink|dinner|meals?))\b",
             r"\b(?:(?:him|her|them)\s+not\s+being|out cold|asleep|tablets|pills|poison\w*|(?:his|her|their) (?:food|tea|dinner|drink)|run out of (?:other )?(?:doors|options))\b"),
        r"\b(?:im|i am|ill|i will)\s+(?:\w+\s+){0,2}?do\s+(?:him|her|them)\s+in\b",
        # the consequences for the writer waved away beside the act ("dont care if i go down for it")
        Near(r"\b(?:dont|do not|really dont|wouldnt)\s+care\s+(?:if\s+i\s+(?:go down|go to (?:prison|jail)|get (?:locked up|sent down|done|life)|do time|end up inside)|what\s+happens\s+to\s+me\s+after)\b",
             r"\b(?:do (?:him|her|them) in|waiting outside|lays? a finger|go for (?:him|her|them)|(?:kill|hurt|batter|smash|stab|sort) (?:him|her|them)|where to stand|outside the (?:school|house|court))\b"),
    ],
    "self-harm": [
        r"\b(?:kill|killing|killed|hurt|hurting|harm|harming|cut|cutting|hang|hanging|harmed|end|ending|off|top|topping|poison|poisoning|drown|drowning|shoot|shooting|burn|burning|burnt|burned|starve|starving|punish|punishing)\s+myself\b",
        r"\bself[ -]?harm\w*\b",
        # someone else's: the writer is the one who can act for them (content/crisis.yaml `readers`)
        r"\b(?:kill|killing|hang|hanging)\s+(?:himself|herself|themselves|themself)\b(?!\s+out\b)",
        r"\b(?:end|ending|take|taking)\s+(?:his|her|their)\s+own\s+life\b",
        # "she plans to end her life": the one who ends it is the one whose life it is
        r"\bshe\s+(?:(?!(?:he|hes|hell|hed|they|theyll|theyre)\b)\w+\s+){0,5}?(?:end|ending|take|taking|finish|finishing)\s+her\s+life\b",
        r"\bhe\s+(?:(?!(?:she|shes|shell|shed|they|theyll|theyre)\b)\w+\s+){0,5}?(?:end|ending|take|taking|finish|finishing)\s+his\s+life\b",
        r"\b(?:been|started|start|keep|kept|am|im|was)\s+(?:\w+\s+)?cutting\s+(?:again|myself|my\s+(?:arms?|legs?|wrists?|thighs?|stomach|hips?|ankles?|skin|body))\b",
        r"\b(?:been|started|start|keep|kept|am|im)\s+cutting\b(?=.*\b(?:again|only thing|helps|myself)\b)",
        r"\b(?:written|wrote|writing|write|left|leave)\s+(?:a|my|the)\s+(?:suicide\s+|goodbye\s+)?(?:note|letters?)\b(?=.*\b(?:do it|end|goodbye|gone|die|dead|around|kids|just in case)\b)",
        r"\b(?:worked out|planned|plan|know|thought about|decided)\s+how\s+(?:i|id|ill)\s+(?:would\s+|will\s+)?do\s+it\b",
        r"\b(?:dont|do not|didnt)\s+deserve\s+to\s+(?:be alive|live|exist|be here)\b",
        r"\b(?:not|never|wont|didnt|dont want to)\s+(?:to\s+)?wake\s+up\b",
        # passive wishes, being a burden, no one would miss me (the "invitations" helplines train for)
        r"\b(?:wouldnt|would not|dont|do not)\s+(?:mind|care)\s+if\s+(?:i|something happened to me)\s+(?:\w+\s+){0,2}(?:died|dead|didnt wake|never woke|got hit|wasnt here|was gone|disappeared)\b",
        r"\b(?:no one|nobody|noone|no-one)\s+would\s+(?:even\s+)?(?:miss|notice|care)\b(?=[^.!?]*\b(?:if|when)\s+i\b)",
        r"(?<!tells me )(?<!told me )(?<!says )(?<!said )(?<!calls me )\b(?:im|i am|i feel like|feel like|ive become|i have become)\s+(?:just\s+|such\s+)?a\s+burden\b",
        r"\b(?:tired|sick|weary)\s+of\s+(?:living|being alive|life|existing)\b",
        r"\b(?:done|finished)\s+with\s+(?:life|living|being alive|it all|myself)\b",
        r"\b(?:disappear|vanish|sleep)\s+(?:forever|for good|and never (?:come back|wake up))\b",
        r"\bwhats\s+the\s+point\s+(?:anymore|any more|of anything|in anything|of me|of going on|of living)\b",
        r"\b(?:cant|cannot|dont|do not)\s+see\s+(?:a|any)\s+(?:way out|way forward|future|reason to (?:live|go on|carry on|stay))\b",
        r"\bhow\s+many\s+(?:pills|tablets|paracetamol|painkillers|sleeping pills)\b",
        r"\b(?:thought|thinking|think|thoughts)\s+(?:about|of)\s+(?:driving|crashing|swerving|steering)\s+(?:my car\s+|the car\s+)?(?:into|off|in front of)\b",
        r"\b(?:dont think|do not think|not sure|doubt|dont know if|do not know if)\s+(?:ill|i will|id|i would)\s+(?:still\s+)?be\s+(?:around|here|alive)\b",
        r"\b(?:wont|will not|not|not going to|not gonna|dont know if ill|might not)\s+(?:still\s+)?be\s+(?:around|here)\s+(?:much longer|anymore|any more|to|for|next|by|tomorrow)\b",
        r"\b(?:drive|driving|drove|jump|jumping|throw myself|step|stepping|walk|walking)\s+(?:out\s+)?(?:off|into|in front of|under)\s+(?:a|the)\s+(?:bridge|cliff|train|lorry|truck|bus|car|traffic|river|sea|wall|tree|lamppost|lamp post|motorway|[0-9]+(?:[.:][0-9]+)?)\b",
        r"\b(?:take|taking|swallow|swallowing|down)\s+(?:everything|all)\s+(?:in|from)\s+(?:the|my)\s+(?:medicine|bathroom|cabinet|cupboard|drawer)\b",
        r"\bsuicid\w*\b",
        r"\b(?:end|finish)(?:ing|ed)?\s+(?:it\s+all|my\s+(?:own\s+)?life|everything|it\s+(?:tonight|today|now|for good))\b",
        r"\btake\s+my\s+(?:own\s+)?life\b",
        r"\b(?:dont|do not|no longer|dont really|do not really|never)\s+want\s+to\s+(?:live|be alive|be here|exist|wake up|go on|carry on)\b",
        r"\b(?:wish|want|wanted|wishing)\s+(?:i\s+(?:was|were)\s+|to\s+be\s+)dead\b",
        r"\b(?:wish|want|wanted|wishing|ready)\s+to\s+die\b",
        r"\b(?:better\s+off|happier)\s+(?:dead|without\s+me|if\s+i\s+(?:was|were)\s+(?:dead|gone))\b",
        r"\b(?:no|any|whats the|what is the)\s+(?:point|reason)\s+(?:in\s+|of\s+)?(?:living|going on|to live|being alive|carrying on|to go on|to carry on|in life)\b",
        r"\bcant\s+(?:go on|carry on|keep going|keep doing this|do this any ?more|take (?:it|this|any more|much more) any ?more|take (?:it|this) any ?longer|cope any ?more|live like this)\b(?!\s+(?:pretending|as if|like nothing|making excuses|ignoring|covering|with (?:the|this|my) (?:job|course|work)))",
        r"\b(?:overdose|od)\b",
        r"\b(?:took|take|taking|swallow|swallowed|swallowing|got|have|saved up|stockpil\w*)\s+(?:all\s+)?(?:of\s+)?(?:the|my|a bunch of|some|a load of|lots of|a box of)?\s*(?:pills|tablets|painkillers|paracetamol)\b",
        r"\bjump\s+(?:off|in front of|from)\b",
        r"\bnothing\s+(?:left\s+)?to\s+live\s+for\b",
        r"\bno\s+(?:reason|point)\s+(?:in\s+)?(?:for\s+me\s+|me\s+)(?:to\s+)?(?:be|being|stay|staying)\s+(?:here|alive|around)\s+(?:any ?more|at all|without\b|if\b)",
        r"\b(?:rather|prefer to|prefer)\s+not\s+(?:to\s+)?(?:be\s+)?(?:here|alive|around|exist|wake up)\b(?!\s+(?:when|while|for|if|during|on|in the|at the|with|tonight|today|tomorrow))",
        r"(?<!saying )(?<!says )(?<!said )(?<!told me )(?<!tells me )\b(?:no ?one|nobody|no-one)(?:ll|d)?\s*(?:will|would)?\s+(?:even\s+)?(?:miss|notice)\s+me\b(?!\s+(?:at|for|when i leave|if i skip|if i dont go|in the))",
        r"\b(?:youll|you will|youd|you would|theyll|they will|theyd|everyonell|everyone will|everyone would|you all|the kids will|the kids would|hell|shell|hed|shed)\s+(?:all\s+)?(?:be\s+)?(?:alright|all right|ok|okay|fine|better|better off|happier|manage)\s+without\s+me\b(?!\s+(?:for|this|next|tonight|tomorrow|at|on|while))",
        r"\b(?:looking|staring|stared|looked|look)\s+at\s+(?:my|the)\s+(?:wrists?|veins)\b",
        # others coping better without the writer; the road not taken home ("thought about just not stopping")
        r"\b(?:would|will|d|ll)\s+(?:all\s+)?(?:cope|do|manage|be|get on|function)\s+(?:so\s+much\s+|much\s+|a lot\s+)?(?:better|easier|happier)\s+(?:off\s+)?without\s+me\b(?!\s+(?:for|this|next|tonight|tomorrow|at|on|while|there|around|in))",
        Near(r"\b(?:thought|thinking|think|wondered|wondering|tempted)\s+(?:about|of)?\s*(?:just\s+)?(?:not\s+(?:stopping|braking|turning|getting out)|keep(?:ing)?\s+(?:driving|walking|going)\s+(?:in|into|off|over))\b",
             r"\b(?:reservoir|river|bridge|drove|driving|drive|car|water|wall|cliff|edge|motorway|lorry|sea|quarry|canal|tracks)\b"),
        Near(r"\bhow\s+easy\s+it\s+(?:would|could|d)\s+be\s+to\s+(?:just\s+)?(?:lean over|jump|let go|step off|fall|end it|go over|slip|drive off|swerve|not wake up|take (?:them all|the lot|all of them))\b"
             r"|\bbe\s+(?:done|finished)\s+with\s+(?:it all|all of it|everything|life|living)\b",
             r"\b(?:balcony|floor|bridge|edge|pills|tablets|lean\w*|jump\w*|gone|die|dead|point|any ?more|tired|roof|window|railing|water)\b"),
        r"\b(?:letters?|notes?|cards?|videos?|messages?)\s+(?:\w+\s+){0,3}(?:for|to be read)\s+(?:after|when)\s+(?:im|i am|ive)\s+gone\b",
        Near(r"\b(?:think|thinking|thought|want|wanted|could)\s+(?:to\s+)?(?:just\s+)?(?:let go|lean over|step off|jump|fall)\b(?!\s+(?:of|at|for|in love))|\b(?:it is|its|it will be|it would be)\s+(?:finish|finished|over)\s+for\s+me\b",
             r"\b(?:floor|windows?|balcony|roof|bridge|edge|ledge|high|cliff|platform|tracks)\b"),
        Near(r"\b(?:close to|thinking (?:about|of)|going to|about to|want to|scared im)\s+(?:trying|try|doing|do)\s+(?:it\s+)?again\b",
             r"\b(?:kill (?:myself|yourself)|suicide|overdose|tried to|attempt\w*|end (?:it|my life))\b"),
        r"\b(?:know|worked out|looked up|calculated|researched)\s+(?:exactly\s+)?how\s+(?:much|many)\s+(?:\w+\s+)?(?:it\s+)?(?:would|will|it would|itd)\s+take\b(?![^.!?]*\b(?:him|her|them|someone)\b)",
        # the means: a whole packet, every pill in the house; a hosepipe beside the car
        r"\b(?:take|taking|took|swallow\w*|neck|necking)\s+(?:every|the whole|a whole|both)\s+(?:\w+\s+)?(?:pill|tablet|packet|bottle|box|strip)s?\b",
        Near(r"\bhose\s*pipe\b|\bhose\b", r"\b(?:exhaust|glovebox|glove box|in the car|in the boot|letters?|goodbye|tape|sorry)\b"),
        Near(r"\b(?:drink|drinking|drank)\s+myself\s+to\s+death\b",
             r"\b(?:tonight|speed|quicker|faster|pills|tablets|end it|nobody|no one|miss me|cupboard|point)\b"),
        Near(r"\b(?:sat|sitting|stood|standing|climbed|climbing|perched)\s+(?:on|over)\s+(?:the\s+)?(?:railing|railings|edge|ledge|parapet)\b",
             r"\b(?:bridge|cliff|roof|car park|multi.?storey|drop|river|tracks|going back|jump\w*)\b"),
        r"\b(?:rather|prefer to)\s+(?:be\s+)?(?:dead|die)\b",
        r"\bnot\s+(?:be|being)\s+(?:here|around|alive)\s+(?:anymore|any more|much longer|tomorrow)\b",
        r"\b(?:say|said)\s+(?:my\s+)?goodbyes?\b(?=.*\b(?:pills|end|die|dead|life|rope|bridge)\b)",
        # others better off, and the warning signs of a decision made (affairs, farewells, giving things away)
        r"\b(?:better\s+off|happier|safer|easier|better)\s+(?:\w+\s+){0,4}?if\s+i\s+(?:was|were|wasnt|werent)\s+(?:dead|gone|not here|not around|not alive|here|around|alive)\b",
        r"\b(?:put|putting|puts|sorted|sorting|getting|got)\s+(?:all\s+)?(?:my|her|his|their)\s+affairs\s+in\s+order\b",
        r"\bbetter\s+off\s+(?:\w+\s+){1,4}?than\s+(?:with\s+)?me\b",
        Near(r"\bmake\s+it\s+look\s+like\s+an?\s+accident\b", r"\b(?:insurance|pays? out|life cover|so (?:she|they|the kids) (?:get|gets|have|has))\b"),
        r"\bthis\s+is\s+(?:my\s+)?(?:hello and\s+)?goodbye\b",
        r"\b(?:goodbye|bye)\s+(?:forever|for good|everyone|everybody)\b",
        Near(r"\b(?:sent|sending|texted|messaged)\s+(?:\w+\s+){0,3}(?:a\s+)?goodbye\b",
             r"\b(?:sorry|loves?|forever|look after|take care|not answering|wont answer|isnt answering|phone off|cant reach|cant get hold)\b"),
        r"\btell\s+(?:\w+\s+){1,3}(?:im|i am)\s+sorry\b[^.!?]*\bloves?\b",
        Near(r"\b(?:written|wrote|writing|left)\s+(?:\w+\s+){0,2}letters?\s+(?:to|for)\s+(?:\w+\s+){0,3}(?:kids|boys|girls|children|sons|daughters|family|mum|wife|husband|partner|sister|brother|parents|dad|son|daughter|friends?)\b",
             rf"\b(?:{FAREWELL}|left (?:them|it) with|doesnt know why|dont know why yet|when im gone|in case|whats the point|see the point|what the point is|worse off|better off|know what im doing|locker)\b"),
        Near(r"\b(?:made|making)\s+(?:my|her|his|their)\s+peace\b", rf"\b(?:{FAREWELL}|given|giving|gave|die|dying|end)\b"),
        Near(r"\b(?:given|giving|gave|give)\s+(?:away\s+)?(?:my|her|his|their|all (?:my|her|his))\s+(?:\w+\s+)?(?:dog|cat|pets?|things|stuff|belongings|possessions|jewellery|jewelry|savings)\s+(?:away\b|to\b)"
             r"|\b(?:given|giving|gave|give)\s+(?:me|us|him|her|them|my\s+\w+)\s+(?:my|her|his|their)\s+(?:\w+\s+)?(?:dog|cat|pets?|things|stuff|belongings|possessions|jewellery|jewelry|savings|season ticket|boots|guitar|watch|tools|bike|ring|medals)\b",
             rf"\b{FAREWELL}\b"),
        # the means made ready: pills put by, a car's engine running in a closed garage
        r"\b(?:putting|put|saving|saved|stashing|stashed|hoarding|hoarded|collecting|collected|keeping|kept|squirrelling)\s+(?:(?:all|some|half|most)\s+(?:of\s+)?)?my\s+(?:\w+\s+)?(?:pills|tablets|meds|medication|medicine|painkillers|paracetamol|co-?codamol|codeine|tramadol|sleeping (?:pills|tablets)|antidepressants|insulin)\s+(?:aside|away|by|up|back)\b",
        Near(r"\b(?:engine|car|motor)\s+(?:was\s+|still\s+)?running\b", r"\b(?:garage|hose|hosepipe|exhaust|door (?:shut|closed)|doors (?:shut|closed))\b"),
        # marks made on oneself: until it bleeds, again, deeper
        r"\b(?:scratch\w*|cut\w*|burn\w*|pick\w*|hit\w*|punch\w*|dig\w*)\s+(?:at\s+|into\s+)?my\s+(?:arms?|legs?|wrists?|skin|thighs?|stomach|hands?)\s+(?:until|till|til|so|so much)\s+(?:it|they)\s+bleeds?\b",
        Near(r"\bcut\s+(?:again|deeper)\b", r"\b(?:deeper|blood|bleed\w*|razor|blade|arms?|wrists?|thighs?|scars?|plasters?)\b",
             unless=r"\b(?:hair|fringe|grass|lawn|hedge|budget|budgets|funding|costs?|prices?|hours|power|electricity|wages|benefits?)\b"),
        # said the way young people say it, and the means
        r"(?<![0-9] )\bkms\b", r"\bunalive\s+(?:myself|me)\b", r"\bsewer\s*slide\b", r"\bnoose\b",
        Near(r"\b(?:bought|got|have|tied|found|buy|ordered)\s+(?:a|the|some)\s+(?:\w+\s+)?rope\b",
             r"\b(?:myself|end|tonight|garage|loft|tree|beam|do it|goodbye|die|dead)\b"),
        Near(r"\brope\b", r"\b(?:loft|beam|banister|bannister|stood on a chair|on a chair|stool|noose|round (?:his|her|my) neck|go through with it)\b"),
        r"\b(?:im|i am)\s+(?:\w+\s+){0,2}?(?:on|at)\s+(?:the|a)\s+(?:edge of (?:the|a)\s+)?(?:bridge|cliff|cliff edge|ledge|railway line|train tracks|tracks)\b",
        # the way out of a life as not being here ("the only way I get out of this marriage is by not being here")
        Near(r"\b(?:by|is)\s+(?:me\s+)?not\s+being\s+(?:here|around|alive)(?:\s+any\s*more)?\b",
             r"\b(?:only way|way out|decided|calmer|better off|easier|cant go on|nothing left|get out of)\b"),
    ],
    "child-at-risk": [
        rf"\b{HARM_ING}\s+(?:\w+\s+)?{CHILD}\b",
        rf"\b(?:{HARM_PAST}|{HARM_S})\s+(?:\w+\s+)?{CHILD}\b(?!\s+(?:saw|heard|watched))",
        rf"\b{CHILD}\s+(?:is|are|isnt|arent|was|were)\s+(?:being\s+|getting\s+)?(?:{HARM_PAST}|not safe|in danger|unsafe|covered in bruises|bleeding)\b",
        Near(rf"\b{CHILD}\s+(?:being|getting)\s+{HARM_PAST}\b", PRESENT + r"|\b(?:next door|upstairs|downstairs|can hear|i hear|happening)\b",
             unless=r"\bwhat\s+(?:do|should|can)\s+(?:i|you|we)\s+do\s+if\b|\bwhat\s+if\b|\bif\s+(?:i|you|we)\s+(?:see|saw|hear|heard|notice)\b"),
        rf"\b(?:took|taken|snatched|grabbed|drove off with|driven off with)\s+{CHILD}\b(?=[^.!?\n]*\b(?:drunk|high|off his face|off her face|driven off|drove off|driving off|wont bring (?:her|him|them) back|never see)\b)",
        Near(r"\b(?:burn|burns|bruise|bruises|bruising|marks|welts|cuts|injury|injuries|black eye)\s+on\s+(?:her|his|their)\s+\w+", rf"\b{CHILD_WORD}\b",
             unless=r"(?s)^(?!.*\b(?:he|she|they|partner|boyfriend|girlfriend|husband|wife|stepdad|stepmum|dad|mum)\s+(?:says|said|claims|claimed|insists)\b).*\b(?:fell|fall|tripped|slipped|playground|slide|trampoline|bike|accident\w*)\b"),
        rf"\b{CHILD}\s+(?:has|had|have|got|has got|came home with|woke up with)\s+(?:\w+\s+)?(?:bruises|bruising|marks|injuries|a black eye|burns|cuts|welts|a broken)\b",
        rf"\b(?:threat\w*|said|says|swore)\s+(?:\w+\s+){{0,3}}(?:to\s+)?(?:hurt|harm|kill|beat|hit)\s+{CHILD}\b",
        rf"\b(?:scared|afraid|terrified|worried|frightened)\s+(?:that\s+)?(?:he|she|they)\s*(?:will|ll|might|could|is going to|s going to)?\s+(?:hurt|harm|kill|hit|beat|take)\s+{CHILD}\b",
        # sexual abuse, a child told "you're next", children hiding from violence
        rf"\b(?:touches|touched|touching|molest\w*|interfer\w*\s+with|sexually\s+abus\w*|abus\w*\s+sexually|abused|abusing)\s+{CHILD}\b",
        Near(r"\b(?:touches|touched|touching|molest\w*|interfer\w*\s+with|sexually abus\w*)\s+(?:her|him|them|me)\s+(?:down there|in (?:her|his|my|their) (?:private|privates|bed|knickers|pants)|where|at night|when (?:mum|mummy|mom|mommy|dad|daddy) is|when nobody)",
             rf"\b{CHILD_WORD}\b"),
        Near(r"\b(?:told|tells|telling|said|says)\s+(?:her|him|them)\s+(?:that\s+)?(?:shes|hes|theyre|she is|he is|they are|she will be|he will be)\s+next\b", rf"\b{CHILD_WORD}\b"),
        Near(rf"\b{CHILD}\s+(?:is|are)\s+(?:home\s+|alone\s+|home alone\s+|at home\s+|stuck\s+|left\s+|still\s+|there\s+)?(?:with|alone with)\b",
             r"\b(?:drunk|off (?:his|her|their) face|high|coke|cocaine|wasted|smashed|out of it|raging|kicking off)\b"),
        Near(r"\b(?:put|locked|shut|left)\s+(?:her|him|them)\s+(?:\w+\s+)?(?:in|out in|outside in|into)\s+(?:the\s+)?(?:shed|garden|cupboard|cellar|basement|boot|cold|snow|(?:his|her|their)\s+(?:room|bedroom))\b",
             rf"\b(?:{CHILD_WORD}|crying|cry|cries|nappy|cot|pram|mummy|mommy|daddy|for being (?:bad|naughty))\b"),
        Near(rf"\bi\s+(?:\w+\s+)?{HARM_PAST}\s+(?:her|him|them)\b", CHILD_AGE),
        Near(rf"\b{OTHER}\s+(?:(?!(?:doesnt|dont|didnt|never|wont|not|wouldnt)\b)\w+\s+){{0,2}}(?:hits|beats|hurts|kicks|punches|slaps|chokes|burns|locks|hitting|beating|hurting|kicking|punching|slapping|choking)\s+me\b", CHILD_AGE),
        # ... or hit them tonight: a child's own account of an attack just past
        Near(rf"\b(?:tonight|today|last night|this morning|just now|earlier)\s+(?:\w+\s+){{0,2}}?{OTHER}\s+(?:(?!(?:doesnt|dont|didnt|never|wont|not|wouldnt)\b)\w+\s+){{0,2}}{HARM_PAST}\s+me\b|"
             rf"\b{OTHER}\s+(?:(?!(?:doesnt|dont|didnt|never|wont|not|wouldnt)\b)\w+\s+){{0,2}}{HARM_PAST}\s+me\b(?=[^.!?]*\b(?:tonight|today|last night|this morning|just now|earlier)\b)", CHILD_AGE),
        # a child taken, or kept, by an adult who is drunk or threatens never to bring them back
        Near(rf"\b(?:took|taken|(?<!to\s)(?<!\bll\s)(?<!\bi\s)takes?|snatched|grabbed|drove off with|driven off with)\s+{CHILD}\b",
             r"\b(?:drunk|drink all day|drinking all day|been drinking|(?:is|s|was|hes|shes)\s+drinking|high(?!\s+risk)|off (?:his|her|their) face|wont bring (?:her|him|them) back|never see)\b"),
        Near(r"\b(?:drive|crash|take)\s+(?:us|them|the kids|the children)\s+(?:all\s+)?(?:in|into|off|under)\s+(?:the\s+|a\s+)?(?:water|lake|river|sea|canal|quarry|cliff|reservoir)\b",
             rf"\b{CHILD_WORD}\b"),
        Near(r"\b(?:havent|have not|not|wont|will not|cant|cannot|not going to|never)\s+(?:taken|take|bring|brought|give|given|giving|bringing|return\w*)\s+(?:her|him|them|my\s+\w+|our\s+\w+|the kids|the children)\s+back\b",
             r"\b(?:drunk|drink|drinking|had a drink|been drinking|high|off (?:his|her|my) face|never see|driv\w*|motorway|abroad|airport)\b"),
        Near(r"\bnever\s+see\s+(?:her|him|them|\w+)\s+alive\s+again\b", rf"\b{CHILD_WORD}\b"),
        # a child's injury beside the child, unless it was an accident nobody explains away
        Near(r"\b(?:split|fat|burst|swollen|bleeding)\s+lip\b|\bbloody\s+nose\b|\bblack\s+eye\b|\bcut\s+(?:above|under|over)\s+(?:his|her|their)\s+eye\b",
             rf"{CHILD_AGE}|\b(?:pupil|pupils|child|children|baby|kid|kids|toddler|little one|[0-9]+ (?:year|yr) old)\b",
             unless=r"(?s)^(?!.*\b(?:he|she|they|partner|boyfriend|girlfriend|husband|wife|stepdad|stepmum|dad|mum)\s+(?:says|said|claims|claimed|insists)\b).*\b(?:fell|fall|tripped|slipped|playground|slide|trampoline|bike|accident\w*|football|rugby|boxing|karate|judo|match|another (?:boy|girl|kid|child)|other (?:boys|girls|kids))\b"),
        Near(r"\b(?:hit|beat|belted|smacked|whipped|hits|beats|belts|smacks)\s+(?:her|him|them)\s+(?:\w+\s+){0,4}?(?:till|until|so hard)\s+(?:she|he|they)\s+(?:bled|was bleeding|were bleeding|couldnt)\b",
             rf"\b{CHILD_WORD}\b"),
        Near(r"\b(?:locked|shut|put|kicked|thrown|threw)\s+(?:her|him|them)\s+out\s+(?:of\s+the\s+(?:house|flat|home)|in\s+the\s+(?:cold|dark|snow|rain))\b",
             rf"{CHILD_AGE}|\b(?:getting dark|its dark|in the cold|freezing|scared to go back|no coat|no shoes)\b"),
        Near(rf"\b{CHILD}\s+(?:\w+\s+){{0,2}}?(?:is\s+|s\s+)?(?:screaming|crying|sobbing|begging)\b",
             r"\b(?:thuds?|thumps?|bangs|slaps?|smacks?|being hit|hitting|beating|belt)\b"),
        Near(r"\b(?:can hear|i hear|hearing)\s+(?:\w+\s+){0,2}?(?:hitting|beating|smacking|belting|hurting|thumping)\s+(?:him|her|them)\b", rf"\b{CHILD_WORD}\b"),
        # a baby shaken: the head goes back and forth, then sleepy, floppy, not feeding
        Near(r"\b(?:shook|shaken|shaking|shake|shakes)\s+(?:him|her|them|the baby|my baby|our baby|(?:my|our|the)\s+(?:son|daughter|little one))\b",
             r"\b(?:baby|newborn|infant|[0-9]+\s+months?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months?|weeks? old|colic|cot|wouldnt stop crying|floppy|head went)\b"),
        # an adult shut in with a child and the means of harm
        Near(rf"\b(?:locked|shut|barricaded)\s+(?:herself|himself|themselves)\s+in\s+(?:\w+\s+){{0,3}}?with\s+{CHILD}",
             r"\b(?:razor|blades?|knife|knives|pills|tablets|gone quiet|gone silent|wont open|threat\w*|take (?:them|us) both|hurt)\b"),
        Near(rf"\b{CHILD}\s+(?:is|are|were)\s+(?:\w+\s+)?(?:hiding|cowering)\b",
             r"\b(?:hit\w*|shout\w*|scream\w*|smash\w*|drunk|angry|rage|raging|knife|scared|terrified|fight\w*|kicking off|violent)\b"),
        # a small child gone limp after being hit or shaken ("now he's gone all floppy and quiet")
        Near(r"\b(?:hes|shes|he|she|baby|(?:the|my|our)\s+(?:baby|son|daughter|lad|boy|girl|little one|bairn))\s+(?:has\s+|is\s+|s\s+)?(?:gone|went|going|is|looks?|seems?)\s+(?:all\s+|really\s+|very\s+|so\s+)?(?:floppy|limp)\b",
             rf"\b(?:{CHILD_WORD}|lad|bairn|crying|cry|smacked|hit|shook|shaken|dropped|threw|thrown)\b"),
        Near(r"\bi\s*(?:ve|have)?\s+(?:just\s+)?(?:smacked|hit|slapped|punched|kicked|shook|shaken|thrown|threw)\s+(?:him|her|them|my\s+\w+)\s+so\s+hard\b",
             rf"\b(?:{CHILD_WORD}|lad|bairn|crying|wouldnt stop)\b"),
    ],
    "strangulation": [
        r"\b(?:choke|choked|chokes|choking|strangle|strangled|strangles|strangling|strangulation|strangulated|throttle|throttled|throttling)\b(?!\s+(?:up|back|on)\b)",
        r"\b(?:smother\w*|suffocat\w*)\b(?<!feel smothered)(?=\s+(?:me|her|him|them|my|with|by)\b)",
        r"\b(?:hand|hands|arm|arms|fingers|belt|rope|cord|scarf|forearm|knee|elbow)\s+(?:\w+\s+)?(?:a?round|on|across|against|over)\s+(?:my|her|his|their|your|the)\s+(?:neck|throat)\b",
        r"\b(?:grab\w*|held|hold|holding|squeez\w*|press\w*|pinn?\w*|push\w*|put|had|gripp?\w*|clutch\w*|sat on|kneel\w*|knelt)\s+(?:\w+\s+){0,3}?(?:by\s+)?(?:the|my|her|his|their|your)\s+(?:neck|throat|windpipe)\b",
        r"\bby\s+the\s+(?:neck|throat)\b",
        r"\b(?:head\s*lock|choke\s*hold|chokehold|sleeper\s*hold)\b",
        Near(r"\b(?:couldnt|could not|cant|cannot|could hardly|can hardly)\s+breathe\b",
             r"\b(?:neck|throat|hands|pillow|sat on|on top of me|pinned|squeez\w*|held me)\b"),
        Near(r"\b(?:passed|blacked|pass|black)\s+out\b|\bsaw stars\b|\beverything went (?:black|dark|fuzzy)\b",
             r"\b(?:neck|throat|squeez\w*|hands)\b"),
        r"\b(?:marks|bruises|bruising|red marks|fingermarks|finger marks|fingerprints?|thumb ?prints?|handprints?|scratches)\s+(?:\w+\s+){0,2}(?:on|around|round|across|down|either side of|each side of|both sides of)\s+(?:both sides of\s+|the sides? of\s+|the front of\s+)?(?:my|her|his|their|your)\s+(?:neck|throat|windpipe)\b",
        r"\b(?:choke|choking|strangle|strangling|strangulation)\s+(?:marks?|bruises?|bruising|injur\w*)\b",
        r"\b(?:cut|cuts|cutting|cutted|stop|stops|stopped|stopping|block|blocks|blocked|blocking)\s+off\s+(?:my|her|his|their|your)\s+(?:air|airway|air supply|breath|breathing|oxygen)\b",
        r"\bwent\s+for\s+(?:my|her|his|their|your)\s+(?:throat|neck)\b",
        r"\b(?:held|hold|holding|squeezed|squeezing|pressed|pressing|pinned|sat on|kept|choked|strangled)\s+(?:\w+\s+){0,4}?(?:till|until|til)\s+(?:i|she|he|they)\s+(?:blacked out|passed out|went limp|lost consciousness|stopped struggling|went dizzy|saw stars)\b",
        # suffocation and drowning stop the breath as strangling does: the same marker of lethal risk
        r"\b(?:pillow|cushion|plastic bag|bag|hand|hands)\s+over\s+(?:my|her|his|their|your)\s+(?:face|nose and mouth|mouth and nose|nose)\b",
        Near(r"\b(?:hand|hands)\s+over\s+(?:my|her|his|their|your)\s+mouth\b", r"\b(?:breathe|breath|air|suffocat\w*|passed out|black\w* out)\b"),
        r"\b(?:held|holding|hold|pushed|pushing|forced|forcing|shoved|dunked|dunking)\s+(?:\w+\s+)?(?:my|her|his|their)\s+head\s+(?:under|in|into|down in)\s+(?:the\s+)?(?:water|bath|sink|toilet|pool|river)\b",
        Near(r"\b(?:hoarse|lost my voice|hurts to swallow|hurt to swallow|cant swallow|difficulty swallowing|trouble swallowing)\b",
             r"\b(?:neck|grabbed|squeez\w*|hands|strangl\w*|chok\w*)\b"),
    ],
}
COMPILED = {
    kind: [(re.compile(p.pattern), re.compile(p.context), re.compile(p.unless), CHILD_WORD in p.context) if isinstance(p, Near)
           else (re.compile(p), None, None, False)
           for p in patterns]
    for kind, patterns in PATTERNS.items()
}

# Strangulation is an act on the neck or the breath: a sentence that names neither (nor a means of
# stopping the breath, nor what it does) cannot carry it, however close its neighbours sit
# ("between mouthfuls of cereal" read near "his forearm across my throat"). The meaning check's
# reading of strangulation needs one of these words in the same sentence.
NECK_OR_BREATH = re.compile(
    r"\b(?:necks?|throat|windpipe|airway|air|breath\w*|chok\w*|strangl\w*|throttl\w*|smother\w*|suffocat\w*|pillow|cushion|"
    r"bag over|face|mouth|nose|drown\w*|water|head under|pass(?:ed)? out|black(?:ed)? out|went (?:black|dark|fuzzy|limp|blue|grey)|"
    r"saw stars|seeing stars|voice|hoarse|swallow\w*|gasp\w*|lungs?|squeez\w*|collar|scarf|belt|rope|cord|ligature|headlock|"
    r"lips? (?:went |turned )?blue|bloodshot|petechia\w*|red (?:dots|spots)|marks)\b")


@dataclass(frozen=True)
class CrisisSignal:
    kind: str
    evidence: str  # the words that matched, for tests and reviewers; never logged
    margin: float | None = None  # how far the meaning check's reading beat "none"; None: a pattern heard it


def detect(message: str) -> list[CrisisSignal]:
    """Every crisis kind the message carries, most urgent first. Deterministic, no state, no I/O."""
    text = normalise(message)
    found: dict[str, str] = {}
    # A child whose age is given is who a letter is about: where a pattern needs a child beside it,
    # that child counts anywhere in the message ("a 14-year-old girl ... he told her she's next").
    aged_child = bool(KID_AGE.search(text))
    for kind in PRIORITY:
        for pattern, context, unless, wants_child in COMPILED[kind]:
            for match in pattern.finditer(text):
                if context and (unless.search(near := _nearby(text, match)) or not (
                        context.search(near) or (wants_child and aged_child))):
                    continue
                if _counts(kind, text, match):
                    found[kind] = match.group(0)
                    break
            if kind in found:
                break
    if "danger-now" in found and "child-at-risk" not in found and (child := child_in_danger(text)):
        found["child-at-risk"] = f"{found['danger-now']} ... {child}"
    return [CrisisSignal(kind, found[kind]) for kind in PRIORITY if kind in found]


def child_in_danger(text: str) -> str | None:
    """Danger now with a child in it is also a child at risk: the young writer themselves, or a child
    whose age is given ("wee lad's about 3"). The words that say so, or None. `text` is normalised."""
    child = YOUNG.search(text) or KID_AGE.search(text)
    return child.group(0) if child else None


SHORT = 280  # characters: a message this short is read as one breath ("hes hitting me. hiding under my bed. im 11")
PERSON = re.compile(r"\b(?:i|me|my|im|ive|he|she|they|him|her|them|his|their|hes|shes|partner|ex|client|patient|someone)\b")
SENTENCE_END = re.compile(r"[.!?\n]")
CLAUSE_BREAK = re.compile(r"[.,;:!?\n]|\s(?:but|though|although|however)\s")


def _counts(kind: str, text: str, match: re.Match[str]) -> bool:
    before = text[: match.start()]
    clause = _around(text, match, CLAUSE_BREAK)
    sentence = _around(text, match, SENTENCE_END)
    if kind == "strangulation" and re.fullmatch(r"\w+", match.group(0)):
        # The word alone in a question about the subject ("what does the law say about strangulation",
        # "why is it singled out in the training") is not an incident; with a person in it, it is.
        if not PERSON.search(sentence) or (match.group(0) == "strangulation" and ABOUT_THE_SUBJECT.search(_nearby(text, match))):
            return False
        if IDIOM_SUBJECT.search(before[-40:]):
            return False  # "work is choking me"
    if kind in ("intent-to-harm", "strangulation") and re.search(r"\bcould\s+(?:\w+\s+)?(?:kill|throttle|strangle|murder|choke)\b", before[-20:] + match.group(0)):
        # "I could kill him for forgetting our anniversary": the idiom, unless it is said as fear or with a when or a means.
        if not re.search(r"\b(?:scared|afraid|worried|frightened|terrified|think|really|actually|honestly think)\b", before[-30:]) and not SERIOUS.search(clause):
            return False
    if kind == "intent-to-harm":
        # "I would never hurt her" is not intent; a plain "kill" stays a signal however it is framed.
        strong = re.search(r"kill|murder|stab|shoot|strangle|choke|throttle|knife|gun|weapon|blade|wak(?:e|ing)\s+up|back\s+up|not\s+being"
                           r"|(?:never|cant|wont ever|doesnt ever)\s+(?:walks?|talks?|breathes?|stands?|wakes?|uses?)\b|not\s+me\b|stop\s+myself|to\s+(?:talk|chat|have a word)\b|(?:talk|chat)\w*\s+this\s+time|never\s+(?:says?|speaks?|tells?)\b|care\s+(?:if|what)\b|walking\s+(?:away|out)|stopping\s+(?:it|myself)|after\s+(?:tonight|today|tomorrow|this weekend)|over\s+(?:his|her|their)\s+face", match.group(0))
        if not strong and (NEGATED.search(before[-40:]) or re.search(r"\b(?:never|not|dont|wouldnt|didnt)\b", match.group(0))):
            return False
    if kind == "child-at-risk":
        if NEGATED.search(before[-25:]) and not RETURNED.search(sentence):
            return False  # "he has never hurt the children" (but "never hit them until again last night" counts)
        if re.search(r"\b(?:other|another)\s+\w+$", match.group(0)) or (
                re.search(r"\ba\s+\w+$", match.group(0)) and PEERS_PLACE.match(text[match.end():])):
            return False  # "he has been hitting other children", "pushed a boy in the playground": a child's own behaviour
    if kind == "danger-now":
        if re.search(r"\bused to\b", match.group(0)):
            return False  # "my ex used to threaten to burn the house down" is history
        if RECORDED.search(before[-40:]) or (PAST_EVENT.search(sentence) and not CURRENT.search(sentence) and not re.search(r"\bjust\b", sentence)):
            return False  # "voice notes of my dad threatening me", "he threatened to kill me back in 2019"
    if kind == "self-harm":
        # Past self-harm ("I used to self-harm as a teen") is history, unless the sentence says it is back.
        if NOT_CURRENT.search(clause) and not CURRENT.search(clause) and not RETURNED.search(sentence):
            return False
    return True


def _child_in(message: str) -> bool:
    text = normalise(message)
    return bool(CHILD_MENTION.search(text) or YOUNG.search(text))


def _nearby(text: str, match: re.Match[str]) -> str:
    """The sentence that holds the match, with the sentence before and the one after; a short message is one context."""
    if len(text) <= SHORT:
        return text
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, match.start())]
    start = ends[-2] if len(ends) > 1 else 0
    after = [m.start() for m in islice(SENTENCE_END.finditer(text, match.end()), 2)]
    return text[start: after[-1] if len(after) == 2 else len(text)]


def _around(text: str, match: re.Match[str], breaks: re.Pattern[str]) -> str:
    """The clause or sentence (by `breaks`) that holds the match."""
    starts = [m.end() for m in breaks.finditer(text, 0, match.start())]
    end = breaks.search(text, match.end())
    return text[(starts[-1] if starts else 0): (end.start() if end else len(text))]


class CrisisMeaning:
    """The second crisis check: how close each sentence comes to written examples of each kind.

    Patterns catch what is said plainly; people in danger often say it sideways ("I don't know if
    I'll still be around", "there's a hammer in the boot"). Every sentence of a message, and the
    message as a whole, is compared with the sentences in content/crisis-examples (each kind, and
    near misses that are not a crisis) and with every intent example (ordinary messages). For each
    kind, and for "none", the score is the mean similarity of its K closest examples; a sentence
    carries the kind whose score beats "none" by MARGIN. Nearest examples rather than a trained
    model: nothing is fitted, so adding an example changes only what lies near it; the reading is
    deterministic; and the evidence for every call is an example sentence a reviewer can read.
    """

    K = 5  # closest examples averaged per kind: one odd example cannot make a call on its own
    MARGIN = 0.05  # a kind's score must beat "none" by this much (docs/EVALUATION.md shows the trade-off)
    MIN_WORDS = 4  # shorter pieces can make the check unsure, never make a call (see read)
    UNSURE = 0.0  # from here up to MARGIN the reply still opens with the emergency number (see CrisisCheck)

    def __init__(self, bank, encoder, cache_dir=None):
        self.encoder = encoder
        self.kinds = [k for k in PRIORITY if k in bank.crisis_examples]
        # Kinds whose responses speak to a common reader (content/crisis.yaml `audiences`) may be given together.
        audiences = {k: set(bank.crisis_kinds[k].audiences) if k in bank.crisis_kinds else set() for k in self.kinds}
        self.together = np.array([[bool(audiences[a] & audiences[b]) for b in self.kinds] for a in self.kinds])
        # Who acts decides the side: "he has the knife" is danger now, "I have the knife" intent to harm.
        self.side = {cue: (self.kinds.index(a), self.kinds.index(b)) for cue, a, b in
                     (("experiencing", "intent-to-harm", "danger-now"), ("using", "danger-now", "intent-to-harm"))
                     if a in self.kinds and b in self.kinds}
        self.own_harm = ((self.kinds.index("intent-to-harm"), self.kinds.index("self-harm"))
                         if {"intent-to-harm", "self-harm"} <= set(self.kinds) else None)
        self.neck = self.kinds.index("strangulation") if "strangulation" in self.kinds else None
        ordinary = list(bank.crisis_examples.get("none", ()))
        for examples in bank.intents.values():
            for example in examples:
                ordinary += [example] + (sentences(example) if len(sentences(example)) > 1 else [])
        # One run of texts: ordinary ones first, then each kind's; spans[c] is class c's part (0 = none).
        self.texts: list[str] = []
        self.spans: list[slice] = []
        for group in [ordinary] + [list(bank.crisis_examples[k]) for k in self.kinds]:
            self.spans.append(slice(len(self.texts), len(self.texts) + len(group)))
            self.texts += group
        self.vectors = cached_vectors(encoder, self.texts, "crisis", cache_dir)

    def read(self, pieces: list[str], vectors, exclude=None) -> tuple[list[CrisisSignal], np.ndarray]:
        """The kinds the pieces carry (each with its closest example as evidence), and each piece's best margin.

        A piece carries its best kind when that kind beats "none" by MARGIN, and with it every other
        kind over MARGIN whose response speaks to the same reader (danger now and a child at risk
        both speak to the person in the house), never one for another reader: the one in danger
        must not be told to put the weapon down. When the piece's grammar says who acts (perspective.py),
        that decides between danger now and intent to harm, which examples alone often confuse.
        A fragment of fewer than MIN_WORDS words ("the park", "the shed") is too short for its
        neighbours to mean much: it can make the check unsure, never make a call.
        `exclude` (example indices) holds examples out, for cross-validation (evaluation.reach).
        """
        similarity = vectors @ self.vectors.T
        if exclude is not None:
            similarity[:, exclude] = -1.0
        scores = nearest_mean(similarity, self.spans, self.K)
        margins = scores[:, 1:] - scores[:, :1]
        found: dict[str, tuple[float, str]] = {}
        for row, piece in enumerate(pieces):
            if len(piece.split()) < self.MIN_WORDS or margins[row].max() < self.MARGIN:
                continue
            best = int(margins[row].argmax())
            kinds = [c for c in np.flatnonzero(margins[row] >= self.MARGIN) if self.together[best, c]]
            wrong_side, right_side = self.side.get(audience_cue(piece), (None, None))
            if best == wrong_side:
                kinds = [right_side]  # the same danger, seen from the side the grammar names
            if self.own_harm is not None and harm_is_own(piece):
                kinds = [c for c in kinds if c != self.own_harm[0]] or [self.own_harm[1]]  # "kill myself": the harm is the writer's own
            if self.neck is not None and self.neck in kinds and not NECK_OR_BREATH.search(normalise(piece)):
                kinds.remove(self.neck)  # no neck, no breath: whatever it sits near, it is not strangulation
            for column in kinds:
                kind, span, margin = self.kinds[column], self.spans[column + 1], float(margins[row, best if column == right_side else column])
                if kind not in found or margin > found[kind][0]:
                    found[kind] = (margin, self.texts[span.start + int(similarity[row, span].argmax())])
        signals = [CrisisSignal(k, f"(close to: {found[k][1]})", found[k][0]) for k in found]
        signals.sort(key=lambda s: -s.margin)
        return signals, margins.max(axis=1)


@dataclass(frozen=True)
class Assessment:
    signals: list[CrisisSignal]  # crisis kinds found, most urgent first: the crisis response comes first
    unsure: bool  # no kind found, but the meaning check is not sure either: the emergency number still leads


class CrisisCheck:
    """Both crisis checks together: patterns first, meaning second; the union, most urgent first.

    The meaning check reads with two encoders. The small one (all-MiniLM-L6-v2) has already read
    the message for topic matching; the strong one (all-mpnet-base-v2) finds far more of what
    people say sideways, at about eight times the work per token. So the small one reads every
    sentence and the whole message, and the strong one settles what the small one is unsure of:
    it reads again only the sentences the small one places at least GATE from "none" (about a
    third of a long letter's words). A kind either finds is given; the reply is unsure when
    either is. Chosen on the selection sets (docs/EVALUATION.md): the union lost no line that
    either found alone; reading every sentence with the strong one found no line more than this
    gate, and a gate at the small one's UNSURE margin (0) lost one.
    """

    GATE = -0.03  # the small encoder's margin from which a sentence is read again by the strong one

    def __init__(self, meaning: CrisisMeaning | None = None, strong: CrisisMeaning | None = None):
        self.meaning = meaning
        self.strong = strong

    def detect(self, message: str) -> list[CrisisSignal]:
        return self.assess(message).signals

    def assess(self, message: str) -> Assessment:
        signals = detect(message)
        if self.meaning is None:
            return Assessment(signals, False)
        text = message[:5000]
        parts = sentences(text)
        whole, vectors = self.meaning.encoder.encode_message(text, parts)
        pieces = [text] + parts if len(parts) > 1 else [text]
        vectors = np.vstack([whole[None, :], vectors]) if len(parts) > 1 else whole[None, :]
        found, margins = self.meaning.read(pieces, vectors)
        unsure = margins.max() >= self.meaning.UNSURE
        if self.strong is not None:
            # One sentence is read as itself; a letter sentence by sentence, as far as the gate lets through.
            first = 1 if len(pieces) > 1 else 0
            passed = [p for p, margin in zip(pieces[first:], margins[first:]) if margin >= self.GATE]
            if passed:
                more, strong_margins = self.strong.read(passed, self.strong.encoder.encode(passed))
                found += more
                unsure = unsure or strong_margins.max() >= self.strong.UNSURE
        # What a pattern heard leads, most urgent first; then what the meaning check found, the
        # clearest reading first: its second guesses must not speak before its best one.
        best: dict[str, CrisisSignal] = {}
        for signal in found:
            if signal.kind not in best or signal.margin > best[signal.kind].margin:
                best[signal.kind] = signal
        heard = {s.kind for s in signals}
        if "child-at-risk" in best and "child-at-risk" not in heard and not _child_in(text):
            # No child named and no young writer: the danger the examples of a child's stand for is an adult's.
            moved = best.pop("child-at-risk")
            if "danger-now" not in best or best["danger-now"].margin < moved.margin:
                best["danger-now"] = CrisisSignal("danger-now", moved.evidence, moved.margin)
        signals += sorted((s for s in best.values() if s.kind not in heard), key=lambda s: -s.margin)
        kinds = [s.kind for s in signals]
        if "danger-now" in kinds and "child-at-risk" not in kinds and (child := child_in_danger(normalise(text))):
            danger = signals[kinds.index("danger-now")]
            signals.insert(kinds.index("danger-now") + 1, CrisisSignal("child-at-risk", f"{danger.evidence} ... {child}", danger.margin))
        return Assessment(signals, not signals and unsure)
