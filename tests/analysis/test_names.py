"""Names: runs of names written together, checked against the surname table."""

from layout.analysis.names import split_names, splits_into_names


def test_a_run_of_names_splits_into_names_even_when_the_split_is_ambiguous():
    assert splits_into_names("令狐子东彭阳")  # 令狐子东 彭阳, or 令狐子 东彭阳
    assert split_names("令狐子东彭阳") is None  # (no single split to name them by)
    assert splits_into_names("秦丽汪明") and split_names("秦丽汪明") == ["秦丽", "汪明"]


def test_a_phrase_does_not_split_into_names():
    assert not splits_into_names("一些当地读者还给同伴做起了讲解")
    assert not splits_into_names("到举办第一届全国青少年三大球运动会")
    assert not splits_into_names("")


def test_of_several_splits_the_one_into_fewest_names_is_taken():
    """东方桂琪冯磊涵 reads as 东方桂琪 冯磊涵 or 东方 桂琪 冯磊涵: a compound surname read
    whole gives fewer names, and that split wins; a tie of as many names stays None."""
    assert split_names("东方桂琪冯磊涵") == ["东方桂琪", "冯磊涵"]
    assert split_names("李明华王刚") is None  # 李明华 王刚, or 李明 华王刚


def test_fewest_names_decide_only_a_compound_surname():
    """A subtitle cut into three "names" one way only (吴可云 越干越 有劲, 吴可 云越干 …)
    holds no name: the fewest-names split counts only where it reads a compound surname
    whole, the ambiguity it is for."""
    assert split_names("吴可云越干越有劲") is None
    assert split_names("东方桂琪冯磊涵") == ["东方桂琪", "冯磊涵"]
