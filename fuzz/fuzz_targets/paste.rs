//! Rows pasted from a spreadsheet into a worksheet: `pricing_io::parse_pasted` against
//! the rate card of the example plan, then `PricingAction::PasteLines` as the paste
//! panel applies it.
//!
//! The first byte picks the rate card: even, the example plan's three roles; odd, the
//! first line of the rest names more roles (separated by `|`), added through `apply`
//! (refused names are left out), so headers meet roles of any name. The rest is the
//! pasted text, as the clipboard hands it over.
//!
//! Checks: nothing panics; every error names a row of the paste and a column, in words;
//! lines read have a name, hours of the rate card's roles within the limit and a
//! discount from 0 to 100 %; and a paste read without errors is added whole by the model
//! (so every reason to refuse a row is told with its row and column), leaving a valid
//! plan with exactly those lines.
#![no_main]

#[path = "../../tests/plans/mod.rs"]
mod plans;

use engagement_planner::model::pricing::{PricingAction, SellingStyle};
use engagement_planner::model::pricing_io::{
    parse_pasted, split_tsv, MAX_PASTED_HOURS, MAX_PASTED_LINES,
};
use engagement_planner::model::*;
use libfuzzer_sys::fuzz_target;

/// The example plan with an empty draft worksheet to paste into.
fn plan() -> (Workspace, EngagementId, WorksheetId) {
    let (mut w, e) = plans::example_plan();
    let sheet = plans::worksheet(&mut w, e, "Pasted", SellingStyle::Consultative);
    (w, e, sheet)
}

thread_local! {
    static PLAN: (Workspace, EngagementId, WorksheetId) = plan();
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let (mut w, e, sheet) = PLAN.with(Clone::clone);
    let text = String::from_utf8_lossy(rest);
    let mut pasted_text: &str = &text;
    if which % 2 == 1 {
        let (roles, after) = text.split_once('\n').unwrap_or((&text, ""));
        for name in roles.split('|').take(8) {
            let _ = w.apply(Action::Pricing {
                engagement: e,
                action: PricingAction::AddRateRole {
                    name: name.to_string(),
                    cost_rate: Money(5_000),
                    bill_rate: Money(9_000),
                },
            });
        }
        pasted_text = after;
    }
    let rates = w
        .engagement(e)
        .expect("the example engagement")
        .pricing
        .rate_card
        .clone();

    let rows = split_tsv(pasted_text).len();
    let pasted = parse_pasted(pasted_text, &rates);
    for error in &pasted.errors {
        assert!(
            (1..=rows).contains(&error.row),
            "{error:?} names no row of {rows}"
        );
        assert!(!error.column.trim().is_empty(), "{error:?} names no column");
        assert!(!error.message.trim().is_empty(), "{error:?} says nothing");
    }
    assert!(pasted.lines.len() <= MAX_PASTED_LINES);
    for line in &pasted.lines {
        assert!(
            !line.name.is_empty() && line.name.trim() == line.name,
            "{line:?}"
        );
        assert!(line.name.chars().count() <= 200, "{line:?}");
        for (role, hours) in &line.hours {
            assert!(
                rates.iter().any(|r| r.id == *role),
                "{line:?} has hours of no role"
            );
            assert!(hours.0 > 0 && *hours <= MAX_PASTED_HOURS, "{line:?}");
        }
        assert!((0..=10_000).contains(&line.discount.0), "{line:?}");
    }
    if !pasted.errors.is_empty() || pasted.lines.is_empty() {
        return;
    }

    let before = w
        .engagement(e)
        .unwrap()
        .pricing
        .worksheet(sheet)
        .unwrap()
        .lines
        .len();
    let names: Vec<String> = pasted.lines.iter().map(|l| l.name.clone()).collect();
    let paste = PricingAction::PasteLines {
        worksheet: sheet,
        lines: pasted.lines,
    };
    if let Err(refusal) = w.apply(Action::Pricing {
        engagement: e,
        action: paste,
    }) {
        panic!("a paste read without errors was refused: {refusal}");
    }
    if let Err(problems) = w.validate() {
        panic!("a paste left an invalid plan: {problems:?}");
    }
    let lines = &w
        .engagement(e)
        .unwrap()
        .pricing
        .worksheet(sheet)
        .unwrap()
        .lines;
    let added: Vec<&str> = lines[before..].iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        added, names,
        "the worksheet did not gain exactly the pasted lines"
    );
});
