"""A budget stated per hour, day or year, as the monthly figure ADL budgets are in.

"no más de 1,5 USD por hora", "Budget annuel de 12 000 $", "under 0.50 USD per hour", "50 Dollar pro
Tag": the period words around the amount (all four languages) scale it to a month of 730 hours,
30 days or a twelfth of a year — the hours-per-month figure analytics uses for hourly prices.
"""

from __future__ import annotations

import re

from . import lexicon as lx

# period -> (words naming it right after the amount, words naming it before: "annual budget of")
_PERIODS: tuple[tuple[float, str, str], ...] = (
    (730.0, rf"(?:a|an|per|/|each|every|{lx.ARTICLE_RE}|por|par|pro|(?:a|de) la|(?:a |de )?l')\s*"
            r"(?:hour|hr|h|hora|heure|stunde)\b"
            r"|hourly|/h\b|stundlich",
     r"hourly|por hora|horario|horaire|stundlich"),
    (30.0, r"(?:a|per|/|each|every|al|por|par|pro|am)\s*(?:day|dia|jour|tag)\b|daily|diarios?|journaliers?|taglich",
     r"daily|diario|journalier|taglich(?:es|er)?"),
    (1 / 12, r"(?:a|per|/|each|every|the|al|por|par|pro|im|(?:a |de )?l')\s*(?:year|yr|ano|an|annee|jahr)\b"
             r"|yearly|annually|anual(?:es)?"
             r"|annuels?|jahrlich",
     r"yearly|annual|anual|annuel(?:le)?|jahrlich(?:es|er)?|jahres"),
)
_BUDGET_NOUN = r"budget|presupuesto|kosten|costs?|spend(?:ing)?|gastos?|depenses?|ausgaben"
_CURRENCY_TAIL = r"(?:\s*(?:us|usd|us-dollar|americanos?|am[eé]ricains?))?"


def per_month(norm: str, start: int, end: int) -> float:
    """The factor that turns the amount at norm[start:end] into a monthly figure (1 when no other
    period is named next to it)."""
    after = norm[end : end + 30]
    before = norm[max(0, start - 40) : start]
    for factor, following, preceding in _PERIODS:
        if re.match(rf"{_CURRENCY_TAIL}\s*(?:max(?:imum)?\.?\s*)?(?:{following})", after):
            return factor
        # "annual budget of", "Budget annuel de", "Jahresbudget": the period qualifies the budget noun
        if re.search(rf"(?<![a-z])(?:(?:{preceding})[\s-]*(?:{_BUDGET_NOUN})|(?:{_BUDGET_NOUN})\s+(?:{preceding}))"
                     # "Presupuesto anual: 24 mil dólares": a colon may close the budget noun
                     rf"(?![a-z])\s*:?[^.;:]*$", before):
            return factor
    return 1.0


def per_period_after(norm: str, end: int) -> bool:
    """An hour, day or year named right after an amount ("$9,600 a year", "12.000 dólares al año"):
    money per period of time is a rate of spending, a budget like "per month" is."""
    after = norm[end : end + 30]
    return any(re.match(rf"{_CURRENCY_TAIL}\s*(?:max(?:imum)?\.?\s*)?(?:{following})", after)
               for _, following, _ in _PERIODS)
