"""Numbers written as words and units in every spelling, in English, Spanish, French and German.

The offline translator reads quantities with digit patterns ("14 days", "200 GB"). Users also
write "fourteen days", "catorce días", "quatorze jours", "vierzehn Tage", "veinticinco réplicas",
"quatre-vingt-dix jours", "zweihundert Gigabyte" or "half an hour": `with_digits` rewrites a
number word that counts a unit (or a counted noun) as digits, padded with spaces to the same
length, so every position still indexes the request's own text and every digit pattern reads it.
A number word that counts nothing ("once", "sept", "dos" alone) is left as it is.

Text here is accent-free lower case (offline.normalize): "dieciséis" is "dieciseis", "fünf" is
"funf", "dreißig" is "dreisig".
"""

from __future__ import annotations

import functools
import re

from . import lexicon as lx

# one word -> its value; the teens and tens each language spells as one word
_UNITS: dict[str, int] = {
    # en
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    # es
    "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21,
    "veintiun": 21, "veintiuna": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90, "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
    "cuatrocientos": 400, "quinientos": 500, "quinientas": 500, "seiscientos": 600, "setecientos": 700,
    "ochocientos": 800, "novecientos": 900,
    # fr
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70,
    "huitante": 80, "octante": 80, "nonante": 90,
    # de (compounds such as "fünfundzwanzig" or "zweihundert" are split by _german)
    "null": 0, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwolf": 12, "dreizehn": 13, "vierzehn": 14,
    "funfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20,
    "dreisig": 30, "dreissig": 30, "vierzig": 40, "funfzig": 50, "sechzig": 60, "siebzig": 70,
    "achtzig": 80, "neunzig": 90,
}
# words that multiply what precedes them
_SCALES: dict[str, int] = {
    "hundred": 100, "cien": 100, "ciento": 100, "cent": 100, "cents": 100, "hundert": 100,
    "thousand": 1000, "mil": 1000, "mille": 1000, "tausend": 1000,
}
# articles: "one" only after a preposition ("backups of a week", "retención de una semana",
# "pendant une semaine"): "1000 requests a day" or "800 dollars a month" count nothing
_ARTICLES: dict[str, int] = dict.fromkeys(sorted(lx.words(lx.INDEFINITE)), 1)
_ARTICLE_AFTER = re.compile(
    r"(?:(?<![a-z])(?:of|for|during|over|de|durante|por|pendant|sur|von|fur|wahrend|uber|nach|after|apres"
    r"|kept|retained|stored|conservee?s?|gardee?s?|guardad[oa]s?|conservad[oa]s?|aufbewahrt|gespeichert)\s+|d')$"
)
# joiners inside one number: "twenty-five", "treinta y cinco", "vingt et un", "quatre-vingt-dix"
_JOIN = r"(?:\s*-\s*|\s+(?:and\s+|y\s+|et\s+|und\s+|bis\s+|to\s+|a\s+)?)"  # "zwei und acht", "two to six"

# what a number counts: a unit of time or size, or a noun the translator counts. Spelled-out
# units come from SIZE_UNIT / DURATION_UNIT below, so a unit added there is read after words too.
SIZE_UNIT = (
    r"pb|petabytes?|pio|tib|tb|terabytes?|teraoctets?|tebibytes?|teras?|to(?!\s*\d)|gib|gb|gigabytes?|gigaoctets?"
    r"|gibibytes?|gigas?|gigs?|go|mib|mb|megabytes?|megaoctets?|mebibytes?|megas?|mo"
    # the binary units in French ("2 Gio", "512 Mio") and as Kubernetes writes them, joined to the
    # number ("1Gi", "512Mi"; apart, "mi" is a Spanish word)
    r"|tio|gio|mio|(?<=\d)(?:ti|gi|mi)"
)
DURATION_UNIT = (
    r"years?|yrs?|anos?|ans?|annees?|jahr(?:e|en|es)?|months?|meses|mes|mois|monate?n?|weeks?|semanas?"
    r"|semaines?|wochen?|days?|dias?|jours?|journees?|tagen?|tage|tag|hours?|hrs?|h|horas?|heures?|stunden?"
    r"|minutes?|minutos?|minuten|mins?|seconds?|segundos?|secondes?|sekunden?|secs?|sek|s|d"
    # German adjectives of a duration: "14-tägige Backups", "90-tägiger Aufbewahrung", "2-stündiges Timeout"
    r"|(?:tag|stund|woch|monat|jahr)ig(?:e|en|er|es|em)?"
)
COUNTED = (
    r"replicas?|repliques?|replikat(?:e|en)?|replikas?|copies|copias|kopien|nodes?|nodos?|noeuds?|knoten|shards?"
    r"|brokers?|brokern|workers?|workern|trabajadores|instances?|instancias|instanzen?|tasks?|tareas|taches|containers?"
    r"|contenedores|conteneurs|zones?|zonas?|zonen|azs?|subnets?|subredes|sous-reseaux|subnetze?n?|vcpus?|cpus?"
    r"|cores?|nucleos|coeurs|kerne|requests?|peticiones|solicitudes|requetes|anfragen|receives?|intentos"
    r"|tentatives|versuche|retries|reintentos|dollars?|dolares|usd|euros?|eur"
)
# "one to many", "tres s": a unit word that is also a common short word does not make a number
_AMBIGUOUS_UNIT = r"to|s|d|h|mes"
# a duration in words with no number: (phrase, the same length or shorter as digits + a unit)
_HALF_HOUR = r"half an hour|half-hour|media hora|demi-heure|halbe stunde"

_WORD = r"[a-z]+"


def _german(word: str) -> int | None:
    """ "fünfundzwanzig" (5 + 20), "zweihundert", "dreitausendfünfhundert": a German number is one word."""
    if word in _UNITS:
        return _UNITS[word]
    for scale, factor in (("tausend", 1000), ("hundert", 100)):
        head, sep, tail = word.partition(scale)
        if sep:
            lead = 1 if head in ("", "ein") else _german(head)
            rest = 0 if tail == "" else _german(tail.removeprefix("und"))
            return None if lead is None or rest is None else lead * factor + rest
    unit, sep, tens = word.partition("und")
    if sep and tens in _UNITS and _UNITS[tens] % 10 == 0 and _UNITS[tens] >= 20:
        lead = 1 if unit == "ein" else _UNITS.get(unit)
        return None if lead is None or not 0 < lead < 10 else lead + _UNITS[tens]
    return None


def _value(word: str) -> int | None:
    """One word's value, or None: a unit or ten, a German compound, or a scale word."""
    if word in _SCALES:
        return _SCALES[word]
    if word in _ARTICLES:
        return _ARTICLES[word]
    return _UNITS.get(word) if word in _UNITS else _german(word) if len(word) > 6 else None


def _follows(prev: int | None, scale: int | None, v: int, word: str) -> bool:
    """May `word` (value `v`) continue a number whose last word was worth `prev` (after a scale
    word: `scale`)? "twenty-five", "dix-sept", "soixante-quinze", "quatre-vingt", "two hundred
    fifty" do; "twenty and thirty" (two numbers) does not."""
    if word in _SCALES:
        return prev is not None and (scale is None or v < scale)
    if prev is None:
        return scale is not None and v < scale
    if word in ("vingt", "vingts"):
        return prev == 4
    return (prev >= 20 and prev % 10 == 0 and v < 10) or (prev in (60, 80) and 10 <= v < 20) or (
        prev == 10 and 7 <= v <= 9
    )


def _numbers(words: list[tuple[int, int, str]]) -> list[tuple[int, int, int]]:
    """(start, end, value) of each number in a run of number words, read left to right. An article
    counts only before a scale word ("a hundred"); "hundred" and "thousand" do not open a number,
    "cien", "cent", "mil", "hundert" do."""
    out: list[tuple[int, int, int]] = []
    start = end = total = current = 0
    prev: int | None = None
    scale: int | None = None
    article = False

    def close() -> None:
        if (prev is not None or scale is not None) and not (article and scale is None):
            out.append((start, end, total + current))

    for a, b, w in words:
        v = _value(w)
        if v is None:
            continue
        if prev is None and scale is None or not _follows(prev, scale, v, w):
            close()
            prev = scale = None
            if w in ("hundred", "thousand"):
                continue
            start, total, current, article = a, 0, v, w in _ARTICLES
            if w in _SCALES:
                scale = v
            else:
                prev = v
        elif w in _SCALES:
            if v == 1000:
                total, current = total + max(current, 1) * 1000, 0
            else:
                current = max(current, 1) * v
            prev, scale = None, v
        elif w in ("vingt", "vingts"):  # quatre-vingt(s): 4 x 20
            current, prev = current - 4 + 80, 80
        else:
            current, prev = current + v, v
        end = b
    close()
    return out


@functools.cache
def _number_phrase() -> re.Pattern[str]:
    words = sorted(set(_UNITS) | set(_SCALES), key=len, reverse=True)
    # a German compound ("fünfundzwanzig", "zweihundert") is checked by _german
    one = rf"(?:{'|'.join(words)}|[a-z]+und[a-z]+(?:zig|sig)|[a-z]*(?:hundert|tausend)[a-z]*)"
    # "vingt et un", "treinta y una" (German says "einundzwanzig": no "ein" after a joiner)
    tail = rf"(?:{one}|{lx.alt(lx.ONE_WORDS['en'], lx.ONE_WORDS['es'], lx.INDEFINITE['fr'])})"
    opener = rf"(?:(?:{lx.INDEFINITE_RE})(?=\s+(?:hundred|thousand|cent|mille|hundert|tausend))|{one})"
    return re.compile(
        rf"(?<![a-z0-9'])(?P<n>{opener}(?:{_JOIN}{tail})*)(?P<gap>\s*-?\s*)"
        rf"(?=(?!(?:{_AMBIGUOUS_UNIT})(?![a-z]))(?:{SIZE_UNIT}|{DURATION_UNIT}|{COUNTED})(?![a-z]))"
    )


_ARTICLE_RX = re.compile(
    rf"(?<![a-z])(?P<n>{'|'.join(sorted(_ARTICLES, key=len, reverse=True))})(?P<gap>\s+)"
    rf"(?=(?!(?:{_AMBIGUOUS_UNIT})(?![a-z]))(?:{DURATION_UNIT})(?![a-z]))"
)
_HALF_RX = re.compile(rf"(?<![a-z])(?:{_HALF_HOUR})(?![a-z])")
# "half a vCPU", "media vCPU", "un demi vCPU", "einer halben vCPU": 0.5 of what follows
_HALF_OF = re.compile(r"(?<![a-z])(?:half an?|halben?|media|medio|demi)(?=\s*-?\s*(?:v?cpus?|cores?|gb|go)(?![a-z]))")


_DIGITS_THOUSAND = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d)?)\s+(?:thousand|mil|mille|tausend)(?![a-z])")


def _pad(digits: str, width: int) -> str | None:
    return digits + " " * (width - len(digits)) if len(digits) <= width else None


def with_digits(norm: str) -> str:
    """`norm` with every number word that counts a unit or a counted noun written as digits, and
    "half an hour" as "30 minutes"; same length, so spans still index the request's text."""
    out = list(norm)

    def put(a: int, b: int, text: str | None) -> None:
        if text is not None:
            out[a:b] = list(text)

    for m in _number_phrase().finditer(norm):
        if re.match(rf"(?:{'|'.join(_SCALES)})(?![a-z])", m.group("n")) and re.search(r"\d\s*$", norm[: m.start()]):
            continue  # "25 cents an hour": a scale word right after digits is a unit ("cents"), not "x 100"
        base = m.start("n")
        words = [(base + w.start(), base + w.end(), w.group(0)) for w in re.finditer(r"[a-z]+", m.group("n"))]
        for a, b, n in _numbers([w for w in words if w[2] not in ("and", "y", "et", "und", "bis", "to")]):
            put(a, b, _pad(str(n), b - a))
    for m in _ARTICLE_RX.finditer(norm):
        if _ARTICLE_AFTER.search(norm[max(0, m.start() - 20) : m.start()]):
            put(m.start("n"), m.end("n"), _pad(str(_ARTICLES[m.group("n")]), m.end("n") - m.start("n")))
    # "3 mille dollars", "24 mil dólares", "5 Tausend": digits then a thousand word is one number
    for m in _DIGITS_THOUSAND.finditer(norm):
        thousands = float(m.group(1).replace(",", ".")) * 1000  # at most one decimal: a whole number
        put(m.start(), m.end(), _pad(str(int(thousands)), m.end() - m.start()))
    for m in _HALF_OF.finditer(norm):
        put(m.start(), m.end(), _pad("0.5", m.end() - m.start()))
    for m in _HALF_RX.finditer(norm):
        put(m.start(), m.end(), _pad("30 minutes", m.end() - m.start()))
    return "".join(out)


def size_in_gb(unit: str) -> float | None:
    """GB in one `unit` as a user spells it ("Go", "gigaoctets", "TiB", "megas"); binary, as
    compiler/units.py counts (1 TB = 1024 GB)."""
    u = unit.lower()
    if u in ("to", "go", "mo") or re.fullmatch(r"[ptgm](?:i?b|io|i)", u):
        head = u[0]
    elif re.fullmatch(r"(?:peta|tera|tebi|giga?|gibi|mega|mebi)[a-z]*", u):
        head = u[0]
    else:
        return None
    return {"p": 1024.0**2, "t": 1024.0, "g": 1.0, "m": 1 / 1024}[head]
