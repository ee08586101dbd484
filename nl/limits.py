"""How much text the translator reads at once. A request is a sentence to a few paragraphs; some of
the translator's passes compare every pair of mentions, so a 20,000-character request took minutes.
The CLI (`generate`, `chat`, ADL0986) and the service (its request model) refuse longer text with
the same limit."""

MAX_REQUEST = 4000  # characters
