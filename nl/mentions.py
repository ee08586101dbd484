"""Which kind words in a request are resources of their own (issue 14, resource detection).

A kind's words (its KindSpec `nl=` data) find every place a request speaks of it; these rules
decide which of those places ask for one more resource and which only speak of one already
named, count its copies, or name no resource at all:
- a word for where something runs ("instances", "server", "Instanzen") after a resource that has
  instances of its own is that resource ("DocumentDB with 3 instances", "a SageMaker endpoint,
  1 to 4 instances"), with the count as its copies;
- the same kind named again without an article (a new sentence, a heading, a parenthesis) is the
  one already named ("... an S3 bucket; bucket lifecycle ...", "the database (MariaDB 10.11)");
- a negated kind ("no KMS", "keine FIFO-Queue", "sans cache") and an existing one ("an existing
  ALB", "un ALB existant") are never created;
- words inside a URL, an image reference, a host name or an e-mail name nothing.
Each rule asks the registry (kind_roles) what a kind has, never which kind it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from autodeploy.compiler.kinds import KINDS
from autodeploy.compiler.schema import TCount

from . import kind_roles as roles
from . import lexicon as lx
from .lexicon import HOSTING_WORDS, NODE_WORDS, NUMBER_RE, NUMBER_WORDS


class MentionLike(Protocol):
    kind: str | None
    variant: str | None
    start: int
    end: int
    weak: bool
    instance: str | None
    extra: list[tuple[int, int]]
    sets: dict[str, Any]


Count = Callable[[Any], "tuple[int, int] | None"]

# URLs, image references, host names, paths with a tag, e-mails: values, never a kind's word
# ("s3://bucket/model.tar.gz", "registry.acme.dev/api:staging", "acme/checkout:7", "ops@acme.io")
REFERENCE = re.compile(
    r"[a-z][a-z0-9+.-]*://[^\s,;()\"'<>]+"
    r"|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+"
    r"|(?<![\w.])(?:[a-z0-9_-]+\.)+[a-z0-9_-]+(?:/[a-z0-9._\-]+)+(?::[a-z0-9._-]+)?"
    r"|(?<![\w./])[a-z0-9_-]+(?:/[a-z0-9._-]+)+:[a-z0-9._-]+"
    # a host name may end a sentence ("a zone for api.example.com.")
    r"|(?<![\w.])(?:\*\.)?(?:[a-z0-9-]+\.)+(?:io|com|dev|net|org|app|cloud|co|eu|de|fr|es|uk|ai)(?![\w]|\.[\w])"
)


def mask_references(norm: str) -> str:
    """`norm` with every reference-like token blanked (same length, so positions hold)."""
    return REFERENCE.sub(lambda m: " " * (m.end() - m.start()), norm)


_COMPOUND_HYPHEN = re.compile(r"(?<=[a-z0-9])-(?=[a-z])")
# a Terraform resource type: "azurerm_linux_virtual_machine", "aws_ebs_volume", "google_sql_database_instance"
_TERRAFORM_TYPE = re.compile(r"(?<![a-z0-9_])(?:aws|azurerm|google)_([a-z0-9_]+)")


def split_compounds(norm: str) -> str:
    """`norm` with the hyphens inside compounds and the underscores of a Terraform resource type as
    spaces, its provider prefix blanked (same length): a German compound's parts ("Cloud-Run-Dienst",
    "Aurora-Cluster") and a Terraform type's ("aws_ebs_volume") read like the words they are."""
    out = _COMPOUND_HYPHEN.sub(" ", norm)
    return _TERRAFORM_TYPE.sub(lambda m: " " * (m.start(1) - m.start()) + m.group(1).replace("_", " "), out)


# ------------------------------------------------------------------ instance types --------------

_SIZES = r"(?:nano|micro|small|medium|large|xlarge|[0-9]+xlarge|metal)"
# an instance type of a service family: "kafka.m5.large", "mq.m5.large", "r6g.large.search"
FAMILY_TYPE = re.compile(
    rf"(?<![\w.])[a-z]+\.[a-z][0-9][a-z0-9-]*\.{_SIZES}(?![\w.])|(?<![\w.])[a-z][0-9][a-z0-9-]*\.{_SIZES}\.[a-z]+(?![\w.])"
)


def _family(instance: str) -> tuple[str, str]:
    parts = instance.split(".")
    if len(parts) == 3 and not re.search(r"\d", parts[0]):
        return parts[0], ""
    return "", parts[-1] if len(parts) == 3 else ""


def family_kinds(instance: str) -> tuple[str, ...]:
    """The kinds whose default instance type is of the same family as `instance` (its prefix
    "kafka." or its suffix ".search"): who a type of that family is for."""
    prefix, suffix = _family(instance.lower())
    if not prefix and not suffix:
        return ()
    out = []
    for k, spec in KINDS.items():
        a = spec.attr("instance")
        if a is None:
            continue
        defaults = [a.default] + [v for _, v in a.cloud_default]
        if any(isinstance(d, str) and _family(d.lower()) == (prefix, suffix) for d in defaults):
            out.append(k)
    return tuple(out)


# ------------------------------------------------------------------ where something runs ---------

# words that start a new item of a list: past one, a hosting word is not about the resource before
_LIST_BREAK = re.compile(
    r"[;!?\n+&]|\.(?![a-z0-9])|(?<![a-z])(?:and|y|e|et|und|or|o|ou|oder|plus|also|then|as well as|along with"
    r"|junto con|ainsi que|sowie|in front of|behind|detras de|delante de|derriere|devant|hinter|vor)(?![a-z])"
)
_HOSTING = re.compile(HOSTING_WORDS)
_RANGE = re.compile(rf"{NUMBER_RE}\s+(?:and|y|et|und|e)\s+{NUMBER_RE}")
_UP_TO = re.compile(
    r"(?:auto-?scal\w*|scal\w*|escal\w*|skalier\w*|up to|upto|hasta|jusqu'a|bis zu|at most|max(?:imum)?)"
    r"[^,;.]{0,25}?\d+\s*$"
)
_ON_A = re.compile(rf"[^,;.:!?]{{0,25}}?\s(?:on|in|en|sur|dans|auf|in)\s+(?:{lx.INDEFINITE_RE}|{lx.ARTICLE_RE})?\s*")
_OF = re.compile(r"\s*(?:of|de|d'|du|del|von|des)?\s*")


# attributes that say how many machines a resource runs on, in the order a hosting word's count
# fills them: a service's replicas, a document database's instances, a VM's count, a cache's,
# search domain's or cluster's nodes, an ETL job's workers, a Kafka cluster's brokers
_COPIES_ATTRS = ("replicas", "instances", "count", "nodes", "workers", "brokers")
# what ties a hosting word to the resource before it: "a MySQL database running on 2 instances",
# "un job ETL sur 10 instances", "ein ETL-Job mit 5 Instanzen"
_WITH = re.compile(r"(?<![a-z])(?:with|con|avec|mit|having|including|on|running on|runs on|across|over|sur|en"
                   r"|auf|uber|de|of|sobre)(?![a-z])")


def _copies_attr(kind: str, same: bool) -> str:
    """The attribute holding how many copies of `kind` run: its own count when the hosting word is
    of the same kind (a VM's instances), else replicas, instances, count or nodes, whichever it has."""
    spec = KINDS[kind]
    names = ("count",) if same else _COPIES_ATTRS
    for n in names:
        a = spec.attr(n)
        if a is not None and (n != "count" or isinstance(a.type, TCount)):
            return n
    return ""


def copies_attr(kind: str) -> str:
    """The attribute holding how many machines `kind` runs on ("" when it has none)."""
    return _copies_attr(kind, False)


def set_copies(m: MentionLike, kind: str, attr: str, count: tuple[int, int]) -> None:
    _set_copies(m, kind, attr, count)


def _set_copies(m: MentionLike, kind: str, attr: str, count: tuple[int, int]) -> None:
    lo, hi = count
    t = KINDS[kind].attr(attr)
    if t is not None and isinstance(t.type, TCount):
        m.sets[attr] = {"min": lo, "max": hi}
    elif lo == hi:
        m.sets[attr] = hi


def hosted(norm: str, keep: list[Any], count_before: Count, report: Callable[[str], None]) -> list[Any]:
    """ "DocumentDB 5.0 with 3 instances", "a SageMaker endpoint, ml.g5.xlarge, 1 to 4 instances",
    "a VM scale set, min 2 max 8 instances", "une instance Cloud SQL": a generic word for where
    something runs ("instances", "servers", "Instanzen") names the resource of its clause that has
    instances (an `instance` type or a copies attribute), not one more VM. Its count becomes that
    resource's copies. Past a list break ("and", "behind", a full stop) it is a VM of its own; "with"
    copies a resource cannot hold ("Aurora with 2 reader instances") are reported, not made VMs."""
    out: list[Any] = []
    for i, m in enumerate(keep):
        word = norm[m.start : m.end]
        if m.kind not in roles.VMS or m.instance or not _HOSTING.fullmatch(word):
            out.append(m)
            continue
        owner = _owner_before(norm, out, m) or _owner_after(norm, keep[i + 1 :], m)
        if owner is None and _bound_of_other(norm, out, m):  # "a Function App, max. 10 instances"
            report(f"{norm[max(0, m.start - 20) : m.end].split(',')[-1].strip()!r}: {out[-1].kind} has no "
                   "copies the DSL can state (not made virtual machines)")
            continue
        if owner is None:
            out.append(m)
            continue
        count = min_max(norm, m.start) or count_before(m)
        attr = _copies_attr(owner.kind, owner.kind == m.kind)
        if count is not None and count[0] == count[1] and _UP_TO.search(norm[max(0, m.start - 45) : m.start]):
            count = None  # "autoscaling up to 10 instances": a bound the scaling readers take
        if count is not None and count != (1, 1):
            tie = norm[owner.end : m.start]
            if not attr and (_WITH.search(tie) or re.match(r"\s*[(:]", tie)):  # "Postgres (2 instances)"
                report(f"{norm[m.start - 20 if m.start > 20 else 0 : m.end].split(',')[-1].strip()!r}: "
                       f"{owner.kind} has no copies the DSL can state (not made virtual machines)")
                continue
            if not attr:  # "a Postgres database, 2 app servers": servers of their own
                out.append(m)
                continue
            _set_copies(owner, owner.kind, attr, count)
        owner.extra.append((m.start, m.end))
    return out


def _has_instances(kind: str) -> bool:
    return kind in roles.VMS or KINDS[kind].attr("instance") is not None or bool(_copies_attr(kind, False))


_ABBREVIATION = re.compile(r"(?<![a-z])(?:min|max|ca|approx|env|mind|inkl|incl|zb|bzw)\.")


def _owner_before(norm: str, before: list[Any], m: MentionLike) -> Any:
    if not before:
        return None
    p = before[-1]
    gap = _RANGE.sub("n", norm[p.end : m.start])  # "entre 1 et 4 instances": a range, not a list
    gap = gap[gap.rfind(",") + 1 :]  # "1,5 GB RAM und eine halbe vCPU, …, 2 bis 4 Instanzen": the last item
    gap = _ABBREVIATION.sub("x", gap)  # "min. 2 max. 5 Instanzen": no full stop
    if p.weak or not _has_instances(p.kind) or _LIST_BREAK.search(gap):
        return None
    return p


_BOUND = re.compile(r"(?<![a-z])(?:max(?:imum)?|maxi|min(?:imum)?|mini|up to|upto|hasta|jusqu'a|bis zu|at most"
                    r"|hochstens|maximal)\.?\s*\d+\s*$")


def _bound_of_other(norm: str, before: list[Any], m: MentionLike) -> bool:
    """ "a Function App, max. 10 instances": a scaling bound on the instances of the resource of the
    clause (of another kind, which has no copies of its own) is that one's, not VMs of their own."""
    if not before or before[-1].weak or before[-1].kind in roles.VMS:
        return False
    p = before[-1]
    gap = norm[max([p.end] + [e for _, e in p.extra]) : m.start]
    return bool(_BOUND.search(gap)) and not _LIST_BREAK.search(_ABBREVIATION.sub("x", gap)) and len(gap) <= 40


def _owner_after(norm: str, after: Sequence[Any], m: MentionLike) -> Any:
    """ "an instance of Postgres", "una instancia de Cloud SQL": the resource right after; "a web
    server on a VM", "servidor web con Nginx en una VM": the VM it is."""
    if not after:
        return None
    n = after[0]
    if n.kind in roles.VMS and not n.weak and _ON_A.fullmatch(norm[m.end : n.start]):
        return n
    if n.weak or n.kind in roles.VMS or not _has_instances(n.kind) or not _OF.fullmatch(norm[m.end : n.start]):
        return None
    return n


_MIN_MAX = re.compile(
    r"(?:min(?:imum|d)?|mindestens|minimo)\.?\s*(\d+)\s*,?\s*(?:max(?:imum)?|maximal|maximo)\.?\s*(\d+)\s*$")


def min_max(norm: str, start: int) -> tuple[int, int] | None:
    """ "min 2 max 8 instances": a range written as its two ends."""
    found = _MIN_MAX.search(norm[max(0, start - 30) : start])
    if found is None:
        return None
    lo, hi = int(found.group(1)), int(found.group(2))
    return (lo, hi) if lo <= hi else None


# ------------------------------------------------------------------ named again -------------------

# what opens a fresh mention: a number, an indefinite article, "another"
_FRESH = frozenset(NUMBER_WORDS) | frozenset(
    "another other second third more additional extra otro otra otros otras segundo segunda autre autres "
    "deuxieme second seconde weitere weiteren weiterer zweite zweiten andere anderen".split()
)
_BOUNDARY_END = re.compile(r"(?:^|[.;:!?(\n]|\.(?![a-z0-9]))\s*$")


def named_again(norm: str, m: MentionLike, existing: Sequence[Any]) -> Any:
    """The resource of `existing` (one kind) that a bare mention at the start of a sentence, a
    clause or a parenthesis names again ("... an S3 bucket; bucket lifecycle to Glacier", "Service Bus
    queue + ... Queue should not be FIFO", "the database (MariaDB 10.11)"), or None. A mention with
    an article or a number of its own is a new one; an engine differing from the named one's too."""
    if not existing or not _BOUNDARY_END.search(norm[: m.start]):
        return None
    same = [r for r in existing if m.variant in (None, "dlq") or r.variant in (None, m.variant)]
    if not same or (m.variant == "dlq") != any(r.name.startswith("dead_letters") for r in same[-1:]):
        return None
    return same[-1]


_WITH_ONE = re.compile(
    rf"[^,;.:!?()]{{0,20}}?\s(?:with|con|avec|mit|containing|holding)\s+(?:{lx.alt(lx.INDEFINITE, lx.ONE_WORDS)})\s+")


_RATHER = (r"(?:actually|rather|or rather|i mean|en realidad|mejor dicho|o sea|en fait|plutot|ou plutot|enfin"
           r"|eigentlich|besser gesagt|vielmehr|eher)(?:\s+(?:just|plain|simple|only|simplemente|solo|simple"
           r"|juste|einfach|nur|normales?))?")


def apposition(norm: str, a: MentionLike, b: MentionLike) -> bool:
    """ "Bastion: 1 t3.nano", "Bastion-Host: eine VM (t3.micro)", "a database (MariaDB 10.11)":
    a heading or a parenthesis that says again which resource it is."""
    if a.kind != b.kind or (a.variant and b.variant and a.variant != b.variant):
        return False
    gap = norm[max([a.end] + [e for _, e in a.extra]) : b.start]
    if _WITH_ONE.fullmatch(gap):  # "a storage account with a blob container": the same store
        return True
    head = r"[^.;!?\n:(]{0,30}?" if b.instance else r"\s*"  # "Bastion: 1 t3.nano": the type after a count
    # "Aurora-style postgres (actually plain RDS is fine)": a correction in parentheses, the same one
    said = rf"\s*[:(]\s*(?:{_RATHER}\s+)?(?:(?:{lx.alt(lx.INDEFINITE, lx.ONE_WORDS)}|1)\s+)?{head}"
    # "un bastion: una instancia EC2 t3.micro": from the heading's own word when a word after it merged
    own = "".join(" " if any(s <= i < e for s, e in a.extra) else c for i, c in enumerate(norm[a.end : b.start], a.end))
    return bool(re.fullmatch(said, gap) or a.extra and re.fullmatch(said, re.sub(r"\s+", " ", own)))


def typed_item(norm: str, a: MentionLike, b: MentionLike) -> bool:
    """ "2 to 6 instances, t3.medium", "min. 2 max. 6 Instanzen, Typ t3.medium": an instance type
    alone in the list item right after an untyped mention of the same kind is that one's type."""
    if a.kind != b.kind or a.instance or not b.instance or b.extra:
        return False
    gap = norm[max([a.end] + [e for _, e in a.extra]) : b.start]
    return bool(re.fullmatch(r"\s*,\s*(?:(?:type|typ|tipo|instance type|instanztyp)\s*:?\s*)?", gap)
                and re.match(r"\s*(?:$|[,;.)](?![a-z0-9]))", norm[b.end :]))


# ------------------------------------------------------------------ not asked for -----------------

# "no", "not", "without", "ningún", "aucune", "keinem" (a determiner may follow: "not a", "ohne eine")
_DENIAL = lx.alt(("not",), lx.WITHOUT, lx.NO_DETERMINERS)
_NEGATED = re.compile(
    rf"(?:^|[^a-z])(?:{_DENIAL})(?:\s+(?:{lx.alt(lx.INDEFINITE)}))?\s+(?:[a-z0-9]+[- ])?$"
)
_EXISTING = (
    r"existing|pre-existing|existente|existentes|existant|existante|existants|existantes|vorhandene[nmrs]?"
    r"|bestehende[nmrs]?|already there|on-?prem(?:ise|ises)?|on premises?|self-hosted|self-managed"
    r"|en las instalaciones|sur site|lokale[nmrs]? (?:im|in unserem) rechenzentrum"
)
_ALREADY = (
    r"already (?:have|has|got|own|run|use|operate|manage)|ya (?:tenemos|hay|existe|usamos|operamos|contamos con)"
    r"|(?:nous )?(?:avons|utilisons|exploitons|gerons) deja|on a deja"
    r"|(?:haben|betreiben|nutzen|verwenden|gibt es) (?:bereits|schon)"
)
_EXISTING_BEFORE = re.compile(
    rf"(?:(?:{_EXISTING})\s+(?:[a-z0-9]+\s+)?|(?:{_ALREADY})\s+(?:(?:{lx.INDEFINITE_RE}|our|the|unser(?:e|en)?)\s+)?"
    r"(?:[a-z0-9]+\s+)?)$"
)
_EXISTING_AFTER = re.compile(rf"^\s*(?:[a-z0-9]+\s+)?(?:{_EXISTING})(?![a-z])")


def negated(norm: str, m: MentionLike) -> str:
    """ "no KMS", "sans cache", "without a queue": "plain" (no resource of that kind); "keine
    FIFO-Queue", "no public bucket": "qualified" (only the qualifier is denied: a resource of that
    kind already named is meant, else the words still ask for one); "" when not negated."""
    before = norm[max(0, m.start - 25) : m.start]
    before = before[max(before.rfind(c) for c in ",;:.(") + 1 :]
    found = _NEGATED.search(before)
    if found is None:
        return ""
    words = found.group(0)
    qualified = re.search(r"[a-z0-9]+[- ]$", words) and not re.search(
        rf"(?<![a-z])(?:{_DENIAL}|{lx.alt(lx.INDEFINITE)})\s+$", words)
    return "qualified" if qualified else "plain"


# "par"/"por" only right before a bare noun: "une file par microservice" (per), not "par le service" (by)
_PER = re.compile(r"(?:^|[^a-z])(?:per|por cada|pour chaque|pro|je|for each|for every|para cada|fur jede[nmrs]?"
                  r"|par|por)\s+$")


def per_each(norm: str, m: MentionLike) -> bool:
    """ "a queue per microservice": the resource the count is per, not one more of it."""
    return bool(_PER.search(norm[max(0, m.start - 12) : m.start]))


def existing(norm: str, m: MentionLike) -> tuple[int, int] | None:
    """ "an existing ALB", "un ALB existant", "die bestehende Datenbank": not the request's to create.
    The span of the words that say so (with the mention), or None."""
    if any(re.match(r"\s*(?:v?\d[\d.]*\s+)?(?:to|into|onto|vers|nach|hacia|a)\s", norm[m.end : a])
           for a, _ in m.extra if a > m.end):
        return None  # "move the self-hosted Postgres to Cloud SQL": what it moves to is asked for
    lo = max(0, m.start - 30)
    before = _EXISTING_BEFORE.search(norm[lo : m.start])
    after = _EXISTING_AFTER.match(norm[m.end : m.end + 30])
    if before is None and after is None:
        return None
    article = re.search(rf"(?:^|\s)(?:{lx.INDEFINITE_RE}|{lx.ARTICLE_RE})\s+$",
                        norm[lo : (lo + before.start()) if before else m.start])
    start = lo + before.start() if before else m.start
    start = lo + article.start() if article and not before else start
    return start, m.end + after.end() if after else m.end


_COPIES = re.compile(
    r"[\s-]*(?:(?:service|app|api|container)s?[\s-]+)?(?:(?:x\s*(\d+)|(\d+)\s*x)\s+)?(?:replicas?|copies|tasks?|repliques?|replikate?n?|repliken|instances?|instancias"
    r"|instanzen)(?![a-z])"
)


def copies_after(norm: str, end: int) -> tuple[bool, tuple[int, int] | None] | None:
    """ "3 container app replicas", "an api service x2 replicas": a copies word right after a
    service's word makes the count before it (or the "x2") its replicas. None when there is none."""
    found = _COPIES.match(norm, end)
    if found is None:
        return None
    n = found.group(1) or found.group(2)
    return True, (int(n), int(n)) if n else None


# ------------------------------------------------------------------ weak words ---------------------

_SENTENCE = re.compile(r"[;!?\n]|\.(?![a-z0-9])")
_AT_PLACE = re.compile(r"(?:^|[^a-z])(?:in|en|dans|im|inside|within|into|from|aus|desde|depuis)\s+"
                       r"(?:the\s+|la\s+|le\s+|l'|el\s+|der\s+|dem\s+)?$")


def _same_sentence(norm: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not _SENTENCE.search(norm[lo:hi])


def _attribute_word(word: str, before: str, kinds: set[str]) -> bool:
    """Whether `word` (with the word before it) names an attribute of one of `kinds`: "10 G.2X
    workers" of a Glue job, "100 GB node disks" of a cluster."""
    stems = {word, word.rstrip("s"), word + "s"}
    names = stems | {f"{before}_{s}" for s in stems if before}
    return any(KINDS[k].attr(n) is not None for k in kinds for n in names)


_MACHINES = rf"(?:{NODE_WORDS}|{HOSTING_WORDS})"
_MACHINES_AFTER = re.compile(rf"[\s-]+{_MACHINES}(?![a-z])")
_MACHINES_BEFORE = re.compile(rf"(?<![a-z]){_MACHINES}[\s-]+$")


def _machines_of(norm: str, m: MentionLike, others: list[Any]) -> bool:
    """ "an EKS cluster with 4 worker nodes", "Worker-Knoten", "nodos worker": a weak word naming
    the kind of machine of another resource of the sentence that runs on several."""
    if not any(_has_instances(n.kind) for n in others):
        return False
    return bool(_MACHINES_AFTER.match(norm, m.end) or _MACHINES_BEFORE.search(norm[max(0, m.start - 20) : m.start]))


def weak_words(norm: str, keep: list[Any]) -> list[Any]:
    """Weak kind words that name no resource of their own here: one that is an attribute of another
    resource the sentence names ("a Glue job with 10 workers", "5 Worker vom Typ G.1X"), and one
    naming where another resource is kept ("En Key Vault, un secreto")."""
    out = []
    for m in keep:
        if not m.weak:
            out.append(m)
            continue
        others = [n for n in keep if n is not m and n.kind != m.kind and not n.weak
                  and _same_sentence(norm, m.start, n.start)]
        word = norm[m.start : m.end]
        before = (norm[: m.start].split() or [""])[-1]
        if others and (_attribute_word(word, before, {n.kind for n in others})
                       or _AT_PLACE.search(norm[max(0, m.start - 20) : m.start])
                       or _machines_of(norm, m, others)):
            continue
        out.append(m)
    return out


# ------------------------------------------------------------------ which cloud -------------------

# instance types name their cloud: "c6i.large" is EC2's, "Standard_D4s_v5" Azure's, "e2-medium" Google's
_TYPE_CLOUD = (
    ("aws", re.compile(r"(?<![\w.])[a-z][0-9][a-z0-9-]*\.(?:nano|micro|small|medium|large|xlarge|[0-9]+xlarge|metal)"
                       r"(?![\w])")),
    ("azure", re.compile(r"\bstandard_[a-z][a-z0-9]*_?[a-z0-9_]*\b")),
    ("gcp", re.compile(r"\b(?:e2|n1|n2|n2d|c2|c3|t2d|m1|m3)-(?:standard|highmem|highcpu|micro|small|medium)"
                       r"(?:-\d+)?\b")),
)


def cloud_by_hints(norm: str, hints: Sequence[tuple[str, str]]) -> str | None:
    """The cloud most of the request's service names and instance types belong to, or None on a tie
    (or with none): "Secrets Manager" is AWS's, "Key-Vault" Azure's, "Cloud Run" Google's."""
    text = mask_references(norm)
    # whole words only: "records" holds no "rds", "laws" no "aws"
    votes = {c: len(re.findall(rf"(?<![a-z0-9])(?:{p})s?(?![a-z0-9])", text)) for c, p in hints}
    for c, rx in _TYPE_CLOUD:
        votes[c] = votes.get(c, 0) + len(rx.findall(text))
    best = max(votes.values(), default=0)
    winners = [c for c, v in votes.items() if v == best]
    return winners[0] if best and len(winners) == 1 else None


_ONTO = re.compile(r"\s*(?:to|on|onto|in|into|via|using|as|with|en|sur|dans|auf|im|mit|con|avec|a|al|vers)"
                   r"\s+(?:an?\s+|the\s+|una?\s+|une?\s+|el\s+|la\s+|le\s+|l'|einen?\s+|eine[mr]?\s+|die\s+|das\s+)?")


def deployed_onto(norm: str, keep: list[Any], platform: str) -> list[Any]:
    """ "a Docker container to Azure Container Instances", "an app on Elastic Beanstalk": a resource
    put onto a platform word of its own kind is one resource, the platform naming where it runs."""
    out: list[Any] = []
    for m in keep:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == m.kind and re.fullmatch(platform, norm[m.start : m.end])
                and _ONTO.fullmatch(norm[max([prev.end] + [e for _, e in prev.extra]) : m.start])):
            prev.extra.append((m.start, m.end))
            continue
        out.append(m)
    return out


_RUN_ON = re.compile(
    r"\s*,?\s*(?:that |which |to )?(?:running|runs|run|hosting|hosts|host|ejecutando|que ejecuta|corriendo"
    r"|qui (?:execute|heberge|fait tourner)|executant|hebergeant|auf (?:der|dem|denen) \w+ (?:lauft|laufen))"
    rf"\s+(?:(?:{lx.INDEFINITE_RE}|its|own|our|self-hosted|docker|\d+|two|three|four|five|dos|tres|deux"
    r"|trois|zwei|drei|several|some)\s+){0,3}"
)


_FOR_OUR = re.compile(r"\s*(?:for|pour|para|fur|to run|para ejecutar|pour executer)\s+"
                      rf"(?:our|nos|nuestros|nuestras|unsere[nm]?|{lx.alt(lx.PLURAL_ARTICLES)})\s+(?:[a-z0-9-]+\s+)?")


def installed_on_vm(norm: str, keep: list[Any], report: Callable[[str], None]) -> list[Any]:
    """ "an EC2 instance running a MySQL server", "a VM hosting Docker containers", "a Kubernetes
    cluster for our microservices": what the request runs on its own VM or cluster is a workload
    there, not a managed resource of that kind. Software on a VM is reported."""
    out: list[Any] = []
    for m in keep:
        prev = out[-1] if out else None
        gap = norm[max([prev.end] + [e for _, e in prev.extra]) : m.start] if prev is not None else ""
        if (prev is not None and prev.kind in roles.CLUSTERS and m.kind in roles.REPLICATED
                and (_RUN_ON.fullmatch(gap) or _FOR_OUR.fullmatch(gap))):
            prev.extra.append((m.start, m.end))  # its pods: the cluster runs them
            continue
        if (prev is not None and prev.kind in roles.VMS and m.kind not in roles.VMS
                and _RUN_ON.fullmatch(gap)):
            report(f"{norm[m.start : m.end]!r} on a virtual machine: software on a VM is not a managed "
                   f"{m.kind} (not created; install it yourself or ask for a managed one)")
            prev.extra.append((m.start, m.end))
            continue
        out.append(m)
    return out


_ANOTHER = re.compile(
    r"(?<![a-z])(?:another(?: one)?|one more|otr[oa]|un autre|une autre|ein weiterer|eine weitere|ein weiteres)"
    r"(?=\s+(?:named|called|for|para|pour|fur|llamad[oa]|nommee?|appelee?|namens|with|con|avec|mit)\s)"
)


def another_one(norm: str, found: list[Any], make: Callable[[str, str | None, int, int], Any]) -> list[Any]:
    """ "a bucket named logs and another named assets": "another" with no kind word of its own is one
    more of the kind named last in its sentence (`make` builds the mention)."""
    out = list(found)
    for m in _ANOTHER.finditer(norm):
        prev = [f for f in found if f.end <= m.start() and f.kind and _same_sentence(norm, f.end, m.start())]
        if prev and not any(f.start < m.end() and f.end > m.start() for f in found):
            out.append(make(prev[-1].kind, None if prev[-1].variant == "dlq" else prev[-1].variant,
                            m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


_ON_IT = re.compile(
    r"\s*(?:(?:instances?|servers?|instancias?|instanz(?:en)?|serveurs?)\s*)?(?:(?:on|in|en|sur|auf|via)\s+)?")


def unsupported_hosts(norm: str, keep: list[Any], guards: Sequence[tuple[int, int]],
                      unsupported: str) -> list[Any]:
    """ "a SQL Server instance on RDS": the hosting word and the platform after a service the DSL has
    no kind for belong to that service (reported as not understood), not to a VM or a Postgres."""
    rx = re.compile(rf"(?:{unsupported})(?: (?:databases?|clusters?|db))?")
    spans = [(a, b) for a, b in guards if rx.fullmatch(norm[a:b])]
    out = []
    for m in keep:
        if any(b <= m.start and _ON_IT.fullmatch(norm[b : m.start]) for a, b in spans if m.start - b <= 30):
            continue
        out.append(m)
    return out


_ITEM = re.compile(rf"(?:^|[\s,:;(\-–—]|\band\b|\by\b|\bet\b|\bund\b)\s*(?:{lx.alt(lx.INDEFINITE, lx.ONE_WORDS)})\s+$")


def enumerated(norm: str, keep: list[Any], count_before: Count) -> list[Any]:
    """ "Two RDS instances, one Postgres and one MySQL", "dos bases de datos: una MySQL y una Postgres":
    a counted plural followed by as many single mentions of its kind, in its sentence, is their
    heading: the items are the resources, the heading adds none."""
    out = []
    for i, m in enumerate(keep):
        count = count_before(m)
        n = count[1] if count and count[0] == count[1] else 0
        items = []
        for q in keep[i + 1 :]:
            if q.kind != m.kind or not _same_sentence(norm, m.end, q.start):
                break
            if not _ITEM.search(norm[max(m.end, q.start - 12) : q.start]):
                break
            items.append(q)
        first_gap = norm[m.end : items[0].start] if items else ""
        if n > 1 and len(items) == n and re.match(r"\s*[,:(\-–—]", first_gap):
            continue
        out.append(m)
    return out
