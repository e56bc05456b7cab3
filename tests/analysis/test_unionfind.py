"""layout.analysis.unionfind: sets joined directly or through others, grouped in order."""

from layout.analysis.unionfind import DisjointSets


def test_joined_items_share_a_root_directly_or_through_others():
    sets = DisjointSets(6)
    sets.join(0, 2)
    sets.join(4, 2)
    sets.join(5, 3)
    assert sets.root(0) == sets.root(4) == sets.root(2)
    assert sets.root(5) == sets.root(3) != sets.root(0)
    assert sets.root(1) == 1  # never joined: alone


def test_groups_come_in_the_order_of_their_first_item():
    sets = DisjointSets(5)
    sets.join(3, 1)
    sets.join(4, 0)
    assert sets.groups("abcde") == [["a", "e"], ["b", "d"], ["c"]]


def test_a_long_chain_is_one_group():
    sets = DisjointSets(10_000)
    for k in range(1, 10_000):
        sets.join(k - 1, k)
    assert sets.groups(range(10_000)) == [list(range(10_000))]
