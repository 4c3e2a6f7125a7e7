//! Spreadsheet exchange for pricing worksheets: a worksheet exported as CSV (RFC 4180)
//! and rows pasted from a spreadsheet (tab-separated) read into pasted lines.
//!
//! Pure: no browser, no files. The UI offers the CSV as a download and hands pasted
//! text in; everything here is tested on the host.

use super::ids::RateRoleId;
use super::pricing::{
    compute_with_default, BillingType, Figures, PastedLine, RateRole, Worksheet, LINE_HOURS_MAX,
};
use super::units::{Bps, CurrencyInfo, Hours, Money};
use std::collections::BTreeMap;
use std::fmt;

// ===== CSV export ========================================================================

/// The MIME type of the exported file.
pub const CSV_MIME: &str = "text/csv;charset=utf-8";

/// The billing terms of the export, after the discount: a fixed-fee line's agreed fee
/// and a time-and-materials line's not-to-exceed cap (empty when there is none, and on
/// lines billed another way). Pasting rows ignores these columns: pasted lines start
/// without a fee or a cap.
pub const TERMS_COLUMNS: [&str; 2] = ["Agreed fee", "Not-to-exceed cap"];

/// The computed columns of the export, after the inputs, in order. Pasting rows copied
/// from an exported sheet ignores these columns.
pub const COMPUTED_COLUMNS: [&str; 13] = [
    "Expense cost",
    "Cost",
    "List price",
    "Discount",
    "Net price",
    "Gross margin",
    "Margin %",
    "Markup %",
    "Blended bill rate",
    "Target price",
    "Commission on margin",
    "Commission on revenue",
    "Total hours",
];

/// An amount as a plain decimal with the currency's decimals: "-1234.50", no symbol and
/// no thousands separator, so a spreadsheet reads it as a number in any locale that
/// uses a decimal point.
pub fn plain_money(m: Money, decimals: u32) -> String {
    let sign = if m.0 < 0 { "-" } else { "" };
    let abs = m.0.unsigned_abs();
    let scale = 10u64.pow(decimals);
    if decimals == 0 {
        format!("{sign}{abs}")
    } else {
        format!(
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = decimals as usize
        )
    }
}

/// A ratio in basis points as a plain percentage with two decimals: "12.50".
pub fn plain_percent(b: Bps) -> String {
    let sign = if b.0 < 0 { "-" } else { "" };
    let abs = b.0.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Hours as a plain decimal: "37.5", "0.25".
fn plain_hours(h: Hours) -> String {
    h.to_string()
}

/// One CSV field of text (a name): quoted when it holds a comma, a quote or a line
/// break, and prefixed with an apostrophe when a spreadsheet would read it as a
/// formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage return). Numbers are
/// written by [`number_field`] and never prefixed, so no amount changes.
pub fn text_field(text: &str) -> String {
    let neutral = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    };
    quote(&neutral)
}

/// One CSV field of a number written by this module (digits, a sign, a point).
fn number_field(text: String) -> String {
    debug_assert!(text
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-'));
    text
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn billing_words(billing: BillingType) -> &'static str {
    match billing {
        BillingType::FixedFee => "Fixed fee",
        BillingType::TimeAndMaterials => "Time and materials",
        BillingType::NonBillable => "Non-billable",
    }
}

fn figure_fields(f: &Figures, decimals: u32) -> Vec<String> {
    let money = |m: Money| number_field(plain_money(m, decimals));
    let opt_money = |m: Option<Money>| m.map(money).unwrap_or_default();
    let opt_percent = |b: Option<Bps>| {
        b.map(|b| number_field(plain_percent(b)))
            .unwrap_or_default()
    };
    vec![
        money(f.expense_cost),
        money(f.cost),
        money(f.list_price),
        money(f.discount),
        money(f.net_price),
        money(f.gross_margin),
        opt_percent(f.margin),
        opt_percent(f.markup),
        opt_money(f.blended_bill_rate),
        opt_money(f.target_price),
        money(f.commission_on_margin),
        money(f.commission_on_revenue),
        number_field(plain_hours(f.hours)),
    ]
}

/// The worksheet as CSV (RFC 4180): CRLF line ends, a header row, one row per line item
/// and a total row. Inputs first (name, billing type, the sales hours per rate-card role,
/// the line discount, the agreed fee or cap), then the computed figures, with the target
/// price of the worksheet's target margin, else `default_target` (the workspace's).
/// Amounts are plain decimals in the currency's decimals; the currency's code is in the
/// amount columns' headers.
pub fn worksheet_csv(
    ws: &Worksheet,
    rates: &[RateRole],
    currency: &CurrencyInfo,
    default_target: Option<Bps>,
) -> String {
    let figures = compute_with_default(ws, rates, default_target);
    let decimals = currency.decimals;
    let code = &currency.code;
    let mut header: Vec<String> = vec![text_field("Line"), text_field("Billing type")];
    header.extend(
        rates
            .iter()
            .map(|r| text_field(&format!("{} hours", r.name))),
    );
    header.push(text_field("Discount %"));
    header.extend(
        TERMS_COLUMNS
            .iter()
            .map(|c| text_field(&format!("{c} ({code})"))),
    );
    header.extend(COMPUTED_COLUMNS.iter().map(|c| {
        let money = !matches!(*c, "Margin %" | "Markup %" | "Total hours");
        if money {
            text_field(&format!("{c} ({code})"))
        } else {
            text_field(c)
        }
    }));
    let mut rows = vec![header];
    for (line, f) in ws.lines.iter().zip(&figures.lines) {
        let mut row = vec![
            text_field(&line.name),
            text_field(billing_words(line.billing)),
        ];
        row.extend(rates.iter().map(|r| {
            number_field(plain_hours(
                line.hours.get(&r.id).copied().unwrap_or_default(),
            ))
        }));
        row.push(number_field(plain_percent(line.discount)));
        let term = |on: BillingType, m: Option<Money>| {
            m.filter(|_| line.billing == on)
                .map(|m| number_field(plain_money(m, decimals)))
                .unwrap_or_default()
        };
        row.push(term(BillingType::FixedFee, line.fee));
        row.push(term(BillingType::TimeAndMaterials, line.cap));
        row.extend(figure_fields(f, decimals));
        rows.push(row);
    }
    let mut total = vec![text_field("Total"), String::new()];
    total.extend(rates.iter().map(|r| {
        let sum: u64 = ws
            .lines
            .iter()
            .map(|l| u64::from(l.hours.get(&r.id).map_or(0, |h| h.0)))
            .sum();
        number_field(hundredths(sum))
    }));
    total.extend([String::new(), String::new(), String::new()]);
    total.extend(figure_fields(&figures.total, decimals));
    rows.push(total);
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A sum of hundredths of an hour written like [`Hours`]' display (it may exceed u32).
fn hundredths(v: u64) -> String {
    let (whole, frac) = (v / 100, v % 100);
    if frac == 0 {
        whole.to_string()
    } else if frac % 10 == 0 {
        format!("{whole}.{}", frac / 10)
    } else {
        format!("{whole}.{frac:02}")
    }
}

/// A file name for the export: "acme-rollout-base.csv", from the engagement's and the
/// worksheet's names (letters and digits kept, everything else a single dash).
pub fn csv_file_name(engagement: &str, worksheet: &str) -> String {
    let mut slug = String::new();
    for c in format!("{engagement} {worksheet}").chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(80).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "pricing.csv".to_string()
    } else {
        format!("{slug}.csv")
    }
}

// ===== Paste =============================================================================

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
