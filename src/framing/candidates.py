"""Candidate pairs for comparisons that would otherwise cost every pair of items.

Up to ``ALL_PAIRS_MAX`` items every pair is compared (exact, and small). Beyond it, a pair is a
candidate when the two items share at least one feature held by at most ``DF_CAP`` items (an
inverted index, as in n-gram shingling for text reuse: Nicholls 2019; passim works the same way at
scale). A feature held by more items (a quote every report prints) still counts in the scores,
but generates no candidates on its own: two items that share only such features are not
compared. Each item then keeps its ``PER_ITEM_MAX`` partners sharing the most such features
(ties by id), so a cluster of near-copies (one wire story run by dozens of sites) costs
``PER_ITEM_MAX`` comparisons per item, not the square of the cluster. The cost grows with the
number of features and items, not with the square of the items.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from itertools import combinations

ALL_PAIRS_MAX = 60
DF_CAP = 50
PER_ITEM_MAX = 5


def candidate_pairs(
    features: Mapping[str, Iterable[Hashable]],
    *,
    all_pairs_max: int = ALL_PAIRS_MAX,
    df_cap: int = DF_CAP,
    per_item_max: int = PER_ITEM_MAX,
) -> list[tuple[str, str]]:
    """Sorted pairs (a, b), a < b, of the items of ``features`` worth comparing (module docstring)."""
    items = sorted(features)
    if len(items) <= all_pairs_max:
        return list(combinations(items, 2))
    holders: dict[Hashable, list[str]] = defaultdict(list)
    for item in items:
        for feature in set(features[item]):
            holders[feature].append(item)
    shared: Counter[tuple[str, str]] = Counter()
    for members in holders.values():
        if 1 < len(members) <= df_cap:
            shared.update(combinations(sorted(members), 2))
    partners: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (a, b), count in shared.items():
        partners[a].append((-count, b))
        partners[b].append((-count, a))
    kept = {
        (min(item, other), max(item, other))
        for item, ranked in partners.items()
        for _, other in sorted(ranked)[:per_item_max]
    }
    return sorted(kept)
