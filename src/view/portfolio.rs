//! What the Portfolio view shows and how it sorts, filters and exports: the columns of
//! the dashboard, each cell in words, a stable sort by any column either way, filters
//! per column (text or a choice), the totals of the rows shown, the dashboard as CSV,
//! and the heatmap's cells in words and levels.
//!
//! Pure: the component turns clicks and typing into a [`Sort`] and [`Filters`] and
//! renders what these functions return.

use crate::model::assessment::Severity;
use crate::model::order;
use crate::model::portfolio::{
    hours_text, AccountGroup, HeatRow, Portfolio, Row, Totals, NO_ACCOUNT,
};
use crate::model::pricing_io::{plain_money, plain_percent, text_field};
use crate::model::{currency, format_money, Money, Relationship, Stage};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The dashboard's columns, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    Engagement,
    Account,
    Stage,
    Relationship,
    Pm,
    EngagementManager,
    Price,
    Margin,
    Approval,
    Health,
    Unowned,
    Departures,
    OverCapacity,
    LastDecision,
}

impl Column {
    pub const ALL: [Column; 14] = [
        Column::Engagement,
        Column::Account,
        Column::Stage,
        Column::Relationship,
        Column::Pm,
        Column::EngagementManager,
        Column::Price,
        Column::Margin,
        Column::Approval,
        Column::Health,
        Column::Unowned,
        Column::Departures,
        Column::OverCapacity,
        Column::LastDecision,
    ];

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            Column::Engagement => "Engagement",
            Column::Account => "Account",
            Column::Stage => "Stage",
            Column::Relationship => "Relationship",
            Column::Pm => "PM",
            Column::EngagementManager => "Engagement manager",
            Column::Price => "Price",
            Column::Margin => "Margin",
            Column::Approval => "Approval",
            Column::Health => "Health",
            Column::Unowned => "Functions without an owner",
            Column::Departures => "Departures from the standard",
            Column::OverCapacity => "People over capacity",
            Column::LastDecision => "Last decision",
        }
    }

    /// The choices of a column filtered by choosing ("" is every row); none for a
    /// column filtered by typing.
    pub fn choices(self) -> Option<Vec<&'static str>> {
        match self {
            Column::Stage => Some(Stage::ALL.iter().map(|s| s.label()).collect()),
            Column::Relationship => Some(vec![
                Relationship::InHouse.label(),
                Relationship::Contracted.label(),
            ]),
            Column::Approval => Some(vec![
                "Draft",
                "Submitted",
                "Approved",
                "Rejected",
                "No deal chosen",
                "No pricing",
            ]),
            Column::Health => Some(vec![
                Severity::Critical.label(),
                Severity::Warning.label(),
                Severity::Advice.label(),
                HEALTHY,
            ]),
            Column::Departures => Some(vec![NO_DEPARTURE, SOME_DEPARTURES]),
            _ => None,
        }
    }

    /// The word a choice filter compares with the row's.
    fn choice_of(self, row: &Row) -> &'static str {
        match self {
            Column::Stage => row.stage.label(),
            Column::Relationship => row.relationship.label(),
            Column::Approval => row.deal.approval_label(),
            Column::Health => row.health.worst().map(Severity::label).unwrap_or(HEALTHY),
            Column::Departures if row.departures == 0 => NO_DEPARTURE,
            Column::Departures => SOME_DEPARTURES,
            _ => "",
        }
    }
}

/// The health of an engagement without any finding.
pub const HEALTHY: &str = "No findings";
/// An engagement that follows the standard, or whose every departure was accepted.
pub const NO_DEPARTURE: &str = "None open";
/// The choice of engagements with departures nobody accepted.
pub const SOME_DEPARTURES: &str = "Some open";

/// Which way a column sorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

impl Direction {
    /// The `aria-sort` value.
    pub fn aria(self) -> &'static str {
        match self {
            Direction::Ascending => "ascending",
            Direction::Descending => "descending",
        }
    }
}

/// The dashboard's sort: a column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub direction: Direction,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            column: Column::Engagement,
            direction: Direction::Ascending,
        }
    }
}

impl Sort {
    /// The sort after a click on `column`'s heading: the same column turns around, a
    /// new one starts ascending.
    pub fn clicked(self, column: Column) -> Sort {
        let direction = match (self.column == column, self.direction) {
            (true, Direction::Ascending) => Direction::Descending,
            _ => Direction::Ascending,
        };
        Sort { column, direction }
    }

    /// The `aria-sort` of a heading under this sort.
    pub fn aria_for(self, column: Column) -> &'static str {
        if self.column == column {
            self.direction.aria()
        } else {
            "none"
        }
    }
}

/// The filters in force: per column, the text typed or the choice made ("" is none).
pub type Filters = BTreeMap<Column, String>;

/// What a cell says.
pub fn cell_text(row: &Row, column: Column) -> String {
    let money = |m: Money| format_money(m, &currency(&row.currency));
    match column {
        Column::Engagement => row.name.clone(),
        Column::Account => none_if_empty(&row.account, NO_ACCOUNT),
        Column::Stage => row.stage.label().to_string(),
        Column::Relationship => row.relationship.label().to_string(),
        Column::Pm => row.pm.clone().unwrap_or_else(|| "No PM".into()),
        Column::EngagementManager => {
            if row.engagement_managers.is_empty() {
                "Nobody".into()
            } else {
                row.engagement_managers.join(", ")
            }
        }
        Column::Price => row
            .deal
            .figures()
            .map(|f| money(f.price))
            .unwrap_or_else(|| "Not priced".into()),
        Column::Margin => match row.deal.figures() {
            Some(f) => match f.margin_ratio {
                Some(r) => format!("{} ({} %)", money(f.margin), r.format()),
                None => money(f.margin),
            },
            None => "Not priced".into(),
        },
        Column::Approval => row.deal.approval_label().to_string(),
        Column::Health => health_text(row),
        Column::Unowned => unowned_text(row),
        Column::Departures => match row.departures {
            0 => NO_DEPARTURE.into(),
            n => format!("{n} open"),
        },
        Column::OverCapacity => {
            if row.over_capacity.is_empty() {
                "Nobody".into()
            } else {
                row.over_capacity
                    .iter()
                    .map(|o| format!("{} (over by {} h)", o.name, hours_text(o.over)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
        Column::LastDecision => match &row.last_decision {
            Some(d) => format!(
                "{}: {} ({}, {})",
                d.date,
                d.text,
                d.area,
                d.verdict.label().to_lowercase()
            ),
            None => "None yet".into(),
        },
    }
}

fn none_if_empty(text: &str, none: &str) -> String {
    if text.trim().is_empty() {
        none.to_string()
    } else {
        text.to_string()
    }
}

/// "2 critical, 1 warning, 3 advice", or "No findings".
pub fn health_text(row: &Row) -> String {
    let h = row.health;
    let parts: Vec<String> = [
        (h.critical, Severity::Critical),
        (h.warning, Severity::Warning),
        (h.advice, Severity::Advice),
    ]
    .into_iter()
    .filter(|&(n, _)| n > 0)
    .map(|(n, s)| super::health::count_words(n, s))
    .collect();
    if parts.is_empty() {
        HEALTHY.to_string()
    } else {
        parts.join(", ")
    }
}

/// "Nobody accountable: Legal. PM by default: Finance", or "Every function has one".
pub fn unowned_text(row: &Row) -> String {
    let mut parts = Vec::new();
    if !row.unowned.is_empty() {
        parts.push(format!("Nobody accountable: {}", row.unowned.join(", ")));
    }
    if !row.pm_default.is_empty() {
        parts.push(format!("PM by default: {}", row.pm_default.join(", ")));
    }
    if parts.is_empty() {
        "Every function has one".into()
    } else {
        parts.join(". ")
    }
}

/// Whether a row passes every filter: a typed filter is found in the cell's words
/// (ignoring case), a choice is the row's.
pub fn passes(row: &Row, filters: &Filters) -> bool {
    filters.iter().all(|(&column, wanted)| {
        let wanted = wanted.trim();
        if wanted.is_empty() {
            return true;
        }
        if column.choices().is_some() {
            column.choice_of(row) == wanted
        } else {
            cell_text(row, column)
                .to_lowercase()
                .contains(&wanted.to_lowercase())
        }
    })
}

/// Compares two rows by a column, ascending.
fn compare(a: &Row, b: &Row, column: Column) -> Ordering {
    let text = |r: &Row| cell_text(r, column).to_lowercase();
    match column {
        Column::Stage => a.stage.cmp(&b.stage),
        Column::Price => money_key(a, |f| f.price).cmp(&money_key(b, |f| f.price)),
        Column::Margin => {
            let key = |r: &Row| r.deal.figures().map(|f| f.margin_ratio);
            key(a).cmp(&key(b))
        }
        Column::Health => {
            let key = |r: &Row| (r.health.critical, r.health.warning, r.health.advice);
            key(a).cmp(&key(b))
        }
        Column::Unowned => {
            let key = |r: &Row| (r.unowned.len(), r.pm_default.len());
            key(a).cmp(&key(b))
        }
        Column::Departures => a.departures.cmp(&b.departures),
        Column::OverCapacity => {
            let key = |r: &Row| {
                (
                    r.over_capacity.len(),
                    r.over_capacity.iter().map(|o| o.over).max(),
                )
            };
            key(a).cmp(&key(b))
        }
        Column::LastDecision => {
            let key = |r: &Row| r.last_decision.as_ref().map(|d| d.date.clone());
            key(a).cmp(&key(b))
        }
        _ => text(a).cmp(&text(b)),
    }
}

/// Amounts sort by currency first (amounts of two currencies are not comparable),
/// unpriced deals first.
fn money_key(
    r: &Row,
    f: impl Fn(&crate::model::portfolio::DealFigures) -> Money,
) -> Option<(String, Money)> {
    r.deal.figures().map(|d| (r.currency.clone(), f(d)))
}

/// The positions in `p.rows` of the rows that pass the filters, in the sort's order
/// (stable: rows that compare equal keep the portfolio's order).
pub fn visible(p: &Portfolio, sort: Sort, filters: &Filters) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..p.rows.len())
        .filter(|&i| passes(&p.rows[i], filters))
        .collect();
    order::sort_by(&mut shown, |&a, &b| {
        let order = compare(&p.rows[a], &p.rows[b], sort.column);
        match sort.direction {
            Direction::Ascending => order,
            Direction::Descending => order.reverse(),
        }
    });
    shown
}

/// The accounts with the rows of each that are shown, in `shown`'s order, and their
/// totals; accounts with no row shown are left out. Accounts keep their order (by name,
/// no account last), reversed when the dashboard sorts by account descending.
pub fn grouped<'p>(
    p: &'p Portfolio,
    shown: &[usize],
    sort: Sort,
) -> Vec<(&'p AccountGroup, Vec<usize>, Totals)> {
    let mut group_of = vec![0; p.rows.len()];
    for (g, account) in p.accounts.iter().enumerate() {
        for &i in &account.rows {
            group_of[i] = g;
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); p.accounts.len()];
    for &i in shown {
        members[group_of[i]].push(i);
    }
    let mut groups: Vec<(&AccountGroup, Vec<usize>, Totals)> = p
        .accounts
        .iter()
        .zip(members)
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(g, rows)| {
            let totals = totals_of(p, &rows);
            (g, rows, totals)
        })
        .collect();
    if sort.column == Column::Account && sort.direction == Direction::Descending {
        let unrecorded = groups.iter().position(|(g, _, _)| g.unrecorded);
        let last = unrecorded.map(|i| groups.remove(i));
        groups.reverse();
        groups.extend(last);
    }
    groups
}

/// The totals of some rows of the portfolio.
pub fn totals_of(p: &Portfolio, rows: &[usize]) -> Totals {
    let mut totals = Totals::default();
    for &i in rows {
        totals.add(&p.rows[i]);
    }
    totals
}

/// The money totals in words, one currency after another: "€12,000.00 (3 deals);
/// $4,000.00 (1 deal)", or "No priced deal".
pub fn money_total_text(
    totals: &Totals,
    pick: fn(&crate::model::portfolio::MoneyTotals) -> i128,
) -> String {
    if totals.money.is_empty() {
        return "No priced deal".into();
    }
    totals
        .money
        .iter()
        .map(|(code, m)| {
            let amount = clamp_money(pick(m));
            format_money(amount, &currency(code))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The currencies note of a total: "Totals per currency: EUR, USD", when they differ.
pub fn currencies_note(totals: &Totals) -> Option<String> {
    totals.several_currencies().then(|| {
        format!(
            "Amounts in different currencies are not added together: one total per currency ({}).",
            totals.money.keys().cloned().collect::<Vec<_>>().join(", ")
        )
    })
}

/// A total fits `Money` in any plan `validate` accepts (each amount is at most 10^15
/// minor units and a workspace holds a bounded number of engagements); held at the
/// bounds otherwise, so nothing wraps.
fn clamp_money(v: i128) -> Money {
    Money(v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

/// The columns of the dashboard's CSV.
pub const CSV_COLUMNS: [&str; 23] = [
    "Engagement",
    "Account",
    "Stage",
    "Relationship",
    "PM",
    "Engagement manager",
    "Currency",
    "Price",
    "Cost",
    "Margin",
    "Margin %",
    "Deal hours",
    "Approval",
    "Critical",
    "Warnings",
    "Advice",
    "Nobody accountable",
    "Held by the PM by default",
    "Open departures from the standard",
    "People over capacity",
    "Hours per week",
    "Last decision date",
    "Last decision",
];

/// The dashboard as CSV (RFC 4180, CRLF): a header row and one row per engagement in
/// `rows`' order (the rows shown). Amounts are plain decimals in each engagement's
/// currency (named in the Currency column); text is written with the pricing export's
/// text fields, so formula-looking names are neutralised.
pub fn dashboard_csv(p: &Portfolio, rows: &[usize]) -> String {
    let mut out = String::new();
    let mut line = |fields: Vec<String>| {
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    line(CSV_COLUMNS.iter().map(|c| text_field(c)).collect());
    for &i in rows {
        let r = &p.rows[i];
        let decimals = currency(&r.currency).decimals;
        let f = r.deal.figures();
        let amount = |pick: fn(&crate::model::portfolio::DealFigures) -> Money| {
            f.map(|f| plain_money(pick(f), decimals))
                .unwrap_or_default()
        };
        let last = r.last_decision.as_ref();
        line(vec![
            text_field(&r.name),
            text_field(&r.account),
            text_field(r.stage.label()),
            text_field(r.relationship.label()),
            text_field(r.pm.as_deref().unwrap_or("")),
            text_field(&r.engagement_managers.join(", ")),
            text_field(&r.currency),
            amount(|f| f.price),
            amount(|f| f.cost),
            amount(|f| f.margin),
            f.and_then(|f| f.margin_ratio)
                .map(plain_percent)
                .unwrap_or_default(),
            f.map(|f| f.hours.to_string()).unwrap_or_default(),
            text_field(r.deal.approval_label()),
            r.health.critical.to_string(),
            r.health.warning.to_string(),
            r.health.advice.to_string(),
            text_field(&r.unowned.join(", ")),
            text_field(&r.pm_default.join(", ")),
            r.departures.to_string(),
            text_field(
                &r.over_capacity
                    .iter()
                    .map(|o| format!("{} (over by {} h)", o.name, hours_text(o.over)))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            hours_text(r.weekly_hours),
            text_field(last.map(|d| d.date.as_str()).unwrap_or("")),
            text_field(
                &last
                    .map(|d| format!("{} ({}, {})", d.text, d.area, d.verdict.label()))
                    .unwrap_or_default(),
            ),
        ]);
    }
    out
}

/// The dashboard file's name.
pub fn dashboard_file_name() -> String {
    crate::model::pricing_io::csv_file_name("engagement-planner", "portfolio")
}

/// A heatmap cell in words: "12 h", or "" for none.
pub fn heat_cell_text(hours: u64) -> String {
    if hours == 0 {
        String::new()
    } else {
        format!("{} h", hours_text(hours))
    }
}

/// How strongly a cell is shaded, 0 (nothing) to 4: the share of the person's capacity
/// the engagement takes, in quarters (rounded up); any hours of a person with no
/// capacity are the strongest.
pub fn heat_level(hours: u64, capacity: u64) -> u8 {
    if hours == 0 {
        0
    } else if capacity == 0 {
        4
    } else {
        (hours * 4).div_ceil(capacity).clamp(1, 4) as u8
    }
}

/// A person's load in words: "52 h of 40 h. Over by 12 h", "30 h of 40 h".
pub fn load_text(row: &HeatRow) -> String {
    let load = format!("{} h of {} h", hours_text(row.total), row.capacity);
    match row.over() {
        Some(over) => format!("{load}. Over by {} h", hours_text(over)),
        None => load,
    }
}
