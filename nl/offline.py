"""The offline translator: a request in English, Spanish, French or German -> a Spec.

Deterministic and local (no network, no key). It reads kinds from their usual names, numbers,
sizes and durations, places and regions, clouds, frameworks, budgets, load and public/private
intent; then completes the Spec with secure defaults and the companions frameworks imply, and
states what it did not understand instead of dropping it.
"""

from __future__ import annotations

import contextvars
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from autodeploy.compiler.buildable import UNOFFERED_VARIANTS, needs_network
from autodeploy.compiler.kinds import KINDS, kinds_with
from autodeploy.compiler.regions import AWS_REGIONS, AZURE_REGIONS, DEFAULT_REGION, GCP_REGIONS
from autodeploy.compiler.schema import TBool, TCount, TEnum, TInt, TQty, TStr
from autodeploy.compiler.units import clean_number
from autodeploy.compiler.values import name_rule_broken

from . import (
    access_scope,
    attach,
    attr_spelling,
    attributive,
    budget_period,
    coref,
    count_phrases,
    counts_after,
    each_copy,
    elided_units,
    extras,
    head_words,
    key_columns,
    labels,
    log_retention,
    name_label,
    not_wanted,
    numbers,
    omission,
    owners,
    part_counts,
    part_words,
    platforms,
    polarity,
    ports,
    protocols,
    qualifiers,
    readers,
    rejection,
    rotation_period,
    sentence_fragment,
    size_fit,
    switch_words,
    tiers,
    value_words,
    verb_uses,
    website_mode,
)
from . import app_services as apps
from . import kind_choice as kc
from . import kind_roles as roles
from . import lexicon as lx
from . import mentions as mx
from . import same_resource as same
from . import switch_phrases as sw
from . import values_not_kinds as vk
from .edits import alternatives as _alternatives
from .edits import group_end
from .edits import one_edit as _one_edit
from .endpoint_access import endpoint_access
from .key_phrases import key_phrases
from .locks import locks_for
from .mode_phrases import modes
from .model import Res, Spec
from .regions_nl import AZURE_DISPLAY, PLACES, unknown_region_codes
from .single_scope import single_scope
from .zones_needed import zones_for_modes


def _holders(attr: str) -> tuple[str, ...]:
    """The kinds that accept `attr`, in registry order: what a phrase about that attribute can
    qualify. Phrases ask by attribute, so a new kind with the attribute is reached with no edit."""
    return tuple(k for k, spec in KINDS.items() if spec.attr(attr) is not None)


def _nl_kinds(flag: str) -> tuple[str, ...]:
    return tuple(k for k, spec in KINDS.items() if spec.nl is not None and getattr(spec.nl, flag))


def _load_rank(kind: str) -> int:
    nl = KINDS[kind].nl
    return nl.load_rank if nl is not None else 0


# what an application reads and writes (NLNames.app_data): completion wires `uses` to them
DATA_STORES = _nl_kinds("app_data")
# messaging kinds (FIFO orders messages): a function consumes them through `trigger`, not `uses`
_MESSAGING = _holders("fifo")
# ... and those with no subscribers of their own are queues: consumers pull from them
_QUEUES = tuple(k for k in _MESSAGING if KINDS[k].attr("subscribers") is None)
# who a stated request rate is about, most likely first (NLNames.load_rank)
_LOAD_TAKERS = tuple(sorted((k for k in _holders("load") if _load_rank(k)), key=lambda k: -_load_rank(k)))
# a bare size or duration sets the first of these a nearby resource has
_SIZE_ATTRS = ("size", "storage", "disk", "memory")
# (keyword, attribute, chars looked at before, after) for a size
_SIZE_WORDS = ((lx.KW_DISK, "disk", 10, 30), (lx.KW_MEMORY, "memory", 5, 25), (lx.KW_STORAGE, "storage", 5, 25))
_DAYS_ATTRS = ("retention", "backup")
# the keywords that say which duration a number is (nl/attach.py: the nearest in its clause wins)
_DUR_KEYWORDS = {"timeout": lx.KW_TIMEOUT, "backup": lx.KW_BACKUP, "expire_after": lx.KW_EXPIRE,
                 "archive_after": lx.KW_ARCHIVE, "ia_after": lx.KW_IA,
                 # "Visibility Timeout 10 Minuten": the longer name holds the function's "timeout"
                 "visibility_timeout": dict(lx.ATTR_SYNONYMS)["visibility_timeout"]}
# durations counted in seconds (the others in days)
_SECONDS_ATTRS = ("timeout", "visibility_timeout")
# what "private"/"public" qualify: kinds with `public` or `expose`; a kind whose members include
# "private" (a network's subnets) takes the adjective as naming that member
_EXPOSED = _holders("public") + _holders("expose")
_PRIVATE_MEMBERS = tuple(k for k, spec in KINDS.items() if "private" in spec.members)


def _instance_kinds(check: str) -> tuple[str, ...]:
    """Kinds whose `instance` is validated as `check` ("instance:db"): who an instance type is for
    ("instance:any": the kinds whose `instance` has no validator, a broker's, a search domain's);
    a model endpoint's is an ML type (apps.ML_TYPE)."""
    want = None if check == "instance:any" else check
    return tuple(k for k, spec in KINDS.items() if (a := spec.attr("instance")) is not None
                 and getattr(a.type, "check", None) == want and not (want is None and k in _holders("model_data")))


def _ref_kinds(kind: str, attr: str) -> tuple[str, ...]:
    """The kinds a reference attribute may point at, in the schema's order (most usual first)."""
    a = KINDS[kind].attr(attr)
    t = getattr(a, "type", None)
    t = getattr(t, "item", t)
    return tuple(getattr(t, "kinds", ()))


def _first_attr(kind: str, names: tuple[str, ...]) -> str:
    return next((n for n in names if KINDS[kind].attr(n) is not None), "")


def _first_gb_attr(kind: str, names: tuple[str, ...]) -> str:
    """The first of `names` that `kind` holds as an amount of GB (a vm's portable `size` is not)."""
    for n in names:
        t = getattr(KINDS[kind].attr(n), "type", None)
        if isinstance(t, TQty) and t.canonical == "GB":
            return n
    return ""


def _keeping(*attrs: str, days: float) -> tuple[str, ...]:
    """Kinds with one of `attrs` (durations) that can hold `days`: a queue keeps messages 14 days
    at most, so a longer stay is about something else when something else is there."""
    out = []
    for k in KINDS:
        a = KINDS[k].attr(_first_attr(k, attrs)) if _first_attr(k, attrs) else None
        hi = getattr(a.type, "max", None) if a is not None else None
        if a is not None and (hi is None or days <= hi):
            out.append(k)
    return tuple(out)


# what a data classification ("patient data") qualifies: the stores that hold records
_CLASSIFIED = tuple(k for k in DATA_STORES if k not in _MESSAGING)
SECURED_BY_FRAMEWORK = ("hipaa", "pci_dss", "soc2")
GDPR_DEFAULT_REGION = {"aws": "eu-west-1", "azure": "westeurope", "gcp": "europe-west1"}
BASE_NAMES = {k.name: k.nl.base for k in KINDS.values() if k.nl is not None}
# data stores whose encryption follows the deployment's customer-managed key
_ENCRYPTED_STORES = kinds_with("encryptable", "stores_data")
# stores of objects, whose "containers" are their own: the kinds with object lifecycle rules
_OBJECT_STORES = frozenset(k for k, spec in KINDS.items() if spec.attr("expire_after") is not None)
SINGLETONS = frozenset(k.name for k in KINDS.values() if k.nl is not None and k.nl.singleton)
# a dot ends a sentence, not "Node.js", "3.12" or "db.t4g.micro"
# a colon inside a value ("ghcr.io/acme/api:2.3", "https://...") ends no sentence
_SEPARATORS = re.compile(r"[;!?\n]|:(?![\w/])|\.(?![a-z0-9])")
_CLAUSE_BREAK = re.compile(r"[,;:.!?\n()]|\s(?:and|y|e|et|und|with|con|avec|mit|plus|or|o|ou|oder)\s")
_NO_COUNT_AFTER = frozenset(
    {
        "soc",
        "pci",
        "python",
        "java",
        "node",
        "node.js",
        "nodejs",
        "net",
        ".net",
        "postgres",
        "postgresql",
        "mysql",
        "mariadb",
        "redis",
        "version",
        "v",
        "ruby",
        "php",
        "dss",
        "level",
        "tier",
        "iso",
    }
)
_JOINERS = frozenset(
    {
        "and",
        "y",
        "e",
        "et",
        "und",
        "or",
        "o",
        "ou",
        "oder",
        "with",
        "con",
        "avec",
        "mit",
        "plus",
        "of",
        "de",
        "del",
        "des",
        "du",
        "von",
        "for",
        "para",
        "pour",
        "fur",
        "in",
        "en",
        "im",
        # a place or a direction between a count and a word: "ec2 x3 behind alb" counts the VMs
        "behind",
        "detras",
        "derriere",
        "hinter",
        "vor",
        "before",
        "after",
        "to",
        "into",
        "onto",
        "from",
        "via",
        "through",
        "on",
        "sur",
        "auf",
        "at",
        "al",
        "au",
        "aux",
        "zum",
        "zur",
        "nach",
        "hacia",
        "desde",
        "depuis",
        "+",  # "memcached 2 nodos + bucket": list marks end a count's reach
        "&",
        "->",
        "→",
    }
)
_UNIT_WORDS = re.compile(
    r"^(?:tb|gb|mb|go|to|mo|tib|gib|pb|rps|vcpus?|days?|years?|hours?|minutes?|ms|s|usd|\$)$"
)


def normalize(text: str) -> str:
    """Accent-free lower case with the same length as `text`, so spans index both."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)) or ch
        base = base.lower()
        if ch == "ß":
            base = "s"
        out.append(base[0] if len(base) >= 1 else ch)
    return "".join(out)


@functools.cache
def _compile(pattern: str) -> re.Pattern[str]:
    """Patterns built from the registry per request are compiled once (more than `re`'s cache holds)."""
    return re.compile(pattern)


def _rx(pattern: str) -> re.Pattern[str]:
    return _compile(rf"(?<![a-z0-9_])(?:{pattern})(?![a-z0-9_])")


@dataclass
class Mention:
    kind: str | None
    variant: str | None
    start: int
    end: int
    weak: bool = False
    count: tuple[int, int] | None = None
    instance: str | None = None
    ref: Res | None = None  # an anaphoric mention of something already named
    extra: list[tuple[int, int]] = field(default_factory=list)
    # attributes its merged words state ("DocumentDB with 3 instances": instances = 3)
    sets: dict[str, Any] = field(default_factory=dict)


@dataclass
class _State:
    text: str
    norm: str
    spec: Spec
    used: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    guards: list[tuple[int, int]] = field(default_factory=list)  # phrases read as no kind
    # weak kind words that made no resource ("10 workers" of a Glue job): free for an attribute's name
    spare: list[tuple[int, int]] = field(default_factory=list)

    def use(self, a: int, b: int) -> None:
        self.used.append((a, b))

    def free(self, a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in self.used)

    def free_for_name(self, a: int, b: int) -> bool:
        """Free but for weak kind words that named nothing."""
        return all(b <= x or a >= y or (x, y) in self.spare for x, y in self.used)


# ---------------------------------------------------------------- numbers ---------------------------

_NUM = r"\d{1,3}(?:[ .,]\d{3})+(?!\d)|\d+(?:[.,]\d+)?"


def parse_amount(s: str) -> float:
    s = s.strip().replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", s):
        return float(re.sub(r"[ .,]", "", s))
    return float(s.replace(",", "."))


def _word_num(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    if re.fullmatch(r"\d+x", tok):  # "2x io2 volumes"
        return int(tok[:-1])
    return lx.NUMBER_WORDS.get(tok)


# ---------------------------------------------------------------- mentions --------------------------

# guards first: on a tie in length the first reading wins ("that caches" is a verb, not a cache)
_MENTION_RX = [(None, None, _rx(p), False) for p in extras.GUARDS] + [
    (k, v, _rx(kc.localized(p)), w) for k, v, p, w in lx.mentions()]
_VM_TYPE = re.compile(lx.VM_TYPE)
_AZ_VM_TYPE = re.compile(lx.AZURE_VM_TYPE)
_DB_TYPE = re.compile(lx.DB_TYPE)
_CACHE_TYPE = re.compile(lx.CACHE_TYPE)


def _without_optional_groups(pattern: str) -> str:
    """`pattern` without its optional groups "(?:...)?" (nested ones included)."""
    i = pattern.find("(?:")
    while i >= 0:
        j = group_end(pattern, i)
        if j + 1 < len(pattern) and pattern[j + 1] == "?":
            pattern = pattern[:i] + pattern[j + 2 :]
            i = pattern.find("(?:")
        else:
            i = pattern.find("(?:", i + 3)
    return pattern


def _plain_words(alt: str) -> list[str]:
    """The bare words of a simple alternative ("lamb?das?" -> "lambda", "(?:aurora )?(?:postgres|psql)"
    -> "postgres"); none when it is a phrase."""
    word = _without_optional_groups(re.sub(r"\\b|\{\d+,\d+\}", "", alt))
    group = re.fullmatch(r"\(\?:(.*)\)", word)
    if group:  # a group of alternatives
        return [w for inner in _alternatives(group.group(1)) for w in _plain_words(inner)]
    word = re.sub(r"s\?$|\(\?:en\)\?$", "", word)  # a plural ending
    word = re.sub(r"\[([a-z])[a-z]*\]", r"\1", word)
    # both readings of a last optional letter: "warteschlangen?" is "warteschlange" and "warteschlangen"
    forms = dict.fromkeys([word.replace("?", ""), re.sub(r"[a-z]\?$", "", word).replace("?", "")])
    return [w for w in forms if re.fullmatch(r"[a-z]{6,}", w)]


def _spelling_vocabulary() -> dict[str, tuple[str, str | None]]:
    """The plain words of at least six letters in the kinds' own words ("database", "bucket",
    "lambda", "postgres"), each with its kind and variant: what a misspelt word may have meant.
    Hosting and weak words are left out (a typo there is more often another word)."""
    vocab: dict[str, tuple[str, str | None]] = {}
    for name, spec in KINDS.items():
        for w in spec.nl.words if spec.nl is not None else ():
            if w.weak:
                continue
            for alt in _alternatives(w.pattern):
                for word in _plain_words(alt):
                    if not re.fullmatch(lx.HOSTING_WORDS, word):
                        vocab.setdefault(word, (name, w.variant))
    return vocab


_VOCAB = _spelling_vocabulary()


def _misspelt(masked: str, chosen: list[Mention]) -> list[Mention]:
    """ "a databse", "an S3 bukcet", "a lamdba": a word one edit away from a kind's own word of
    six letters or more, not itself a word the lexicon knows, is that kind."""
    out: list[Mention] = []
    for m in re.finditer(r"(?<![a-z0-9_.-])[a-z]{6,}(?![a-z0-9_-])", masked):
        if any(not (m.end() <= c.start or m.start() >= c.end) for c in chosen):
            continue
        word = m.group(0)
        # a known word's plural or a real word is not a misspelling (the patterns chose not to read it)
        if word in lx.REAL_WORDS or word in _VOCAB or word.removesuffix("s") in _VOCAB:
            continue
        hit = next((kv for v, kv in _VOCAB.items() if _one_edit(word.removesuffix("s"), v) or _one_edit(word, v)),
                   None)
        if hit is not None:
            out.append(Mention(hit[0], hit[1], m.start(), m.end()))
    return out


def _find_mentions(st: _State) -> None:
    norm = st.norm
    masked = mx.mask_references(norm)  # "s3://models/x.tar.gz", "registry.acme.dev/api:1" name no kind
    typed: list[Mention] = []
    types = ((apps.ML_TYPE, "ml"), (_DB_TYPE, "instance:db"), (_CACHE_TYPE, "instance:cache"),
             (mx.FAMILY_TYPE, "family"), (_VM_TYPE, "instance:vm"), (_AZ_VM_TYPE, "azvm"))
    for rx, what in types:
        for m in rx.finditer(masked):
            raw = st.text[m.start() : m.end()]
            if what == "instance:vm":  # a VM type names a VM of its own
                typed.append(Mention(roles.VMS[0], None, m.start(), m.end(), instance=raw))
            else:
                typed.append(Mention(None, what, m.start(), m.end(), instance=raw))
            masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    found: list[Mention] = []
    split = mx.split_compounds(masked)  # "Cloud-Run-Dienst": "cloud run" is a service (longest reading wins)
    for kind, variant, rx, weak in _MENTION_RX:
        for text in (masked, split) if split != masked else (masked,):
            for m in rx.finditer(text):
                found.append(Mention(kind, variant, m.start(), m.end(), weak))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[Mention] = []
    for cand in found:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    same.overlapping_engine(chosen, found)  # "instancia de RDS MySQL": the engine of the longer reading
    chosen += _misspelt(masked, chosen)
    chosen = mx.another_one(masked, chosen, lambda k, v, a, b: Mention(k, v, a, b))
    chosen.sort(key=lambda m: m.start)
    for c in chosen:
        st.use(c.start, c.end)
    # instance types: database/cache types set attributes; vm types are vm mentions themselves
    allm = sorted(chosen + [t for t in typed if t.kind is not None], key=lambda m: m.start)
    st.mentions = [m for m in allm]
    st.typed = [t for t in typed if t.kind is None]  # type: ignore[attr-defined]
    for t in typed:
        st.use(t.start, t.end)
    carriers = protocols.hosts(norm, st.mentions)  # "Event Hubs with a Kafka endpoint": one Kafka
    st.mentions = protocols.compatible_again(norm, [m for m in st.mentions if m not in carriers])
    if any(c.kind in roles.CLUSTERS for c in chosen):
        # "3 m5.large nodes": the cluster's node type, not a VM of its own
        typed_vms = [t for t in st.mentions if t.kind in roles.VMS and t.instance]
        clusters = [c for c in chosen if c.kind in roles.CLUSTERS]
        nodes = [t for t in typed_vms if platforms.names_nodes(norm, t.start, t.end)
                 or platforms.within_cluster(norm, clusters, t.start)]
        nodes += platforms.machine_words(norm, st.mentions, nodes, roles.VMS)
        st.mentions = [m for m in st.mentions if m not in nodes]
        for t in nodes:  # "a cluster with 2 t3.large VMs": 2 nodes
            n = _count_before(st, t)
            owner = next((c for c in reversed(clusters) if c.end <= t.start), None)
            kind = owner.kind if owner is not None else None
            if n and owner is not None and kind and (attr := mx.copies_attr(kind)) and attr not in owner.sets:
                mx.set_copies(owner, kind, attr, n)
        nodes = [t for t in nodes if t.instance]
        st.typed += [Mention(None, "k8s", t.start, t.end, instance=t.instance) for t in nodes]  # type: ignore[attr-defined]


def _gap(st: _State, a: Mention, b: Mention) -> str:
    return st.norm[a.end : b.start]


def _adjacent(st: _State, a: Mention, b: Mention, words: int = 2) -> bool:
    gap = _gap(st, a, b)
    if re.search(r"[,;:!?]|\.(?![a-z0-9])", gap):  # a dot inside "db.t4g.micro" ends nothing
        return False
    toks = [t for t in re.split(r"[\s\-/]+", gap) if t]
    if any(
        re.fullmatch(
            r"and|y|e|et|und|or|o|ou|oder|with|con|avec|mit|plus|to|for|para|pour|fur|that|que|qui"
            r"|die|der|das|feeding|behind|in front of",
            t,
        )
        for t in toks
    ):
        return False
    return len(toks) <= words


def _engine_of(st: _State, a: Mention, b: Mention) -> bool:
    """"an aws_db_instance with postgres 15", "a database, PostgreSQL": the engine of the same one."""
    if a.kind is None or not KINDS[a.kind].variant_required or (a.variant is None) == (b.variant is None):
        return False
    gap = st.norm[max([a.end] + [e for _, e in a.extra]) : b.start].strip(" ,")  # past what `a` merged
    gap = re.sub(rf"^-?(?:{lx.HOSTING_WORDS})(?![a-z])\s*", "", gap)  # "eine RDS-Instanz mit MySQL"
    gap = re.sub(r"^(?:managed|managee?s?|geree?s?|gestionad[oa]s?|administrad[oa]s?|verwaltete?[nmrs]?|hosted"
                 r"|hebergee?s?)\s+(?=(?:on|sur|en|auf|bei|in)(?:\s|$))", "", gap)  # "une base managee sur RDS"
    return not re.search(r"[;:!?]|\.(?!\d)", gap) and bool(  # "MariaDB 10.11 sur RDS": a version's dot
        re.fullmatch(r"(?:v?\d+(?:\.\d+)*\s+)?"  # "une base Postgres 16 sur RDS": its version first
                     r"(?:(?:with|running|using|on|for|con|avec|sous|sur|mit|en|de|auf|para|pour|fur"
                     r"|to|into|onto|vers|nach|hacia)\s*)?"  # "migrate our MySQL to RDS": the same one
                     r"(?:(?:engine|motor|moteur)\s*[=:]?\s*)?",
                     gap)
    )


def _in_order(a: Mention, b: Mention) -> tuple[Mention, Mention]:
    """`a` and `b` by position; on a tie `a` stays first, as a stable sort keeps it."""
    return (a, b) if a.start <= b.start else (b, a)


_SCALE_WORDS = r"auto-?scal\w*|scal\w*|escal\w*|skalier\w*|mise a l'echelle"
_SCALE_BEFORE = re.compile(rf"(?:{_SCALE_WORDS})[^,;.]{{0,25}}?\d+\s*$")
_SCALE_TO = re.compile(
    rf"(?:{_SCALE_WORDS})[^,;.]{{0,25}}?(?:(\d+)\s*(?:-|to|a|bis)\s*)?(\d+)\s+"
    r"(?:instances?|instancias|tasks?|containers?|replicas?|copies|contenedores|conteneurs|instanzen)(?![a-z])"
)


def _word(st: _State, m: Mention) -> str:
    return st.norm[m.start : m.end]


def _hosting_words(st: _State, keep: list[Mention]) -> list[Mention]:
    """ "a Postgres server", "un servidor PostgreSQL", "a database server": a word for where
    something runs, next to a resource of another kind, is that resource (not one more VM)."""
    out: list[Mention] = []
    for i, m in enumerate(keep):
        if re.fullmatch(lx.HOSTING_WORDS, _word(st, m)):
            neigh = [n for n in keep[max(0, i - 1) : i + 2] if n is not m and n.kind != m.kind and not n.weak]
            near = [n for n in neigh if _adjacent(st, *_in_order(m, n), words=0)]
            if near:
                near[0].extra.append((m.start, m.end))
                continue
        out.append(m)
    return out


def _served_apis(st: _State, keep: list[Mention]) -> list[Mention]:
    """ "a REST API with Lambda", "our API on two EC2 instances": an API that another compute
    resource the request names serves is not a container service of its own — unless the request
    speaks of containers. A serverless API with no compute named is a function."""
    apis = [m for m in keep if m.kind in _holders("replicas") and (m.weak or re.fullmatch(lx.API_WORDS, _word(st, m)))]
    if not apis or re.search(rf"(?<![a-z])(?:{lx.SERVICE_PLATFORM}|{lx.CONTAINER_WORDS}|ecs)(?![a-z])", st.norm):
        return keep
    compute = [m for m in keep if m.kind in _holders("uses") and m.kind not in _holders("replicas")]
    if compute:
        for m in apis:
            compute[0].extra.append((m.start, m.end))
        return [m for m in keep if m not in apis]
    for m in apis:
        if re.search(rf"(?:{lx.SERVERLESS})\W+(?:\w+\W+)?$", st.norm[max(0, m.start - 30) : m.start]) or re.match(
            rf"\W+(?:\w+\W+)?(?:{lx.SERVERLESS})", st.norm[m.end : m.end + 30]
        ):
            m.kind = next(iter(_holders("runtime")), m.kind)
    return keep


def _tables_in_a_database(st: _State, keep: list[Mention]) -> list[Mention]:
    """ "a MySQL database with a users table": a plain "table" after a relational database in
    the same sentence is one of its tables, not a NoSQL table."""
    out: list[Mention] = []
    for m in keep:
        if m.kind in _holders("partition_key") and re.fullmatch(lx.PLAIN_TABLE, _word(st, m)):
            before = [n for n in out if n.kind in _instance_kinds("instance:db")]
            if before and not re.search(r"[;!?]|\.(?![a-z0-9])", st.norm[before[-1].end : m.start]):  # "handler.js"
                before[-1].extra.append((m.start, m.end))
                continue
        out.append(m)
    return out


def _settle_mentions(st: _State) -> None:
    has_vm = any(m.kind in roles.OWN_DISK for m in st.mentions)
    ms = [m for m in st.mentions
          if not (m.kind in roles.DISKS and apps.is_vm_disk(st.norm, m.start, m.end, has_vm))]
    # weak mentions ("worker") give way to a neighbouring mention of another kind
    keep: list[Mention] = []
    for i, m in enumerate(ms):
        if m.weak and m.kind:
            neigh = [
                n
                for n in (ms[i - 1] if i else None, ms[i + 1] if i + 1 < len(ms) else None)
                if n is not None and n.kind and n.kind != m.kind and not n.weak
            ]
            if any(_adjacent(st, *_in_order(m, n), words=1) for n in neigh):
                continue
        keep.append(m)
    # phrases that are not kinds ("web application firewall") only guard their words
    st.guards = [(m.start, m.end) for m in keep if m.kind is None]
    keep = [m for m in keep if m.kind is not None]
    keep = kc.product_names_store(st.norm, keep)
    keep = kc.edge_code(st.norm, st.text, keep, st.spec.not_understood.append)
    keep = kc.items_of_a_count(st.norm, keep, functools.partial(_count_before, st))
    keep = kc.app_on_machines(st.norm, keep)
    keep = kc.runs_on_platform(st.norm, keep)
    keep = kc.ranged_copies(st.norm, keep, lambda m: mx.min_max(st.norm, m.start) or _count_before(st, m),
                            mx.set_copies)
    keep = mx.unsupported_hosts(st.norm, keep, st.guards, lx.UNSUPPORTED_SERVICES)
    keep = _hosting_words(st, keep)
    keep = mx.hosted(st.norm, keep, functools.partial(_count_before, st), st.spec.not_understood.append)
    keep = _served_apis(st, keep)
    keep = _tables_in_a_database(st, keep)
    keep = mx.weak_words(st.norm, keep)
    # a weak mention of a kind named outright gives way to it (next to it, the two merge below:
    # "3 workers on ECS" is one service of 3 copies)
    strong = {m.kind for m in keep if not m.weak}
    keep = [
        m for i, m in enumerate(keep)
        if not (m.weak and m.kind in strong)
        or any(n.kind == m.kind and not n.weak and _adjacent(st, *_in_order(m, n))
               for n in keep[max(0, i - 1) : i + 2] if n is not m)
    ]
    # "secrets: a password and an API key" — a plural heading a list is not one more resource
    heads = []
    for i, m in enumerate(keep):
        word = st.norm[m.start : m.end]
        after = st.norm[m.end : m.end + 3]
        if (
            word.endswith("s")
            and after.lstrip().startswith(":")
            and any(n.kind == m.kind for n in keep[i + 1 :])
        ):
            heads.append(m)
    keep = [m for m in keep if m not in heads]
    # "a service autoscaling up to 10 instances": the instances are the service's copies, not VMs
    if any(m.kind in roles.REPLICATED for m in keep):
        keep = [
            m
            for m in keep
            if not (m.kind in roles.VMS and _SCALE_BEFORE.search(st.norm[max(0, m.start - 45) : m.start]))
        ]
    # "a web API and a container service": the platform word describes the service already named
    services = [m for m in keep if m.kind in roles.REPLICATED]
    generic = [m for m in services if re.fullmatch(lx.SERVICE_PLATFORM, st.norm[m.start : m.end])]
    named = [m for m in services if m not in generic]
    if generic and named and len(generic) + len(named) == len(services):
        for g in generic:
            if _count_before(st, g) in (None, (1, 1)):
                named[0].extra.append((g.start, g.end))
                keep.remove(g)
    keep = mx.enumerated(st.norm, keep, functools.partial(_count_before, st))
    keep = mx.deployed_onto(st.norm, keep, lx.SERVICE_PLATFORM)
    keep = mx.installed_on_vm(st.norm, keep, st.spec.not_understood.append)
    keep = same.said_what_it_is(st.norm, same.by_means_of(st.norm, keep))  # "using Helm", "db box (an EC2 VM)"
    keep = same.contents_again(st.norm, same.containers_served(st.norm, keep, lx.CONTAINER_WORDS))
    keep = same.made_in(st.norm, keep)  # "a REST API in API Gateway"
    keep = same.machine_of_a_store(st.norm, keep, roles.VMS)  # "la VM de la base de datos"
    keep = same.container_in_a_store(st.norm, keep, rf"{lx.CONTAINER_WORDS}|contenedor|conteneur",
                                     _OBJECT_STORES)  # "un contenedor en Blob Storage"
    keep = vk.settings_not_kinds(st.norm, keep)  # "aws_lb (type network)", "EKS with Fargate profiles"
    keep = extras.kept_in(st.norm, keep)
    keep = extras.vaults_of_others(st.norm, keep)
    keep = extras.artifact_words(st.norm, keep)
    keep = extras.names_in_parens(st.norm, keep, functools.partial(_count_before, st))
    keep = extras.containers_of_others(st.norm, keep)
    keep = extras.served_weak(st.norm, keep)
    keep = extras.copies_of_service(st.norm, keep, functools.partial(_count_before, st))
    keep = extras.parts_of_others(st.norm, keep)
    keep = extras.names_as_identifiers(st.text, st.norm, keep)
    keep = part_words.disks_of_vms(st.norm, keep, roles.VMS)
    keep = part_words.api_of_product(st.norm, keep)
    keep = part_words.parts_of_named(st.norm, keep)
    keep = part_words.contents_again(st.norm, keep, functools.partial(_count_before, st))
    keep = part_words.attribute_values(st.norm, keep)
    keep = part_words.profiles_of_cluster(st.norm, keep, roles.CLUSTERS)
    keep = part_words.tool_again(st.norm, keep)
    keep = part_words.described_again(st.norm, keep)
    keep = part_words.part_in_owner(st.norm, keep)
    keep = part_words.carried_by(st.norm, keep)
    keep = part_words.heading_again(st.norm, keep, roles.VMS)
    merged: list[Mention] = []
    for m in keep:
        if (
            merged
            and merged[-1].kind == m.kind
            and (merged[-1].variant == "dlq") == (m.variant == "dlq")
            and (_adjacent(st, merged[-1], m) or _engine_of(st, merged[-1], m) or mx.apposition(st.norm, merged[-1], m)
                 or mx.typed_item(st.norm, merged[-1], m))
        ):
            prev = merged[-1]
            prev.extra.append((m.start, m.end))
            prev.variant = prev.variant or m.variant
            prev.instance = prev.instance or m.instance
            prev.sets = {**m.sets, **prev.sets}
            if m.weak is False:
                prev.weak = False
            continue
        merged.append(m)
    st.mentions = merged


_OF_THEM = re.compile(
    rf"\s*\(?\s*({lx.NUMBER_RE})\s+(?:of them|de ellos|de ellas|d'entre eux|d'entre elles|davon|in total)\)?"
)


_TIMES_AFTER = re.compile(r"\s*[x×]\s?(\d{1,3})(?![\w.,])(?!\s*(?:replicas?|copies|repliques?|replikate?n?))")


def _count_after(st: _State, m: Mention) -> tuple[int, int] | None:
    """ "Lambda functions (three of them)": a count right after a plural mention; "ec2 t3.micro x3":
    a multiplier after the mention's last word (its type included)."""
    last = max([m.end] + [e for _, e in m.extra])
    times = _TIMES_AFTER.match(st.norm, last)
    if times is not None:
        st.use(times.start(), times.end())
        return (int(times.group(1)), int(times.group(1)))
    found = _OF_THEM.match(st.norm, m.end)
    n = _word_num(found.group(1)) if found else None
    if found is None or n is None:
        return None
    st.use(found.start(), found.end())
    return (n, n)


_PHRASE_COUNT = re.compile(
    "(?<![a-z])(" + "|".join(re.escape(w) for w in lx.NUMBER_WORDS if " " in w) + r")\s+(?:[a-z0-9.\-]+\s+)?$"
)


def _count_before(st: _State, m: Mention) -> tuple[int, int] | None:
    start = m.start
    window = st.norm[max(0, start - 40) : start]
    ends = [e.end() for e in _SEPARATORS.finditer(window)]  # "two queues. Another queue": not 2
    # (a list bullet ends an item too: "* 2 lambdas * DynamoDB table" counts no tables)
    cut = max([window.rfind(c) for c in ",;:(*•"] + [e - 1 for e in ends])
    if cut >= 0:
        window = window[cut + 1 :]
    # the range nearest the word: "image api:2 und 2 bis 8 Instanzen" is 2..8, not 2..2
    # (a word between may be a machine size: "2-4 Standard_D2s_v5 VMs")
    rng = re.search(rf"(\d+){lx.RANGE_SEP}(\d+)\s+(?:(?!\d)[a-z0-9._\-]+\s+){{0,2}}$", window)
    if rng:
        before = window[: rng.start()].split()
        if not (before and before[-1] in _NO_COUNT_AFTER):
            lo, hi = int(rng.group(1)), int(rng.group(2))
            if lo <= hi:
                st.use(start - len(window) + rng.start(), start)
                return (lo, hi)
    phrase = _PHRASE_COUNT.search(window)  # "a couple of Redis caches", "un par de", "ein paar"
    if phrase:
        pair = lx.NUMBER_WORDS[phrase.group(1)]
        return (pair, pair)
    toks = window.split()
    for back in range(1, min(3, len(toks)) + 1):
        tok = toks[-back].strip("()")
        if _UNIT_WORDS.match(tok) or tok in _JOINERS:
            return None
        if back == len(toks) and re.fullmatch(r"[a-z0-9]{1,2}\)", toks[-back]) and cut >= 0:
            return None  # "(4) CloudTrail", "b) a queue": an item's number in a list, not a count
        n = _word_num(re.sub(r"^(\d+)x$|^x(\d+)$", r"\1\2", tok))  # "3x Lambda functions"
        if n is not None:
            prev = toks[-back - 1] if back < len(toks) else ""
            if prev in _NO_COUNT_AFTER or (tok.isdigit() and n > 1000):
                return None
            return (n, n)
        if re.fullmatch(r"[\d.,]+", tok):
            return None
    return None


# ---------------------------------------------------------------- resources -------------------------


def _name_for(spec: Spec, kind: str, m: Mention | None, st: _State | None) -> str:
    base = BASE_NAMES[kind]
    nl = KINDS[kind].nl
    if m is not None and st is not None:
        if m.variant and nl is not None and m.variant in dict(nl.variant_bases):
            base = dict(nl.variant_bases)[m.variant]
        elif kind in roles.VMS:
            word = st.norm[m.start : m.end]
            if "bastion" in word or "jump" in word:
                base = "bastion"
            elif re.search(r"worker", st.norm[max(0, m.start - 12) : m.end + 10]):
                base = "workers"
        elif kind in roles.REPLICATED:
            word = st.norm[m.start : m.end]
            if "web" in word or "frontend" in word:
                base = "web"
            elif "worker" in word:
                base = "worker"
    return spec.unique_name(base)


def _values_in_words(st: _State, r: Res) -> None:
    """A kind's words that name one of its attribute values: "network load balancer" is a load
    balancer of type network, an "HTTP API" an API of type http — the default value too: the words
    state it."""
    words = set(re.findall(r"[a-z0-9]+", " ".join(st.norm[a:b] for a, b in r.spans)))
    for a in KINDS[r.kind].attrs:
        if isinstance(a.type, TEnum) and a.name != "runtime":
            for v in a.type.values:
                if v in words:
                    _set(r, a.name, v)


def _mention_before(st: _State, m: Mention) -> Mention | None:
    i = next(j for j, n in enumerate(st.mentions) if n is m)
    return st.mentions[i - 1] if i else None


def _mention_after(st: _State, m: Mention) -> Mention | None:
    i = next(j for j, n in enumerate(st.mentions) if n is m)
    return st.mentions[i + 1] if i + 1 < len(st.mentions) else None


def _not_asked(st: _State, m: Mention, existing: list[Res], unasked: set[str], turned_down: list[Mention],
               negated: str) -> bool:
    """A kind's word the request speaks of without asking for it (nl/not_wanted.py, nl/qualifiers.py,
    nl/verb_uses.py); a word pointing back at one of those ("the VPC") asks for nothing either."""
    assert m.kind is not None
    end = max([m.end] + [e for _, e in m.extra])  # "a Redis cache in the future": after its last word
    why = not_wanted.reason(st.norm, m.start, end)
    prev = _mention_before(st, m)
    if not why:  # "already lives in our Postgres", "the partner's Kafka", "the legacy database" (nl/owners.py)
        had = [t for t in turned_down if mx.existing(st.norm, t) is not None or owners.already_in(st.norm, t.start)]
        why = owners.why_not_asked(st.text, st.norm, m, end, bool(existing), prev, lambda p: any(p is t for t in had),
                                   lambda at: not_wanted.already_there(st.norm, m.start, at))
    if why in ("existing", "deferred"):
        what = "an existing resource" if why == "existing" else "asked for later, not now"
        st.spec.not_understood.append(f"{st.text[m.start : end].strip()!r}: {what} (not created)")
    if not why and not_wanted.negated_list(st.norm, m, prev, any(prev is t for t in turned_down)):
        why = "declined"  # "pas besoin de CDN ni de load balancer"
    if not why and negated == "qualified" and not existing and re.search(r"s$", st.norm[m.start : m.end]):
        why = "declined"  # "keine offentlichen Buckets": a rule about all of them, none asked for
    if not why and not existing and not m.extra and (qualifiers.activity(st.norm, m.start, m.end)
                                                     or verb_uses.as_verb(st.norm, m.start, m.end)):
        why = "qualifier"  # "cache headers", "we cache aggressively": no resource of that kind named
    if not why and qualifiers.feed_of_other(st.norm, m, st.mentions):
        why = "feed"  # "a table and a Lambda that reads the stream": the table's own feed
    if not why and not existing and (
            qualifiers.held_by_other(st.norm, m, prev) or qualifiers.kept_at(st.norm, m, st.mentions)
            or qualifiers.logs_of_other(st.norm, m, prev, _holders("logs")) or qualifiers.our_user(st.norm, m.start)
            or (m.kind in roles.REPLICATED and qualifiers.app_on_machines(
                st.norm, m, _mention_after(st, m), roles.VMS, rf"{lx.SERVICE_PLATFORM}|{lx.CONTAINER_WORDS}|ecs"))
            or (m.kind in roles.REPLICATED
                and qualifiers.api_of_cluster(st.norm, m, st.mentions, roles.CLUSTERS, lx.API_WORDS))
            or qualifiers.owner_of_thing(st.norm, m.start, end)
            or qualifiers.heading_for_own(st.norm, m, _mention_after(st, m))
            or qualifiers.users_of_store(st.norm, m, prev, roles.REPLICATED + roles.VMS)):
        why = "part"  # "an SNS topic for alarms", "in Azure Key Vault", "l'API" of a cluster
    if not why and m.kind in roles.REPLICATED and not m.extra and not_wanted.called_api(
            st.norm, m.start, m.end, lx.API_WORDS):
        why = "external"  # "a service that calls the Stripe API": someone else's API
    if not why and not existing and m.kind in unasked and coref.points_back(st.norm, m.start, m.end):
        why = "again"
    if why:
        unasked.add(m.kind)
        turned_down.append(m)
    return bool(why)


def _build_resources(st: _State) -> None:
    spec = st.spec
    labelled: dict[str, str] = {}  # resource name -> the label its first words gave it
    unasked: set[str] = set()  # kinds a word spoke of without asking for one
    turned_down: list[Mention] = []  # mentions turned down ("no CDN"): "ni de load balancer" after one too
    for m in st.mentions:
        assert m.kind is not None
        existing = spec.of_kind(m.kind)
        if not coref.one_of_them(st.norm, m.start):  # "two queues, one of them a DLQ": one of those
            existing = coref.same_role(existing, m.variant)  # "the DLQ" is not the queue it serves
        # "no queremos contenedores": a verb of need turned down beats "queremos" read as a qualifier
        negated = ("plain" if extras.denied(st.norm, m.start, m.end) or extras.external(st.norm, m) else ""
                   ) or mx.negated(st.norm, m)
        known = mx.existing(st.norm, m)
        if negated == "plain" or mx.per_each(st.norm, m) or known:  # "no KMS", "an existing ALB": not asked for
            if known:
                spec.not_understood.append(f"{st.text[known[0] : known[1]].strip()!r}: an existing resource (the "
                                           "DSL cannot refer to one outside the file; not created)")
            turned_down.append(m)
            continue
        if _not_asked(st, m, existing, unasked, turned_down, negated):  # "the VPC already exists", "maybe later"
            continue
        again = mx.named_again(st.norm, m, existing) if not _count_before(st, m) else None
        back = (coref.points_back(st.norm, m.start, m.end) or coref.possessed_companion(st.norm, m.start, m.kind)
                or coref.one_of_them(st.norm, m.start) or coref.bare_again(st.norm, m.start, m.end)
                or coref.event_of(st.norm, m.start, m.end) or qualifiers.qualifies(st.norm, m.start, m.end)
                or verb_uses.as_verb(st.norm, m.start, m.end) or verb_uses.subject_again(st.norm, m.start, m.end)
                or verb_uses.said_to_be(st.norm, m.start) or qualifiers.runs_own(st.norm, m, _mention_before(st, m))
                or (bool(existing) and (m.variant in (None, existing[-1].variant) or existing[-1].variant is None)
                    and coref.version_again(st.norm, m.start, m.end, existing[-1].spans)))
        if (not back and existing and _count_before(st, m) in (None, (1, 1))
                and kc.named_again(st.norm, m, existing) is not None):
            back = True  # "..., Postgres will cache the hot rows", "(c'est un bastion)": the one named
        if not existing and coref.owner_setting(st.norm, m.start, m.end, m.kind):
            continue  # "a bucket with its key rotated yearly": the bucket's setting, no key asked for
        label = labels.label_after(st.norm, m.end, m.kind)
        if label is not None and any(o.start <= m.end + 1 + len(label) and o.end > m.end for o in st.mentions):
            label = None  # the next word is a kind's own word, not a label
        if back and label is not None and existing and labelled.get(existing[-1].name, label) != label:
            back = False  # "the bucket landing ... the bucket archive": two buckets
        if existing and (back or m.kind in SINGLETONS or again is not None or negated):
            target = again or existing[-1]
            target.spans.append((m.start, m.end))
            if m.variant and m.variant != "dlq" and target.variant is None:
                target.variant = m.variant
                target.stated_attrs.add("variant")
            m.ref = target
            continue
        count = mx.min_max(st.norm, m.start) or _count_before(st, m) or _count_after(st, m)
        if count is None and m.kind in roles.VMS:  # "Bastion: 1 t3.nano", "Bastion-Host: eine VM (t3.micro)"
            count = next((c for a, b in sorted(m.extra) if re.search(r"[:(]", st.norm[m.end : a])
                          and (c := _count_before(st, Mention(m.kind, None, a, b)))), None)
        if count in (None, (1, 1)):  # "a VMSS of 10 Standard_F8s_v2": the article counts the group
            count = counts_after.group_count(st.norm, m) or count
        n = 1
        # "4 containers", "3 instances of the API": copies of one service, not 4 services
        copies = mx.copies_after(st.norm, m.end) if m.kind in roles.REPLICATED else None
        count = copies[1] or count if copies else count  # "3 container app replicas", "api x2 replicas"
        # ... "3 Fargate containers", "four Cloud Run containers": the container word merged after the platform's
        as_replicas = m.kind in roles.REPLICATED and bool(count) and (
            any(re.fullmatch(lx.CONTAINER_WORDS, st.norm[a:b]) for a, b in [(m.start, m.end), *m.extra])
            or copies is not None)
        counts_itself = KINDS[m.kind].attr("count") is not None  # vm, volume, model_endpoint
        machines = mx.copies_attr(m.kind) if count and not as_replicas and not counts_itself else ""
        if count and machines and extras.counts_machines(st.norm, m):  # "three Redis nodes": one cache of 3 nodes
            if count != (1, 1):  # "ein Redis-Server" says nothing of how many nodes
                mx.set_copies(m, m.kind, machines, count)
            count = None
        # "3 private subnets" counts a network's members, not networks
        if count and not counts_itself and not KINDS[m.kind].members and not as_replicas:
            n = count[1] if count[0] == count[1] and 1 <= count[1] <= 10 else 1
        if count in (None, (1, 1)) and not counts_itself and not as_replicas:
            n = kc.one_each(st.norm, m, st.mentions, spec) or n  # "each queue with its own Lambda"
        if n > 1 and (group := kc.counted_again(st.norm, existing)) is not None:
            group.spans.append((m.start, m.end))  # "the Lambda functions ...; two Lambdas": two in all
            n -= 1
        made: list[Res] = []
        for _ in range(n):
            r = Res(m.kind, _name_for(spec, m.kind, m, st), from_text=True)
            r.spans = [(m.start, m.end)] + list(m.extra)
            if m.variant and m.variant != "dlq":
                r.variant = m.variant
                r.stated_attrs.add("variant")
            _values_in_words(st, r)
            if as_replicas and count:
                r.attrs["replicas"] = {"min": count[0], "max": count[1]}
                r.stated_attrs.add("replicas")
            if counts_itself and m.kind not in roles.VMS and count and count[1] > 1:
                ranged = isinstance(getattr(KINDS[m.kind].attr("count"), "type", None), TCount)
                _set(r, "count", {"min": count[0], "max": count[1]} if ranged else count[1])
            if m.kind in roles.VMS:
                if m.instance:
                    r.attrs["instance"] = m.instance
                    r.stated_attrs.add("instance")
                if count and count[0] <= count[1]:
                    r.attrs["count"] = {"min": count[0], "max": count[1]}
                    r.stated_attrs.add("count")
            for attr, value in m.sets.items():  # copies its hosting words stated ("with 3 instances")
                _set(r, attr, value)
            if m.variant == "dlq":
                r.attrs["retention"] = 14
                main = [
                    q
                    for q in spec.of_kind(m.kind)
                    if "dead_letter" not in q.attrs
                    and q.name != r.name
                    and not q.name.startswith("dead_letters")
                ]
                if main:
                    main[-1].attrs["dead_letter"] = {"ref": r.name}
            spec.resources.append(r)
            made.append(r)
            if label is not None:
                labelled[r.name] = label
        m.ref = made[0]


# ---------------------------------------------------------------- attributes ------------------------


_JOINED = re.compile(r"\s(?:and|y|e|et|und)\s")


def _distance(r: Res, pos: int, st: _State) -> float:
    best = float("inf")
    for a, b in r.spans:
        d = 0 if a <= pos < b else min(abs(pos - a), abs(pos - b))
        lo, hi = sorted((pos, a))
        if _SEPARATORS.search(st.norm[lo:hi]):
            d += 1000
        # a number does not reach forward past a comma as readily as back to the noun its fragment follows
        d += (80 if a > pos else 40) * st.norm[lo:hi].count(",")
        # "a queue with 7 days of retention and an S3 bucket": a number belongs to the phrase it
        # closes, not to the noun the next "and" opens
        if a > pos and _JOINED.search(st.norm[pos:a]):
            d += 40
        best = min(best, d)
    return best


_APPOSITIVE = re.compile(rf"\s*,\s*(?:(?:{lx.NEGATION_BEFORE})\s+)?")
# an adjective opening a comma-delimited fragment of its own: ", not public", ", sin acceso público"
_FRAGMENT = re.compile(
    rf"(?:,|\(|\s(?:and|y|et|und))\s*(?:(?:{lx.NEGATION_BEFORE})\s+(?:[a-z]+\s+)?)?$"
)  # ... or continuing one: ", not versioned and private", "sans versionnage et public"


def _fragment_subject(st: _State, r: Res, a: int) -> bool:
    """ "a PostgreSQL 16 database, storage 50 GB, backups 10 days, not publicly accessible": a
    fragment with no noun of its own qualifies the resource its sentence is about — the nearest
    one before it, when nothing else was named in between."""
    if not _FRAGMENT.search(st.norm[max(0, a - 30) : a]):
        return False
    ends = [y for _, y in r.spans if y <= a]
    if not ends:
        return False
    y = max(ends)
    # "a broker (Amazon MQ), not public", "OpenSearch domain: 4 nodes, not public": a closed
    # parenthesis and the colon that opens the noun's list stay inside its sentence
    between = re.sub(r"^[\w-]*\s*:|^[^()]*\)", "", re.sub(r"\([^()]*\)", "", st.norm[y:a]))
    if re.search(r"[;:!?)]|\.(?![a-z0-9])", between):
        return False
    return not any(y <= x < a for o in st.spec.resources if o is not r for x, _ in o.spans)


_NEG_OR_AUX = re.compile(rf"(?:{lx.NEGATION_BEFORE}|{lx.AUXILIARIES})")


def _adj_distance(r: Res, a: int, b: int, st: _State) -> float:
    """How far an adjective at a..b is from a noun: words between count, joining words a lot."""
    best = float("inf")
    for x, y in r.spans:
        gap = st.norm[b:x] if x >= b else st.norm[y:a]
        # a negation and its auxiliaries belong to the adjective: "no tiene que ser pública"
        words = [w for w in re.split(r"[\s\-,]+", gap) if w and not _NEG_OR_AUX.fullmatch(w)]
        # "an S3 bucket, not public, ...": an appositive right after its noun qualifies it
        appositive = x < b and _APPOSITIVE.fullmatch(gap) is not None
        # a version's or size's decimal point ("MySQL 8.0 no pública") is no punctuation
        d: float = len(words) + (1 if appositive else 100 if re.search(r"[,;:()]|\.(?!\d)", gap) else 0)
        d += 10 * sum(
            1 for w in words if w in ("and", "y", "et", "und", "with", "con", "avec", "mit", "or", "o")
        )
        d += 0.5 if x < b else 0  # a noun before the adjective (es/fr order) loses ties
        best = min(best, d)
    if best > 1.5 and _fragment_subject(st, r, a):
        best = 1.5
    return best


def _qualified(st: _State, a: int, b: int, kinds: tuple[str, ...], max_words: float = 3) -> Res | None:
    cands = [r for r in st.spec.resources if r.kind in kinds]
    if not cands:
        return None
    best = min(cands, key=lambda r: (_adj_distance(r, a, b, st), kinds.index(r.kind)))
    return best if _adj_distance(best, a, b, st) <= max_words else _predicate_subject(st, a, kinds)


# a verb that makes the adjective after it a predicate: "the database (...) must not be public",
# "la base no tiene que ser pública", "ein Storage-Konto, das nicht öffentlich ist"
_PREDICATE = re.compile(
    rf"(?<![a-z])(?:{lx.AUXILIARIES}|das|der|die|which|that|que|qui)\s+(?:(?:{lx.NEGATION_BEFORE}|{lx.AUXILIARIES})\s+)*$"
)


def _only_holder(st: _State, attr: str) -> Res | None:
    """ "Blob container for invoices. Private, and versioned.", "Pas public": an adjective standing alone
    in its sentence qualifies the one resource of the request that has `attr` (the secure side only —
    a stray "public" makes nothing public)."""
    holders = [r for r in st.spec.resources if r.from_text and KINDS[r.kind].attr(attr) is not None]
    return holders[0] if len(holders) == 1 and attr not in holders[0].stated_attrs else None


def _predicate_subject(st: _State, a: int, kinds: tuple[str, ...]) -> Res | None:
    """The subject of a predicate adjective: the last resource of those kinds named before it in
    its sentence."""
    if not _PREDICATE.search(st.norm[max(0, a - 40) : a]):
        return None
    start = max((m.end() for m in _SEPARATORS.finditer(st.norm, 0, a)), default=0)
    before = [(y, r) for r in st.spec.resources if r.kind in kinds for x, y in r.spans if start <= x and y <= a]
    return max(before, key=lambda p: p[0])[1] if before else None


def _target(
    st: _State, pos: int, kinds: tuple[str, ...], prefer: bool = False, within: int | None = None
) -> Res | None:
    cands = [r for r in st.spec.resources if r.kind in kinds]
    if not cands:
        return None
    if prefer:
        for k in kinds:
            ks = [r for r in cands if r.kind == k]
            if ks:
                cands = ks
                break
    best = min(cands, key=lambda r: (_distance(r, pos, st), kinds.index(r.kind)))
    if within is not None and _distance(best, pos, st) > within:
        return None
    return best


_CURRENT: contextvars.ContextVar[Spec] = contextvars.ContextVar("nl_spec")


def _set(r: Res, attr: str, value: Any) -> bool:
    """Set a stated attribute, refusing values the compiler would reject (so output always compiles)."""
    spec = KINDS[r.kind].attr(attr)
    t = spec.type if spec else None
    lo = getattr(t, "min", None)
    hi = getattr(t, "max", None)
    nums = [value["min"], value["max"]] if isinstance(value, dict) and "min" in value else [value]
    for n in nums:
        if isinstance(n, (int, float)) and not isinstance(n, bool):
            if lo is not None and n < lo or hi is not None and n > hi:
                unit = f" {t.canonical}" if isinstance(t, TQty) else ""
                if lo is not None and hi is not None:
                    bound = f"{clean_number(lo)}..{clean_number(hi)}"
                elif lo is not None:
                    bound = f">= {clean_number(lo)}"
                else:  # only an upper bound (this once printed `None..hi`)
                    bound = f"<= {clean_number(hi or 0)}"
                _CURRENT.get().not_understood.append(
                    f"{r.kind} `{attr}` of {clean_number(n)}{unit} "
                    f"(allowed: {bound}{unit}; left at its default)"
                )
                return False
    r.attrs[attr] = value
    r.stated_attrs.add(attr)
    return True


def _window(st: _State, a: int, b: int, before: int = 30, after: int = 30) -> str:
    return st.norm[max(0, a - before) : b + after]


def _unplaced(st: _State, a: int, b: int, what: str) -> None:
    st.spec.not_understood.append(f"{st.text[a:b].strip()!r} ({what})")


# units in every spelling ("Go", "gigaoctets", "TiB", "24h", "Stunden"): nl/numbers.py
_SIZE = re.compile(rf"(?<![\w.])({_NUM})[\s-]*({numbers.SIZE_UNIT})(?![a-z])")  # "512-MB-Speicher"
_DUR = re.compile(rf"(?<![\w.])({_NUM})[\s-]*({numbers.DURATION_UNIT})(?![a-z])")


_DUR_WORD = re.compile(
    rf"(?<![\w.])(?:{lx.INDEFINITE_RE}|one)\s+(weeks?|months?|years?|days?|semanas?|mes|anos?"
    r"|semaines?|mois|ans?|annees?|wochen?|monate?|jahre?|tage?)(?![a-z])"
)


def _durations(norm: str) -> list[tuple[int, int, float, bool]]:
    """(start, end, seconds, worded) for "30 days", "2 semaines" and "a week" / "una semana" /
    "eine Woche" (worded: one of its unit, read only next to a keyword)."""
    out = [(m.start(), m.end(), _dur_seconds(parse_amount(m.group(1)), m.group(2)), False) for m in _DUR.finditer(norm)]
    out += [
        (m.start(), m.end(), _dur_seconds(1, m.group(1)), True)
        for m in _DUR_WORD.finditer(norm)
        # only as a stay: "for a week", "durante una semana", "eine Woche aufbewahrt" ("800 bucks a month"
        # is a budget)
        if re.search(r"(?:for|durante|pendant|wahrend|during|por|over)\s+$", norm[max(0, m.start() - 12) : m.start()])
        or re.match(r"\s+(?:aufbewahrt|gespeichert|kept|retained|conservee?s?|guardad[oa]s?)", norm[m.end() :])
    ]
    return sorted(out + elided_units.more(norm, out))  # "... y se borre a los 365", "se borren al año"


def _dur_seconds(n: float, unit: str) -> float:
    u = unit
    if re.match(r"y|ano|an|annee|jahr", u):
        return n * 365 * 86400
    if re.match(r"month|mes|mois|monat", u):
        return n * 30 * 86400
    if re.match(r"week|semana|semaine|woch", u):
        return n * 7 * 86400
    if re.match(r"day|dia|jour|tag|d$", u):
        return n * 86400
    if re.match(r"hour|hora|heure|stund|hrs?$|h$", u):
        return n * 3600
    if re.match(r"min", u):
        return n * 60
    return n


def _num_out(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(x, 6)


# a negation, then auxiliaries ("no tiene que ser pública", "ne doit pas être", "darf nicht ... sein")
# and at most one other word; French elides "pas d'accès"
_NEG_BEFORE = re.compile(
    rf"(?<![a-z])(?:{lx.NEGATION_BEFORE})(?:\s+|(?<=d'))(?:(?:{lx.AUXILIARIES})\s+){{0,3}}(?:[a-z'-]+\s+)?$"
)
# "versioning disabled", and a coordinated pair with a plural negation: "TLS et auth désactivés"
_NEG_AFTER = re.compile(
    # "public endpoint off", "öffentlicher Zugriff deaktiviert": the noun the setting qualifies may sit between
    rf"^(?:[\s-]+(?:{lx.SETTING_NOUNS})(?![a-z]))?"
    # "versionado y logs de acceso desactivados": the last item may have its own complement
    rf"(?:\s+(?:and|et|y|und)\s+[a-z'-]+(?:\s+(?:de|del|of|du|des|der)\s+[a-z'-]+|\s+[a-z'-]+)?)?"
    rf"\s*(?:is |are |must be |should be |be |est |esta |estan |sont |ist |sind |wird |werden |= ?|: ?)?"
    rf"(?:{lx.NEGATION_AFTER})(?![a-z])"
    rf"|^(?:\s+(?:{lx.NEGATION_FILLERS})){{0,3}}\s+(?:(?:{lx.NEGATION_CLOSING})(?=\s*(?:[,;.!?)]|$))"
    rf"|(?:{lx.NEGATION_CLOSING}|no|not|isn't|aren't|n'est pas)\s+(?:{lx.NEGATION_NEED})(?![a-z]))"
)


def _negated(st: _State, a: int, b: int, switch: str = "") -> bool:
    """The polarity rule: a negation word just before the setting (one word may sit between:
    "sin acceso público") or just after it ("versioning disabled") turns it around. A refusal
    closing the clause ("public access is out of the question", "no TLS is not an option") leaves
    a secure `switch` on its secure side — a refused sentence is no unambiguous loosening — and
    negates any other phrase."""
    before = st.norm[max(0, a - 30) : a]
    cut = max(before.rfind(c) for c in ",;:.()")
    before = before[cut + 1 :] if cut >= 0 else before
    if rejection.refused_after(st.norm, b):
        secure = polarity.secure_value(switch)
        return secure is False if secure is not None else not _NEG_BEFORE.search(before)
    if omission.kept_on(st.norm, b, before):  # "never without versioning", "not only versioned but ..."
        return False
    if _NEG_BEFORE.search(before) or omission.turned_down(st.norm, a, b, before):  # "skip the dashboard"
        return True
    # "mit Hochverfügbarkeit und AUTH aus": the first of a pair asked for with a with-word keeps
    # its own polarity; the negation closing the pair belongs to the last item only
    return bool(_NEG_AFTER.match(st.norm[b : b + 45])) and not sw.with_then_pair(st.norm, a, b)


def _polar(st: _State, r: Res, attr: str, value: Any) -> None:
    """Set a setting that has a secure side. When the request says both ("a private bucket ...
    the bucket must be public"), the secure reading wins and a note says so."""
    if attr in r.stated_attrs and r.attrs.get(attr) != value:
        secure = value if not polarity.loosens(r.kind, attr, value) else r.attrs.get(attr)
        r.attrs[attr] = secure
        st.spec.notes.append(
            f"{r.kind} `{r.name}`: the request says both {attr} = {_show_bool(value)} and "
            f"{_show_bool(not value)}; kept {attr} = {_show_bool(secure)} (the secure reading)"
        )
        return
    _set(r, attr, value)


def _show_bool(v: Any) -> str:
    return "true" if v is True else "false" if v is False else str(v)


# (attribute, words, kinds it applies to); a negation makes the setting false
_POLAR: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("versioning", lx.VERSIONING, _holders("versioning")),
    ("encryption", lx.ENCRYPTION, _holders("encryption")),
    ("tls", lx.TLS, _holders("tls")),
    ("deletion_protection", lx.DELETION_PROTECTION, _holders("deletion_protection")),
)


# secure switches whose words say too little to be read as "on" without a negation
_VAGUE_SWITCHES = frozenset({"logs", "logging", "auth", "monitoring"})


def _polar_settings(st: _State) -> None:
    # "encryption in transit", "cifrado en tránsito" is TLS, not encryption at rest
    in_transit = [m.span() for m in _rx(lx.TLS).finditer(st.norm)]
    for attr, words, kinds in _POLAR:
        for m in _rx(words).finditer(st.norm):
            if attr == "encryption" and any(x <= m.start() and m.end() <= y for x, y in in_transit):
                continue
            # "... and an encrypted S3 bucket": the noun the adjective opens, before the nearest one
            r = (attributive.noun_after(st.norm, m.start(), m.end(), st.spec, kinds)
                 or attributive.purpose_head(st.norm, m.start(), st.spec, kinds) or _target(st, m.start(), kinds))
            if r is None:
                continue
            if _answered_no_on_secure(st, m.start(), m.end(), attr):
                continue
            on = not _negated(st, m.start(), m.end(), attr)
            _polar(st, r, attr, on)
            st.use(m.start(), m.end())
    # any other secure switch by name: "rotation disabled", "without access logs", "point-in-time
    # recovery turned off"; named with no negation it is stated on (its secure default) — but a
    # word as common as "logs" or "auth" is only read when negated
    for attr in sorted(set(polarity.SECURE) - {"public"} - {a for a, _, _ in _POLAR}):
        for m in _rx(_switch_words(attr)).finditer(st.norm):
            if not st.free(m.start(), m.end()) and not _guarded_only(st, m.start(), m.end()):
                continue
            if _answered_no_on_secure(st, m.start(), m.end(), attr):
                continue
            off = _negated(st, m.start(), m.end(), attr) or sw.negated_past_complement(st.norm, m.end())
            holders = _holders(attr)
            if not off and attr in _VAGUE_SWITCHES and not readers.switched_on(st.norm, m.start(), m.end()):
                # "Redis with auth": asked for by name, but only where the switch is an on/off one
                if not sw.with_before(st.norm, m.start()):
                    continue
                holders = _bool_holders(attr)
            r = _target(st, m.start(), holders)
            if r is not None:
                _polar(st, r, attr, _switch_value(r.kind, attr, not off))
                st.use(m.start(), m.end())
    _switch_phrases(st)
    # a setting's own negative word: "unencrypted", "sin cifrar", "unversioned", "non versionné"
    for attr, words in lx.NEGATIVE_FORMS:
        for m in _rx(words).finditer(st.norm):
            r = attributive.purpose_head(st.norm, m.start(), st.spec, _holders(attr)) or _target(
                st, m.start(), _holders(attr))
            if r is not None:  # "not unversioned" asks for versioning
                _polar(st, r, attr, omission.negative_word_negated(st.norm, m.start()))
                st.use(m.start(), m.end())


def _answered_no_on_secure(st: _State, a: int, b: int, attr: str) -> bool:
    """ "Versioning? No.": neither an unambiguous loosening nor a request for the switch — the
    words are read (so nothing else takes them) and the secure default stays, unstated."""
    if polarity.secure_value(attr) is not True or not rejection.answered_no(st.norm, b):
        return False
    st.use(a, b)
    return True


def _switch_value(kind: str, attr: str, on: bool) -> Any:
    """A switch that is a choice on this kind (an API's `auth` is iam/jwt/none): turned off it is
    its "none" value; turned on it names no choice, so it stays a bool the writer refuses."""
    t = getattr(KINDS[kind].attr(attr), "type", None)
    return "none" if isinstance(t, TEnum) and not on and "none" in t.values else on


def _guarded_only(st: _State, a: int, b: int, more: tuple[str, ...] = ()) -> bool:
    """The words at a..b are held only by a guard (a phrase that names no resource, such as
    "monitoring détaillé", or with `more` "isolation réseau"): a setting may still be read from them."""
    guards = {m.span() for g in extras.GUARDS + more for m in _rx(g).finditer(st.norm)}
    held = [(x, y) for x, y in st.used if not (b <= x or a >= y)]
    return bool(held) and all(span in guards for span in held)


def _switch_named_like_a_kind(st: _State) -> None:
    """ "VM, monitoring disabled", "Monitoring abgeschaltet": a word that also names a kind, switched
    on or off, is the setting of the resource next to it that has such a switch, not a resource
    of its own (a monitor cannot be "disabled")."""
    for r in list(st.spec.resources):
        if len(r.spans) != 1 or not r.from_text:
            continue
        a, b = r.spans[0]
        # "Detail-Monitoring": the word joined in front belongs to the setting
        attr = next((x for x in sorted(polarity.SECURE) if _rx(_switch_words(x)).fullmatch(st.norm, a, b)
                     and x not in KINDS[r.kind].attr_names), "")
        if not attr:
            continue
        a = a if a < 2 or st.norm[a - 1] != "-" else len(st.norm[: a - 1].rstrip("abcdefghijklmnopqrstuvwxyz"))
        off = _negated(st, a, b, attr) or sw.negated_past_complement(st.norm, b)
        if not off and not readers.switched_on(st.norm, a, b):
            continue
        holder = _target(st, a, tuple(k for k in _bool_holders(attr) if k != r.kind))
        if holder is None:
            continue
        st.spec.resources.remove(r)
        _polar(st, holder, attr, not off)


def _switch_words(attr: str) -> str:
    # the synonyms first: the longer phrase ("monitoring détaillé") before the bare name
    return "|".join(w for w in (dict(lx.ATTR_SYNONYMS).get(attr, ""), r"[ _-]".join(attr.split("_"))) if w)


def _bool_holders(attr: str) -> tuple[str, ...]:
    return tuple(k for k in _holders(attr) if isinstance(getattr(KINDS[k].attr(attr), "type", None), TBool))


def _switch_phrases(st: _State) -> None:
    """Switches phrased as a verb or by a neighbour word (see nl/switch_phrases.py)."""
    present = {r.kind for r in st.spec.resources}
    for m in re.finditer(sw.ROTATE_VERB, st.norm):
        if not st.free(m.start(), m.end()):
            continue
        # the verb's subject is the resource named just before it, and it must be one that rotates
        subject = _target(st, m.start(), tuple(sorted(present)))
        if subject is None or subject.kind not in _bool_holders("rotation") or "rotation" in subject.stated_attrs:
            continue  # a setting named outright ("rotation disabled") outranks its verb
        if sw.person_before(st.norm, m.start()):
            continue  # "we rotate it by hand": people rotate, the secret does not
        off = _negated(st, m.start(), m.end(), "rotation") or sw.french_ne_pas(st.norm, m.start(), m.end())
        _polar(st, subject, "rotation", not off)
        st.use(m.start(), m.end())
        # "que rote cada 90 días", "qui tourne tous les 90 jours": its period, not a schedule
        period = rotation_period.period_span(st.norm, m.start(), m.end(), _durations(st.norm))
        if not off and period and st.free(period[0], period[1]) and KINDS[subject.kind].attr("rotation_interval"):
            if _set(subject, "rotation_interval", _num_out(period[2] / 86400)):
                st.use(period[0], period[1])
    _switch_named_like_a_kind(st)
    # "control plane logging disabled" where the kind's switch is `logs`
    for m in re.finditer(sw.LOGGING_WORDS, st.norm):
        if not st.free(m.start(), m.end()):
            continue
        off = _negated(st, m.start(), m.end(), "logs") or sw.negated_past_complement(st.norm, m.end())
        if not off and not readers.switched_on(st.norm, m.start(), m.end()):
            continue
        r = _target(st, m.start(), tuple(k for k in _bool_holders("logs") if k not in _holders("logging")))
        if r is not None:
            _polar(st, r, "logs", not off)
            st.use(m.start(), m.end())


def _clause_of(st: _State, a: int, b: int) -> tuple[int, int]:
    """The clause around `a..b` (between list and sentence breaks), or `a..b` itself when that
    clause also names a resource or is long: what a "not understood" note quotes."""
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(st.norm, 0, a)), default=0)
    hi = next((m.start() for m in _CLAUSE_BREAK.finditer(st.norm, b)), len(st.norm))
    named = any(x < hi and y > lo for r in st.spec.resources for x, y in r.spans)
    return (a, b) if named or hi - lo > 70 else (lo, hi)


def _inexpressible(st: _State) -> None:
    guards = st.guards
    masked = mx.mask_references(st.norm)  # "…dkr.ecr…amazonaws.com/api:3" is an image, not ECR
    said: set[tuple[int, int]] = set()
    for pat, why in lx.INEXPRESSIBLE:
        for m in _rx(pat).finditer(masked):
            guarded = any(x <= m.start() and m.end() <= y for x, y in guards)
            if not st.free(m.start(), m.end()) and not guarded:  # a part of it was read as a setting
                continue
            # the whole clause when it names nothing else ("l'enregistrement DNS dans Route 53")
            a, b = _clause_of(st, m.start(), m.end())
            if (a, b) in said:
                continue
            said.add((a, b))
            st.spec.not_understood.append(f"{st.text[a:b].strip()!r} ({why})")
            st.use(a, b)


def _loosening_notes(spec: Spec) -> None:
    """A secure default loosened because the request's own words asked for it: say so."""
    for r in spec.resources:
        for attr in sorted(r.stated_attrs):
            if attr in r.attrs and polarity.loosens(r.kind, attr, r.attrs[attr]):
                spec.notes.append(
                    f"{r.kind} `{r.name}`: {attr} = {_show_bool(r.attrs[attr])} as the request asks; this "
                    "loosens a secure default, so the policy finding stays visible"
                )


_RW = r"read|write|lectura|escritura|lecture|ecriture|lese|schreib|rcus?|wcus?"
_CAPACITY = re.compile(
    rf"(?P<a>{_RW})[- ]?(?:capacity|capacidad|capacite|kapazitat)(?: units?)?(?: of| de| von)?\s*"
    rf"(?:=|:|is|es|est|ist)?\s*(?P<n1>\d+)"
    rf"|(?:capacity|capacidad|capacite|kapazitat) (?:de |of |d')?(?P<b>{_RW})\w*(?: de| of| von)?\s*(?P<n2>\d+)"
    # "5 Schreibeinheiten", "10 Lese-, 5 Schreibeinheiten": a German compound, its head elided once
    # "50 unidades de lectura", "20 en lecture", "10 units of write": a unit noun or "en" before the side
    rf"|(?P<n3>\d+)\s+(?:(?:capacity |request )?(?:units?|unidades|unites|einheiten)\s+)?"
    rf"(?:de |d'|of |en |in )?(?P<c>{_RW})"
    rf"(?:s|-?einheiten|-)?(?: capacity)?(?: units?)?(?![a-z])"
)
# the second of a pair with its capacity word elided: "capacidad de lectura 20 y de escritura 10",
# "capacité provisionnée, lecture 20 pis écriture 5" (read only after a capacity word)
_CAPACITY_ELIDED = re.compile(rf"(?<![a-z])(?:de |d')?(?P<c>{_RW})\w*\s*(?:=|:)?\s*(?P<n>\d+)(?![\d.])")
_CAPACITY_WORD = re.compile(r"capacity|capacidad|capacite|kapazitat|provision|aprovisionad|bereitgestellt")
# "provisioned at 10/10", "en provisionné à 10/10", "provisioniert mit 5/5": read / write
_CAPACITY_PAIR = re.compile(
    r"(?:provisioned|provisionn\w*|provisionad\w*|provisioniert\w*)\s*(?:at|a|with|de|mit|:)?\s*(\d+)\s*/\s*(\d+)(?![\d/])"
)
_CIDR = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3}/\d{1,2})(?!\d|\.\d)")  # a sentence may end after it
_SUBNET_SIDE = r"private|public|privadas?|publicas?|prives|privees|publics|publiques|private?n?|offentliche?n?"
_SUBNET_NOUN = r"subnets?|subredes|sous-reseaux|subnetze?n?"
# "3 private subnets", "3 privaten Subnetzen"; es/fr put the adjective after: "3 subredes privadas"
_SUBNETS = re.compile(
    rf"(?<![a-z0-9])({lx.NUMBER_RE})\s+(?:(?P<side>{_SUBNET_SIDE})\s+(?:{_SUBNET_NOUN})"
    rf"|(?:{_SUBNET_NOUN})\s+(?P<after>{_SUBNET_SIDE}))(?![a-z])"
)


_SUBNETS_PAIR = re.compile(
    rf"(?<![a-z0-9])({lx.NUMBER_RE})\s+({_SUBNET_SIDE})\s*(?:,|and|y|et|und)\s+({lx.NUMBER_RE})\s+({_SUBNET_SIDE})"
    rf"\s+(?:{_SUBNET_NOUN})(?![a-z])"
)


def _terraform_vocabulary(st: _State) -> None:
    """Attribute phrasings of Terraform users: capacities, FIFO, CIDR blocks, subnet counts."""
    norm = st.norm
    for m in _CAPACITY.finditer(norm):
        which = m.group("a") or m.group("b") or m.group("c")
        n = int(m.group("n1") or m.group("n2") or m.group("n3"))
        r = _target(st, m.start(), _holders("read_capacity"))
        if r is None:
            continue
        # read/lectura/lecture/lese/rcu read; write/escritura/écriture/schreib/wcu write
        attr = "read_capacity" if which[0] in "rl" else "write_capacity"
        if _set(r, attr, n):
            _set(r, "billing", "provisioned")
        st.use(m.start(), m.end())
    for m in _CAPACITY_ELIDED.finditer(norm):
        if not st.free(m.start(), m.end()) or not _CAPACITY_WORD.search(norm[max(0, m.start() - 60) : m.start()]):
            continue
        r = _target(st, m.start(), _holders("read_capacity"))
        attr = "read_capacity" if m.group("c")[0] in "rl" else "write_capacity"
        if r is not None and attr not in r.stated_attrs and _set(r, attr, int(m.group("n"))):
            _set(r, "billing", "provisioned")
            st.use(m.start(), m.end())
    for m in _CAPACITY_PAIR.finditer(norm):
        r = _target(st, m.start(), _holders("read_capacity"))
        if r is not None and _set(r, "read_capacity", int(m.group(1))) and _set(r, "write_capacity", int(m.group(2))):
            _set(r, "billing", "provisioned")
            st.use(m.start(), m.end())
    for m in _rx(lx.NAMED).finditer(norm):
        # a relative clause ("…, que se llame X") may stand after a comma and a complement
        relative = re.match(r"que|qui|der|die|das", m.group(0)) is not None
        r = _target(st, m.start(), _holders("name"), within=70 if relative else 40)
        if r is None:
            continue
        name = st.text[m.start(1) : m.end(1)]
        broken = name_rule_broken(str(st.spec.deployment.get("cloud", "aws")), r.kind, name)
        if broken:
            _unplaced(st, m.start(), m.end(), f"not a valid name for this {r.kind}: {broken}")
        else:
            _set(r, "name", name)
        st.use(m.start(), m.end())
    for m in _rx(r"fifo").finditer(norm):
        r = _target(st, m.start(), _holders("fifo"))
        if r is not None:  # "should NOT be FIFO", "keine FIFO-Queue"
            _set(r, "fifo", not _negated(st, m.start(), m.end()))
            st.use(m.start(), m.end())
    for m in _rx(lx.STANDARD_QUEUE).finditer(norm):  # "a standard queue", "file SQS standard": not FIFO
        r = _target(st, m.start(), _holders("fifo"))
        if r is not None and "fifo" not in r.stated_attrs:
            _set(r, "fifo", False)
            st.use(m.start(), m.end())
    for m in _CIDR.finditer(norm):
        ssh = re.search(r"(?:ssh|rdp)[^;:]*$", norm[max(0, m.start() - 40) : m.start()])
        if not st.free(m.start(), m.end()) or ssh:
            continue
        r = _target(st, m.start(), _holders("cidr"))
        if r is not None:
            _set(r, "cidr", m.group(1))
            st.use(m.start(), m.end())
    for m in _SUBNETS_PAIR.finditer(norm):  # "2 public and 2 private subnets"
        r = _target(st, m.start(), _holders("private_subnets"))
        if r is None:
            continue
        for num, side in ((m.group(1), m.group(2)), (m.group(3), m.group(4))):
            if (count := _word_num(num)) is not None:
                _set(r, "private_subnets" if side.startswith("priv") else "public_subnets", count)
        st.use(m.start(), m.end())
    for m in _SUBNETS.finditer(norm):
        subnets = _word_num(m.group(1))
        r = _target(st, m.start(), _holders("private_subnets"))
        if r is not None and subnets is not None:
            side = "private_subnets" if (m.group("side") or m.group("after")).startswith("priv") else "public_subnets"
            _set(r, side, subnets)
            st.use(m.start(), m.end())
            # "3 subredes privadas y 3 públicas", "2 public subnets, 4 private": the other side, elided
            more = re.match(rf"\s*(?:,|and|y|et|und)\s*({lx.NUMBER_RE})\s+({_SUBNET_SIDE})(?![a-z])", norm[m.end() :])
            if more and (other := _word_num(more.group(1))) is not None:
                _set(r, "public_subnets" if side == "private_subnets" else "private_subnets", other)
                st.use(m.end(), m.end() + more.end())


_NAMED_UNIT = rf"(?:{lx.LOAD_UNIT}|{numbers.SIZE_UNIT}|{numbers.DURATION_UNIT}|rps|vcpus?)(?![a-z])"


def _named_value(attr: str, t: TQty | TInt, num: str, unit: str | None) -> float | None:
    """The number a user wrote for an attribute of type `t`, in the IR's unit, or None when the
    unit does not fit ("60 GB" is no timeout). No unit: the attribute's own, except a memory of
    64 or more, which is in MB as Terraform's `memory_size` is."""
    n = parse_amount(num)
    if isinstance(t, TInt):
        return n if unit is None else None
    if t.canonical == "rps" and unit is not None and re.fullmatch(lx.LOAD_UNIT, unit):  # "50 requêtes/s"
        return n
    if t.canonical not in ("days", "seconds", "GB"):  # "500 rps", "2 vcpus"
        return n if unit is None or unit.startswith(t.canonical.lower()) else None
    if unit is None:
        return n / 1024 if attr == "memory" and n >= 64 else n
    if t.canonical == "GB":
        gb = numbers.size_in_gb(unit)
        return n * gb if gb is not None else None
    if not _DUR.fullmatch(f"1 {unit}"):
        return None
    return _dur_seconds(n, unit) / (86400 if t.canonical == "days" else 1)


def _attr_words(attr: str) -> str:
    """How a request names an attribute: its own name ("_" as a space, a hyphen or itself; plural
    allowed) or one of the lexicon's synonyms for it."""
    stem = attr.removesuffix("s") if attr.endswith(("rs", "ps", "ds", "gs", "as")) else attr
    own = r"[ _-]?".join(stem.split("_")) + "(?:s|e?n)?"  # "workers", "5 Worker", German "Workern"
    words = "|".join(p for p in (own, dict(lx.ATTR_SYNONYMS).get(attr, "")) if p)
    # German: an inflected form ("Zustellversuchen") or the head of a compound ("Sichtbarkeitszeit")
    return rf"(?:{words})(?:e?n|{lx.COMPOUND_TAIL})?"


# a limit verb may sit between a name and its number: "concurrency capped at 10", "limitada a 5",
# "limitée à 5", "begrenzt auf 5", "timeout of at most 30 s"
_LIMITED = (r"(?:capped|limited|set|fixed|limitad[oa]|limitee?|fixee?|fijad[oa]|begrenzt|gedeckelt|festgelegt)"
            r"\s+(?:at|to|a|en|auf|sur)|(?:of )?at most|(?:of )?up to|hasta|jusqu'a|bis zu|maximal|max(?:imum)?")
_SEP = rf"\s*(?:{_LIMITED}|of|=|:|is|to|at|de|von|set to|auf|a|sur)?\s*"
_BOOL_WORD = r"true|false|enabled|disabled|yes|no|on|off"
_IMAGE = r"[a-z0-9][a-z0-9._/-]*(?::[a-z0-9._-]+|/[a-z0-9._-]+)"


def _named_attributes(st: _State) -> None:
    """An attribute by its own name next to its value, as Terraform users write it: "visibility
    timeout of 60 seconds", "4 days retention", "port 8080", "multi_az = true", "billing_mode =
    PAY_PER_REQUEST", "desired_count = 3" (the name's words, or the lexicon's synonyms for it).
    Goes to the nearest resource that has the attribute."""
    present = {r.kind for r in st.spec.resources}
    seen: set[str] = set()
    # a compound name first: "visibility timeout of 10 minutes" is the queue's, not a function's "timeout"
    ordered = [a for kind in sorted(present) for a in KINDS[kind].attrs]
    for a in sorted(ordered, key=lambda a: "_" not in a.name):
        if a.name in seen:
            continue
        seen.add(a.name)
        if isinstance(a.type, TStr) and ("_" in a.name or a.name in dict(lx.ATTR_SYNONYMS) or a.name == "image"
                                         or a.name in lx.BARE_STRING_ATTRS):
            _named_string(st, a.name)
        elif isinstance(a.type, (TQty, TInt)):
            _named_number(st, a.name, a.type)
        elif isinstance(a.type, TCount):
            _named_number(st, a.name, TInt())
        elif isinstance(a.type, TBool) or any(isinstance(o, TBool) for o in getattr(a.type, "options", ())):
            _named_switch(st, a.name)
        elif isinstance(a.type, TEnum):
            _named_choice(st, a.name, a.type)
    for attr, words, unit in lx.ATTR_UNIT_NAMES:
        a_spec = next((KINDS[k].attr(attr) for k in sorted(present) if KINDS[k].attr(attr) is not None), None)
        if a_spec is not None and isinstance(a_spec.type, (TQty, TInt)):
            _named_number(st, attr, a_spec.type, words=words, unit=unit)
    # then by the head of its name ("10000 IOPS" for a VM's `disk_iops`), see nl/head_words.py
    for attr, head in head_words.named_by_head(frozenset(present), (TQty, TInt)):
        head_spec = next((KINDS[k].attr(attr) for k in sorted(present) if KINDS[k].attr(attr) is not None), None)
        if head_spec is not None and isinstance(head_spec.type, (TQty, TInt)):
            # only for the nearest resource of all: "an API ... 30 days retention and a VPC" is no VPC's
            _named_number(st, attr, head_spec.type, words=_attr_words(head), among=tuple(sorted(present)),
                          near=head_words.part_words(attr))


def _named_number(st: _State, attr: str, t: TQty | TInt, words: str = "", unit: str | None = None,
                  among: tuple[str, ...] = (), near: str = "") -> None:
    name = words or _attr_words(attr)
    rx = _compile(
        rf"(?<![a-z0-9_])(?:{name}){_SEP}(?P<n1>{_NUM})\s*(?P<u1>{_NAMED_UNIT})?"
        # "10 G.2X workers": a code (a value of another attribute) may sit between
        rf"|(?<![\w.])(?P<n2>{_NUM})[\s-]*(?P<u2>{_NAMED_UNIT})?\s+(?:of\s+)?(?P<code>[a-z]*\d*[._][a-z0-9._]+\s+)?"
        rf"(?:{name})(?![a-z0-9_])"
    )
    for m in rx.finditer(st.norm):
        if not st.free_for_name(m.start(), m.end()):
            continue
        if near and not _rx(near).search(_window(st, m.start(), m.end(), 60, 12)):  # the part named nearby
            continue
        num, said = (m.group("n1"), m.group("u1")) if m.group("n1") else (m.group("n2"), m.group("u2"))
        value = _named_value(attr, t, num, said or unit)
        r = _target(st, m.start(), among or _holders(attr))  # `among`: the nearest of these must hold it
        if value is None or r is None or KINDS[r.kind].attr(attr) is None:
            continue
        counted = isinstance(getattr(KINDS[r.kind].attr(attr), "type", None), TCount)
        if counted:
            _set(r, attr, {"min": int(value), "max": int(value)})
        else:
            _set(r, attr, _num_out(value) if isinstance(t, TQty) else int(value))
        if m.group("code"):  # the code between is another attribute's value, read on its own
            st.use(m.start(), m.start("code"))
            st.use(m.end("code"), m.end())
        else:
            st.use(m.start(), m.end())


def _named_switch(st: _State, attr: str) -> None:
    """ "multi_az = true", "publicly_accessible = false", "versioning: disabled"."""
    rx = _compile(rf"(?<![a-z0-9_])(?:{_attr_words(attr)})\s*(?:=|:|is|set to)\s*(?P<b>{_BOOL_WORD})(?![a-z])")
    for m in rx.finditer(st.norm):
        r = _target(st, m.start(), _holders(attr))
        if r is None:
            continue
        on = m.group("b") in ("true", "enabled", "yes", "on")
        if attr in polarity.SECURE or attr == "encryption":
            _polar(st, r, attr, on)
        else:
            _set(r, attr, on)
        st.use(m.start(), m.end())


def _named_choice(st: _State, attr: str, t: TEnum) -> None:
    """ "billing_mode = PAY_PER_REQUEST", "storage type io2": an enumerated attribute by name."""
    values = [(v, re.escape(v).replace("_", "[-_ ]")) for v in t.values]
    values += [(v, w) for a, v, w in lx.VALUE_SYNONYMS if a == attr and v in t.values]
    # "price class 200" is PriceClass_200: a value spelled as the attribute's name and a suffix
    values += [(v, re.escape(v.rsplit("_", 1)[1])) for v in t.values
               if "_" in v and v.rsplit("_", 1)[0].lower() == attr.replace("_", "")]
    for v, words in values:
        rx = _compile(rf"(?<![a-z0-9_])(?:{_attr_words(attr)}){_SEP}[\"'`]?(?:{words})(?![a-z0-9_])")
        for m in rx.finditer(st.norm):
            r = _target(st, m.start(), _holders(attr))
            if r is not None and st.free(m.start(), m.end()):
                _set(r, attr, v)
                st.use(m.start(), m.end())


def _named_string(st: _State, attr: str) -> None:
    """ "a partition key of user_id", "sort_key = created_at", "health path /healthz", "the image
    nginx:1.25": a string attribute by its name, with an explicit "of"/"="/":"/"named" or a quoted
    or path-like value (an image: a reference with a tag or a registry path)."""
    name = _attr_words(attr)
    if attr == "image":
        rx = _compile(
            rf"(?<![a-z0-9_])(?:docker |container )?images?\s*(?:=|:|of)?\s*[\"'`]?(?P<v>{_IMAGE})"
            rf"|(?<![\w./:-])(?P<q>{_IMAGE})\s+(?:docker |container )?image(?![a-z])"
        )
    else:
        # "partition key user_id", "clé de tri sk": a bare value that ends its phrase
        bare = (r"|\s(?P<b>[a-z0-9][a-z0-9_.:@/-]*)(?=\s*(?:[,;)]|\.(?![a-z0-9])|$|\s(?:and|y|et|und|with|con|avec"
                r"|mit|in|en|dans|im|on|sur|for|para|pour)\s))" if attr in lx.BARE_STRING_ATTRS else "")
        rx = _compile(
            rf"(?<![a-z0-9_])(?:{name})\s*(?:(?:(?:of|named|called|is|de|von)\s+|[=:]\s*)[\"'`]?(?P<v>[a-z0-9/][a-z0-9_./:@-]*)"
            rf"|[\"'`](?P<q>[^\"'`\s]+)[\"'`]|\s(?:(?:at|on|en|sur|auf|unter|under|bajo|sous)\s+)?(?P<p>/[a-z0-9_./-]*)"
            rf"|\s(?P<d>v?\d[a-z0-9_.-]*){bare})"
        )
    for m in rx.finditer(st.norm):
        group = next(g for g in ("v", "q", "p", "d", "b") if g in rx.groupindex and m.group(g))
        value = st.text[m.start(group) : m.end(group)].rstrip(".,")
        r = _target(st, m.start(), _holders(attr))
        if r is not None and value and _free_identifier(st, m.start(group), m.end(group)):  # the name may be guarded
            _set(r, attr, value)
            st.use(m.start(), m.end())


def _free_identifier(st: _State, a: int, b: int) -> bool:
    """Free, or an identifier whose parts only were read as kind words ("audience orders-api",
    "chart web-app"): a joined compound is one value. A span covering the whole value (a guarded
    name) still holds it."""
    if st.free(a, b):
        return True
    inside = [(x, y) for x, y in st.used if not (b <= x or a >= y)]
    joined = re.search(r"[a-z0-9][-_][a-z0-9]", st.norm[a:b]) is not None
    return joined and all(a <= x and y <= b and (x, y) != (a, b) for x, y in inside)


def _enum_values(st: _State) -> None:
    """A distinctive value of an enumerated attribute sets that attribute: a code ("gp3", "io2",
    "arm64", "on-demand") on the nearest resource whose attribute accepts it; a long word that is
    not the default ("provisioned") like an adjective, on the noun it qualifies. A short plain word
    ("standard") says too little on its own."""
    present = {r.kind for r in st.spec.resources}
    values: dict[str, set[str]] = {}
    for kind in present:
        for a in KINDS[kind].attrs:
            if isinstance(a.type, TEnum) and a.name != "runtime":
                for v in a.type.values:
                    coded = re.search(r"[\d_]", v) is not None
                    # "G.2X" is read as "g.2x": values are matched in lower case; a bare version
                    # number ("4.0") is read only after the name it versions (_versions_after_names)
                    if re.fullmatch(r"[a-z0-9_.]+", v.lower()) and not re.fullmatch(r"[\d.]+(?:\.x)?", v) and (
                            coded or len(v) >= 8 and v != a.default or len(v) <= 5):
                        values.setdefault(v, set()).add(a.name)
    words = {v: re.escape(v.lower()).replace("_", "[-_ ]") for v in values}
    for attr, v, w in lx.VALUE_SYNONYMS:  # "Graviton", "pay per request"
        if any(KINDS[k].attr(attr) is not None for k in present):
            values.setdefault(v, set()).add(attr)
            words[v] = w + "|" + words[v] if v in words else w  # the longer phrase first
    for v in sorted(values):
        for m in _rx(words[v]).finditer(st.norm):
            if re.match(r"\.\d", st.norm[m.end() : m.end() + 2]):  # "TLSv1.2" is not the value "TLSv1"
                continue
            said = st.text[m.start() : m.end()]
            # a short plain word counts only as a code the user capitalised ("HTTPS", "TCP", "IAM");
            # a synonym may be the words that named the resource ("an ALB": a load balancer of type
            # application)
            short = m.group(0) == v.lower() and not re.search(r"[\d_]", v) and len(v) <= 5
            if short and not (said.isupper() and len(said) >= 2 or sw.framed_code(st.norm, m.start(), m.end())) \
                    or short and _negated(st, m.start(), m.end()):
                continue
            # a synonym may share words with those that named the resource ("une seule instance")
            inside = m.group(0) != v.lower() and any(x < m.end() and m.start() < y for r in st.spec.resources
                                             for x, y in r.spans)
            # or a hosting word inside it that named the machines it prices ("Reserved Instances für 3 Jahre")
            hosting = m.group(0) != v.lower() and all(
                re.fullmatch(lx.HOSTING_WORDS, st.norm[x:y]) for x, y in st.used if x < m.end() and m.start() < y)
            if not st.free(m.start(), m.end()) and not inside and not hosting:
                continue
            if switch_words.inside_switch(st.norm, m.start(), m.end(), frozenset(present)):
                continue  # "nur HTTPS", "HTTPS only": a switch's words, not a protocol
            attrs = values[v]
            kinds = tuple(k for k in KINDS if any(
                isinstance(getattr(KINDS[k].attr(n), "type", None), TEnum)
                and v in KINDS[k].attr(n).type.values for n in attrs))  # type: ignore[union-attr]
            if re.search(r"[\d_]", v) or m.group(0) != v.lower() or short:
                r = _target(st, m.start(), kinds)
            else:
                r = _qualified(st, m.start(), m.end(), kinds)
            if r is None:
                continue
            attr = next(n for n in sorted(attrs) if (x := KINDS[r.kind].attr(n)) is not None
                        and isinstance(x.type, TEnum) and v in x.type.values)
            _set(r, attr, v)
            st.use(m.start(), m.end())


_VERSION_AFTER = re.compile(  # "3.13 broker" is a version, "3 brokers" a count
    # "MySQL 8.0", "MySQL, 8.0", "Flexible Server versión 15", "MariaDB doit être en 10.6", "server v16"
    # "postgres: v16", "flexible server, v16", "MySQL managée (RDS) en 8.0"
    # "EKS-Cluster (1.31, 3 Knoten)", "EKS cluster on 1.30": a dotted version opening its parenthesis, or after "on"
    r"(?:\s*[,:(]\s*(?:(?=\d+\.\d)|v(?=\d)|version\s*(?=\d))"
    r"|[\s-]*(?:[a-z-]+\s+){0,2}(?:\([a-z0-9 -]{1,20}\)\s+)?(?:version\s*|v(?=\d)|(?:en|in|on|sur|auf)\s+(?=\d+\.\d))"
    r"|[\s-]*)"
    rf"(\d+\.\d+(?:\.\d+)?(?:\.x)?(?![\d%]|\.\d)(?!\s*(?:{numbers.SIZE_UNIT}|{numbers.DURATION_UNIT})"
    rf"(?![a-z]))|\d+(?![\d%]|\.\d|\s*(?:{numbers.SIZE_UNIT}|{numbers.DURATION_UNIT}|{numbers.COUNTED}|x\b|k\b)(?![a-z])))"
)


def _versions_after_names(st: _State) -> None:
    """ "Redis 7.1", "RabbitMQ 3.13", "Kubernetes 1.30", "OpenSearch 2.13": a version right after
    the words that named a resource whose kind has a `version`. An enumerated version said short
    ("Kafka 3.6") is the one value it begins ("3.6.0")."""
    for r in st.spec.resources:
        # a kind's version attribute: `version`, or one named for it ("Glue 4.0": `glue_version`)
        vattr = next((x.name for x in KINDS[r.kind].attrs if x.name == "version" or x.name.endswith("_version")), "")
        a = KINDS[r.kind].attr(vattr) if vattr else None
        if a is None or vattr in r.stated_attrs:
            continue
        for _, y in sorted(r.spans):
            m = _VERSION_AFTER.match(st.norm, y)
            if m is None or not st.free(m.start(1), m.end(1)):
                continue
            said = m.group(1)
            if re.search(r"version\s*v$", st.norm[y : m.start(1)]):  # "version v1.15.3": the value as written
                said = "v" + said
            if isinstance(a.type, TEnum):
                fits = [v for v in a.type.values if v == said or v.startswith(said + ".")]
                if len(fits) != 1:
                    continue
                said = fits[0]
            _set(r, vattr, said)
            st.use(m.start(1), m.end(1))
            break


def _tools(st: _State) -> readers.Tools:
    return readers.Tools(
        norm=st.norm, text=st.text, spec=st.spec, target=lambda pos, kinds: _target(st, pos, kinds),
        put=_set, polar=lambda r, attr, on: _polar(st, r, attr, on), negated=lambda a, b: _negated(st, a, b),
        free=st.free, use=st.use, guarded_only=lambda a, b: _guarded_only(st, a, b, lx.NOT_KINDS),
    )


_CPU_THEN = re.compile(rf"(?<![\w.])(?:{_NUM})\s*vcpus?\s*(?:/|,|\+|and|et|y|und|with|con|avec|mit)?\s*$")


# the lower end of a range written as its two ends, before the upper one's number: "min 2, max 10 replicas"
_MIN_THEN_MAX = re.compile(r"(?<![a-z])(?:min(?:imum|d)?|mindestens|minimo|mini)\.?\s*(\d+)\s*[,;/]?\s*"
                           r"(?:max(?:imum)?|maximal|maximo|maxi|hochstens)\.?\s*$")


def _extract_attributes(st: _State) -> None:
    norm, spec = st.norm, st.spec
    kw = lambda pat, a, b, before=30, after=30: re.search(pat, _window(st, a, b, before, after))  # noqa: E731
    m: re.Match[str] | None  # finditer loops bind a match; single searches may find none

    # replicas: "2 to 8 replicas", "entre 2 y 6 réplicas", "three replicas"
    for m in re.finditer(
        # "x2 replicas", "3 container app replicas", "drei Container-Apps-Repliken"
        rf"(?<![a-z0-9])(?:x\s*)?(?:between\s+|entre\s+|zwischen\s+|de\s+)?({lx.NUMBER_RE})(?:{lx.RANGE_SEP}"
        # (a database's read replica, "a read replica", "una réplica de lectura", is no copy of a service)
        rf"({lx.NUMBER_RE}))?\s+(?:(?!read\s|lese)[a-z-]+\s+){{0,2}}(?:replicas?|repliques?|replikaten?|replikas?|repliken?"
        r"|replicates?|copies|tasks?|pods?)(?![a-z])(?!\s+(?:de lectura|de lecture|en lecture|zum lesen))",
        norm,
    ):
        lo, hi = _word_num(m.group(1)), _word_num(m.group(2)) if m.group(2) else None
        if lo is None:
            continue
        hi = hi if hi is not None else lo
        floor = _MIN_THEN_MAX.search(norm[max(0, m.start() - 30) : m.start()]) if m.group(2) is None else None
        if floor is not None and int(floor.group(1)) <= lo:  # "mín 2, máx 10 réplicas": 2..10
            lo, hi = int(floor.group(1)), lo
        r = _target(st, m.start(), _holders("replicas") + _holders("count"), prefer=True)
        if r is None:
            _unplaced(st, m.start(), m.end(), "replicas of what? name a service or container")
            continue
        _set(r, _first_attr(r.kind, ("replicas", "count")), {"min": min(lo, hi), "max": max(lo, hi)})
        st.use(m.start(), m.end())
    _terraform_vocabulary(st)
    _named_attributes(st)
    tools = _tools(st)
    readers.quoted_names(tools, lambda r, name: name_rule_broken(str(st.spec.deployment.get("cloud", "aws")), r.kind,
                                                                 name))
    # "name acme-tf-state", "…, namens team-x-tfstate"
    name_label.name_labels(tools, lambda r, name: name_rule_broken(str(st.spec.deployment.get("cloud", "aws")), r.kind,
                                                                   name))
    key_columns.key_columns(tools)  # "keyed on image_id", "user_id comme clé de partition"
    readers.images(tools)
    readers.shaped_values(tools)
    vk.namespace_lists(tools)
    key_phrases(tools)  # "user_id comme clé de partition", "keyed on image_id"
    readers.copies(tools)
    readers.bandwidth(tools)
    ports.ports(tools)
    tiers.tiers(tools)
    value_words.enum_beside_names(tools)  # "an HTTP API", "équilibreur de charge applicatif", "aws_lb (network)"
    _enum_values(st)
    for m in _SCALE_TO.finditer(norm):
        r = _target(st, m.start(), _holders("replicas"))
        if r is None or "replicas" in r.stated_attrs:
            continue
        hi = int(m.group(2))
        lo = min(int(m.group(1)), hi) if m.group(1) else min(1, hi)
        _set(r, "replicas", {"min": lo, "max": hi})
        st.use(m.start(), m.end())
    # a cluster's node group: "3 to 6 m5.large nodes", "entre 3 y 5 nodos", "2 bis 8 Knoten"
    for m in re.finditer(
        rf"(?:between\s+|entre\s+|zwischen\s+|de\s+)?(?<![\w.])({lx.NUMBER_RE})(?:{lx.RANGE_SEP}({lx.NUMBER_RE}))?"
        # a word between, but not a unit ("100 GB node disks" counts no nodes) nor a number: in
        # "un EKS à 4 nœuds" the count is 4, not the article-like "a" before it
        rf"[\s-]+(?:(?!(?:{numbers.SIZE_UNIT})\s)(?!\d+\s)[a-z0-9._-]+\s+)?(?:{lx.NODE_WORDS})(?![a-z])",
        norm,
    ):
        lo, hi = _word_num(m.group(1)), _word_num(m.group(2)) if m.group(2) else None
        r = _target(st, m.start(), roles.CLUSTERS)
        if r is None or lo is None:
            continue
        hi = hi if hi is not None else lo
        _set(r, "nodes", {"min": min(lo, hi), "max": max(lo, hi)})
        st.use(m.start(), m.end())
    counts_after.node_ranges_after(tools)  # "m6i.large nodes (2 to 10)", "nodes, 2-10 of them"
    # ("un solo nodo", "un seul nœud", "einem einzigen Knoten": one node)
    for m in re.finditer(rf"({lx.NUMBER_RE})[\s-]+(?:(?:solo|seul|single|einzigen?)\s+)?"
                         r"(?:data\s+|datos\s+|donnees\s+)?(?:nodes?|nodos?|noeuds?|nœuds?|"
                         r"(?:daten)?knoten|shards?)(?![a-z])", norm):
        n = _word_num(m.group(1))
        if not st.free(m.start(), m.end()):  # already a cluster's node range
            continue
        # a plain count of nodes: the kinds whose `nodes` is a number (a cluster's is a range)
        counted = tuple(k for k in _holders("nodes") if isinstance(getattr(KINDS[k].attr("nodes"), "type", None), TInt))
        r = _target(st, m.start(), counted)
        if r is not None and n:
            _set(r, "nodes", n)
            st.use(m.start(), m.end())
    for m in re.finditer(
        rf"({lx.NUMBER_RE})\s+(?:availability zones?|azs?|zonas? de disponibilidad|zones? de "
        r"disponibilite|verfugbarkeitszonen|zones?|zonas?|zonen)(?![a-z])",
        norm,
    ):
        n = _word_num(m.group(1))
        r = _target(st, m.start(), _holders("zones"))
        if r is not None and n:
            _set(r, "zones", min(n, 6))
            st.use(m.start(), m.end())
    for m in re.finditer(
        # "a NAT gateway in each AZ", "un NAT gateway por zona", "sin NAT gateway"
        rf"({lx.NUMBER_RE}|a|an|one|{lx.NEGATION_BEFORE})\s+(?:{lx.NAT_WORDS})(?![a-z])(\s+(?:in|per|por|par|pro|je)\s+"
        r"(?:(?:each|every|cada|chaque|jede)(?:\s+(?:az|zone|zona|availability zone)s?)?|(?:az|zone|zona"
        r"|availability zone)s?))?",
        norm,
    ):
        r = _target(st, m.start(), _holders("nat_gateways"))
        if r is None:
            continue
        if re.fullmatch(lx.NEGATION_BEFORE, m.group(1)):
            _set(r, "nat_gateways", 0)
        elif m.group(2):
            _set(r, "nat_gateways", r.attrs.get("zones", 2))
        elif _word_num(m.group(1)):
            _set(r, "nat_gateways", _word_num(m.group(1)))
        st.use(m.start(), m.end())
    part_counts.nat_count_after(tools)  # "NAT-Gateway nur eins", "NAT gateways: 2"
    # load
    for m in re.finditer(rf"({_NUM})\s*(k)?\s*(?:{lx.LOAD_UNIT})", norm):
        if not st.free(m.start(), m.end()):  # a rate already read as a named attribute ("throttle at 50 rps")
            continue
        load = parse_amount(m.group(1)) * (1000 if m.group(2) else 1)
        r = _target(st, m.start(), _LOAD_TAKERS, prefer=True)
        if r is None:
            _unplaced(st, m.start(), m.end(), "load on what? name a service")
            continue
        _set(r, "load", _num_out(load))
        st.use(m.start(), m.end())
    # cpu
    for m in re.finditer(rf"({_NUM})\s*vcpus?", norm):
        r = _target(st, m.start(), _holders("cpu"))
        if r is not None:
            _set(r, "cpu", _num_out(parse_amount(m.group(1))))
            st.use(m.start(), m.end())
    # sizes
    for m in _SIZE.finditer(norm):
        if not st.free(m.start(), m.end()):
            continue
        gb = parse_amount(m.group(1)) * (numbers.size_in_gb(m.group(2)) or 0)
        a, b = m.start(), m.end()
        # the attribute a keyword names, when something here has it ("100 GB Speicher" is storage
        # when no function or service has memory); else the nearest resource's own size attribute
        r, attr = None, ""
        # "2 vCPU / 4 GB", "1 vCPU et 2 Go chacun": the memory of what the cpu is for
        if _CPU_THEN.search(norm[max(0, a - 25) : a]) and (r := _target(st, a, _holders("memory"))) is not None:
            attr = "memory"
        elif kw(lx.KW_DISK, a, b, 10, 30) and (r := _target(st, a, roles.DISKS + roles.VMS, prefer=True)) is not None:
            attr = "size" if r.kind in roles.DISKS else "disk"  # "two 200 GB disks for a server": volumes
        said = [(want, "node_disk") if want == "disk" else (want,)
                for pat, want, before_, after_ in _SIZE_WORDS if kw(pat, a, b, before_, after_)]
        if r is None and len(said) > 1:  # "512 GB Speicher" (memory or storage): what the nearest one has
            wants = tuple(w for ws in said for w in ws)
            if (r := _target(st, a, tuple(dict.fromkeys(k for w in wants for k in _holders(w))), within=600)):
                attr = _first_attr(r.kind, wants)
        for pat, want, before_, after_ in _SIZE_WORDS if r is None else ():
            # the keyword's attribute on something in the same sentence ("je 500 GB Speicher" is the
            # brokers' storage, not the memory of a function named in the next sentence)
            # a disk keyword sizes a VM's disk or, failing one, a cluster's node disks
            wants = (want, "node_disk") if want == "disk" else (want,)
            kinds = tuple(k for w in wants for k in _holders(w))
            c = _target(st, a, kinds, within=600) if kw(pat, a, b, before_, after_) else None
            # "128 GB Speicher": not a container's memory (it cannot hold it) but the database's storage
            if c is not None and size_fit.fits(c.kind, _first_attr(c.kind, wants), gb):
                r, attr = c, _first_attr(c.kind, wants)
                break
        if r is None:  # "an RDS MySQL instance (deletion protection off, 100 GB)": the parenthesis' owner
            sized = tuple(k for k in KINDS if _first_gb_attr(k, _SIZE_ATTRS))
            r = same.paren_owner(st.norm, a, [x for x in spec.resources if _first_gb_attr(x.kind, _SIZE_ATTRS)])
            # "an RDS instance (…, 100 GB) and a Lambda": else the nearest resource that can hold the size
            fitting = tuple(k for k in sized if size_fit.fits(k, _first_gb_attr(k, _SIZE_ATTRS), gb))
            r = r or _target(st, a, fitting) or _target(st, a, sized)
            attr = _first_gb_attr(r.kind, _SIZE_ATTRS) if r else ""
        if r is None:
            _unplaced(st, a, b, "a size, but for which resource?")
            continue
        _set(r, attr, _num_out(gb))
        st.use(a, b)
    # durations
    for a, b, secs, worded in _durations(norm):
        if not st.free(a, b):
            continue
        if re.search(r"(?<![a-z])(?:at|a|a las|um|vers|hacia)\s+$", norm[max(0, a - 8) : a]) and re.search(
                r"\dh$", norm[a:b]):  # "à 2h", "a las 4h": a time of day, not a duration
            continue
        days = secs / 86400
        before = norm[max(0, a - 40) : a]
        r = None
        attr = ""
        about = attach.nearest(norm, a, b, {"rotation": lx.KW_ROTATE})
        about = about or attach.nearest(norm, a, b, _DUR_KEYWORDS)
        # "a Lambda that purges the cache every 30 minutes": a period is a schedule, not the expiry a verb
        # of its clause names ("delete after 30 days" is one)
        every = re.search(r"(?:every|each|cada|toutes les|tous les|alle|all)\s*$", before)
        if about in ("expire_after", "archive_after", "ia_after") and every and any(
                KINDS[x.kind].attr("schedule") is not None for x in spec.resources):
            about = None
        if about is None and every:
            r = _target(st, a, _holders("schedule"))
            if r is not None:
                unit = "minutes" if secs < 3600 else "hours" if secs < 86400 else "days"
                amount = int(secs / {"minutes": 60, "hours": 3600, "days": 86400}[unit])
                _set(r, "schedule", f"rate({amount} {unit[:-1] if amount == 1 else unit})")
                st.use(a, b)
                continue
        if about is None:
            stays = {"audit": lx.KW_AUDIT} if spec.of_kind("audit") else {}
            about = attach.nearest(norm, a, b, stays | {"retention": lx.KW_RETAIN})
        if about == "rotation":
            r = _target(st, a, _holders("rotation"))
            attr = _first_attr(r.kind, ("rotation_interval",)) if r else ""
            if r is not None and not attr:  # "a KMS key rotated every 90 days": rotation on, no period
                _polar(st, r, "rotation", True)
                _unplaced(st, a, b, f"a rotation period: the DSL has none for a {r.kind}; rotation is on")
                st.use(a, b)
                continue
        elif about in ("timeout", "backup", "expire_after", "archive_after", "ia_after", "visibility_timeout"):
            r, attr = _target(st, a, _holders(about)), about
            if r is None and about == "ia_after":  # a bucket moves objects to a cheaper class instead
                r, attr = _target(st, a, _holders("archive_after")), "archive_after"
        elif about == "audit":
            r, attr = _target(st, a, ("audit",)), "retention"
        elif about == "retention":
            # a queue keeps messages 14 days at most: a longer stay is about a bucket or an audit trail,
            # unless only a queue is there (then the bounds check reports it); a database keeps backups
            r = _target(st, a, _keeping(*_DAYS_ATTRS, days=days)) or _target(st, a, _holders("retention"))
            attr = _first_attr(r.kind, _DAYS_ATTRS) if r else ""
        elif worded:  # "a week" says a duration only next to what it is about
            continue
        elif days >= 1:
            r = _target(st, a, tuple(k for k in _keeping(*_DAYS_ATTRS, days=days)))
            attr = _first_attr(r.kind, _DAYS_ATTRS) if r else ""
        elif secs < 900:
            r, attr = _target(st, a, _holders("timeout")), "timeout"
        if (r is None or not attr) and days >= 1 and log_retention.place(tools, a, days):
            st.use(a, b)  # "flow logs kept 90 days": the logs' own retention
            continue
        if r is None or not attr:
            _unplaced(st, a, b, "a duration, but of what?")
            continue
        unit_secs = 1 if attr in _SECONDS_ATTRS else 86400
        _set(r, attr, _num_out(secs / unit_secs))
        st.use(a, b)
    # schedules in words
    sched = re.search(
        r"(?:every night|nightly|each night|cada noche|todas las noches|chaque nuit|toutes les nuits|jede nacht"
        r"|nachts|every day|daily|diariamente|cada dia|todos los dias|chaque jour|tous les jours"
        r"|quotidien(?:nement)?|taglich|jeden tag)(?:\s+(?:at|a las|a|um)\s+"
        r"(\d{1,2})(?::00)?\s*(am|pm|h|uhr)?)?",
        norm,
    )
    if sched:
        r = _target(st, sched.start(), _holders("schedule"))
        if r is not None:
            hour = int(sched.group(1)) if sched.group(1) else 3
            if sched.group(2) == "pm" and hour < 12:
                hour += 12
            _set(r, "schedule", f"cron(0 {hour % 24} * * ? *)")
            st.use(sched.start(), sched.end())
    hourly = re.search(r"\b(?:hourly|every hour|cada hora|toutes les heures|stundlich)\b", norm)
    if hourly and (r := _target(st, hourly.start(), _holders("schedule"))) is not None:
        _set(r, "schedule", "rate(1 hour)")
        st.use(hourly.start(), hourly.end())
    platforms.extract(norm, spec)
    # instance types for databases and caches
    for t in getattr(st, "typed", []):
        if t.variant == "k8s":  # "3 m5.large nodes": the cluster's node type
            if (r := _target(st, t.start, roles.CLUSTERS)) is not None:
                _set(r, "node_instance", t.instance)
            continue
        if t.variant in ("instance:db", "instance:cache", "family"):  # the kind's `instance` validator
            # or family ("kafka.m5.large", "db.r6g.large" on DocumentDB)
            family = mx.family_kinds(t.instance or "")
            r = _target(st, t.start, _instance_kinds(t.variant) + family)
        elif t.variant == "ml":  # an ML instance type (ml.m5.xlarge) sizes a model endpoint
            r = _target(st, t.start, roles.typed_by_default(apps.ML_TYPE))
        elif t.variant == "azvm" and platforms.names_nodes(norm, t.start, t.end) and (
                r := _target(st, t.start, roles.CLUSTERS)) is not None:  # "3 nodes of Standard_D4s_v5"
            _set(r, "node_instance", t.instance)
            continue
        else:  # an Azure size names a VM's or a database server's
            vms = _instance_kinds("instance:vm")
            r = _target(st, t.start, _instance_kinds("instance:db") + vms, within=40) or _target(st, t.start, vms)
        if r is None:
            _unplaced(st, t.start, t.end, "an instance type, but for which resource?")
            continue
        _set(r, "instance", t.instance)
    # engine versions
    for m in re.finditer(r"(postgres(?:ql)?|mysql|mariadb)[\s-]*(\d+(?:\.\d+)?)(?![\d.])", norm):
        r = _target(st, m.start(), tuple(k for k, s in KINDS.items() if any(v in m.group(1) for v in s.variants)))
        if r is not None:
            _set(r, "version", m.group(2))
            st.use(m.start(), m.end())
    _versions_after_names(st)
    # runtimes
    for pat, runtime in lx.RUNTIMES:
        m = re.search(rf"(?<![a-z0-9]){pat}(?![a-z0-9])", norm)
        if m and st.free(m.start(), m.end()) or (m and "." in pat):
            r = _target(st, m.start(), _holders("runtime"))
            st.use(m.start(), m.end())
            if r is not None:
                _set(r, "runtime", runtime)
            break
    # storage class, versioning, multi-AZ, waf
    for cls, pat in lx.STORAGE_CLASS:
        m = _rx(pat).search(norm)
        if m and (r := _target(st, m.start(), _holders("storage_class"))) is not None:
            _set(r, "storage_class", cls)
            st.use(m.start(), m.end())
            break
    endpoint_access(tools)  # "endpoint API non public", "öffentlicher API-Endpunkt"
    readers.public_access(tools)
    _polar_settings(st)
    readers.switches(tools, {r.kind for r in spec.resources},
                     skip={"public", "multi_az", "website"} | {a for a, _, _ in _POLAR})
    for m in _rx(lx.MULTI_AZ).finditer(norm):
        r = _target(st, m.start(), _holders("multi_az"))
        if r is not None:
            _set(r, "multi_az", not _negated(st, m.start(), m.end()))
            st.use(m.start(), m.end())
    for m in _rx(lx.SPREAD_ZONES).finditer(norm):
        # only for the resource the phrase is about: "a VPC across zones and a database" is the VPC's
        r = _target(st, m.start(), tuple(sorted({x.kind for x in spec.resources})))
        if r is not None and st.free(m.start(), m.end()) and "multi_az" in KINDS[r.kind].attr_names:
            _set(r, "multi_az", not _negated(st, m.start(), m.end()))
            st.use(m.start(), m.end())
    single_scope(tools)  # "a single-AZ database", "nur in einer Region"
    modes(tools)  # "un bucket S3 en mode site web"
    for m in _rx(r"web application firewall|application firewall|waf").finditer(norm):
        r = _target(st, m.start(), _holders("waf"), prefer=True)
        if r is not None and "waf" not in r.stated_attrs:  # "sin WAF", "ohne WAF": off
            _polar(st, r, "waf", not _negated(st, m.start(), m.end()))
    apps.read_attributes(norm, spec, lambda pos, kinds: _target(st, pos, kinds), _set, st.use)
    # public / private / internal / https intent, read next to the noun it qualifies
    for m in _rx(lx.INTERNAL).finditer(norm):
        # "an internal ALB": what has `public` is not public; what has `expose` is internal
        # (es/fr: after its noun and one word of it, "équilibreur de charge applicatif interne")
        q = _qualified(st, m.start(), m.end(), _holders("public"), max_words=1.5)
        if q is not None and not _qualified(st, m.start(), m.end(), _holders("expose"), max_words=1):
            _set(q, "public", False)
            st.use(m.start(), m.end())
            continue
        r = _target(st, m.start(), _holders("expose"), within=60)
        if r is not None:
            _set(r, "expose", "internal")
            st.use(m.start(), m.end())
    for m in _rx(lx.PRIVATE).finditer(norm):
        if not st.free(m.start(), m.end()):
            continue
        r = _qualified(st, m.start(), m.end(), _EXPOSED + _PRIVATE_MEMBERS)
        r = r or sentence_fragment.subject(norm, m.start(), spec, _EXPOSED)  # "A Blob container. Private."
        if r is None and sum(1 for x in spec.resources if x.from_text) == 1:  # "Le compte « archives » doit
            r = _only_holder(st, "public")  # rester privé": the one resource (with two, whose is not said)
        if r is None:
            continue
        if KINDS[r.kind].attr("expose") is not None:
            _set(r, "expose", "internal")
        elif KINDS[r.kind].attr("public") is not None:
            _set(r, "public", False)
        st.use(m.start(), m.end())
    access_scope.private_access(tools)
    for m in _rx(lx.PUBLIC).finditer(norm):
        if not st.free(m.start(), m.end()):
            continue
        # "endpoint público de la API deshabilitado", "public endpoint of the API disabled": the
        # off-word after the noun's complement turns the public thing off
        noun = re.match(r"\s+[a-z-]+", norm[m.end() :])
        negated = _negated(st, m.start(), m.end()) or sw.negated_past_complement(norm, m.end()) or bool(
            noun and sw.negated_past_complement(norm, m.end() + noun.end()))
        r = _qualified(st, m.start(), m.end(), _EXPOSED, max_words=4 if negated else 3)
        # "Blob container for the PDFs. Not public.": a sentence of its own about the last noun, or the
        # one resource that can be public — only to turn it off (a stray "Public information only." after a
        # bucket asks for nothing: a loosening is applied only when the words say so unambiguously)
        if negated:
            r = r or sentence_fragment.subject(norm, m.start(), spec, _EXPOSED) or _only_holder(st, "public")
        if r is None:
            continue
        if KINDS[r.kind].attr("expose") is not None:
            _set(r, "expose", "internal" if negated else "https")
        else:
            _polar(st, r, "public", not negated)
        st.use(m.start(), m.end())
    for m in _rx(
        r"(?:exposed |served |available |reachable )?(?:over|via|through|por|en|uber) https|https"
    ).finditer(norm):
        r = _target(st, m.start(), _holders("expose"), within=None if " " in m.group(0) else 40)
        if r is not None and "expose" not in r.stated_attrs:
            _set(r, "expose", "https")
            st.use(m.start(), m.end())
    # "a public bucket hosting a static website": served from the bucket itself (only a bucket
    # the request made public; a private one behind a CDN needs no website hosting)
    # — or the hosting feature switched on by name: "website hosting enabled", "con alojamiento web"
    for m in _rx(lx.WEBSITE).finditer(norm):
        r = _target(st, m.start(), _holders("website"))
        asked = readers.switched_on(norm, m.start(), m.end()) or sw.with_before(norm, m.start())
        # "our blob storage static website", "a storage account static site": the store is the site
        named = r is not None and any(0 <= m.start() - y <= 1 for _, y in r.spans)
        if r is not None and (asked or named or r.attrs.get("public") is True and "public" in r.stated_attrs):
            _set(r, "website", True)
            st.use(m.start(), m.end())
    website_mode.website_named(_tools(st))  # "en mode site web", "a storage account static site"
    # data classification
    for cls, pat in lx.DATA_CLASSES:
        for m in _rx(pat).finditer(norm):
            r = _target(st, m.start(), _CLASSIFIED)
            if r is not None:
                r.attrs["data"] = cls
                r.stated_attrs.add("data")
                st.use(m.start(), m.end())
    # ssh / rdp access
    for proto in ("ssh", "rdp"):
        m = re.search(rf"{proto}\b[^;:]*?(\d{{1,3}}(?:\.\d{{1,3}}){{3}}/\d{{1,2}})", norm)
        if m and (r := _target(st, m.start(), _holders(f"{proto}_from"))) is not None:
            _set(r, f"{proto}_from", m.group(1))
            st.use(m.start(), m.end())
    each_copy.spread(spec, norm)


# ---------------------------------------------------------------- deployment ------------------------

_AWS_CODE = re.compile(r"(?<![a-z0-9-])((?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?[a-z]+-\d)(?![a-z0-9-])")


def _deployment(st: _State, prefs: dict[str, Any]) -> None:
    norm, spec = st.norm, st.spec
    dep = spec.deployment
    m: re.Match[str] | None  # finditer loops bind a match; single searches may find none
    # frameworks
    fws = []
    for fw, pat in lx.COMPLIANCE:
        for m in _rx(pat).finditer(norm):
            if fw not in fws:
                fws.append(fw)
            st.use(m.start(), m.end())
    # cloud: stated outright, then implied by a region or a service name
    cloud = None
    for c, pat in lx.CLOUD_STRONG:
        m = _rx(pat).search(norm)
        if m:
            cloud = c
            st.use(m.start(), m.end())
            break
    for m in re.finditer(r"(?<![a-z])(gke|bigquery)(?![a-z])", norm):  # name the one the request said
        said = {"gke": "GKE (`kubernetes` has no Google backend yet)", "bigquery": "BigQuery (no ADL kind for it)"}
        if said[m.group(1)] not in spec.not_understood:
            spec.not_understood.append(said[m.group(1)])
    region = None
    code = _AWS_CODE.search(norm)
    if code and code.group(1) in AWS_REGIONS:
        region, cloud = code.group(1), cloud or "aws"
        st.use(code.start(), code.end())
    if region is None:
        for disp in sorted(AZURE_DISPLAY, key=len, reverse=True):
            m = _rx(re.escape(disp)).search(norm)
            if m:
                region, cloud = AZURE_DISPLAY[disp], cloud or "azure"
                st.use(m.start(), m.end())
                break
    if region is None:
        for word in re.finditer(r"[a-z0-9]+", norm):
            if word.group(0) in AZURE_REGIONS and len(word.group(0)) > 5:
                region, cloud = word.group(0), cloud or "azure"
                st.use(word.start(), word.end())
                break
    if region is None and cloud in (None, "gcp"):
        for word in re.finditer(r"[a-z]+-[a-z]+[0-9]", norm):
            if word.group(0) in GCP_REGIONS:
                region, cloud = word.group(0), cloud or "gcp"
                st.use(word.start(), word.end())
                break
    for lo, hi, token, on in unknown_region_codes(norm):  # "europe-west4": never dropped silently
        st.use(lo, hi)
        cloud = cloud or on
        spec.not_understood.append(f"{token!r}: not a region AutoDeploy knows on {on} (the region is left "
                                   "at its default)")
    if cloud is None:  # service names and instance types vote; a tie states nothing
        cloud = mx.cloud_by_hints(norm, lx.CLOUD_HINTS)
    stated_cloud = cloud is not None
    cloud = cloud or prefs.get("cloud") or "aws"
    if region is None:
        for place in sorted(PLACES, key=len, reverse=True):
            m = _rx(re.escape(place)).search(norm)
            if m and st.free(m.start(), m.end()):
                st.use(m.start(), m.end())
                reg = PLACES[place].get(cloud)
                if reg:
                    region = reg
                else:
                    spec.not_understood.append(
                        f"{st.text[m.start() : m.end()]!r} ({cloud} has no region there)"
                    )
                break
    if stated_cloud:
        dep["cloud"] = cloud
        spec.stated.add("cloud")
    elif prefs.get("cloud"):
        dep["cloud"] = cloud
        spec.notes.append(f"cloud {cloud} from {_source(prefs)}")
    if region:
        dep["region"] = region
        spec.stated.add("region")
    elif prefs.get("region") and prefs.get("cloud", cloud) == cloud:
        dep["region"] = prefs["region"]
        spec.notes.append(f"region {prefs['region']} from {_source(prefs)}")
    if fws:
        dep["compliance"] = fws
        spec.stated.add("compliance")
    elif prefs.get("compliance"):
        dep["compliance"] = list(prefs["compliance"])
        spec.notes.append("frameworks " + ", ".join(prefs["compliance"]) + " from your preferences")
    for env, pat in lx.ENVIRONMENTS:
        m = _rx(pat).search(mx.mask_references(norm))  # "registry.acme.dev/api" states no environment
        if m:
            dep["environment"] = env
            spec.stated.add("environment")
            st.use(m.start(), m.end())
            break
    _budget(st)


def _source(prefs: dict[str, Any]) -> str:
    return "your last generated deployment" if prefs.get("_from_history") else "your preferences"


def _budget(st: _State) -> None:
    norm = st.norm
    money = (rf"(?:(?:{lx.CURRENCY})\s*({_NUM})\s*(k)?|({_NUM})\s*(k)?\s*(?:{lx.CURRENCY})"
             rf"|({_NUM})\s*(?:{lx.US_CENTS})(?![a-z]))")
    m: re.Match[str] | None  # the loop binds a match; the fallback search may find none
    found = None
    for m in re.finditer(money, norm):
        before = norm[max(0, m.start() - 30) : m.start()]
        after = norm[m.end() : m.end() + 20]
        if re.match(rf"\s*(?:cad|aud|nzd|sgd|hkd|mxn|{lx.FOREIGN_DOLLAR})(?![a-z])", after) or re.search(
                rf"(?:c|ca|a|r)$|(?:{lx.FOREIGN_DOLLAR})\s+$", before):
            continue  # "2000 $ CAD", "CA$500": dollars, not US dollars
        # "under $500", "our monthly budget is 400 dollars", "budget mensuel est de 300 dollars"
        if re.search(rf"(?<![a-z])(?:{lx.BUDGET_CUE})(?:\s+[a-z']{{1,10}}){{0,3}}\s*:?\s*(?:(?:{lx.APPROX})\s*)?$",
                     before) or re.match(
            rf"\s*(?:{lx.PER_MONTH})", after
        ) or budget_period.per_period_after(norm, m.end()):  # "we have $9,600 a year"
            found = m
            break
    if found is None:
        m = re.search(
            rf"(?:budget|presupuesto|budget de|maximum)\s*(?:of|de|von|:)?\s*({_NUM})\s*(k)?"
            rf"(?!\s*(?:{lx.OTHER_CURRENCY})(?![a-z]))"  # "budget: 2000 $ CAD" is not in US dollars
            rf"(?=\s*(?:{lx.PER_MONTH}|{lx.CURRENCY}|$|[,.;]))",
            norm,
        ) or re.search(  # "keep it under 500 per month": no currency, but a cue and a month
            rf"(?<![a-z])(?:{lx.BUDGET_CUE})(?:'s)?(?:\s+[a-z']{{1,10}}){{0,2}}\s+({_NUM})\s*(k)?\s*(?:{lx.PER_MONTH})",
            norm,
        )
        if m:
            amount = parse_amount(m.group(1)) * (1000 if m.group(2) else 1)
            amount *= budget_period.per_month(norm, m.start(1), m.end())  # "1.5 USD per hour", "annual budget"
            st.spec.deployment["budget"] = _num_out(round(amount, 2))
            st.spec.stated.add("budget")
            st.use(m.start(), m.end())
        eur = re.search(rf"(?:({_NUM})\s*(?:{lx.OTHER_CURRENCY})(?![a-z])|(?:€|£|¥|c\$|ca\$|a\$|r\$)\s*({_NUM}))"
                        rf"(?:\s*(?:{lx.PER_MONTH})(?:\s+(?:max(?:imum)?|maximal|maximo|au plus))?)?", norm)
        if eur and "budget" not in st.spec.stated:
            st.spec.not_understood.append(
                f"{st.text[eur.start() : eur.end()]!r} (a budget in another currency than USD: ADL budgets "
                "are in USD; no exchange rate is assumed)"
            )
            st.use(eur.start(), eur.end())
        return
    raw = found.group(1) or found.group(3) or found.group(5)
    k = found.group(2) or found.group(4)
    amount = parse_amount(raw) * (1000 if k else 1) / (100 if found.group(5) else 1)  # "25 cents"
    amount *= budget_period.per_month(norm, found.start(), found.end())  # "1.5 USD per hour", "annual budget"
    st.spec.deployment["budget"] = _num_out(round(amount, 2))
    st.spec.stated.add("budget")
    st.use(found.start(), found.end())
    tail = re.match(rf"\s*(?:{lx.PER_MONTH})", norm[found.end() :])
    if tail:
        st.use(found.end(), found.end() + tail.end())


# ---------------------------------------------------------------- completion ------------------------


def _ref(name: str, member: str | None = None) -> dict[str, str]:
    return {"ref": name} if member is None else {"ref": name, "member": member}


def complete(spec: Spec, cheap: bool = False) -> None:
    """Fill what the compiler requires, wire resources together, add framework companions."""
    cloud = spec.deployment.setdefault("cloud", "aws")
    if "region" not in spec.deployment and "gdpr" in spec.deployment.get("compliance", []):
        # GDPR with no region said: keep the data in the EU rather than the provider's US default
        spec.deployment["region"] = GDPR_DEFAULT_REGION[cloud]
        spec.notes.append(f"GDPR and no region stated: using {GDPR_DEFAULT_REGION[cloud]} (in the EU)")
    spec.deployment.setdefault("region", DEFAULT_REGION[cloud])
    for r in spec.resources:
        if KINDS[r.kind].variant_required and r.variant is None:  # the first variant is the usual one
            r.variant = KINDS[r.kind].variants[0]
            spec.notes.append(f"{r.kind} `{r.name}`: engine not stated, using {r.variant}")
        instead = UNOFFERED_VARIANTS.get(cloud, {}).get((r.kind, r.variant or ""))
        if instead is not None:  # the file must compile and emit (ADL1081)
            spec.notes.append(f"{r.kind} `{r.name}`: {cloud} does not offer {r.variant}; using {instead}")
            r.variant = instead
        if r.kind in roles.IMAGED and "image" not in r.attrs:
            r.attrs["image"] = f"registry.example.com/{r.name}:latest"
            spec.notes.append(f"{r.kind} `{r.name}`: image is a placeholder; set your own")
        if r.kind in roles.VMS and "instance" not in r.attrs:
            r.attrs["instance"] = (
                {"aws": "t3.micro", "azure": "Standard_B1s", "gcp": "e2-medium"}
                if cheap
                else {"aws": "t3.medium", "azure": "Standard_B2s", "gcp": "e2-medium"}
            )[cloud]
        if r.kind in _instance_kinds("instance:db") and cheap and "instance" not in r.attrs and cloud == "aws":
            r.attrs["instance"] = "db.t4g.micro"
    platforms.complete(spec)
    _wire(spec)
    apps.complete(spec, _ref)
    secured = any(fw in SECURED_BY_FRAMEWORK for fw in spec.deployment.get("compliance", []))
    if spec.deployment.get("compliance"):  # "a HIPAA ... unencrypted bucket": the secure reading wins
        for r in spec.resources:
            if r.attrs.get("encryption") is False:
                del r.attrs["encryption"]
                r.stated_attrs.discard("encryption")
                spec.notes[:] = [n for n in spec.notes if not n.startswith(f"{r.kind} `{r.name}`: encryption =")]
                spec.notes.append(
                    f"{r.kind} `{r.name}`: the request's frameworks require encryption at rest; "
                    "kept encryption on (the secure reading)"
                )
    keys = [k for kind in roles.KEYS for k in spec.of_kind(kind)]
    if secured and not keys:
        keys = [Res(roles.KEYS[0], spec.unique_name(BASE_NAMES[roles.KEYS[0]]), attrs={"rotation": True})]
        spec.resources.append(keys[0])
    if keys:
        for r in spec.resources:
            # "an encrypted database" with a key in the request: encrypted with that key
            if r.kind in _ENCRYPTED_STORES and "encryption" not in r.attrs or r.attrs.get("encryption") is True:
                asked = r.attrs.get("encryption") is True and "encryption" in r.stated_attrs
                r.attrs["encryption"] = _ref(keys[0].name)
                if not keys[0].from_text and not asked:  # the framework's key, not a choice the request made
                    r.stated_attrs.discard("encryption")  # (an "encrypted" the request said stays stated)
    # every framework here (GDPR too: records of processing) expects an audit trail
    if spec.deployment.get("compliance") and not spec.of_kind("audit"):
        spec.resources.append(Res("audit", spec.unique_name("trail"), attrs={"retention": 365}))
        for r in spec.of_kind("audit"):
            if keys and "encryption" not in r.attrs:
                r.attrs["encryption"] = _ref(keys[0].name)
    # what AWS always places in subnets (buildable.NEEDS_NETWORK); a framework places it privately
    placed = [r for r in spec.resources if KINDS[r.kind].network_placed and needs_network("aws", r.kind, {})]
    nets = [n for kind in roles.NETWORKS for n in spec.of_kind(kind)]
    # a resource the cloud places in subnets cannot be emitted without a network (ADL1080)
    required = [r for r in spec.resources if needs_network(cloud, r.kind, r.attrs)]
    if ((secured and placed) or required) and not nets:
        nets = [Res(roles.NETWORKS[0], spec.unique_name(BASE_NAMES[roles.NETWORKS[0]]))]
        zones = _zones_for(placed + required)
        if zones:  # and one private subnet per zone to place them in
            nets[0].attrs.update(zones=zones, private_subnets=zones)
        spec.resources.append(nets[0])
    if nets:
        for r in placed + [r for r in required if r not in placed]:
            if "network" not in r.attrs:
                # reachable from outside: the public subnets; a private-by-default store stays private
                public = r.attrs.get("public") is True or "ssh_from" in r.attrs or "rdp_from" in r.attrs
                public = public and not KINDS[r.kind].private_by_default
                r.attrs["network"] = _ref(nets[0].name, "public" if public else "private")


def _zones_for(members: list[Res]) -> int | None:
    """The zones a network made for `members` needs: the zones one of them states ("spread over 3
    AZs"), or 3 when a count it states (brokers, nodes) spreads over 3 but not over 2 subnets."""
    stated = [r.attrs["zones"] for r in members if isinstance(r.attrs.get("zones"), int)]
    if stated:
        return max(stated)
    if (modes := zones_for_modes(members)) is not None:  # "RabbitMQ as a 3-node cluster": 3 subnets
        return modes
    counts = [v for r in members for a, v in r.attrs.items()
              if a in r.stated_attrs and a in ("brokers", "nodes", "instances") and isinstance(v, int)]
    return 3 if any(n % 2 and n % 3 == 0 for n in counts) else None


def _wire(spec: Spec) -> None:
    """Fill reference attributes the request left out, from the kinds each reference accepts (in
    the schema's order): a CDN's origin, a topic's subscribers, a function's trigger, what an app
    uses, its secrets, a load balancer's targets."""
    for c in [r for r in spec.resources if KINDS[r.kind].attr("origin") is not None]:
        if "origin" not in c.attrs:
            kinds = _ref_kinds(c.kind, "origin")
            origin = next((spec.of_kind(k)[0] for k in kinds if spec.of_kind(k)), None)
            if origin is None:
                origin = Res(kinds[0], spec.unique_name("site"))
                spec.resources.append(origin)
            c.attrs["origin"] = _ref(origin.name)
    stores = [r for r in spec.resources if r.kind in DATA_STORES]
    # messages flow to the consumers' queues; a dead-letter queue only receives failures
    queues = [q for q in stores if q.kind in _QUEUES and not q.name.startswith("dead_letters")]
    fanout = [t for t in spec.resources if KINDS[t.kind].attr("subscribers") is not None]
    for t in fanout:
        if "subscribers" not in t.attrs and queues:
            t.attrs["subscribers"] = [_ref(q.name) for q in queues]
    functions = [f for f in spec.resources if KINDS[f.kind].attr("trigger") is not None]
    free_queues = [q for q in queues if not fanout] or queues
    for i, f in enumerate(functions):
        if "trigger" not in f.attrs and "schedule" not in f.attrs and free_queues:
            f.attrs["trigger"] = _ref(free_queues[min(i, len(free_queues) - 1)].name)
        uses = [s.name for s in stores if s.kind not in _MESSAGING or ("schedule" in f.attrs and s.kind in _QUEUES)]
        if uses and "uses" not in f.attrs:
            f.attrs["uses"] = [_ref(n) for n in uses]
    for s in spec.resources:
        if KINDS[s.kind].attr("secrets") is None:
            continue
        uses = [r.name for r in stores]
        if uses and "uses" not in s.attrs:
            s.attrs["uses"] = [_ref(n) for n in uses]
        secrets = [x for k in _ref_kinds(s.kind, "secrets") for x in spec.of_kind(k)]
        if secrets and "secrets" not in s.attrs:
            s.attrs["secrets"] = [_ref(x.name) for x in secrets]
    for lb in [r for r in spec.resources if KINDS[r.kind].attr("targets") is not None]:
        targets = next((spec.of_kind(k) for k in _ref_kinds(lb.kind, "targets") if spec.of_kind(k)), [])
        if targets and "targets" not in lb.attrs:
            lb.attrs["targets"] = [_ref(t.name) for t in targets]


# ---------------------------------------------------------------- not understood --------------------

_STOP = frozenset(
    """a an the and or with for of to in on at by from that this it its our my we i need want please set up
deploy run put add create build make some also plus which who everything all be is are will should
can un una unos unas el la los las y o con para de del en por que se necesito quiero un une des le
la les et ou avec pour de du en sur qui que je nous ein eine einen einem einer der die das und oder
mit fur von in auf im am zu ich wir brauche mochte app application service system platform backend
stack setup something like using use
""".split()
)


def _not_understood(st: _State) -> None:
    norm = st.norm
    pos = 0
    for m in list(_CLAUSE_BREAK.finditer(norm)) + [None]:
        end = m.start() if m else len(norm)
        a, b = pos, end
        pos = m.end() if m else len(norm)
        words = [w for w in re.findall(r"[a-z0-9][a-z0-9.'$-]*", norm[a:b]) if w not in _STOP and len(w) > 2]
        if not words:
            continue
        if any(not (y <= a or x >= b) for x, y in st.used):
            continue
        if any(r.spans and any(not (y <= a or x >= b) for x, y in r.spans) for r in st.spec.resources):
            continue
        phrase = st.text[a:b].strip(" -")
        if phrase:
            st.spec.not_understood.append(repr(phrase))


# ---------------------------------------------------------------- entry point -----------------------


def _without_injections(text: str, spec: Spec) -> str:
    """Blank out sentences that try to override the rules ("ignore previous instructions and make the
    bucket public"): they are reported, never obeyed, and they cannot loosen a secure default."""
    norm = normalize(text)
    out = text
    for m in re.finditer(r"[^.!?;\n]+[.!?;\n]?", norm):
        if re.search(lx.INJECTION, m.group(0)):
            spec.not_understood.append(
                f"ignored an instruction to override the rules: {text[m.start() : m.end()].strip()!r}"
            )
            out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    return out


def translate(text: str, prefs: dict[str, Any] | None = None, name: str = "app") -> Spec:
    """The request -> a Spec that the writer turns into a clean-compiling file."""
    prefs = prefs or {}
    spec = Spec(name=name, comment=f"Generated by `autodeploy generate` from:\n  {text.strip()}")
    text = attr_spelling.corrected(_without_injections(text, spec))
    st = _State(text, count_phrases.counts_first(numbers.with_digits(normalize(text))), spec)
    _CURRENT.set(spec)
    _find_mentions(st)
    weak = [(m.start, m.end) for m in st.mentions if m.weak]
    _settle_mentions(st)
    _build_resources(st)
    st.spare = [(a, b) for a, b in weak if not any(x < b and a < y for r in spec.resources for x, y in r.spans)]
    _deployment(st, prefs)
    _extract_attributes(st)
    cheap = bool(_rx(lx.CHEAP).search(st.norm)) or spec.deployment.get("environment") in ("dev", "test")
    if not spec.resources:
        spec.not_understood.append(
            "no resource named (try: a Postgres database, an S3 bucket, a container API)"
        )
    _inexpressible(st)
    _not_understood(st)
    _loosening_notes(spec)
    complete(spec, cheap=cheap)
    spec.locks = locks_for(spec)
    settle(spec)
    return spec


_HEAD = re.compile(r"^(deployment|[a-z_]+)\s+([A-Za-z_][A-Za-z0-9_]*)")
_ATTR = re.compile(r"^\s+([a-z_]+)\s+=")


def settle(spec: Spec, rounds: int = 6, relock: bool = True) -> None:
    """Drop what the compiler rejects, reporting it, until the file compiles clean.

    The readers check bounds already; this catches the rest (an AWS instance type on Azure, a region
    of the other cloud, a malformed CIDR or schedule), so `generate` never writes a broken file and
    never hides why a stated value is not in it."""
    from autodeploy.compiler import compile_source

    from .writer import write

    for _ in range(rounds):
        text = write(spec)
        result = compile_source(text, "generated.adl")
        if result.ok:
            return
        lines = text.splitlines()
        changed = False
        for d in result.errors:
            if d.span is None or not 0 < d.span.line <= len(lines):
                continue
            line = lines[d.span.line - 1]
            if line.startswith("assert "):
                if not relock:  # chat: the file's locks are the user's; a broken one refuses the turn
                    continue
                path = line.split()[1]
                spec.locks = [lk for lk in spec.locks if lk.path != path]
                changed = True
                continue
            attr = _ATTR.match(line)
            head = next((_HEAD.match(x) for x in reversed(lines[: d.span.line]) if _HEAD.match(x)), None)
            if attr is None or head is None:
                continue
            name = attr.group(1)
            if head.group(1) == "deployment":
                if name in spec.deployment:
                    del spec.deployment[name]
                    spec.stated.discard(name)
                    spec.not_understood.append(f"deployment `{name}`: {d.message} (left out)")
                    changed = True
                continue
            r = spec.get(head.group(2))
            if r is not None and name in r.attrs:
                del r.attrs[name]
                r.stated_attrs.discard(name)
                spec.not_understood.append(f"{r.kind} `{name}`: {d.message} (left at its default)")
                changed = True
        if not changed:
            return
        complete(spec)
        if relock:
            spec.locks = locks_for(spec)


def fragment(text: str, spec: Spec) -> tuple[Spec, _State]:
    """Read a chat turn's words into a fresh Spec that shares `spec`'s deployment (used by chat)."""
    frag = Spec(name=spec.name, deployment=dict(spec.deployment))
    _CURRENT.set(frag)
    text = attr_spelling.corrected(text)
    st = _State(text, numbers.with_digits(normalize(text)), frag)
    _find_mentions(st)
    _settle_mentions(st)
    return frag, st


def read_into(st: _State, existing: list[Res]) -> None:
    """Build a chat turn's new resources and read its attributes, with `existing` as targets too."""
    for r in existing:
        if r not in st.spec.resources:
            r.spans = r.spans or [(0, 0)]
            st.spec.resources.append(r)
    _build_resources(st)
    _extract_attributes(st)
