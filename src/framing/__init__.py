"""Framing analysis of how news texts reported an event (first study: Putin's 1 September 2017
article on the Korean crisis).

Modules follow the data flow: ``metadata`` and ``clean`` -> ``segment`` and ``quotes`` ->
``corpus`` (tables) -> scoring and comparison modules -> ``figures`` and ``runner``.
"""

__version__ = "0.1.0"
