//! A pricing worksheet exported as CSV (RFC 4180), for a spreadsheet.
//!
//! Pure: no browser, no files. The UI offers the CSV as a download; everything here is
//! tested on the host.

use super::{compute_with_default, BillingType, Figures, RateRole, Worksheet};
use crate::model::units::{Bps, CurrencyInfo, Hours, Money};
use crate::model::Person;

/// The MIME type of the exported file.
pub const CSV_MIME: &str = "text/csv;charset=utf-8";

/// The billing terms of the export, after the discount: a fixed-fee line's agreed fee
/// and a time-and-materials line's not-to-exceed cap (empty when there is none, and on
/// lines billed another way). Pasting rows ignores these columns: pasted lines start
/// without a fee or a cap.
pub const TERMS_COLUMNS: [&str; 2] = ["Agreed fee", "Not-to-exceed cap"];

/// The delivery estimate of a line, after the billing terms: who estimated it (the
/// person's name, empty when nobody has), then one column per rate-card role of the
/// estimator's hours, headed "<role> delivery hours" ([`DELIVERY_HOURS_SUFFIX`]). Pasting
/// rows ignores these columns: a pasted line starts without an estimate.
pub const ESTIMATOR_COLUMN: &str = "Delivery estimator";

/// How a role's delivery-hours column is headed: "Designer delivery hours".
pub const DELIVERY_HOURS_SUFFIX: &str = " delivery hours";

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
/// the line discount, the agreed fee or cap, the delivery estimator named from `people`
/// and the delivery hours per role), then the computed figures, with the target
/// price of the worksheet's target margin, else `default_target` (the workspace's).
/// Amounts are plain decimals in the currency's decimals; the currency's code is in the
/// amount columns' headers.
pub fn worksheet_csv(
    ws: &Worksheet,
    rates: &[RateRole],
    people: &[Person],
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
    header.push(text_field(ESTIMATOR_COLUMN));
    header.extend(
        rates
            .iter()
            .map(|r| text_field(&format!("{}{DELIVERY_HOURS_SUFFIX}", r.name))),
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
        let estimator = line
            .estimator
            .and_then(|id| people.iter().find(|p| p.id == id));
        row.push(estimator.map(|p| text_field(&p.name)).unwrap_or_default());
        row.extend(rates.iter().map(|r| {
            line.delivery_hours
                .get(&r.id)
                .map(|h| number_field(plain_hours(*h)))
                .unwrap_or_default()
        }));
        row.extend(figure_fields(f, decimals));
        rows.push(row);
    }
    let sum = |r: &RateRole,
               hours: fn(&super::LineItem) -> &std::collections::BTreeMap<_, Hours>| {
        let sum: u64 = ws
            .lines
            .iter()
            .map(|l| u64::from(hours(l).get(&r.id).map_or(0, |h| h.0)))
            .sum();
        number_field(hundredths(sum))
    };
    let mut total = vec![text_field("Total"), String::new()];
    total.extend(rates.iter().map(|r| sum(r, |l| &l.hours)));
    total.extend([String::new(), String::new(), String::new(), String::new()]);
    total.extend(rates.iter().map(|r| sum(r, |l| &l.delivery_hours)));
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
pub fn hundredths(v: u64) -> String {
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
