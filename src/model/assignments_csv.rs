//! Who does what, exported as CSV (RFC 4180) for a spreadsheet: one row per role a
//! person holds on a function, and one per function the PM accepted by default.
//!
//! Pure: no browser, no files. Written like the pricing export
//! ([`pricing_io::worksheet_csv`](super::pricing_io::worksheet_csv)), with its text
//! fields (quoted where needed, formula-looking text neutralised) and plain decimals.

use super::pricing::csv::text_field;
use super::{Engagement, Hours, Workspace};

/// The columns of the export, in order.
pub const ASSIGNMENT_COLUMNS: [&str; 5] =
    ["Engagement", "Function", "Role", "Person", "Hours per week"];

/// The role written for a function the PM accepted by default (docs/DOMAIN.md, "Roles").
pub const PM_DEFAULT_ROLE: &str = "PM, accepted by default";

/// The assignments of `engagements` as CSV: CRLF line ends, a header row, then for each
/// engagement and each of its functions in order, every person's role on it (in the
/// order they were assigned) and the PM's acceptance by default. Hours are a plain
/// decimal ("4", "2.5"). An engagement with nobody assigned adds no row.
pub fn assignments_csv<'a>(
    w: &Workspace,
    engagements: impl IntoIterator<Item = &'a Engagement>,
) -> String {
    let mut out = String::new();
    let mut row = |fields: [String; 5]| {
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    row(ASSIGNMENT_COLUMNS.map(text_field));
    for e in engagements {
        for f in &e.functions {
            let line = |role: &str, person: &str, hours: Hours| {
                [
                    text_field(&e.name),
                    text_field(&f.name),
                    text_field(role),
                    text_field(person),
                    hours.to_string(),
                ]
            };
            for a in e.assignments_on(f.id) {
                row(line(a.role.label(), w.person_name(a.person), a.hours));
            }
            if let (Some(pm), Some(&hours)) = (e.pm, e.pm_accepted.get(&f.id)) {
                row(line(PM_DEFAULT_ROLE, w.person_name(pm), hours));
            }
        }
    }
    out
}

/// A file name for the export: "website-relaunch-assignments.csv" for one engagement,
/// "engagement-planner-assignments.csv" for the whole workspace (`None`).
pub fn assignments_file_name(engagement: Option<&str>) -> String {
    super::pricing_io::csv_file_name(engagement.unwrap_or("engagement-planner"), "assignments")
}
