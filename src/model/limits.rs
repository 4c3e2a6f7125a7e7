//! Every limit of the model, in one table: how many hours, how much money, which
//! percentages, how long a name and how many of each thing.
//!
//! `apply` refuses anything beyond these, `Workspace::validate` refuses a file that
//! holds anything beyond them, and the views show them but never check them again:
//! a field learns that a value is out of range from the model's refusal.

use super::units::{Bps, Hours, Money};

// ----- Hours ------------------------------------------------------------------------

/// The most hours a week has: a capacity or an assignment above it is impossible.
pub const HOURS_PER_WEEK: Hours = Hours(168 * 100);

/// Most hours one rate-card role can have on one pricing line: 100,000 h.
pub const LINE_HOURS_MAX: Hours = Hours(100_000 * 100);

// ----- Money ------------------------------------------------------------------------

/// The largest amount, in minor units (10^15: ten trillion euros in cents). Rates,
/// costs, benefits and budgets beyond it are refused, and so is a worksheet whose
/// figures would exceed it, so that every figure stays exact.
pub const MONEY_LIMIT: Money = Money(1_000_000_000_000_000);

// ----- Percentages ------------------------------------------------------------------

/// The range of a percentage: from 0 % to `max`, and `range` says so in the words of
/// a refusal ("The line discount must be `range`.").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PercentLimit {
    pub max: Bps,
    pub range: &'static str,
}

impl PercentLimit {
    pub fn allows(self, value: Bps) -> bool {
        value >= Bps::ZERO && value <= self.max
    }
}

/// A discount, of a line or of a whole worksheet: 0–100 %.
pub const DISCOUNT: PercentLimit = PercentLimit {
    max: Bps(10_000),
    range: "from 0 % to 100 %",
};

/// A cost or billable contingency: 0–1,000 %.
pub const CONTINGENCY: PercentLimit = PercentLimit {
    max: Bps(100_000),
    range: "from 0 % to 1,000 %",
};

/// An expense's markup: 0–10,000 %.
pub const MARKUP: PercentLimit = PercentLimit {
    max: Bps(1_000_000),
    range: "from 0 % to 10,000 %",
};

/// A commission rate: 0–100 %.
pub const COMMISSION: PercentLimit = PercentLimit {
    max: Bps(10_000),
    range: "from 0 % to 100 %",
};

/// A decision's quorum: the share of the people who may take part who must cast a vote,
/// 0–100 %.
pub const QUORUM: PercentLimit = PercentLimit {
    max: Bps(10_000),
    range: "from 0 % to 100 %",
};

/// A target margin: 0 % to below 100 % (a price for a 100 % margin does not exist).
pub const TARGET_MARGIN: PercentLimit = PercentLimit {
    max: Bps(9_999),
    range: "at least 0 % and below 100 %",
};

/// An overrun scenario: 0 % to 1,000 % more hours of work than estimated.
pub const OVERRUN: PercentLimit = PercentLimit {
    max: Bps(100_000),
    range: "from 0 % to 1,000 %",
};

// ----- Text -------------------------------------------------------------------------

/// Longest name or title, in characters.
pub const NAME_MAX: usize = 200;

/// Longest free text (a note, a description), in characters.
pub const TEXT_MAX: usize = 5_000;

// ----- Counts -----------------------------------------------------------------------

/// Most people on one roster.
pub const PEOPLE_MAX: usize = 10_000;

/// Most engagements in one workspace.
pub const ENGAGEMENTS_MAX: usize = 1_000;

/// Most items of one kind (functions, assignments, reports, lines, …) in one engagement
/// or one worksheet.
pub const ITEMS_MAX: usize = 20_000;

/// Most worksheets (the base and its scenarios) of one engagement.
pub const WORKSHEETS_MAX: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_percentage_range_says_its_limit() {
        for limit in [DISCOUNT, CONTINGENCY, MARKUP, COMMISSION, OVERRUN, QUORUM] {
            assert_eq!(
                limit.range,
                format!("from 0 % to {}", crate::model::describe::percent(limit.max))
            );
            assert!(limit.allows(limit.max) && limit.allows(Bps::ZERO));
            assert!(!limit.allows(Bps(limit.max.0 + 1)) && !limit.allows(Bps(-1)));
        }
        assert_eq!(TARGET_MARGIN.max, Bps(Bps::HUNDRED_PERCENT.0 - 1));
        assert!(TARGET_MARGIN.range.ends_with("below 100 %"));
    }
}
