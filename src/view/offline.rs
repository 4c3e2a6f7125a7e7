//! What the status bar says about keeping plans safe, and the update notice's words:
//! whether the browser keeps this site's storage persistently, and when the plan was last
//! exported. Pure; the browser side is `storage::offline`, the component
//! `components::offline`.

/// A calendar day in the user's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalDate {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
}

impl LocalDate {
    /// Days since 1970-01-01 in the proleptic Gregorian calendar (negative before it).
    pub fn day_number(self) -> i64 {
        // H. Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// The whole calendar days from `then` to `today` (0 on the same day; never negative, so a
/// clock set back reads as "today").
pub fn days_since(then: LocalDate, today: LocalDate) -> i64 {
    (today.day_number() - then.day_number()).max(0)
}

/// After this many days without an export the status line asks for one.
pub const EXPORT_REMINDER_DAYS: i64 = 14;

/// When the plan was last exported, for the status bar: "Last exported today",
/// "Last exported yesterday", "Last exported 3 days ago", or, never, a nudge to do it.
pub fn exported_words(last: Option<LocalDate>, today: LocalDate) -> String {
    match last.map(|then| days_since(then, today)) {
        None => "Never exported — export a copy to keep it safe".to_string(),
        Some(0) => "Last exported today".to_string(),
        Some(1) => "Last exported yesterday".to_string(),
        Some(n) => format!("Last exported {n} days ago"),
    }
}

/// Whether the export line should stand out: never exported, or not for a fortnight.
pub fn export_overdue(last: Option<LocalDate>, today: LocalDate) -> bool {
    last.is_none_or(|then| days_since(then, today) >= EXPORT_REMINDER_DAYS)
}

/// What the browser said about keeping this site's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// Not known yet, or the browser cannot say (no storage manager): nothing is shown.
    Unknown,
    /// The storage is kept until the user clears it.
    Persisted,
    /// Best effort: the browser may clear it; the user has not asked yet.
    BestEffort,
    /// The user asked and the browser said no.
    Refused,
}

/// The status bar's words for [`Persistence`] (`None` for `Unknown`).
pub fn persistence_words(p: Persistence) -> Option<&'static str> {
    match p {
        Persistence::Unknown => None,
        Persistence::Persisted => Some("Stored persistently"),
        Persistence::BestEffort => Some("Storage may be cleared after weeks without a visit"),
        Persistence::Refused => Some("The browser declined to store plans persistently"),
    }
}

/// Whether to offer the "Keep my plans" button: only before the user has asked.
pub fn offer_persist(p: Persistence) -> bool {
    p == Persistence::BestEffort
}

/// The notice when a new version is installed and waiting.
pub const UPDATE_READY: &str = "A new version of Engagement Planner is ready. Reload to update";

/// Why the Reload button did not reload: the plan could not be saved first.
pub fn update_blocked_words(save_error: &str) -> String {
    format!(
        "The page was not reloaded, so that nothing is lost: your latest changes could not be saved first. {save_error}"
    )
}
