//! A generator of pricing actions for property tests, shared by `tests/pricing_properties.rs`
//! and `tests/model_properties.rs`.
//!
//! An operation number and a few seeds become a `PricingAction` against the workspace
//! as it is: most ids are picked from what the engagement holds, some are random, and
//! amounts, percentages, hours and names mix valid values, boundaries and invalid ones.

use engagement_planner::model::pricing::{LINE_HOURS_MAX, MARKUP_MAX};
use engagement_planner::model::units::MONEY_LIMIT;
use engagement_planner::model::*;

/// How many operation numbers `pricing_action` knows.
pub const PRICING_OPS: u32 = 27;

/// One in eight picks is a random id (which may or may not exist, or may name
/// something of another kind); the rest pick from `pool`.
pub fn pick(seed: u32, pool: &[u32], next_id: u32) -> u32 {
    if !pool.is_empty() && !seed.is_multiple_of(8) {
        pool[(seed / 8) as usize % pool.len()]
    } else {
        (seed / 8) % next_id.saturating_add(4)
    }
}

pub fn choose<T: Copy>(all: &[T], seed: u32) -> T {
    all[seed as usize % all.len()]
}

pub fn amount(seed: u32) -> Money {
    match seed % 10 {
        0 => Money(-1 - i64::from(seed / 10 % 1_000)),
        1 => MONEY_LIMIT,
        2 => Money(MONEY_LIMIT.0 + 1),
        3 => Money(0),
        _ => Money(i64::from(seed / 10 % 50_000)),
    }
}

pub fn percent(seed: u32) -> Bps {
    match seed % 12 {
        0 => Bps(-1 - (seed / 12 % 100) as i32),
        1 => Bps::HUNDRED_PERCENT,
        2 => Bps(9_999),
        3 => Bps(100_000),
        4 => Bps(100_001),
        5 => MARKUP_MAX,
        6 => Bps(MARKUP_MAX.0 + 1),
        7 => Bps(0),
        _ => Bps((seed / 12 % 10_000) as i32),
    }
}

pub fn line_hours(seed: u32) -> Hours {
    match seed % 10 {
        0 => Hours(0),
        1 => LINE_HOURS_MAX,
        2 => Hours(LINE_HOURS_MAX.0 + 1 + seed / 10 % 100),
        _ => Hours(seed / 10 % 20_000),
    }
}

pub fn label(seed: u32) -> String {
    match seed % 10 {
        0 => String::new(),
        1 => "x".repeat(201),
        _ => choose(
            &["Build", "Design", " Travel ", "Zoë \"Q\"", "Dev"],
            seed / 10,
        )
        .into(),
    }
}

/// Turns an operation number (below [`PRICING_OPS`]) and seeds into a pricing action
/// against engagement `e` of `w`.
pub fn pricing_action(w: &Workspace, e: EngagementId, op: u32, s: [u32; 5]) -> PricingAction {
    let [a, b, c, d, x] = s;
    let next = w.next_id;
    let empty = Pricing::default();
    let en = w.engagement(e);
    let p = en.map_or(&empty, |en| &en.pricing);
    let roles: Vec<u32> = p.rate_card.iter().map(|r| r.id.0).collect();
    let role = |seed| RateRoleId(pick(seed, &roles, next));
    let sheets: Vec<u32> = p.worksheets.iter().map(|w| w.id.0).collect();
    let worksheet = WorksheetId(pick(a, &sheets, next));
    let sheet = p.worksheet(worksheet);
    let lines: Vec<u32> = sheet.map_or(vec![], |s| s.lines.iter().map(|l| l.id.0).collect());
    let line = LineId(pick(b, &lines, next));
    let expenses: Vec<u32> = sheet
        .and_then(|s| s.line(line))
        .map_or(vec![], |l| l.expenses.iter().map(|x| x.id.0).collect());
    let expense = ExpenseId(pick(c, &expenses, next));
    let people: Vec<u32> = w.people.iter().map(|p| p.id.0).collect();
    let person = |seed| PersonId(pick(seed, &people, next));
    let needs: Vec<u32> = en.map_or(vec![], |en| en.needs.iter().map(|n| n.id.0).collect());
    let edit_line = |edit| PricingAction::EditLine {
        worksheet,
        line,
        edit,
    };
    match op {
        0 | 1 => PricingAction::AddRateRole {
            name: label(b),
            cost_rate: amount(c),
            bill_rate: amount(d),
        },
        2 => PricingAction::EditRateRole {
            role: role(b),
            edit: match c % 3 {
                0 => RateRoleEdit::Name(label(d)),
                1 => RateRoleEdit::CostRate(amount(d)),
                _ => RateRoleEdit::BillRate(amount(d)),
            },
        },
        3 => PricingAction::RemoveRateRole { role: role(b) },
        4 => PricingAction::AddWorksheet {
            name: label(b),
            style: choose(&SellingStyle::ALL, c),
        },
        5 => PricingAction::RenameWorksheet {
            worksheet,
            name: label(b),
        },
        6 => PricingAction::SetStyle {
            worksheet,
            style: choose(&SellingStyle::ALL, b),
        },
        7 => PricingAction::SetWorksheetField {
            worksheet,
            field: choose(&WorksheetField::ALL, b),
            value: percent(c),
        },
        8 => PricingAction::DuplicateWorksheet {
            worksheet,
            name: label(b),
        },
        9 => PricingAction::RemoveWorksheet { worksheet },
        10 => PricingAction::SetDeal {
            worksheet: (!b.is_multiple_of(4)).then_some(worksheet),
        },
        11 => PricingAction::AddLine {
            worksheet,
            name: label(c),
            billing: choose(&BillingType::ALL, d),
        },
        12 | 13 => edit_line(LineEdit::Hours(role(c), line_hours(d))),
        14 => edit_line(LineEdit::DeliveryHours(role(c), line_hours(d))),
        15 => edit_line(match c % 8 {
            0 => LineEdit::Name(label(d)),
            1 => LineEdit::Billing(choose(&BillingType::ALL, d)),
            2 => LineEdit::Need((!d.is_multiple_of(5)).then(|| NeedId(pick(d, &needs, next)))),
            3 => LineEdit::Estimator((!d.is_multiple_of(5)).then(|| person(d))),
            4 => LineEdit::Fee((!d.is_multiple_of(5)).then(|| amount(d))),
            5 => LineEdit::Cap((!d.is_multiple_of(5)).then(|| amount(d))),
            _ => LineEdit::Discount(percent(d)),
        }),
        16 => PricingAction::RemoveLine { worksheet, line },
        17 => PricingAction::PasteLines {
            worksheet,
            lines: (0..c % 4)
                .map(|i| PastedLine {
                    name: label(d.wrapping_add(i)),
                    billing: choose(&BillingType::ALL, x.wrapping_add(i)),
                    hours: [(role(x.rotate_left(i)), line_hours(d.rotate_left(i)))]
                        .into_iter()
                        .collect(),
                    discount: percent(x.wrapping_mul(i + 1)),
                })
                .collect(),
        },
        18 => PricingAction::AddExpense {
            worksheet,
            line,
            name: label(d),
            cost: amount(x),
            markup: percent(d ^ x),
        },
        19 => PricingAction::EditExpense {
            worksheet,
            line,
            expense,
            edit: match d % 3 {
                0 => ExpenseEdit::Name(label(x)),
                1 => ExpenseEdit::Cost(amount(x)),
                _ => ExpenseEdit::Markup(percent(x)),
            },
        },
        20 => PricingAction::RemoveExpense {
            worksheet,
            line,
            expense,
        },
        21 | 22 => PricingAction::Submit { worksheet },
        23 => PricingAction::Approve {
            worksheet,
            by: person(d),
            date: "2025-03-01".into(),
        },
        24 => PricingAction::Reject {
            worksheet,
            by: person(d),
            note: label(x),
        },
        25 => PricingAction::Reopen {
            worksheet,
            by: person(d),
            note: label(x),
        },
        _ => PricingAction::ClearTargetMargin { worksheet },
    }
}
