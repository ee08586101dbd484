"""Kind words a request speaks of without asking for them (issue 14, resource precision on unseen
text). mentions.negated, mentions.existing and extras.denied read a word turned down right next to
it ("no cache", "an existing ALB", "instead of a queue"); these read the other ways people mention
a resource they do not want created, each in the four languages (accent-free, lower case):

- it is there already, said after the word: "the VPC already exists", "la base ya existe", "le VPC
  existe deja", "das VPC gibt es bereits"; or reused: "reuse our current VPC", "reutilizar la VPC";
- it is what the request replaces or leaves: "replace the DynamoDB table with ...", "migrate from
  MongoDB to ...", "sustituir Redis por ...", "remplacer Redis par ...", "Redis durch ... ersetzen";
- it is declined with a verb: "skip the database", "nada de CDN", "on se passe de cache", "auf eine
  Datenbank verzichten wir", "die Queue lassen wir weg";
- it is for later: "maybe later a cache", "in the future we might add Redis", "mas adelante una
  cache", "plus tard un cache", "spater ein Cache", "a cache can come later".
"""

from __future__ import annotations

import re
from typing import Any

from . import lexicon as lx

# ------------------------------------------------------------------ already there ------------------

# a predicate after the word: "<the VPC> already exists / is already provisioned / is in place"
_THERE_AFTER = re.compile(
    r"\s+(?:(?:already|ya|deja|bereits|schon)\s+)?"
    r"(?:(?:is|are) already (?:there|provisioned|deployed|set up|in place|created|running|available)"
    r"|already exists?|exists? already|(?:is|are) (?:already )?in place"
    r"|(?:that |which )?(?:we|i) already (?:have|own|use|run)|(?:sits|lives|runs) already|already (?:sits|lives|runs)"
    r"|ya (?:existen?|esta(?:n)? (?:creada?s?|desplegada?s?|provisionada?s?|en marcha|en|ahi|alli))|existen? ya"
    r"|que ya (?:tenemos|usamos|existe)|(?:[a-z]+\s+){0,3}ya (?:lo|la|los|las) (?:tenemos|usamos|gestionamos)"
    r"|existe(?:nt)? deja|(?:est|sont) deja (?:la|en place|creee?s?|deployee?s?|provisionnee?s?)"
    r"|(?:que nous avons|qu'on a|que l'on a|que nous utilisons) deja|(?:on|nous) (?:l'a|les a|l'avons|les avons) deja"
    r"|(?:gibt es|existier(?:t|en)) (?:bereits|schon)|(?:ist|sind) (?:bereits|schon) (?:da|vorhanden|angelegt"
    r"|eingerichtet|provisioniert)|(?:bereits|schon) (?:vorhanden|existiert|da)"
    r"|(?:haben|nutzen|betreiben) (?:wir|ich) (?:schon|bereits)"
    r"|(?:[a-z]+\s+){0,3}(?:liegt|liegen|lauft|laufen|steht|stehen|sitzt) (?:schon|bereits)"
    # someone else's: "is managed by another team", "lives in another account", "lo gestiona otro equipo"
    r"|(?:is|are) (?:managed|run|operated|owned|handled|hosted|maintained|deployed|provisioned|created)"
    r" (?:by (?:another|a different|the other"
    r"|an external) \w+|by (?:the|our) [a-z-]+ team|elsewhere|separately|outside)"
    r"|(?:lives|is|sits) in (?:another|a different|a separate) \w+"
    r"|(?:lo|la|los|las) (?:gestiona|lleva|opera|administra)n? (?:otr[oa]|el otro|la otra) \w+"
    r"|(?:esta|estan|vive|viven) en otr[oa] \w+|se (?:gestiona|administra)n? (?:aparte|en otro \w+|fuera)"
    r"|(?:est|sont) (?:gere|geree|geres|gerees|exploitee?s?|hebergee?s?) (?:par une? autre \w+|ailleurs|a part)"
    r"|(?:est|sont) dans une? autre \w+|(?:est|sont) deploye\w* (?:par|avec) une? autre \w+"
    r"|(?:lo|la|los|las) despliega(?:n)? otr[oa] \w+|se despliegan? (?:aparte|con otr[oa] \w+)"
    r"|(?:wird|werden) (?:von|uber|mit) (?:einem anderen|einer anderen) \w+ (?:deployt|bereitgestellt|betrieben)"
    r"|(?:betreibt|verwaltet|managt|betreut) (?:ein anderes|eine andere|ein externes) \w+"
    r"|(?:liegt|liegen|lauft|laufen) in (?:einem anderen|einer anderen) \w+"
    r"|(?:wird|werden) (?:woanders|extern|separat|anderswo) (?:betrieben|verwaltet|gehostet))(?![a-z])"
)
# a verb of reuse right before the word: "reuse our current VPC", "reutilizar la VPC actual"
_REUSE_BEFORE = re.compile(
    r"(?:^|[^a-z])(?:re-?use|keep using|use our (?:current|existing)|stick with|reutiliz\w+|reutilis\w+"
    r"|wiederverwend\w+|weiterverwend\w+|weiter nutzen)\s+"
    rf"(?:(?:{lx.ARTICLE_RE}|our|nuestr[oa]s?|notre|nos|unser(?:e[nmrs]?)?)\s*)?"
    r"(?:(?:current|present|actual|actuel(?:le)?|aktuelle[nmrs]?)\s+)?(?:[a-z0-9-]+\s+)?$"
)


# what qualifies the word before its predicate: "los servidores de la aplicacion no forman parte"
_COMPLEMENT = re.compile(rf"\s+(?:of|de|d'|del|des|du|der|von)\s*(?:(?:{lx.ARTICLE_RE})\s*)?"
                         r"[a-z0-9-]+")


def _ends(norm: str, end: int) -> tuple[int, ...]:
    """Where the word's predicate may start: right after it, or after an "of" complement."""
    found = _COMPLEMENT.match(norm, end)
    return (end, found.end()) if found else (end,)


# "like our other functions", "como las demas funciones que tenemos", "comme nos autres fonctions",
# "wie unsere anderen Funktionen": the ones the request has, not more
_OTHERS_BEFORE = re.compile(
    rf"(?:^|[^a-z])(?:our|{lx.alt(lx.PLURAL_ARTICLES)}|nuestr[oa]s|nos|unsere[nm]?|den)\s+(?:other|otr[oa]s|demas|autres"
    r"|anderen?)\s+(?:[a-z0-9-]+\s+)?$")


def already_there(norm: str, start: int, end: int) -> bool:
    """ "the VPC already exists", "la base ya existe", "das VPC gibt es bereits", "reuse our current
    VPC": a resource the request has, not one it asks for."""
    clause = re.split(r"[,;:.!?()\n]", norm[max(0, start - 50) : start])[-1]
    return bool(any(_THERE_AFTER.match(norm, e) for e in _ends(norm, end)) or _REUSE_BEFORE.search(clause)
                or _OTHERS_BEFORE.search(clause))


# ------------------------------------------------------------------ replaced ----------------------

_OLD_BEFORE = re.compile(
    r"(?:^|[^a-z])(?:replac\w*|swap(?:ping)? out|get(?:ting)? rid of|retir\w*|decommission\w*|phas\w* out"
    r"|(?:migrat\w*|mov\w*|switch\w*|go\w*) (?:away )?(?:from|off)|away from|off of"
    r"|reemplaz\w*|sustitu\w*|dejamos|dejar atras|abandonamos|dejar de usar"
    r"|(?:migr\w*|pas(?:ar|amos|arnos)|mud(?:ar|arnos|amos)) (?:desde|de)"
    r"|abandon\w*|remplac\w*|(?:migr\w*|pass(?:er|ons|ez)|demenag\w*) (?:depuis|de|d')|quitt\w*"
    r"|se debarrasser d[e']"
    r"|ersetz\w*|abl[o]s\w*|weg von|(?:migrier\w*|wechsel\w*|umzieh\w*|zieh\w* um) von|von)\s+"
    rf"(?:(?:{lx.ARTICLE_RE}|{lx.INDEFINITE_RE}|our|nuestr[oa]s?|uno|notre|nos"
    r"|unser(?:e[nmrs]?)?)\s*)?(?:(?:old|current|legacy|viej[oa]|antigu[oa]|actual|ancien(?:ne)?"
    r"|vieux|vieille|actuel(?:le)?|alte[nmrs]?|bisherige[nmrs]?|aktuelle[nmrs]?)\s+)?(?:[a-z0-9-]+\s+)?$"
)
# what goes in its place comes after: "with", "by", "to", "por", "par", "durch", "nach", "zu", "auf"
_NEW_AFTER = re.compile(
    r"\s+(?:(?:[a-z0-9-]+\s+){0,2})(?:with|by|for|to|onto|into|por|con|a|hacia|par|pour|vers|sur|en|durch"
    r"|nach|zu|auf|mit)\s"
)
_OLD_PASSIVE = re.compile(
    r"\s+(?:(?:is|will be|gets|should be) (?:replaced|retired|decommissioned)|(?:wird|soll|werden) "
    r"(?:durch|von)|(?:se|sera) (?:reemplaza|sustituye|remplace)|sera (?:remplacee?|reemplazad[oa]))(?![a-z])"
)


def replaced(norm: str, start: int, end: int) -> bool:
    """ "replace the DynamoDB table with Postgres", "migrate from MongoDB to ...", "sustituir Redis por
    Memcached", "remplacer Redis par ...", "Redis durch Memcached ersetzen", "von MySQL nach
    Postgres migrieren": the resource left behind, not one asked for. A bare "von"/"from" only
    counts when what replaces it follows ("von X nach Y")."""
    clause = re.split(r"[,;:.!?()\n]", norm[max(0, start - 50) : start])[-1]
    found = _OLD_BEFORE.search(clause)
    if found is not None and re.search(r"(?:^|[^a-z])(?<!weg )von\s", found.group(0)) and not re.search(
            r"(?:migr|wechs|umz|zieh)\w*", norm[end : end + 60]):
        found = None  # "Backups von der Datenbank": "von" alone is no move
    if found is not None and (re.search(r"(?:away|off|weg von)\s", found.group(0)) or not re.search(
            r"(?:migrat|mov|switch|go|migr|pas|mud|pass|demenag)\w*\s", found.group(0))):
        return True  # "replace X", "moving off X", "weg von X": what it leaves needs no "to Y" after it
    if found is not None and _NEW_AFTER.match(norm, end):
        return True  # "migrate from MongoDB to a Postgres database"
    return bool(_OLD_PASSIVE.match(norm, end) or re.match(r"\s+durch\s[^,;.]{0,40}?\s(?:ersetz|abgelost)", norm[end:]))


# ------------------------------------------------------------------ declined ----------------------

_DECLINE_BEFORE = re.compile(
    r"(?:^|[^a-z])(?:skip(?:ping)?|drop(?:ping)?|omit(?:ting)?|leave out|pass on|hold off on"
    r"|don'?t bother with|do not bother with|(?:we )?can do without|no (?:more )?(?:room|budget) for"
    r"|(?:don'?t|do not|never) (?:create|add|set up|provision|include|deploy|spin up)"
    r"|(?:must|should|does|do|will|need) not (?:use|need|have|run in|be in)|(?:mustn't|shouldn't|doesn't|won't)"
    r" (?:use|need|have)|no need to (?:put|place|run|deploy) (?:it|them) (?:in|into|on|behind)"
    r"|ne doit pas (?:utiliser|avoir)|no debe (?:usar|tener)|darf kein\w*"
    r"|nada de|prescind\w* de|sin incluir|no (?:crees|anadas|incluyas|pongas"
    r"|montes|agregues|despliegues)"
    r"|(?:on )?(?:se passe|se passera|peut se passer|se passer) d[e']|inutile d[e']"
    r"|(?:ne |n')?(?:cree[sz]?|ajoute[sz]?|mets|mettez|deploie[sz]?) pas d[e']"
    r"|verzicht\w* (?:wir |ich )?auf|(?:kein|ohne) bedarf an)"
    r"(?:\s+|(?<='))(?:(?:avoir|ajouter|creer|prevoir|tener|crear|anadir|poner)\s+)?"
    rf"(?:(?:{lx.ARTICLE_RE}|{lx.INDEFINITE_RE}|any|des|du)\s*)?"
    r"(?:[a-z0-9-]+\s+)?$"
)
_DECLINE_AFTER = re.compile(
    r"\s+(?:(?:we|i)\s+(?:can|will|'ll)\s+)?(?:skip|drop|leave out)(?![a-z])"
    r"|\s+(?:lassen|konnen|wollen) (?:wir|sie) (?:weg|weglassen|sein)|\s+(?:entfallt|entfallen|fallt weg)"
    r"|\s+(?:brauchen|benotigen|wollen) (?:wir|ich) (?:nicht|keine?n?)(?![a-z])"
    r"|\s+verzichten (?:wir|ich)|\s+(?:is|are) out of scope|\s+(?:queda|quedan) fuera|\s+fuera de alcance"
    r"|\s+(?:est|sont) hors (?:perimetre|scope|sujet)|\s+(?:ist|sind) nicht (?:teil|gefragt|vorgesehen)"
    r"|\s+(?:is|are) not (?:part|in scope) of|\s+no forman? parte|\s+ne (?:fait|font) pas partie"
    # judged too much: "Kubernetes would be overkill", "seria excesivo", "serait trop lourd", "ware ubertrieben"
    r"|\s+(?:would be|is|'s|seems?|sounds?) (?:overkill|too (?:much|expensive|heavy|complex)|unnecessary|not worth it)"
    r"|\s+(?:seria|es|parece) (?:excesivo|demasiado|innecesario)|\s+(?:serait|est|semble) (?:trop|excessif|inutile)"
    r"|\s+(?:ware|ist|scheint) (?:ubertrieben|zu viel|zu teuer|zu aufwendig|unnotig)"
)


def declined(norm: str, start: int, end: int) -> bool:
    """ "skip the database", "nada de CDN", "on se passe de cache", "auf eine Datenbank verzichten
    wir", "die Queue lassen wir weg", "a cache is out of scope": a resource turned down with a verb."""
    clause = re.split(r"[,;:.!?()\n]", norm[max(0, start - 50) : start])[-1]
    return bool(_DECLINE_BEFORE.search(clause) or any(_DECLINE_AFTER.match(norm, e) for e in _ends(norm, end))
                or re.search(r"(?:^|\s)auf\s+(?:(?:eine?[nmrs]?|den|die|das)\s+)?(?:[a-z0-9-]+\s+)?$", clause)
                and re.match(r"[^,;.]{0,20}?verzicht", norm[end:]) is not None)


# ------------------------------------------------------------------ for later ----------------------

# markers of a later or maybe-later step (a bare "maybe"/"vielleicht" is a polite ask, not a deferral)
_LATER = (
    r"later(?: on)?|at a later (?:stage|point)|in (?:the )?(?:future|next phase|a (?:second|later) phase|phase 2)"
    r"|eventually|some ?day|down the (?:road|line)|at some point|in v2"
    r"|mas adelante|mas tarde|en (?:el )?futuro|a futuro|en una (?:segunda|futura) fase|algun dia"
    r"|plus tard|a terme|(?:dans le |a l')(?:futur|avenir)|dans une (?:seconde|deuxieme|future) (?:phase|etape)"
    r"|un jour|ulterieurement|par la suite"
    r"|spater|irgendwann|in zukunft|kunftig|zukunftig|perspektivisch|in (?:einer )?(?:zweiten|spateren) phase"
)
_HEDGE = (r"maybe|perhaps|possibly|probably|might|may|could|quizas?|tal vez|a lo mejor|posiblemente|puede que"
          r"|peut-etre|eventuellement|sans doute|vielleicht|eventuell|moglicherweise|wahrscheinlich")
# between the marker and the word: a subject, a modal, a verb of adding or needing, an article
_TO_ADD = (
    r"(?:\s+(?:we|i|you|they|it|on|nous|wir|ich|man|se|"
    r"will|would|'ll|might|may|could|can|want to|plan to|intend to|need to|have to|podriamos|podremos|querremos"
    r"|vamos a|pourrions|pourrons|voudrons|allons|werden|wollen|konnten|mochten|sollen|"
    r"also|too|even|aussi|tambien|auch|noch|dann|then|"
    r"add|adding|get|need|want|have|use|introduce|anadir|agregar|sumar|necesitar|poner|ajouter|ajoutera|avoir"
    r"|besoin|mettre|hinzufugen|dazu|brauchen|einbauen|"
    rf"{lx.INDEFINITE_RE}|some|algun[oa]?|des|du|de|d'|"
    r"(?:" + _HEDGE + r")))*\s*"
)
_DEFERRED_BEFORE = re.compile(
    rf"(?:^|[^a-z])(?:(?:{_HEDGE})\s+)?(?:{_LATER})(?![a-z])(?:\s*,)?{_TO_ADD}(?:[a-z0-9-]+\s+)?$"
)
# after the word only (before it they sequence a list: "y despues una Lambda"): "el CDN vendra despues"
_AFTERWARDS = r"despues|ensuite|apres|danach|in phase (?:2|two|zwei)|en (?:phase|fase) 2"
_COMES = r"(?:comes?|will come|vendra|llegara|viendra|arrivera|kommt|folgt)\s+"
_DEFERRED_AFTER = re.compile(
    rf"\s+(?:{_COMES})?(?:(?:{_HEDGE})\s+)?(?:{_LATER}|{_AFTERWARDS})\s*(?:[,.;:!?)]|$)"
    rf"|\s*,\s*(?:{_COMES})?(?:(?:{_HEDGE})\s+)?(?:{_LATER}|{_AFTERWARDS})\s*(?:[.;:!?)]|$)"
    rf"|\s+(?:can|could|will|may|might|should) (?:come|be added|wait)(?: (?:{_LATER}))?(?![a-z])"
    rf"|\s+(?:puede|podra|podria) (?:esperar|venir|anadirse)|\s+(?:peut|pourra|pourrait) (?:attendre|venir"
    rf"|s'ajouter)|\s+(?:kann|konnte|wird) (?:warten|spater|nachgeruestet|nachgerustet)"
    rf"|\s+(?:kommt|kommen) (?:erst )?(?:spater|irgendwann|in (?:einer )?(?:zweiten|spateren) phase)"
)


def deferred(norm: str, start: int, end: int) -> bool:
    """ "maybe later a cache", "in the future we might add a Redis cache", "quizas mas adelante una
    cache", "plus tard, peut-etre un cache", "spater eventuell ein Cache", "a cache can come later":
    a resource for a later step, not one asked for now."""
    clause = re.split(r"[;:.!?()\n]", norm[max(0, start - 60) : start])[-1]  # "plus tard, peut-etre un cache"
    return bool(_DEFERRED_BEFORE.search(clause) or _DEFERRED_AFTER.match(norm, end))


def reason(norm: str, start: int, end: int) -> str:
    """Why the kind's word at [start, end) asks for no resource ("existing", "replaced", "declined",
    "deferred"), or "" when it may ask for one."""
    for name, test in (("existing", already_there), ("replaced", replaced), ("declined", declined),
                       ("deferred", deferred), ("declined", said_no), ("declined", compared),
                       ("declined", changed_mind)):
        if test(norm, start, end):
            return name
    return ""


# ------------------------------------------------------------------ more ways to say no --------------

# "not a VM", "pas une VM", "no una VM", "nicht eine VM": the kind set against the one asked for
_NOT_A = re.compile(rf"(?:^|[^a-z])(?:{lx.alt(lx.NEGATORS)}|non pas)\s+(?:{lx.alt(lx.INDEFINITE)})\s+"
                    r"(?:[a-z0-9-]+\s+)?$")
# a question about the resource itself (its word ends it) answered no: "Faut-il une table ? Non, ...",
# "Do we need a queue? No.", "¿Hace falta cola? No" (not "a bucket, public? No": that is about a setting)
_ANSWER_NO = re.compile(
    r"\s*(?:at all|here|too|aussi|tambien|auch|hier|aqui|ici|(?:really )?(?:needed|necessary|required)"
    r"|necesari[oa]s?|necessaires?|notig|erforderlich)?\s*\?\s*"
    rf"(?:{lx.alt(lx.ANSWER_NO)})\s*(?:[,.!;:]|$)")
# "don't touch the VPC", "no la toques", "n'y touchez pas", "nicht anfassen": someone else's resource
_HANDS_OFF = re.compile(
    r"\s*,?\s+(?:(?:no|ne|n')\s+(?:l[aoe]s?\s+|l'|y\s+)?(?:toques|toquen|toqueis|touche[zs]?|modifie[zs]?)(?: pas)?"
    r"|(?:bitte )?nicht (?:anfassen|andern|beruhren)|stays? (?:as is|untouched)|(?:is|are) not ours"
    r"|(?:lassen wir|bleibt) (?:so|unverandert|wie (?:es|sie|er) ist))(?![a-z])"
)
_HANDS_OFF_BEFORE = re.compile(
    r"(?:^|[^a-z])(?:don'?t touch|do not touch|leave|keep)\s+(?:the|our)\s+(?:[a-z0-9-]+\s+)?$")


# "without any queue", "neither a queue nor ...", "zero databases", "keinerlei Queue", "weder Queue noch ..."
_NONE_BEFORE = re.compile(
    r"(?:^|[^a-z])(?:without any|neither(?: an?)?|zero|not a single|no single|ni (?:una?|un) sol[oa]|pas une? seule?"
    r"|keinerlei|gar kein\w*|weder(?: eine?[nmrs]?)?|kein(?:e|en)? einzige[nrs]?)\s+(?:[a-z0-9-]+\s+)?$")
# "database: none", "base de datos: ninguna", "base de donnees : aucune", "Datenbank: keine"
_NONE_AFTER = re.compile(
    rf"\s*[:=]\s*(?:{lx.alt(lx.ANSWER_NO, lx.NO_DETERMINERS)}|n/a|0(?![.,]\d)|zero)\s*(?:[,;.!?)]|$)")


# "outside the VPC", "fuera de la VPC", "hors du VPC", "ausserhalb des VNets": placed out of it, none wanted
_OUTSIDE = re.compile(r"(?:^|[^a-z])(?:outside(?: of)?|fuera de|hors d[eu']|en dehors d[eu']|ausserhalb)\s*"
                      rf"(?:(?:{lx.ARTICLE_RE}|{lx.INDEFINITE_RE}|any|du|des)\s*)?(?:[a-z0-9-]+\s+)?$")


def said_no(norm: str, start: int, end: int) -> bool:
    """ "(une base, pas une VM)", "Faut-il une table ? Non", "la VPC no la toques": a kind set
    against the one asked for, asked about and answered no, or left to others."""
    clause = re.split(r"[,;:.!?()\n]", norm[max(0, start - 50) : start])[-1]
    if (_NOT_A.search(clause) or _NONE_BEFORE.search(clause) or _OUTSIDE.search(clause) or _HANDS_OFF.match(norm, end)
            or _NONE_AFTER.match(norm, end)):
        return True
    if _HANDS_OFF_BEFORE.search(clause) and re.match(r"\s*(?:alone|as is|untouched)", norm[end:]):
        return True
    return bool(_ANSWER_NO.match(norm, end))


# what joins the items of a list a negation runs over: "no CDN or load balancer", "ni de file",
# "ni cola ni base", "keine Queue oder Datenbank", "kein Redis und kein Memcached"
_LIST_ON = re.compile(
    r"\s*,?\s*(?:or|nor|and no|or any|ni|o|ou|ni de|ni d'|ou de|et pas de|y tampoco|y sin|oder|noch|und kein\w*"
    r"|nor (?:an?|any)"
    rf"|weder)\s+(?:(?:{lx.INDEFINITE_RE}|{lx.ARTICLE_RE}|any|de|d'|del|des|du)\s*)?(?:[a-z0-9-]+\s+)?$"
)


def negated_list(norm: str, m: Any, prev: Any, prev_negated: bool) -> bool:
    """ "Pas besoin de CDN ni de load balancer", "no need for a queue or a database", "keine Queue
    oder Datenbank": a kind's word joined by "or/ni/oder" to a turned-down one is turned down too."""
    if prev is None or not prev_negated:
        return False
    last = max([prev.end] + [e for _, e in prev.extra])
    return bool(_LIST_ON.fullmatch(norm[last : m.start]))


# calling an API: "calls the Stripe API", "llama a la API de Stripe", "appelle l'API Stripe", "die Stripe-API aufruft"
_CALLS = re.compile(r"(?<![a-z])(?:call\w*|invok\w*|talk\w* to|consum\w*|hit\w*|llam\w*|invoc\w*|consum\w*"
                    r"|appel\w*|invoqu\w*|interroge\w*|ruf\w*|aufruf\w*|anspr\w*|abfrag\w*)(?![a-z])")


def called_api(norm: str, start: int, end: int, api_words: str) -> bool:
    """ "an ECS service that calls the Stripe API", "ein Service, der die Stripe-API aufruft": an API
    the request's resource calls, with the definite article or a vendor's name, is someone else's."""
    if not re.fullmatch(api_words, norm[start:end]):
        return False
    lo = max([0] + [i + 1 for i, c in enumerate(norm[:start]) if c in ",;.:!?("])
    hi = min([len(norm)] + [end + i for i, c in enumerate(norm[end:]) if c in ",;.:!?)"])
    if not _CALLS.search(norm[lo:start] + " " + norm[end:hi]):
        return False
    return not re.search(rf"(?:^|\s)(?:{lx.alt(lx.INDEFINITE, lx.ONE_WORDS)}|new|nueva?|nouvelle?|neue[nmrs]?)\s+"
                         r"(?:[a-z0-9-]+\s+)?$", norm[lo:start])


# a comparison: "cheaper than an RDS database", "mas barata que una base RDS", "moins chere qu'une base",
# "billiger als eine RDS-Datenbank", "compared to", "unlike", "similar to" (not "more than 3 VMs": a count)
_COMPARED = re.compile(
    r"(?:^|[^a-z])(?:(?!more |less |fewer )[a-z]+er than|more [a-z]+ than|less [a-z]+ than|compared (?:to|with)|unlike"
    r"|similar to|as opposed to|versus|vs\.?|mas [a-z]+ que|menos [a-z]+ que|comparad[oa] con|a diferencia de"
    r"|(?:plus|moins) [a-z]+ qu[e']|par rapport a|contrairement a|(?!mehr |weniger )[a-z]+er als|im vergleich zu"
    rf"|anders als|ahnlich wie)(?:\s+|(?<='))(?:(?:{lx.INDEFINITE_RE}|{lx.ARTICLE_RE}"
    r"|what we'd do with an?)\s*)?(?:[a-z0-9-]+\s+)?$")


def compared(norm: str, start: int, end: int) -> bool:
    """ "a DynamoDB table, cheaper than an RDS database", "moins chere qu'une base RDS", "billiger als
    eine RDS-Datenbank": what the request is compared with is not asked for."""
    clause = re.split(r"[,;:.!?()\n]", norm[max(0, start - 50) : start])[-1]
    return bool(_COMPARED.search(clause))


# ------------------------------------------------------------------ changed mind -------------------

# a first idea, given up later in the sentence: "at first I wanted a queue, but actually ...",
# "al principio queria una cola, pero en realidad ...", "au depart je voulais une file, mais en fait
# ...", "ursprunglich wollte ich eine Queue, aber eigentlich ..."
_FIRST_IDEA = re.compile(
    r"(?:^|[^a-z])(?:at first|initially|originally|first i (?:thought|wanted)|i (?:was going|had planned|planned)"
    r"|al principio|inicialmente|en un principio|originalmente|primero (?:pense|queria)"
    r"|au depart|au debut|initialement|a l'origine|d'abord"
    r"|ursprunglich|zuerst|anfangs|erst wollte|eigentlich wollte)(?![a-z])[^,;.!?()\n]{0,60}$")
_BUT_ACTUALLY = re.compile(
    r"[^.;!?\n]{0,80}?(?:(?:,|\s)\s*(?:but|pero|mais|aber|doch)\s+(?:actually|in the end|now|instead|en realidad"
    r"|al final|finalmente|mejor|en fait|finalement|plutot|eigentlich|jetzt|stattdessen|nun|doch)"
    r"|,?\s*(?:actually|en realidad|en fait|finalement|stattdessen)\s*,)(?![a-z])")


def changed_mind(norm: str, start: int, end: int) -> bool:
    """ "at first I wanted a queue for the exports, but actually a Lambda is enough", "au depart je
    voulais une file, mais en fait ...": an idea given up in the same sentence is not asked for."""
    return bool(_FIRST_IDEA.search(norm[max(0, start - 80) : start]) and _BUT_ACTUALLY.match(norm, end))
