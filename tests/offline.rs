//! Host tests of what the status bar says about keeping plans safe (`view::offline`): the
//! calendar arithmetic of "last exported", its words, and the words for persistent storage.
#![cfg(not(target_arch = "wasm32"))]

use engagement_planner::view::offline::*;

fn date(year: i32, month: u32, day: u32) -> LocalDate {
    LocalDate { year, month, day }
}

#[test]
fn day_numbers_follow_the_calendar() {
    assert_eq!(date(1970, 1, 1).day_number(), 0);
    assert_eq!(date(1970, 1, 2).day_number(), 1);
    assert_eq!(date(1969, 12, 31).day_number(), -1);
    assert_eq!(
        date(2000, 3, 1).day_number() - date(2000, 2, 28).day_number(),
        2
    );
    assert_eq!(
        date(2100, 3, 1).day_number() - date(2100, 2, 28).day_number(),
        1
    );
    assert_eq!(date(2024, 1, 1).day_number(), 19_723);
    // Every day of four years, one after another.
    let mut day = date(2023, 1, 1);
    let mut n = day.day_number();
    for _ in 0..(4 * 366) {
        let lengths = [
            31,
            28 + u32::from(day.year % 4 == 0),
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        day = if day.day < lengths[day.month as usize - 1] {
            date(day.year, day.month, day.day + 1)
        } else if day.month < 12 {
            date(day.year, day.month + 1, 1)
        } else {
            date(day.year + 1, 1, 1)
        };
        n += 1;
        assert_eq!(day.day_number(), n, "{day:?}");
    }
}

#[test]
fn last_export_in_words() {
    let today = date(2026, 3, 2);
    assert_eq!(
        exported_words(None, today),
        "Never exported — export a copy to keep it safe"
    );
    assert_eq!(exported_words(Some(today), today), "Last exported today");
    assert_eq!(
        exported_words(Some(date(2026, 3, 1)), today),
        "Last exported yesterday"
    );
    // Across the end of February.
    assert_eq!(
        exported_words(Some(date(2026, 2, 27)), today),
        "Last exported 3 days ago"
    );
    assert_eq!(
        exported_words(Some(date(2025, 3, 2)), today),
        "Last exported 365 days ago"
    );
    // A clock set back reads as today, never as a negative count.
    assert_eq!(
        exported_words(Some(date(2026, 3, 9)), today),
        "Last exported today"
    );
}

#[test]
fn export_is_overdue_when_never_done_or_a_fortnight_old() {
    let today = date(2026, 3, 20);
    assert!(export_overdue(None, today));
    assert!(!export_overdue(Some(today), today));
    assert!(!export_overdue(Some(date(2026, 3, 7)), today));
    assert!(export_overdue(Some(date(2026, 3, 6)), today));
}

#[test]
fn persistence_in_words() {
    assert_eq!(persistence_words(Persistence::Unknown), None);
    assert_eq!(
        persistence_words(Persistence::Persisted),
        Some("Stored persistently")
    );
    assert_eq!(
        persistence_words(Persistence::BestEffort),
        Some("Storage may be cleared after weeks without a visit")
    );
    assert_eq!(
        persistence_words(Persistence::Refused),
        Some("The browser declined to store plans persistently")
    );
    // "Keep my plans" is offered only before the user has asked.
    assert!(offer_persist(Persistence::BestEffort));
    for p in [
        Persistence::Unknown,
        Persistence::Persisted,
        Persistence::Refused,
    ] {
        assert!(!offer_persist(p), "{p:?}");
    }
}

#[test]
fn a_refused_reload_says_why() {
    let words = update_blocked_words("The browser's storage for this site is full.");
    assert!(words.starts_with("The page was not reloaded, so that nothing is lost"));
    assert!(words.ends_with("The browser's storage for this site is full."));
    assert!(UPDATE_READY.contains("Reload to update"));
}
