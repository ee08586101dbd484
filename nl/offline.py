"""The offline translator: a request in English, Spanish, French or German -> a Spec.

Deterministic and local (no network, no key). It reads kinds from their usual names, numbers,
sizes and durations, places and regions, clouds, frameworks, budgets, load and public/private
intent; then completes the Spec with secure defaults and the companions frameworks imply, and
states what it did not understand instead of dropping it.
"""

from __future__ import annotations

import contextvars
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from autodeploy.compiler.buildable import UNOFFERED_VARIANTS, needs_network
from autodeploy.compiler.kinds import KINDS, kinds_with
from autodeploy.compiler.regions import AWS_REGIONS, AZURE_REGIONS, DEFAULT_REGION, GCP_REGIONS
from autodeploy.compiler.schema import TQty
from autodeploy.compiler.units import clean_number
from autodeploy.compiler.values import name_rule_broken

from . import lexicon as lx
from . import polarity
from .locks import locks_for
from .model import Res, Spec
from .regions_nl import AZURE_DISPLAY, PLACES

DATA_STORES = ("bucket", "database", "table", "cache", "queue", "topic")
SECURED_BY_FRAMEWORK = ("hipaa", "pci_dss", "soc2")
GDPR_DEFAULT_REGION = {"aws": "eu-west-1", "azure": "westeurope", "gcp": "europe-west1"}
BASE_NAMES = {k.name: k.nl.base for k in KINDS.values() if k.nl is not None}
# data stores whose encryption follows the deployment's customer-managed key
_ENCRYPTED_STORES = kinds_with("encryptable", "stores_data")
SINGLETONS = frozenset(k.name for k in KINDS.values() if k.nl is not None and k.nl.singleton)
_SEPARATORS = re.compile(r"[;:.!?\n]")
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


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9_])(?:{pattern})(?![a-z0-9_])")


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


@dataclass
class _State:
    text: str
    norm: str
    spec: Spec
    used: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def use(self, a: int, b: int) -> None:
        self.used.append((a, b))

    def free(self, a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in self.used)


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
    return lx.NUMBER_WORDS.get(tok)


# ---------------------------------------------------------------- mentions --------------------------

_MENTION_RX = [(k, v, _rx(p), w) for k, v, p, w in lx.MENTIONS]
_VM_TYPE = re.compile(lx.VM_TYPE)
_AZ_VM_TYPE = re.compile(lx.AZURE_VM_TYPE)
_DB_TYPE = re.compile(lx.DB_TYPE)
_CACHE_TYPE = re.compile(lx.CACHE_TYPE)


def _find_mentions(st: _State) -> None:
    norm = st.norm
    masked = norm
    typed: list[Mention] = []
    for rx, what in ((_DB_TYPE, "db"), (_CACHE_TYPE, "cache"), (_VM_TYPE, "vm"), (_AZ_VM_TYPE, "azvm")):
        for m in rx.finditer(masked):
            raw = st.text[m.start() : m.end()]
            if what == "vm":
                typed.append(Mention("vm", None, m.start(), m.end(), instance=raw))
            else:
                typed.append(Mention(None, what, m.start(), m.end(), instance=raw))
            masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    found: list[Mention] = []
    for kind, variant, rx, weak in _MENTION_RX:
        for m in rx.finditer(masked):
            found.append(Mention(kind, variant, m.start(), m.end(), weak))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[Mention] = []
    for cand in found:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda m: m.start)
    for c in chosen:
        st.use(c.start, c.end)
    # instance types: database/cache types set attributes; vm types are vm mentions themselves
    allm = sorted(chosen + [t for t in typed if t.kind == "vm"], key=lambda m: m.start)
    st.mentions = [m for m in allm]
    st.typed = [t for t in typed if t.kind is None]  # type: ignore[attr-defined]
    for t in typed:
        st.use(t.start, t.end)


def _gap(st: _State, a: Mention, b: Mention) -> str:
    return st.norm[a.end : b.start]


def _adjacent(st: _State, a: Mention, b: Mention, words: int = 2) -> bool:
    gap = _gap(st, a, b)
    if re.search(r"[,;:.!?]", gap):
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
    if a.kind not in ("database", "cache") or (a.variant is None) == (b.variant is None):
        return False
    gap = _gap(st, a, b).strip(" ,")
    return not re.search(r"[;:.!?]", gap) and bool(
        re.fullmatch(r"(?:(?:with|running|using|on|con|avec|sous|mit|en|de|auf)\s*)?", gap)
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


def _settle_mentions(st: _State) -> None:
    ms = [m for m in st.mentions]
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
    keep = [m for m in keep if m.kind is not None]
    strong = {m.kind for m in keep if not m.weak}
    keep = [m for m in keep if not (m.weak and m.kind in strong)]
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
    if any(m.kind == "service" for m in keep):
        keep = [
            m
            for m in keep
            if not (m.kind == "vm" and _SCALE_BEFORE.search(st.norm[max(0, m.start - 45) : m.start]))
        ]
    # "a web API and a container service": the platform word describes the service already named
    services = [m for m in keep if m.kind == "service"]
    generic = [m for m in services if re.fullmatch(lx.SERVICE_PLATFORM, st.norm[m.start : m.end])]
    named = [m for m in services if m not in generic]
    if generic and named and len(generic) + len(named) == len(services):
        for g in generic:
            if _count_before(st, g) in (None, (1, 1)):
                named[0].extra.append((g.start, g.end))
                keep.remove(g)
    merged: list[Mention] = []
    for m in keep:
        if (
            merged
            and merged[-1].kind == m.kind
            and (merged[-1].variant == "dlq") == (m.variant == "dlq")
            and (_adjacent(st, merged[-1], m) or _engine_of(st, merged[-1], m))
        ):
            prev = merged[-1]
            prev.extra.append((m.start, m.end))
            prev.variant = prev.variant or m.variant
            prev.instance = prev.instance or m.instance
            if m.weak is False:
                prev.weak = False
            continue
        merged.append(m)
    st.mentions = merged


def _count_before(st: _State, m: Mention) -> tuple[int, int] | None:
    start = m.start
    window = st.norm[max(0, start - 40) : start]
    cut = max(window.rfind(c) for c in ",;:(")
    if cut >= 0:
        window = window[cut + 1 :]
    rng = re.search(rf"(\d+){lx.RANGE_SEP}(\d+)\s+(?:[a-z0-9.\-]+\s+){{0,2}}$", window)
    if rng:
        before = window[: rng.start()].split()
        if not (before and before[-1] in _NO_COUNT_AFTER):
            lo, hi = int(rng.group(1)), int(rng.group(2))
            if lo <= hi:
                st.use(start - len(window) + rng.start(), start)
                return (lo, hi)
    toks = window.split()
    for back in range(1, min(3, len(toks)) + 1):
        tok = toks[-back].strip("()")
        if _UNIT_WORDS.match(tok) or tok in _JOINERS:
            return None
        n = _word_num(tok)
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
    if m is not None and st is not None:
        if kind == "queue" and m.variant == "dlq":
            base = "dead_letters"
        elif kind == "database" and m.variant:
            base = "db"
        elif kind == "cache" and m.variant:
            base = m.variant if m.variant != "memcached" else "memcache"
        elif kind == "vm":
            word = st.norm[m.start : m.end]
            if "bastion" in word or "jump" in word:
                base = "bastion"
            elif re.search(r"worker", st.norm[max(0, m.start - 12) : m.end + 10]):
                base = "workers"
        elif kind == "service":
            word = st.norm[m.start : m.end]
            if "web" in word or "frontend" in word:
                base = "web"
            elif "worker" in word:
                base = "worker"
    return spec.unique_name(base)


def _build_resources(st: _State) -> None:
    spec = st.spec
    for m in st.mentions:
        assert m.kind is not None
        prev_tok = st.norm[: m.start].split()[-1:] or [""]
        existing = spec.of_kind(m.kind)
        if existing and (prev_tok[0] in lx.ANAPHORA or m.kind in SINGLETONS):
            target = existing[-1]
            target.spans.append((m.start, m.end))
            if m.variant and m.variant != "dlq" and target.variant is None:
                target.variant = m.variant
                target.stated_attrs.add("variant")
            m.ref = target
            continue
        count = _count_before(st, m)
        n = 1
        word = st.norm[m.start : m.end]
        # "4 containers", "3 instances of the API": copies of one service, not 4 services
        as_replicas = m.kind == "service" and bool(count) and bool(re.fullmatch(lx.CONTAINER_WORDS, word))
        if count and m.kind not in ("vm", "network") and not as_replicas:
            n = count[1] if count[0] == count[1] and 1 <= count[1] <= 10 else 1
        made: list[Res] = []
        for _ in range(n):
            r = Res(m.kind, _name_for(spec, m.kind, m, st), from_text=True)
            r.spans = [(m.start, m.end)] + list(m.extra)
            if m.variant and m.variant != "dlq":
                r.variant = m.variant
                r.stated_attrs.add("variant")
            if as_replicas and count:
                r.attrs["replicas"] = {"min": count[0], "max": count[1]}
                r.stated_attrs.add("replicas")
            if m.kind == "vm":
                if m.instance:
                    r.attrs["instance"] = m.instance
                    r.stated_attrs.add("instance")
                if count and count[0] <= count[1]:
                    r.attrs["count"] = {"min": count[0], "max": count[1]}
                    r.stated_attrs.add("count")
            if m.kind == "queue" and m.variant == "dlq":
                r.attrs["retention"] = 14
                main = [
                    q
                    for q in spec.of_kind("queue")
                    if "dead_letter" not in q.attrs
                    and q.name != r.name
                    and not q.name.startswith("dead_letters")
                ]
                if main:
                    main[-1].attrs["dead_letter"] = {"ref": r.name}
            spec.resources.append(r)
            made.append(r)
        m.ref = made[0]


# ---------------------------------------------------------------- attributes ------------------------


def _distance(r: Res, pos: int, st: _State) -> float:
    best = float("inf")
    for a, b in r.spans:
        d = 0 if a <= pos < b else min(abs(pos - a), abs(pos - b))
        lo, hi = sorted((pos, a))
        if _SEPARATORS.search(st.norm[lo:hi]):
            d += 1000
        d += 40 * st.norm[lo:hi].count(",")
        best = min(best, d)
    return best


def _adj_distance(r: Res, a: int, b: int, st: _State) -> float:
    """How far an adjective at a..b is from a noun: words between count, joining words a lot."""
    best = float("inf")
    for x, y in r.spans:
        gap = st.norm[b:x] if x >= b else st.norm[y:a]
        words = [w for w in re.split(r"[\s\-]+", gap) if w]
        d: float = len(words) + (100 if re.search(r"[,;:.()]", gap) else 0)
        d += 10 * sum(
            1 for w in words if w in ("and", "y", "et", "und", "with", "con", "avec", "mit", "or", "o")
        )
        d += 0.5 if x < b else 0  # a noun before the adjective (es/fr order) loses ties
        best = min(best, d)
    return best


def _qualified(st: _State, a: int, b: int, kinds: tuple[str, ...], max_words: int = 3) -> Res | None:
    cands = [r for r in st.spec.resources if r.kind in kinds]
    if not cands:
        return None
    best = min(cands, key=lambda r: (_adj_distance(r, a, b, st), kinds.index(r.kind)))
    return best if _adj_distance(best, a, b, st) <= max_words else None


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


_SIZE = re.compile(rf"(?<![\w.])({_NUM})\s*(pb|tib|tb|to(?!\s*\d)|gib|gb|go|mib|mb|mo)(?![a-z])")
_SIZE_GB = {
    "pb": 1024**2,
    "tib": 1024,
    "tb": 1024,
    "to": 1024,
    "gib": 1,
    "gb": 1,
    "go": 1,
    "mib": 1 / 1024,
    "mb": 1 / 1024,
    "mo": 1 / 1024,
}
_DUR = re.compile(
    rf"(?<![\w.])({_NUM})[\s-]*(years?|yrs?|anos?|ans|annees?|jahren?|jahre|months?|meses|mes|mois"
    r"|monate?n?|weeks?|semanas?|semaines?|wochen?|days?|dias?|jours?|tagen?|tage|hours?|horas?"
    r"|heures?|stunden?|minutes?|minutos?|minuten|mins?|seconds?|segundos?|secondes?|sekunden?"
    r"|secs?|s)(?![a-z])"
)


def _dur_seconds(n: float, unit: str) -> float:
    u = unit
    if re.match(r"y|ano|an|annee|jahr", u):
        return n * 365 * 86400
    if re.match(r"month|mes|mois|monat", u):
        return n * 30 * 86400
    if re.match(r"week|semana|semaine|woche", u):
        return n * 7 * 86400
    if re.match(r"day|dia|jour|tag", u):
        return n * 86400
    if re.match(r"hour|hora|heure|stunde", u):
        return n * 3600
    if re.match(r"min", u):
        return n * 60
    return n


def _num_out(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(x, 6)


_NEG_BEFORE = re.compile(rf"(?<![a-z])(?:{lx.NEGATION_BEFORE})\s+(?:[a-z'-]+\s+)?$")
_NEG_AFTER = re.compile(
    rf"^\s*(?:is |are |must be |should be |be |est |esta |estan |sont |ist |sind |wird |werden )?"
    rf"(?:{lx.NEGATION_AFTER})(?![a-z])"
)


def _negated(st: _State, a: int, b: int) -> bool:
    """The polarity rule: a negation word just before the setting (one word may sit between:
    "sin acceso público") or just after it ("versioning disabled") turns it around."""
    before = st.norm[max(0, a - 30) : a]
    cut = max(before.rfind(c) for c in ",;:.()")
    before = before[cut + 1 :] if cut >= 0 else before
    return bool(_NEG_BEFORE.search(before) or _NEG_AFTER.match(st.norm[b : b + 30]))


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
    ("versioning", lx.VERSIONING, ("bucket",)),
    ("encryption", lx.ENCRYPTION, ("bucket", "database", "table", "cache", "queue", "topic", "secret", "vm")),
    ("tls", lx.TLS, ("database", "cache")),
    ("deletion_protection", lx.DELETION_PROTECTION, ("database", "table")),
)


def _polar_settings(st: _State) -> None:
    for attr, words, kinds in _POLAR:
        for m in _rx(words).finditer(st.norm):
            r = _target(st, m.start(), kinds)
            if r is None:
                continue
            on = not _negated(st, m.start(), m.end())
            if on and attr != "versioning" and attr not in r.stated_attrs:
                st.use(m.start(), m.end())  # already the default: nothing to state
                continue
            _polar(st, r, attr, on)
            st.use(m.start(), m.end())
    for m in _rx(lx.UNENCRYPTED).finditer(st.norm):
        r = _target(st, m.start(), _POLAR[1][2])
        if r is not None:
            _polar(st, r, "encryption", False)
            st.use(m.start(), m.end())


def _inexpressible(st: _State) -> None:
    for pat, why in lx.INEXPRESSIBLE:
        for m in _rx(pat).finditer(st.norm):
            st.spec.not_understood.append(f"{st.text[m.start() : m.end()].strip()!r} ({why})")
            st.use(m.start(), m.end())


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
    rf"|(?:capacity|capacidad|capacite|kapazitat) (?:de |of )?(?P<b>{_RW})\w*(?: de| of| von)?\s*(?P<n2>\d+)"
    rf"|(?P<n3>\d+)\s+(?P<c>{_RW})(?: capacity)?(?: units?)?(?![a-z])"
)
_CIDR = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3}/\d{1,2})(?![\d.])")
_SUBNETS = re.compile(
    rf"({lx.NUMBER_RE})\s+(private|public|privadas?|publicas?|prives|privees|publics|publiques|private?n?|offentliche?n?)"
    r"\s+(?:subnets?|subredes|sous-reseaux|subnetze?)(?![a-z])"
)


def _terraform_vocabulary(st: _State) -> None:
    """Attribute phrasings of Terraform users: capacities, FIFO, CIDR blocks, subnet counts."""
    norm = st.norm
    for m in _CAPACITY.finditer(norm):
        which = m.group("a") or m.group("b") or m.group("c")
        n = int(m.group("n1") or m.group("n2") or m.group("n3"))
        r = _target(st, m.start(), ("table",))
        if r is None:
            continue
        # read/lectura/lecture/lese/rcu read; write/escritura/écriture/schreib/wcu write
        attr = "read_capacity" if which[0] in "rl" else "write_capacity"
        if _set(r, attr, n):
            _set(r, "billing", "provisioned")
        st.use(m.start(), m.end())
    for m in _rx(lx.NAMED).finditer(norm):
        r = _target(st, m.start(), ("bucket", "database", "queue", "table"), within=40)
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
        r = _target(st, m.start(), ("queue", "topic"))
        if r is not None:
            _set(r, "fifo", True)
            st.use(m.start(), m.end())
    for m in _CIDR.finditer(norm):
        ssh = re.search(r"(?:ssh|rdp)[^;:]*$", norm[max(0, m.start() - 40) : m.start()])
        if not st.free(m.start(), m.end()) or ssh:
            continue
        r = _target(st, m.start(), ("network",))
        if r is not None:
            _set(r, "cidr", m.group(1))
            st.use(m.start(), m.end())
    for m in _SUBNETS.finditer(norm):
        subnets = _word_num(m.group(1))
        r = _target(st, m.start(), ("network",))
        if r is not None and subnets is not None:
            side = "private_subnets" if m.group(2).startswith("priv") else "public_subnets"
            _set(r, side, subnets)
            st.use(m.start(), m.end())


def _extract_attributes(st: _State) -> None:
    norm, spec = st.norm, st.spec
    kw = lambda pat, a, b, before=30, after=30: re.search(pat, _window(st, a, b, before, after))  # noqa: E731
    m: re.Match[str] | None  # finditer loops bind a match; single searches may find none

    # replicas: "2 to 8 replicas", "entre 2 y 6 réplicas", "three replicas"
    for m in re.finditer(
        rf"(?:between\s+|entre\s+|zwischen\s+|de\s+)?({lx.NUMBER_RE})(?:{lx.RANGE_SEP}"
        rf"({lx.NUMBER_RE}))?\s+(?:replicas?|repliques?|replikaten?|replikas?|replicates?|copies"
        r"|tasks?|pods?)(?![a-z])",
        norm,
    ):
        lo, hi = _word_num(m.group(1)), _word_num(m.group(2)) if m.group(2) else None
        if lo is None:
            continue
        hi = hi if hi is not None else lo
        r = _target(st, m.start(), ("service", "vm"), prefer=True)
        if r is None:
            _unplaced(st, m.start(), m.end(), "replicas of what? name a service or container")
            continue
        _set(r, "replicas" if r.kind == "service" else "count", {"min": min(lo, hi), "max": max(lo, hi)})
        st.use(m.start(), m.end())
    _terraform_vocabulary(st)
    for m in _SCALE_TO.finditer(norm):
        r = _target(st, m.start(), ("service",))
        if r is None or "replicas" in r.stated_attrs:
            continue
        hi = int(m.group(2))
        lo = min(int(m.group(1)), hi) if m.group(1) else min(1, hi)
        _set(r, "replicas", {"min": lo, "max": hi})
        st.use(m.start(), m.end())
    for m in re.finditer(rf"({lx.NUMBER_RE})\s+(?:nodes?|nodos?|noeuds?|nœuds?|knoten|shards?)(?![a-z])", norm):
        n = _word_num(m.group(1))
        r = _target(st, m.start(), ("cache",))
        if r is not None and n:
            _set(r, "nodes", n)
            st.use(m.start(), m.end())
    for m in re.finditer(
        rf"({lx.NUMBER_RE})\s+(?:availability zones?|azs?|zonas? de disponibilidad|zones? de "
        r"disponibilite|verfugbarkeitszonen|zones?|zonas?|zonen)(?![a-z])",
        norm,
    ):
        n = _word_num(m.group(1))
        r = _target(st, m.start(), ("network",))
        if r is not None and n:
            _set(r, "zones", min(n, 6))
            st.use(m.start(), m.end())
    for m in re.finditer(
        rf"({lx.NUMBER_RE}|a|an|one)\s+nat[- ]gateways?(\s+(?:in|per)\s+(?:each|every)"
        r"(?:\s+(?:az|zone|availability zone))?)?",
        norm,
    ):
        r = _target(st, m.start(), ("network",))
        if r is None:
            continue
        if m.group(2):
            _set(r, "nat_gateways", r.attrs.get("zones", 2))
        elif _word_num(m.group(1)):
            _set(r, "nat_gateways", _word_num(m.group(1)))
        st.use(m.start(), m.end())
    # load
    for m in re.finditer(rf"({_NUM})\s*(k)?\s*(?:{lx.LOAD_UNIT})", norm):
        load = parse_amount(m.group(1)) * (1000 if m.group(2) else 1)
        r = _target(
            st,
            m.start(),
            ("service", "function", "load_balancer", "vm", "cdn", "bucket", "table"),
            prefer=True,
        )
        if r is None:
            _unplaced(st, m.start(), m.end(), "load on what? name a service")
            continue
        _set(r, "load", _num_out(load))
        st.use(m.start(), m.end())
    # cpu
    for m in re.finditer(rf"({_NUM})\s*vcpus?", norm):
        r = _target(st, m.start(), ("service",))
        if r is not None:
            _set(r, "cpu", _num_out(parse_amount(m.group(1))))
            st.use(m.start(), m.end())
    # sizes
    for m in _SIZE.finditer(norm):
        if not st.free(m.start(), m.end()):
            continue
        gb = parse_amount(m.group(1)) * _SIZE_GB[m.group(2)]
        a, b = m.start(), m.end()
        if kw(lx.KW_DISK, a, b, 10, 30):
            r, attr = _target(st, a, ("vm",)), "disk"
        elif kw(lx.KW_MEMORY, a, b, 5, 25):
            r = _target(st, a, ("function", "service"), prefer=False)
            attr = "memory"
        elif kw(lx.KW_STORAGE, a, b, 5, 25) and spec.of_kind("database"):
            r, attr = _target(st, a, ("database",)), "storage"
        else:
            r = _target(st, a, ("bucket", "database", "vm", "table"))
            attr = {"bucket": "size", "database": "storage", "vm": "disk", "table": "size"}.get(
                r.kind if r else "", ""
            )
        if r is None:
            _unplaced(st, a, b, "a size, but for which resource?")
            continue
        _set(r, attr, _num_out(gb))
        st.use(a, b)
    # durations
    for m in _DUR.finditer(norm):
        if not st.free(m.start(), m.end()):
            continue
        secs = _dur_seconds(parse_amount(m.group(1)), m.group(2))
        days = secs / 86400
        a, b = m.start(), m.end()
        before = norm[max(0, a - 25) : a]
        r = None
        attr = ""
        if kw(lx.KW_ROTATE, a, b, 25, 10):
            r = _target(st, a, ("secret", "key"))
            attr = "rotation_interval" if r and r.kind == "secret" else ""
        elif kw(lx.KW_TIMEOUT, a, b, 15, 15):
            r, attr = _target(st, a, ("function",)), "timeout"
        elif kw(lx.KW_BACKUP, a, b, 10, 25) or re.search(rf"(?:{lx.KW_BACKUP})\s+(?:[a-z']+\s+)?$", before):
            # "backups of 14 days", "sauvegardes de 14 jours", "Sicherungen von 14 Tagen"
            r, attr = _target(st, a, ("database", "cache")), "backup"
        elif kw(lx.KW_EXPIRE, a, b, 25, 5):
            r, attr = _target(st, a, ("bucket",)), "expire_after"
        elif kw(lx.KW_ARCHIVE, a, b, 25, 5):
            r, attr = _target(st, a, ("bucket",)), "archive_after"
        elif re.search(r"(?:every|each|cada|toutes les|tous les|alle|all)\s*$", before):
            r = _target(st, a, ("function",))
            if r is not None:
                unit = "minutes" if secs < 3600 else "hours" if secs < 86400 else "days"
                amount = int(secs / {"minutes": 60, "hours": 3600, "days": 86400}[unit])
                _set(r, "schedule", f"rate({amount} {unit[:-1] if amount == 1 else unit})")
                st.use(a, b)
                continue
        elif kw(lx.KW_AUDIT, a, b, 25, 25) and spec.of_kind("audit"):
            r, attr = _target(st, a, ("audit",)), "retention"
        elif kw(lx.KW_RETAIN, a, b, 30, 15):
            # a queue keeps messages 14 days at most: a longer stay is about a bucket or an audit trail,
            # unless only a queue is there (then the bounds check reports it)
            r = (_target(st, a, ("bucket", "audit")) if days > 14 else None) or _target(
                st, a, ("bucket", "audit", "queue")
            )
            attr = "retention"
        elif days >= 1:
            r = _target(st, a, ("audit", "bucket", "database"))
            attr = {"audit": "retention", "bucket": "retention", "database": "backup"}.get(
                r.kind if r else "", ""
            )
        elif secs < 900:
            r, attr = _target(st, a, ("function",)), "timeout"
        if r is None or not attr:
            _unplaced(st, a, b, "a duration, but of what?")
            continue
        unit_secs = 1 if attr == "timeout" else 86400
        _set(r, attr, _num_out(secs / unit_secs))
        st.use(a, b)
    # schedules in words
    sched = re.search(
        r"(?:every night|nightly|each night|cada noche|chaque nuit|jede nacht|nachts|every day|daily"
        r"|diariamente|cada dia|chaque jour|quotidien(?:nement)?|taglich)(?:\s+(?:at|a las|a|um)\s+"
        r"(\d{1,2})(?::00)?\s*(am|pm|h|uhr)?)?",
        norm,
    )
    if sched:
        r = _target(st, sched.start(), ("function",))
        if r is not None:
            hour = int(sched.group(1)) if sched.group(1) else 3
            if sched.group(2) == "pm" and hour < 12:
                hour += 12
            _set(r, "schedule", f"cron(0 {hour % 24} * * ? *)")
            st.use(sched.start(), sched.end())
    hourly = re.search(r"\b(?:hourly|every hour|cada hora|toutes les heures|stundlich)\b", norm)
    if hourly and (r := _target(st, hourly.start(), ("function",))) is not None:
        _set(r, "schedule", "rate(1 hour)")
        st.use(hourly.start(), hourly.end())
    # instance types for databases and caches
    for t in getattr(st, "typed", []):
        if t.variant == "db":
            r = _target(st, t.start, ("database",))
        elif t.variant == "cache":
            r = _target(st, t.start, ("cache",))
        else:
            r = _target(st, t.start, ("database", "vm"), within=40) or _target(st, t.start, ("vm",))
        if r is None:
            _unplaced(st, t.start, t.end, "an instance type, but for which resource?")
            continue
        _set(r, "instance", t.instance)
    # engine versions
    for m in re.finditer(r"(postgres(?:ql)?|mysql|mariadb)[\s-]*(\d+(?:\.\d+)?)(?![\d.])", norm):
        r = _target(st, m.start(), ("database",))
        if r is not None:
            _set(r, "version", m.group(2))
            st.use(m.start(), m.end())
    # runtimes
    for pat, runtime in lx.RUNTIMES:
        m = re.search(rf"(?<![a-z0-9]){pat}(?![a-z0-9])", norm)
        if m and st.free(m.start(), m.end()) or (m and "." in pat):
            r = _target(st, m.start(), ("function",))
            st.use(m.start(), m.end())
            if r is not None:
                _set(r, "runtime", runtime)
            break
    # storage class, versioning, multi-AZ, waf
    for cls, pat in lx.STORAGE_CLASS:
        m = _rx(pat).search(norm)
        if m and (r := _target(st, m.start(), ("bucket",))) is not None:
            _set(r, "storage_class", cls)
            st.use(m.start(), m.end())
            break
    _polar_settings(st)
    for m in _rx(lx.MULTI_AZ).finditer(norm):
        r = _target(st, m.start(), ("database", "cache"))
        if r is not None:
            _set(r, "multi_az", True)
            st.use(m.start(), m.end())
    for m in _rx(r"web application firewall|application firewall|waf").finditer(norm):
        r = _target(st, m.start(), ("load_balancer", "cdn"), prefer=True)
        if r is not None:
            _set(r, "waf", True)
    # public / private / internal / https intent, read next to the noun it qualifies
    for m in _rx(lx.INTERNAL).finditer(norm):
        r = _target(st, m.start(), ("service",), within=60)
        if r is not None:
            _set(r, "expose", "internal")
            st.use(m.start(), m.end())
    for m in _rx(lx.PRIVATE).finditer(norm):
        if not st.free(m.start(), m.end()):
            continue
        r = _qualified(
            st, m.start(), m.end(), ("bucket", "database", "load_balancer", "vm", "service", "network")
        )
        if r is None:
            continue
        if r.kind == "service":
            _set(r, "expose", "internal")
        elif r.kind != "network":
            _set(r, "public", False)
        st.use(m.start(), m.end())
    for m in _rx(lx.PUBLIC).finditer(norm):
        if not st.free(m.start(), m.end()):
            continue
        negated = _negated(st, m.start(), m.end())
        kinds = ("bucket", "load_balancer", "database", "vm", "service")
        r = _qualified(st, m.start(), m.end(), kinds, max_words=4 if negated else 3)
        if r is None:
            continue
        if r.kind == "service":
            _set(r, "expose", "internal" if negated else "https")
        else:
            _polar(st, r, "public", not negated)
        st.use(m.start(), m.end())
    for m in _rx(
        r"(?:exposed |served |available |reachable )?(?:over|via|through|por|en|uber) https|https"
    ).finditer(norm):
        r = _target(st, m.start(), ("service",), within=None if " " in m.group(0) else 40)
        if r is not None and "expose" not in r.stated_attrs:
            _set(r, "expose", "https")
            st.use(m.start(), m.end())
    # data classification
    for cls, pat in lx.DATA_CLASSES:
        for m in _rx(pat).finditer(norm):
            r = _target(st, m.start(), ("database", "bucket", "table"))
            if r is not None:
                r.attrs["data"] = cls
                r.stated_attrs.add("data")
                st.use(m.start(), m.end())
    # ssh / rdp access
    for proto in ("ssh", "rdp"):
        m = re.search(rf"{proto}\b[^;:]*?(\d{{1,3}}(?:\.\d{{1,3}}){{3}}/\d{{1,2}})", norm)
        if m and (r := _target(st, m.start(), ("vm",))) is not None:
            _set(r, f"{proto}_from", m.group(1))
            st.use(m.start(), m.end())


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
    if re.search(r"(?<![a-z])(?:gke|bigquery)(?![a-z])", norm):
        spec.not_understood.append("GKE / BigQuery (no ADL kind for them)")
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
    if cloud is None:
        votes = {c: len(_rx(p).findall(norm)) for c, p in lx.CLOUD_HINTS}
        if votes["aws"] != votes["azure"]:
            cloud = max(votes, key=lambda c: votes[c])
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
        m = _rx(pat).search(norm)
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
    money = rf"(?:(?:{lx.CURRENCY})\s*({_NUM})\s*(k)?|({_NUM})\s*(k)?\s*(?:{lx.CURRENCY}))"
    m: re.Match[str] | None  # the loop binds a match; the fallback search may find none
    found = None
    for m in re.finditer(money, norm):
        before = norm[max(0, m.start() - 30) : m.start()]
        after = norm[m.end() : m.end() + 20]
        # "under $500", "our monthly budget is 400 dollars", "budget mensuel est de 300 dollars"
        if re.search(rf"(?<![a-z])(?:{lx.BUDGET_CUE})(?:\s+[a-z']{{1,10}}){{0,3}}\s*:?\s*$", before) or re.match(
            rf"\s*(?:{lx.PER_MONTH})", after
        ):
            found = m
            break
    if found is None:
        m = re.search(
            rf"(?:budget|presupuesto|budget de|maximum)\s*(?:of|de|von|:)?\s*({_NUM})\s*(k)?"
            rf"(?=\s*(?:{lx.PER_MONTH}|{lx.CURRENCY}|$|[,.;]))",
            norm,
        ) or re.search(  # "keep it under 500 per month": no currency, but a cue and a month
            rf"(?<![a-z])(?:{lx.BUDGET_CUE})(?:\s+[a-z']{{1,10}}){{0,2}}\s+({_NUM})\s*(k)?\s*(?:{lx.PER_MONTH})",
            norm,
        )
        if m:
            amount = parse_amount(m.group(1)) * (1000 if m.group(2) else 1)
            st.spec.deployment["budget"] = _num_out(amount)
            st.spec.stated.add("budget")
            st.use(m.start(), m.end())
        eur = re.search(rf"({_NUM})\s*(?:{lx.EURO})(?![a-z])|(?:€)\s*({_NUM})", norm)
        if eur and "budget" not in st.spec.stated:
            st.spec.not_understood.append(
                f"{st.text[eur.start() : eur.end()]!r} (a budget in euros: ADL budgets "
                "are in USD; no exchange rate is assumed)"
            )
            st.use(eur.start(), eur.end())
        return
    raw = found.group(1) or found.group(3)
    k = found.group(2) or found.group(4)
    amount = parse_amount(raw) * (1000 if k else 1)
    st.spec.deployment["budget"] = _num_out(amount)
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
        if r.kind == "database" and r.variant is None:
            r.variant = "postgres"
            spec.notes.append(f"database `{r.name}`: engine not stated, using postgres")
        if r.kind == "cache" and r.variant is None:
            r.variant = "redis"
            spec.notes.append(f"cache `{r.name}`: engine not stated, using redis")
        instead = UNOFFERED_VARIANTS.get(cloud, {}).get((r.kind, r.variant or ""))
        if instead is not None:  # the file must compile and emit (ADL1081)
            spec.notes.append(f"{r.kind} `{r.name}`: {cloud} does not offer {r.variant}; using {instead}")
            r.variant = instead
        if r.kind == "service" and "image" not in r.attrs:
            r.attrs["image"] = f"registry.example.com/{r.name}:latest"
            spec.notes.append(f"service `{r.name}`: image is a placeholder; set your own")
        if r.kind == "vm" and "instance" not in r.attrs:
            r.attrs["instance"] = (
                {"aws": "t3.micro", "azure": "Standard_B1s", "gcp": "e2-medium"}
                if cheap
                else {"aws": "t3.medium", "azure": "Standard_B2s", "gcp": "e2-medium"}
            )[cloud]
        if r.kind == "database" and cheap and "instance" not in r.attrs and cloud == "aws":
            r.attrs["instance"] = "db.t4g.micro"
    cdns = spec.of_kind("cdn")
    for c in cdns:
        if "origin" not in c.attrs:
            candidates = spec.of_kind("bucket") or spec.of_kind("load_balancer") or spec.of_kind("service")
            if candidates:
                origin = candidates[0]
            else:
                origin = Res("bucket", spec.unique_name("site"))
                spec.resources.append(origin)
            c.attrs["origin"] = _ref(origin.name)
    stores = [
        r for r in spec.resources if r.kind in ("database", "cache", "bucket", "table", "queue", "topic")
    ]
    queues = [q for q in spec.of_kind("queue") if not q.name.startswith("dead_letters")]
    for t in spec.of_kind("topic"):
        if "subscribers" not in t.attrs and queues:
            t.attrs["subscribers"] = [_ref(q.name) for q in queues]
    functions = spec.of_kind("function")
    free_queues = [q for q in queues if not any(t for t in spec.of_kind("topic"))] or queues
    for i, f in enumerate(functions):
        if "trigger" not in f.attrs and "schedule" not in f.attrs and free_queues:
            f.attrs["trigger"] = _ref(free_queues[min(i, len(free_queues) - 1)].name)
        uses = [
            s.name
            for s in stores
            if s.kind not in ("queue", "topic") or ("schedule" in f.attrs and s.kind == "queue")
        ]
        if uses and "uses" not in f.attrs:
            f.attrs["uses"] = [_ref(n) for n in uses]
    secrets = spec.of_kind("secret")
    for s in spec.of_kind("service"):
        uses = [r.name for r in stores]
        if uses and "uses" not in s.attrs:
            s.attrs["uses"] = [_ref(n) for n in uses]
        if secrets and "secrets" not in s.attrs:
            s.attrs["secrets"] = [_ref(x.name) for x in secrets]
    for lb in spec.of_kind("load_balancer"):
        targets = spec.of_kind("service") or spec.of_kind("vm") or functions
        if targets and "targets" not in lb.attrs:
            lb.attrs["targets"] = [_ref(t.name) for t in targets]
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
    keys = spec.of_kind("key")
    if secured and not keys:
        keys = [Res("key", spec.unique_name("data_key"), attrs={"rotation": True})]
        spec.resources.append(keys[0])
    if keys:
        for r in spec.resources:
            if r.kind in _ENCRYPTED_STORES and "encryption" not in r.attrs:
                r.attrs["encryption"] = _ref(keys[0].name)
    # every framework here (GDPR too: records of processing) expects an audit trail
    if spec.deployment.get("compliance") and not spec.of_kind("audit"):
        spec.resources.append(Res("audit", spec.unique_name("trail"), attrs={"retention": 365}))
        for r in spec.of_kind("audit"):
            if keys and "encryption" not in r.attrs:
                r.attrs["encryption"] = _ref(keys[0].name)
    placed = [r for r in spec.resources if r.kind in ("database", "cache", "service", "vm")]
    nets = spec.of_kind("network")
    # a resource the cloud places in subnets cannot be emitted without a network (ADL1080)
    required = [r for r in spec.resources if needs_network(cloud, r.kind, r.attrs)]
    if ((secured and placed) or required) and not nets:
        nets = [Res("network", spec.unique_name("net"))]
        spec.resources.append(nets[0])
    if nets:
        for r in placed:
            if "network" not in r.attrs:
                public = r.attrs.get("public") is True or "ssh_from" in r.attrs or "rdp_from" in r.attrs
                r.attrs["network"] = _ref(nets[0].name, "public" if public and r.kind == "vm" else "private")
        for lb in spec.of_kind("load_balancer"):
            if "network" not in lb.attrs:
                lb.attrs["network"] = _ref(nets[0].name, "public" if lb.attrs.get("public") else "private")


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
    text = _without_injections(text, spec)
    st = _State(text, normalize(text), spec)
    _CURRENT.set(spec)
    _find_mentions(st)
    _settle_mentions(st)
    _build_resources(st)
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
    st = _State(text, normalize(text), frag)
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
