//! Rows pasted from a spreadsheet (tab-separated) read into pasted lines, for
//! `PricingAction::PasteLines`.
//!
//! Pure: no browser. The UI hands pasted text in; everything here is tested on the host.

use super::csv::{COMPUTED_COLUMNS, DELIVERY_HOURS_SUFFIX, ESTIMATOR_COLUMN, TERMS_COLUMNS};
use super::{BillingType, PastedLine, RateRole, LINE_HOURS_MAX};
use crate::model::ids::RateRoleId;
use crate::model::units::{Bps, Hours};
use crate::model::workspace::is_visible_name;
use std::collections::BTreeMap;
use std::fmt;

/// What a pasted column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasteColumn {
    Name,
    Billing,
    Hours(RateRoleId),
    Discount,
    /// A computed column of an exported sheet: read past.
    Ignored,
}

/// A pasted cell that could not be read: its row (1 is the first pasted row, header
/// included) and its column's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasteError {
    pub row: usize,
    pub column: String,
    pub message: String,
}

impl fmt::Display for PasteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Row {}, column “{}”: {}",
            self.row, self.column, self.message
        )
    }
}

/// What a paste holds: the lines read, and every cell that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pasted {
    /// Whether the first row was a header matched by name.
    pub header: bool,
    /// The columns as read (from the header, or the expected order).
    pub columns: Vec<(String, PasteColumn)>,
    pub lines: Vec<PastedLine>,
    pub errors: Vec<PasteError>,
}

impl Pasted {
    /// Nothing to add and nothing wrong: the text was blank.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.errors.is_empty()
    }
}

/// The most lines one paste may add.
pub const MAX_PASTED_LINES: usize = 5_000;

/// Splits tab-separated text as a spreadsheet copies it: rows end with LF or CRLF,
/// cells are separated by tabs, and a cell holding a tab, a line break or a quote is
/// wrapped in double quotes with its quotes doubled.
pub fn split_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                // A quoted cell, up to the closing quote.
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            cell.push('"');
                        }
                        Some('"') | None => break,
                        Some(other) => cell.push(other),
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            other => {
                cell.push(other);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// A cell without the apostrophe the export puts before text a spreadsheet would read
/// as a formula ("'=Build" is "=Build"); any other apostrophe is the text's own.
fn without_formula_guard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn normalise(header: &str) -> String {
    without_formula_guard(header.trim())
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A role's column header as the export writes it ("Designer hours") or the role's name.
fn header_role(header: &str, rates: &[RateRole]) -> Option<RateRoleId> {
    let h = normalise(header);
    let base = h
        .strip_suffix(" hours")
        .or_else(|| h.strip_suffix(" (h)"))
        .or_else(|| h.strip_suffix(" h"))
        .unwrap_or(&h)
        .trim();
    rates
        .iter()
        .find(|r| normalise(&r.name) == h || normalise(&r.name) == base)
        .map(|r| r.id)
}

fn header_column(header: &str, rates: &[RateRole]) -> Option<PasteColumn> {
    let h = normalise(header);
    // A role's name wins over the fixed names (a role may be called "Discount").
    if let Some(role) = header_role(header, rates) {
        return Some(PasteColumn::Hours(role));
    }
    match h.as_str() {
        "name" | "line" | "line item" | "item" | "deliverable" | "work package" => {
            return Some(PasteColumn::Name)
        }
        "billing" | "billing type" | "type" => return Some(PasteColumn::Billing),
        "discount" | "discount %" | "line discount" | "line discount %" => {
            return Some(PasteColumn::Discount)
        }
        _ => {}
    }
    // The export's delivery estimate: the estimator and a role's delivery hours.
    let delivery_hours = h
        .strip_suffix(&normalise(DELIVERY_HOURS_SUFFIX))
        .is_some_and(|role| rates.iter().any(|r| normalise(&r.name) == role.trim()));
    if h == normalise(ESTIMATOR_COLUMN) || delivery_hours {
        return Some(PasteColumn::Ignored);
    }
    // The export's billing terms and computed columns, with or without the currency code.
    let without_code = h.split(" (").next().unwrap_or(&h);
    TERMS_COLUMNS
        .iter()
        .chain(&COMPUTED_COLUMNS)
        .any(|c| normalise(c) == h || normalise(c) == without_code)
        .then_some(PasteColumn::Ignored)
}

/// Reads a billing type as people write it: "Fixed fee", "T&M", "non-billable"…
/// An empty cell is time and materials.
pub fn parse_billing(text: &str) -> Option<BillingType> {
    let t: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '&')
        .collect();
    match t.as_str() {
        "" | "tm" | "t&m" | "timeandmaterials" | "time&materials" | "timematerials"
        | "timeandmaterial" => Some(BillingType::TimeAndMaterials),
        "fixedfee" | "fixed" | "fixedprice" | "ff" => Some(BillingType::FixedFee),
        "nonbillable" | "notbillable" | "nb" | "internal" => Some(BillingType::NonBillable),
        _ => None,
    }
}

/// Reads rows pasted from a spreadsheet into lines for `PricingAction::PasteLines`.
///
/// The columns are the line's name, its billing type, one column of sales hours per
/// rate-card role and the line discount in percent. With a header row (recognised when
/// one of its cells names a column: "Name", "Billing type", a role's name, "Discount")
/// columns are matched by name in any order, and the export's computed columns are read
/// past; without one they are taken in that order, with the roles in rate-card order,
/// and trailing columns may be left out. Empty hours and discounts are zero; an empty
/// billing type is time and materials; blank rows are skipped. Every cell that cannot be
/// read is an error naming its row and column, and nothing is added while there is one.
pub fn parse_pasted(text: &str, rates: &[RateRole]) -> Pasted {
    let rows = split_tsv(text);
    let mut pasted = Pasted::default();
    let Some(first_index) = rows.iter().position(|r| !is_blank(r)) else {
        return pasted;
    };
    let first = &rows[first_index];
    let matched: Vec<Option<PasteColumn>> = first.iter().map(|h| header_column(h, rates)).collect();
    let is_header = matched.iter().any(|m| {
        matches!(
            m,
            Some(PasteColumn::Name | PasteColumn::Billing | PasteColumn::Hours(_))
        )
    });
    let data_start;
    if is_header {
        pasted.header = true;
        data_start = first_index + 1;
        for (i, (cell, m)) in first.iter().zip(&matched).enumerate() {
            let name = cell.trim().to_string();
            match m {
                Some(column) => {
                    if *column != PasteColumn::Ignored
                        && pasted.columns.iter().any(|(_, c)| c == column)
                    {
                        pasted.errors.push(PasteError {
                            row: first_index + 1,
                            column: name.clone(),
                            message: "this column appears twice.".into(),
                        });
                    }
                    pasted.columns.push((name, *column));
                }
                None if name.is_empty() => pasted
                    .columns
                    .push((format!("column {}", i + 1), PasteColumn::Ignored)),
                None => {
                    let roles: Vec<&str> = rates.iter().map(|r| r.name.as_str()).collect();
                    pasted.errors.push(PasteError {
                        row: first_index + 1,
                        column: name.clone(),
                        message: if roles.is_empty() {
                            "no column has that name, and the rate card has no roles yet.".into()
                        } else {
                            format!(
                                "no column has that name; hours columns are named after the rate card's roles ({}).",
                                roles.join(", ")
                            )
                        },
                    });
                    pasted.columns.push((name, PasteColumn::Ignored));
                }
            }
        }
        if !pasted.columns.iter().any(|(_, c)| *c == PasteColumn::Name) {
            pasted.errors.push(PasteError {
                row: first_index + 1,
                column: "Name".into(),
                message: "the header has no Name column.".into(),
            });
            // Without names no row is a line: none is read (or previewed nameless).
            return pasted;
        }
    } else {
        data_start = first_index;
        pasted.columns.push(("Name".into(), PasteColumn::Name));
        pasted
            .columns
            .push(("Billing type".into(), PasteColumn::Billing));
        for r in rates {
            pasted
                .columns
                .push((format!("{} hours", r.name), PasteColumn::Hours(r.id)));
        }
        pasted
            .columns
            .push(("Discount %".into(), PasteColumn::Discount));
    }

    for (index, row) in rows.iter().enumerate().skip(data_start) {
        if is_blank(row) {
            continue;
        }
        let row_number = index + 1;
        if pasted.lines.len() >= MAX_PASTED_LINES {
            pasted.errors.push(PasteError {
                row: row_number,
                column: "Name".into(),
                message: format!("one paste adds at most {MAX_PASTED_LINES} lines."),
            });
            break;
        }
        if !is_header && row.len() > pasted.columns.len() {
            pasted.errors.push(PasteError {
                row: row_number,
                column: format!("column {}", pasted.columns.len() + 1),
                message: format!(
                    "{} columns expected (name, billing type, {} hours, discount), found {}.",
                    pasted.columns.len(),
                    rates.len(),
                    row.len()
                ),
            });
            continue;
        }
        let mut line = PastedLine {
            name: String::new(),
            billing: BillingType::TimeAndMaterials,
            hours: BTreeMap::new(),
            discount: Bps(0),
        };
        let mut row_ok = true;
        for ((column_name, column), cell) in pasted.columns.clone().iter().zip(
            row.iter()
                .map(String::as_str)
                .chain(std::iter::repeat(""))
                .take(pasted.columns.len()),
        ) {
            let mut fail = |message: String| {
                pasted.errors.push(PasteError {
                    row: row_number,
                    column: column_name.clone(),
                    message,
                });
                row_ok = false;
            };
            let cell = cell.trim();
            match column {
                PasteColumn::Name => {
                    let name = without_formula_guard(cell).trim();
                    if name.is_empty() {
                        fail("a line needs a name.".into());
                    } else if !is_visible_name(name) {
                        // As the model refuses it, but told here with its row and column.
                        fail(
                            "the name has only invisible characters (such as zero-width spaces): type one that can be read."
                                .into(),
                        );
                    } else if name.chars().count() > 200 {
                        fail("at most 200 characters.".into());
                    } else {
                        line.name = name.to_string();
                    }
                }
                PasteColumn::Billing => match parse_billing(cell) {
                    Some(b) => line.billing = b,
                    None => fail(format!(
                        "“{cell}” is not a billing type; use Fixed fee, Time and materials or Non-billable."
                    )),
                },
                PasteColumn::Hours(role) => {
                    if cell.is_empty() {
                        continue;
                    }
                    match Hours::parse(cell) {
                        Ok(h) if h > MAX_PASTED_HOURS => fail(format!(
                            "{h} hours is more than one line can hold ({MAX_PASTED_HOURS})."
                        )),
                        Ok(h) if h.0 == 0 => {}
                        Ok(h) => {
                            line.hours.insert(*role, h);
                        }
                        Err(e) => fail(format!("“{cell}”: {e}.")),
                    }
                }
                PasteColumn::Discount => {
                    if cell.is_empty() {
                        continue;
                    }
                    match Bps::parse(cell) {
                        Ok(b) if b.0 < 0 => fail("a discount cannot be negative.".into()),
                        Ok(b) if b.0 > 10_000 => fail("a discount is at most 100 %.".into()),
                        Ok(b) => line.discount = b,
                        Err(e) => fail(format!("“{cell}”: {e}.")),
                    }
                }
                PasteColumn::Ignored => {}
            }
        }
        if row_ok {
            pasted.lines.push(line);
        }
    }
    if pasted.lines.is_empty() && pasted.errors.is_empty() && pasted.header {
        pasted.errors.push(PasteError {
            row: first_index + 1,
            column: "Name".into(),
            message: "there are no rows under the header.".into(),
        });
    }
    pasted
}

/// The most hours per role one pasted line may hold (the model refuses more).
pub const MAX_PASTED_HOURS: Hours = LINE_HOURS_MAX;

fn is_blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}
