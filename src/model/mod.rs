//! The pure engagement model (docs/DOMAIN.md): people, engagements, functions, roles,
//! governance, expectations, compliance, and the checks the planner runs.
//!
//! Nothing here knows about the browser, the DOM or storage: it compiles and is
//! tested on the host with plain `cargo test`.

pub mod accounts;
pub mod action;
pub mod assessment;
pub mod assignments_csv;
pub mod compare;
pub mod deal;
pub mod decisions;
pub mod describe;
pub mod engagement;
pub mod error;
pub mod history;
pub mod ids;
mod input;
pub mod limits;
pub mod order;
pub mod people;
pub mod portfolio;
pub mod pricing;
/// Spreadsheet exchange for pricing worksheets: a worksheet exported as CSV (RFC 4180)
/// and rows pasted from a spreadsheet (tab-separated) read into pasted lines. They live
/// in [`pricing`]'s `csv` and `paste` modules; this is their path.
pub mod pricing_io {
    pub use super::pricing::csv::*;
    pub use super::pricing::paste::*;
}
pub mod standard;
pub mod templates;
pub mod units;
pub mod workspace;

pub use accounts::{Account, AccountEdit};
pub use action::{
    Action, ComplianceEdit, DecisionEdit, EngagementEdit, ModelError, NeedEdit, PersonEdit,
    ProposalEdit, ReportEdit,
};
pub use compare::{
    compare, compare_by, likely_match, matching_for, matching_since, Change, Comparison,
    Group as ChangeGroup, MadeBy, Matching, Refusal,
};
pub use decisions::{Outcome as DecisionOutcome, Position, Proposal, Stance, Verdict};
pub use engagement::*;
pub use history::History;
pub use ids::*;
pub use people::{Person, Side, StakeholderGroup};
pub use pricing::{
    compute, compute_with_default, overrun_effect, Approval, ApprovalEvent, ApprovalStep,
    BillingType, Expense, ExpenseEdit, Figures, HoursDelta, LineEdit, LineFigures, LineItem,
    Outcome, OverrunEffect, OverrunRow, PastedLine, PriceBasis, Pricing, PricingAction, RateRole,
    RateRoleEdit, SellingStyle, Worksheet, WorksheetField, WorksheetFigures,
};
pub use standard::{Departure, DepartureKey, Standard};
pub use templates::Template;
pub use units::{
    currency, format_money, parse_money, parse_number, Bps, CurrencyInfo, Hours, Money, UnitError,
};
pub use workspace::{is_visible_name, Problem, Problems, Workspace};
