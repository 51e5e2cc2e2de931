//! One number format everywhere, and the right singular or plural.

use replay_bank::app::{count, group_thousands, of_total};

#[test]
fn thousands_are_grouped_with_commas() {
    assert_eq!(group_thousands(0), "0");
    assert_eq!(group_thousands(999), "999");
    assert_eq!(group_thousands(1_000), "1,000");
    assert_eq!(group_thousands(10_001), "10,001");
    assert_eq!(group_thousands(1_234_567), "1,234,567");
}

#[test]
fn a_count_of_one_is_singular_and_every_other_count_plural() {
    assert_eq!(count(0, "event", "events"), "0 events");
    assert_eq!(count(1, "event", "events"), "1 event");
    assert_eq!(count(2, "value", "values"), "2 values");
    assert_eq!(count(10_001, "event", "events"), "10,001 events");
}

#[test]
fn a_position_of_a_total_reads_the_same_everywhere() {
    assert_eq!(of_total(2_921, 10_001), "2,921 / 10,001");
    assert_eq!(of_total(0, 0), "0 / 0");
}

#[test]
fn a_lag_is_written_in_seconds_without_trailing_zeros() {
    use replay_bank::app::seconds;
    assert_eq!(seconds(0), "0 s");
    assert_eq!(seconds(250), "0.25 s");
    assert_eq!(seconds(1500), "1.5 s");
    assert_eq!(seconds(3000), "3 s");
}
