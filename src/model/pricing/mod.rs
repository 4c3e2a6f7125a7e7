//! Pricing: the rate card, worksheets (the base and what-if scenarios), their line
//! items and expenses, the figures computed from them, and the approval of the deal
//! (docs/DOMAIN.md, "Sales and pricing", checks 7 and 8).
//!
//! # Exact money, one rounding rule
//! Money is integer minor units of the engagement's currency ([`Money`]), ratios are
//! basis points ([`Bps`]), hours are hundredths ([`Hours`]). Every product or quotient
//! is computed exactly in `i128` and rounded once, half away from zero, to the minor
//! unit (money) or to a basis point (ratios). Totals of amounts are the sums of the
//! rounded line figures, so `net price = cost + gross margin` holds exactly, per line
//! and in total. Ratios of the totals (margin, markup, blended bill rate) and the
//! amounts derived from them (target price, commissions) are computed from the totals.
//! No floating point is involved anywhere.
//!
//! Figures are never stored: [`compute`] derives them from the worksheet and the rate
//! card whenever they are needed.
//!
//! # Fixed fee and time and materials
//! A line's cost is on its hours of work: delivery's estimate where delivery gave one,
//! else the sales hours. A fixed-fee line is priced at its agreed `fee` whatever the
//! hours (until one is agreed, at its sales hours; approving the worksheet agrees it),
//! so more hours lower its margin. A time-and-materials line bills its hours of work,
//! up to its not-to-exceed `cap`. [`overrun_effect`] shows both when the work takes
//! more hours than estimated.
//!
//! # Target margin
//! A worksheet's target margin is unset until someone sets it; then the workspace's
//! default target margin applies ([`Worksheet::target`]), and with neither there is
//! no target price (check 8 says so).
//!
//! [`Money`]: crate::model::units::Money
//! [`Bps`]: crate::model::units::Bps
//! [`Hours`]: crate::model::units::Hours

mod actions;
pub(super) mod csv;
mod figures;
mod limits;
pub(super) mod paste;
mod types;
mod validation;

pub use actions::*;
pub use figures::*;
pub use limits::*;
pub use types::*;
pub(crate) use validation::validate;
