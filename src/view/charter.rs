//! The engagement charter: one printable page that says who the parties are, who does
//! what and who has final authority, how decisions are made, what is reported, who has
//! signed off the process and, when asked, the deal.
//!
//! Everything the page shows is decided here, as plain data, and host-tested in
//! `tests/charter.rs`; `components::charter` only renders it. The facts are worded as
//! the workshop words them ([`super::present`]), so the room and the paper agree. "For the
//! client" leaves out what the workshop leaves out with the client in the room
//! ([`super::present::CLIENT_IN_ROOM_REDACTED`]): cost rates, margins, markup, commission
//! and internal notes are not part of the charter at all.

use super::present::{
    self, client_in_room_default, raci_letter, raci_people, Authority, DealSummary,
    DecisionAreaRow, Fact,
};
use crate::model::order;
use crate::model::{
    BillingType, Engagement, Raci, Relationship, SignOffParty, SignOffStatus, Workspace,
};

/// What the reader chose to put on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharterOptions {
    /// Add the deal's summary (price, billing, approval).
    pub include_deal: bool,
    /// The charter goes to the client: no cost rate, margin, markup, commission or
    /// internal note.
    pub for_client: bool,
}

impl CharterOptions {
    /// The options a charter opens with: the deal included, and "for the client" on for a
    /// contracted engagement (the client is another company), off in-house.
    pub fn defaults(e: &Engagement) -> CharterOptions {
        CharterOptions {
            include_deal: true,
            for_client: client_in_room_default(e),
        }
    }
}

/// One function's row of the RACI grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharterRaciRow {
    pub function: String,
    /// The role letters of each person (in [`CharterRaci::people`] order), "" for none;
    /// "R A" when a person holds two roles.
    pub cells: Vec<String>,
    /// Who has final authority, in words.
    pub authority: String,
    /// Nobody is Accountable and the PM has not accepted it (or there is no PM).
    pub gap: bool,
}

/// The RACI grid: people as columns, functions as rows, final authority as the last
/// column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharterRaci {
    pub people: Vec<String>,
    pub rows: Vec<CharterRaciRow>,
}

/// A report: each part in words, "Not set" where it is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharterReport {
    pub name: String,
    pub owner: String,
    pub audience: String,
    pub frequency: String,
    /// Something is missing (check 6).
    pub gap: bool,
}

/// Where one group's sign-off of the process stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharterSignOff {
    pub party: &'static str,
    /// Who signed, or "Not signed".
    pub who: String,
    /// The date signed, `YYYY-MM-DD`, or "" when undated or unsigned.
    pub date: String,
    /// "Current", "Out of date", "Not signed", …
    pub status: &'static str,
    /// The status badge's class: `charter-ok`, `charter-warn` or `charter-gap`.
    pub status_class: &'static str,
    /// The sign-off covers the process as it is now.
    pub current: bool,
}

/// The whole charter, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charter {
    /// The engagement's name.
    pub title: String,
    /// Who the page is for: "For the client" or "Internal: includes costs and margins".
    pub audience: &'static str,
    /// Client, provider and key people.
    pub parties: Vec<Fact>,
    /// Relationship and stage.
    pub relationship: Vec<Fact>,
    /// What the relationship asks of the agreement, in a sentence.
    pub formality: String,
    pub raci: CharterRaci,
    pub decisions: Vec<DecisionAreaRow>,
    pub reports: Vec<CharterReport>,
    pub signoffs: Vec<CharterSignOff>,
    /// The deal, when it was asked for; without internal figures for the client.
    pub deal: Option<DealSummary>,
    /// How the deal's lines are billed ("Fixed fee and time and materials"), when the
    /// deal was asked for and has lines.
    pub billing: Option<String>,
}

/// The charter of engagement `e` with the reader's options.
pub fn charter(w: &Workspace, e: &Engagement, options: CharterOptions) -> Charter {
    Charter {
        title: e.name.clone(),
        audience: if options.for_client {
            "For the client"
        } else {
            "Internal: includes costs and margins"
        },
        parties: parties(w, e),
        relationship: vec![
            fact("Relationship", e.relationship.label().to_string()),
            fact("Stage", e.stage.label().to_string()),
        ],
        formality: formality(w, e),
        raci: raci(w, e),
        decisions: present::decision_areas(w, e),
        reports: reports(w, e),
        signoffs: signoffs(w, e),
        deal: options
            .include_deal
            .then(|| present::deal(w, e, options.for_client)),
        billing: options.include_deal.then(|| billing(e)).flatten(),
    }
}

/// How the deal's worksheet bills its lines: each billing type it uses, in the model's
/// order, in words ("Fixed fee and time and materials"). `None` without a deal or lines.
pub fn billing(e: &Engagement) -> Option<String> {
    let ws = e.pricing.deal_worksheet()?;
    let used: Vec<String> = BillingType::ALL
        .into_iter()
        .filter(|b| ws.lines.iter().any(|l| l.billing == *b))
        .enumerate()
        .map(|(i, b)| {
            if i == 0 {
                b.label().to_string()
            } else {
                b.label().to_lowercase()
            }
        })
        .collect();
    match used.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

fn fact(label: &'static str, value: String) -> Fact {
    Fact {
        label,
        value,
        gap: false,
    }
}

/// Client, provider, PM, engagement manager, sales lead or champion (from the
/// workshop's glance, without the engagement's name and the relationship, which the
/// charter shows elsewhere), and the sponsors of this engagement.
fn parties(w: &Workspace, e: &Engagement) -> Vec<Fact> {
    let mut facts: Vec<Fact> = present::glance(w, e)
        .into_iter()
        .filter(|f| !matches!(f.label, "Engagement" | "Relationship" | "Stage"))
        .collect();
    let sponsors: Vec<&str> = e
        .sponsors(w)
        .into_iter()
        .map(|p| w.person_name(p))
        .collect();
    facts.push(Fact {
        label: "Sponsors",
        value: if sponsors.is_empty() {
            "Not named yet".to_string()
        } else {
            sponsors.join(", ")
        },
        gap: sponsors.is_empty(),
    });
    facts
}

/// What the relationship asks of the agreement (docs/DOMAIN.md, "In-house or contracted").
pub fn formality(w: &Workspace, e: &Engagement) -> String {
    match e.relationship {
        Relationship::Contracted => {
            let recorded = if e.agreement_formal {
                "The agreement is recorded formally."
            } else {
                "The agreement is not recorded formally yet."
            };
            format!(
                "Contracted: procurement, legal and administration and finance are formal and \
                 precise. {recorded}"
            )
        }
        Relationship::InHouse => {
            let who = match e.agreement_documenter {
                Some(p) => format!("{} documents the agreements.", w.person_name(p)),
                None => "Nobody is named yet to document the agreements.".to_string(),
            };
            format!(
                "In-house: agreements are written down and decisions made objectively by \
                 discipline, not by contract. {who}"
            )
        }
    }
}

/// The RACI grid: everyone with a role in the engagement, by name, and every function
/// with its final authority.
pub fn raci(w: &Workspace, e: &Engagement) -> CharterRaci {
    let people = raci_people(w, e);
    let authority = present::authority(w, e);
    let rows = e
        .functions
        .iter()
        .zip(authority)
        .map(|(f, (_, _, who))| {
            let cells = people
                .iter()
                .map(|&p| {
                    let mut roles: Vec<Raci> = e
                        .assignments_on(f.id)
                        .filter(|a| a.person == p)
                        .map(|a| a.role)
                        .collect();
                    order::sort(&mut roles);
                    roles
                        .into_iter()
                        .map(raci_letter)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            CharterRaciRow {
                function: f.name.clone(),
                cells,
                gap: who.is_gap(),
                authority: authority_words(&who),
            }
        })
        .collect();
    CharterRaci {
        people: people
            .iter()
            .map(|&p| w.person_name(p).to_string())
            .collect(),
        rows,
    }
}

/// Final authority as the charter says it: the Accountable person's name, or who it
/// falls to when nobody is Accountable.
fn authority_words(who: &Authority) -> String {
    match who {
        Authority::Accountable(name) => name.clone(),
        Authority::PmAccepted(pm) => format!("{pm} (PM, accepted by default)"),
        Authority::PmByDefault(pm) => {
            format!("Nobody is Accountable: falls to {pm} (PM), not accepted")
        }
        Authority::Nobody => "Nobody is Accountable, and there is no PM".to_string(),
    }
}

/// Every report with its owner, audience and frequency.
pub fn reports(w: &Workspace, e: &Engagement) -> Vec<CharterReport> {
    present::reports(w, e)
        .into_iter()
        .map(|r| {
            let gap = r.owner.is_none() || r.audience.is_none() || r.frequency.is_none();
            let or_not_set = |v: Option<String>| v.unwrap_or_else(|| "Not set".to_string());
            CharterReport {
                name: r.name,
                owner: or_not_set(r.owner),
                audience: or_not_set(r.audience),
                frequency: or_not_set(r.frequency),
                gap,
            }
        })
        .collect()
}

/// The three sign-offs of the process (check 14), each with its date and whether it
/// still covers the process.
pub fn signoffs(w: &Workspace, e: &Engagement) -> Vec<CharterSignOff> {
    e.sign_off_statuses(&w.people)
        .into_iter()
        .map(|(party, status)| signoff(w, party, status))
        .collect()
}

fn signoff(w: &Workspace, party: SignOffParty, status: SignOffStatus) -> CharterSignOff {
    let name = |p| w.person_name(p).to_string();
    let (who, date, status, status_class, current) = match status {
        SignOffStatus::Missing => (
            "Not signed".to_string(),
            String::new(),
            "Not signed",
            "charter-gap",
            false,
        ),
        SignOffStatus::WrongGroup { person, group } => (
            format!("{} ({}, not {})", name(person), group.label(), party.who()),
            String::new(),
            "Not valid",
            "charter-gap",
            false,
        ),
        SignOffStatus::Undated { person } => (
            name(person),
            String::new(),
            "Undated: confirm again",
            "charter-warn",
            false,
        ),
        SignOffStatus::OutOfDate { person, date } => (
            name(person),
            date,
            "Out of date: the process changed since",
            "charter-warn",
            false,
        ),
        SignOffStatus::Current { person, date } => {
            (name(person), date, "Current", "charter-ok", true)
        }
    };
    CharterSignOff {
        party: party.label(),
        who,
        date,
        status,
        status_class,
        current,
    }
}

/// The document's title while the charter is open, which browsers offer as the printed
/// file's name: "Charter — Website relaunch".
pub fn page_title(e: &Engagement) -> String {
    format!("Charter — {}", e.name)
}
