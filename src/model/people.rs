//! People on the roster: who they are, which side they sit on, what they care about.

use super::ids::PersonId;
use super::units::Hours;
use serde::{Deserialize, Serialize};

/// A person of the workspace roster, shared by every engagement of the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub side: Side,
    pub group: StakeholderGroup,
    /// Hours per week this person can give, across all engagements.
    pub capacity: Hours,
}

impl Person {
    /// The hours per week a person is taken to have until someone says otherwise: a
    /// full-time week.
    pub const DEFAULT_CAPACITY: Hours = Hours::from_whole(40);
}

/// Which organization a person belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Client,
    Provider,
    ThirdParty,
}

impl Side {
    pub const ALL: [Side; 3] = [Side::Client, Side::Provider, Side::ThirdParty];

    pub fn label(self) -> &'static str {
        match self {
            Side::Client => "Client",
            Side::Provider => "Provider",
            Side::ThirdParty => "Third party",
        }
    }
}

/// The stakeholder group a person belongs to (docs/DOMAIN.md, "Stakeholders").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StakeholderGroup {
    Client,
    Sponsor,
    Performer,
    FunctionalManager,
    ProjectManager,
    EngagementManager,
    Sales,
    CustomerService,
    Pmo,
    QualityManagement,
    Procurement,
    Legal,
    Finance,
    Regulator,
}

impl StakeholderGroup {
    pub const ALL: [StakeholderGroup; 14] = [
        StakeholderGroup::Client,
        StakeholderGroup::Sponsor,
        StakeholderGroup::Performer,
        StakeholderGroup::FunctionalManager,
        StakeholderGroup::ProjectManager,
        StakeholderGroup::EngagementManager,
        StakeholderGroup::Sales,
        StakeholderGroup::CustomerService,
        StakeholderGroup::Pmo,
        StakeholderGroup::QualityManagement,
        StakeholderGroup::Procurement,
        StakeholderGroup::Legal,
        StakeholderGroup::Finance,
        StakeholderGroup::Regulator,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StakeholderGroup::Client => "Client",
            StakeholderGroup::Sponsor => "Sponsor",
            StakeholderGroup::Performer => "Performer",
            StakeholderGroup::FunctionalManager => "Functional manager",
            StakeholderGroup::ProjectManager => "Project manager",
            StakeholderGroup::EngagementManager => "Engagement manager",
            StakeholderGroup::Sales => "Sales",
            StakeholderGroup::CustomerService => "Customer service",
            StakeholderGroup::Pmo => "PMO",
            StakeholderGroup::QualityManagement => "Quality management",
            StakeholderGroup::Procurement => "Procurement",
            StakeholderGroup::Legal => "Legal",
            StakeholderGroup::Finance => "Finance",
            StakeholderGroup::Regulator => "Regulator",
        }
    }

    /// The label with its article, as a sentence names a person's group: "a Performer",
    /// "an Engagement manager".
    pub fn with_article(self) -> String {
        let label = self.label();
        let article = if label.starts_with(['A', 'E', 'I', 'O', 'U']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {label}")
    }

    /// The groups that deliver the work: performers, functional managers and project
    /// managers, who lead delivery (docs/DOMAIN.md, "delivery: manage and perform the
    /// projects"). Only their estimates are delivery input to pricing (check 7).
    pub const DELIVERY: [StakeholderGroup; 3] = [
        StakeholderGroup::Performer,
        StakeholderGroup::FunctionalManager,
        StakeholderGroup::ProjectManager,
    ];

    /// Whether the group delivers the work (see [`StakeholderGroup::DELIVERY`]).
    pub fn is_delivery(self) -> bool {
        StakeholderGroup::DELIVERY.contains(&self)
    }

    /// The sales side, who set expectations and prices: their own estimate is never
    /// delivery input, whatever role they hold (docs/DOMAIN.md, "Sales and pricing": a
    /// disconnect between those who sell and those who deliver).
    pub fn is_sales_side(self) -> bool {
        self == StakeholderGroup::Sales
    }

    /// Groups whose perspective is rules and protocols (docs/DOMAIN.md: regulators,
    /// accountants, lawyers, procurement specialists).
    pub fn is_oversight(self) -> bool {
        matches!(
            self,
            StakeholderGroup::Regulator
                | StakeholderGroup::Legal
                | StakeholderGroup::Procurement
                | StakeholderGroup::Finance
        )
    }
}
