//! Templates for a new engagement: an in-house project or a contracted vendor
//! engagement, each pre-filled with the nine functions and sensible governance.

use super::engagement::*;
use super::ids::*;
use super::people::StakeholderGroup;
use super::workspace::Workspace;
use super::ModelError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Which kind of engagement to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    InHouseProject,
    ContractedVendor,
}

impl Template {
    pub const ALL: [Template; 2] = [Template::InHouseProject, Template::ContractedVendor];

    pub fn label(self) -> &'static str {
        match self {
            Template::InHouseProject => "In-house project",
            Template::ContractedVendor => "Contracted vendor engagement",
        }
    }
}

/// Builds a new engagement from a template, taking its ids from the workspace.
pub(crate) fn instantiate(
    w: &mut Workspace,
    template: Template,
    name: &str,
) -> Result<Engagement, ModelError> {
    let id = EngagementId(w.allocate()?);
    let mut functions = Vec::with_capacity(FunctionKind::NINE.len());
    for kind in FunctionKind::NINE {
        functions.push(Function {
            id: FunctionId(w.allocate()?),
            name: kind.default_name().to_string(),
            kind,
        });
    }
    let contracted = template == Template::ContractedVendor;
    let decision = |w: &mut Workspace,
                    kind: DecisionKind,
                    method: DecisionMethod|
     -> Result<DecisionArea, ModelError> {
        Ok(DecisionArea {
            id: DecisionId(w.allocate()?),
            name: kind.default_name().to_string(),
            kind,
            method: Some(method),
            authority: None,
            log: Vec::new(),
        })
    };
    let decisions = vec![
        decision(
            w,
            DecisionKind::ScopeChange,
            if contracted {
                DecisionMethod::Authority
            } else {
                DecisionMethod::Consensus
            },
        )?,
        decision(w, DecisionKind::FinalDeal, DecisionMethod::Authority)?,
        decision(w, DecisionKind::Acceptance, DecisionMethod::Authority)?,
        decision(w, DecisionKind::Escalation, DecisionMethod::Authority)?,
    ];
    let reports = vec![
        Report {
            id: ReportId(w.allocate()?),
            name: "Status report".to_string(),
            owner: None,
            audience: BTreeSet::from([StakeholderGroup::Client, StakeholderGroup::Sponsor]),
            frequency: Some(Frequency::Weekly),
        },
        Report {
            id: ReportId(w.allocate()?),
            name: "Steering committee report".to_string(),
            owner: None,
            audience: BTreeSet::from([StakeholderGroup::Sponsor]),
            frequency: Some(Frequency::Monthly),
        },
    ];
    let rules: &[&str] = if contracted {
        &[
            "Contract signed and filed by both parties",
            "Data protection terms agreed",
            "Invoices follow the agreed billing schedule",
        ]
    } else {
        &[
            "Internal change-control policy followed",
            "Agreements documented and shared with the sponsor",
        ]
    };
    let mut compliance = Vec::new();
    for rule in rules {
        compliance.push(ComplianceItem {
            id: ComplianceId(w.allocate()?),
            rule: rule.to_string(),
            owner: None,
            status: ComplianceStatus::NotStarted,
        });
    }
    Ok(Engagement {
        id,
        name: name.trim().to_string(),
        client: String::new(),
        provider: String::new(),
        relationship: if contracted {
            Relationship::Contracted
        } else {
            Relationship::InHouse
        },
        stage: if contracted {
            Stage::PreSales
        } else {
            Stage::Sales
        },
        currency: "EUR".to_string(),
        functions,
        assignments: Vec::new(),
        pm: None,
        engagement_manager: None,
        champion: None,
        agreement_formal: false,
        agreement_documenter: None,
        pm_accepted: Default::default(),
        decisions,
        reports,
        needs: Vec::new(),
        sponsor_value: SponsorValue::default(),
        compliance,
        signoffs: SignOffs::default(),
        pricing: Default::default(),
    })
}
