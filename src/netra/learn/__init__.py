"""Digital literacy: the pedoman (guidelines) and the quiz, both generated from the rulebook.

Nothing here is written by hand: when a lawyer adds a regulation or an analyst adds a rule with
examples, the pedoman shows it and the quiz asks about it on the next start.
"""
