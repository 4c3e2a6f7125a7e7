//! Templates for a new engagement: an in-house project or a contracted vendor
//! engagement, each pre-filled with the organization's standard process of its kind
//! (the nine functions and sensible governance, until the organization defines its own).

use super::engagement::*;
use super::ids::*;
use super::workspace::Workspace;
use super::ModelError;
use serde::{Deserialize, Serialize};

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
    let contracted = template == Template::ContractedVendor;
    let relationship = if contracted {
        Relationship::Contracted
    } else {
        Relationship::InHouse
    };
    // The organization's standard of this kind gives the functions, the decision areas
    // with their methods and the reports (`model::standard`).
    let standard = w.standard.process(relationship).clone();
    let id = EngagementId(w.allocate()?);
    let mut functions = Vec::with_capacity(standard.functions.len());
    for f in &standard.functions {
        functions.push(Function {
            id: FunctionId(w.allocate()?),
            name: f.name.clone(),
            kind: f.kind,
        });
    }
    let mut decisions = Vec::with_capacity(standard.decisions.len());
    for d in &standard.decisions {
        decisions.push(DecisionArea {
            id: DecisionId(w.allocate()?),
            name: d.name.clone(),
            kind: d.kind,
            method: d.method,
            authority: None,
            log: Vec::new(),
        });
    }
    let mut reports = Vec::with_capacity(standard.reports.len());
    for r in &standard.reports {
        reports.push(Report {
            id: ReportId(w.allocate()?),
            name: r.name.clone(),
            owner: None,
            audience: r.audience.clone(),
            frequency: r.frequency,
        });
    }
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
        account: None,
        provider: String::new(),
        relationship,
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
        accepted_departures: Vec::new(),
    })
}
