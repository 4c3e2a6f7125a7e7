//! Identifier newtypes. Every id in a workspace comes from one counter, so an id
//! is never reused within a workspace, even after the thing it named is removed.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

id_type!(
    /// A person on the workspace roster.
    PersonId,
    /// An engagement of the workspace's portfolio.
    EngagementId,
    /// A function (sales, legal, delivery, …) of one engagement.
    FunctionId,
    /// A decision area of one engagement's governance.
    DecisionId,
    /// A report of one engagement's governance.
    ReportId,
    /// A client need of one engagement's expectations.
    NeedId,
    /// A compliance item (rule, protocol, regulation) of one engagement.
    ComplianceId,
    /// A role of one engagement's pricing rate card.
    RateRoleId,
    /// A pricing worksheet (the base or a what-if scenario) of one engagement.
    WorksheetId,
    /// A line item of a pricing worksheet.
    LineId,
    /// A non-labour expense of a worksheet line.
    ExpenseId,
    /// A proposal in a decision area's log of decisions.
    ProposalId,
    /// A client account of the portfolio, which holds several engagements.
    AccountId,
);
