//! The workspace: a roster of people shared by a portfolio of engagements, and the
//! structural rules every workspace obeys (checked on every import and load).

use super::engagement::*;
use super::ids::*;
use super::people::Person;
use super::units::{Bps, Hours, HOURS_PER_WEEK, MONEY_LIMIT};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Longest name or title the model accepts, in characters.
pub const NAME_MAX: usize = 200;
/// Longest free text (a note, a description), in characters.
pub const TEXT_MAX: usize = 5_000;
/// Most people on one roster.
pub const PEOPLE_MAX: usize = 10_000;
/// Most engagements in one workspace.
pub const ENGAGEMENTS_MAX: usize = 1_000;
/// Most items of one kind (functions, assignments, reports, …) in one engagement.
pub const ITEMS_MAX: usize = 20_000;

/// Everything the planner holds: the roster and the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Workspace {
    pub people: Vec<Person>,
    pub engagements: Vec<Engagement>,
    /// The next id to hand out; every id in the workspace is below it.
    pub next_id: u32,
    /// The target margin of every pricing worksheet that has none of its own (see
    /// `Worksheet::target`); `None` until someone sets it. Absent from version 2
    /// documents, which read as none.
    #[serde(default)]
    pub default_target_margin: Option<Bps>,
}

impl Workspace {
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    pub fn engagement(&self, id: EngagementId) -> Option<&Engagement> {
        self.engagements.iter().find(|e| e.id == id)
    }

    pub fn person_name(&self, id: PersonId) -> &str {
        self.person(id)
            .map(|p| p.name.as_str())
            .unwrap_or("(unknown person)")
    }

    /// Hours per week assigned to a person across every engagement of the workspace.
    pub fn assigned_hours(&self, person: PersonId) -> Hours {
        self.engagements
            .iter()
            .flat_map(|e| e.assignments.iter())
            .filter(|a| a.person == person)
            .fold(Hours(0), |sum, a| sum.saturating_add(a.hours))
    }

    /// Assigned hours for every person at once, for views that show all of them.
    pub fn workload(&self) -> BTreeMap<PersonId, Hours> {
        let mut load: BTreeMap<PersonId, Hours> =
            self.people.iter().map(|p| (p.id, Hours(0))).collect();
        for a in self.engagements.iter().flat_map(|e| e.assignments.iter()) {
            let entry = load.entry(a.person).or_default();
            *entry = entry.saturating_add(a.hours);
        }
        load
    }

    /// Every place in the workspace that refers to a person, described for a
    /// confirmation ("PM of Website relaunch", "Legal: Accountable in Website relaunch").
    pub fn uses_of_person(&self, person: PersonId) -> Vec<String> {
        let mut uses = Vec::new();
        for e in &self.engagements {
            if e.pm == Some(person) {
                uses.push(format!("PM of {}", e.name));
            }
            if e.engagement_manager == Some(person) {
                uses.push(format!("Engagement manager of {}", e.name));
            }
            for a in e.assignments.iter().filter(|a| a.person == person) {
                let function = e
                    .function(a.function)
                    .map(|f| f.name.as_str())
                    .unwrap_or("?");
                uses.push(format!("{function}: {} in {}", a.role.label(), e.name));
            }
            if e.pricing.referenced_people().contains(&person) {
                uses.push(format!("Named in the pricing of {}", e.name));
            }
            let other = e.people_outside_pricing().contains(&person)
                && e.pm != Some(person)
                && e.engagement_manager != Some(person)
                && !e.assignments.iter().any(|a| a.person == person);
            if other {
                uses.push(format!(
                    "Named in the governance or sign-offs of {}",
                    e.name
                ));
            }
        }
        uses
    }

    /// Hands out a fresh id.
    pub(crate) fn allocate(&mut self) -> Result<u32, super::ModelError> {
        let id = self.next_id;
        self.next_id = self
            .next_id
            .checked_add(1)
            .ok_or(super::ModelError::OutOfIds)?;
        Ok(id)
    }

    /// Checks every structural rule; a workspace read from a file or from storage must
    /// pass before it replaces anything. Each problem names where it is.
    pub fn validate(&self) -> Result<(), Vec<Problem>> {
        let mut v = Validator::default();
        v.check_workspace(self);
        if v.problems.is_empty() {
            Ok(())
        } else {
            Err(v.problems)
        }
    }
}

/// One structural problem in a workspace, with the path to where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A JSON-like path: `engagements[2].assignments[5].person`.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[derive(Default)]
pub(crate) struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    pub(crate) fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        // A hostile file could produce millions of problems; the first hundred say enough.
        if self.problems.len() < 100 {
            self.problems.push(Problem {
                path: path.into(),
                message: message.into(),
            });
        }
    }

    pub(crate) fn name(&mut self, path: &str, value: &str) {
        if value.trim().is_empty() {
            self.problem(path, "must not be empty");
        }
        self.text_len(path, value, NAME_MAX);
    }

    pub(crate) fn text_len(&mut self, path: &str, value: &str, max: usize) {
        let count = value.chars().count();
        if count > max {
            self.problem(
                path,
                format!("is {count} characters long; at most {max} are allowed"),
            );
        }
    }

    fn hours(&mut self, path: &str, value: Hours) {
        if value > HOURS_PER_WEEK {
            self.problem(
                path,
                format!("{value} hours a week is more than the 168 a week has"),
            );
        }
    }

    pub(crate) fn id(&mut self, path: &str, id: u32, next_id: u32, seen: &mut BTreeSet<u32>) {
        if id >= next_id {
            self.problem(path, format!("id {id} is not below next_id {next_id}"));
        }
        if !seen.insert(id) {
            self.problem(path, format!("id {id} is used twice"));
        }
    }

    pub(crate) fn person_ref(
        &mut self,
        path: &str,
        person: Option<PersonId>,
        people: &BTreeSet<PersonId>,
    ) {
        if let Some(p) = person {
            if !people.contains(&p) {
                self.problem(
                    path,
                    format!("refers to person {p}, who is not on the roster"),
                );
            }
        }
    }

    pub(crate) fn count(&mut self, path: &str, len: usize, max: usize) {
        if len > max {
            self.problem(
                path,
                format!("has {len} entries; at most {max} are allowed"),
            );
        }
    }

    fn check_workspace(&mut self, w: &Workspace) {
        let mut seen = BTreeSet::new();
        self.count("people", w.people.len(), PEOPLE_MAX);
        self.count("engagements", w.engagements.len(), ENGAGEMENTS_MAX);
        for (i, p) in w.people.iter().enumerate() {
            let path = format!("people[{i}]");
            self.id(&format!("{path}.id"), p.id.0, w.next_id, &mut seen);
            self.name(&format!("{path}.name"), &p.name);
            self.hours(&format!("{path}.capacity"), p.capacity);
        }
        if let Some(t) = w.default_target_margin {
            if t < Bps::ZERO || t > super::pricing::TARGET_MARGIN_MAX {
                self.problem(
                    "default_target_margin",
                    format!("{t} is out of range: it must be at least 0 % and below 100 %"),
                );
            }
        }
        let people: BTreeSet<PersonId> = w.people.iter().map(|p| p.id).collect();
        for (i, e) in w.engagements.iter().enumerate() {
            self.check_engagement(
                &format!("engagements[{i}]"),
                e,
                w.next_id,
                &mut seen,
                &people,
            );
        }
    }

    fn check_engagement(
        &mut self,
        path: &str,
        e: &Engagement,
        next_id: u32,
        seen: &mut BTreeSet<u32>,
        people: &BTreeSet<PersonId>,
    ) {
        self.id(&format!("{path}.id"), e.id.0, next_id, seen);
        self.name(&format!("{path}.name"), &e.name);
        self.text_len(&format!("{path}.client"), &e.client, NAME_MAX);
        self.text_len(&format!("{path}.provider"), &e.provider, NAME_MAX);
        if !is_currency_code(&e.currency) {
            self.problem(
                format!("{path}.currency"),
                format!("\"{}\" is not a three-letter ISO 4217 code", e.currency),
            );
        }
        for (field, person) in [
            ("pm", e.pm),
            ("engagement_manager", e.engagement_manager),
            ("champion", e.champion),
            ("agreement_documenter", e.agreement_documenter),
            ("signoffs.sales", e.signoffs.sales),
            ("signoffs.customer_service", e.signoffs.customer_service),
            ("signoffs.delivery", e.signoffs.delivery),
        ] {
            self.person_ref(&format!("{path}.{field}"), person, people);
        }
        for party in SignOffParty::ALL {
            let Some(stamp) = e.signoffs.stamp(party) else {
                continue;
            };
            let at = format!("{path}.signoffs.{}_stamp", party_field(party));
            if !is_iso_date(&stamp.date) {
                self.problem(
                    format!("{at}.date"),
                    "is not a date written year-month-day (such as 2025-03-01)",
                );
            }
            if !is_process_fingerprint(&stamp.process) {
                self.problem(
                    format!("{at}.process"),
                    "is not a process fingerprint (16 hex digits)",
                );
            }
        }
        for (field, len) in [
            ("functions", e.functions.len()),
            ("assignments", e.assignments.len()),
            ("decisions", e.decisions.len()),
            ("reports", e.reports.len()),
            ("needs", e.needs.len()),
            ("compliance", e.compliance.len()),
        ] {
            self.count(&format!("{path}.{field}"), len, ITEMS_MAX);
        }

        let functions: BTreeSet<FunctionId> = e.functions.iter().map(|f| f.id).collect();
        for (i, f) in e.functions.iter().enumerate() {
            self.id(&format!("{path}.functions[{i}].id"), f.id.0, next_id, seen);
            self.name(&format!("{path}.functions[{i}].name"), &f.name);
        }
        let mut keys = BTreeSet::new();
        let mut accountable: BTreeMap<FunctionId, usize> = BTreeMap::new();
        for (i, a) in e.assignments.iter().enumerate() {
            let at = format!("{path}.assignments[{i}]");
            self.person_ref(&format!("{at}.person"), Some(a.person), people);
            if !functions.contains(&a.function) {
                self.problem(
                    format!("{at}.function"),
                    format!(
                        "refers to function {}, which this engagement does not have",
                        a.function
                    ),
                );
            }
            self.hours(&format!("{at}.hours"), a.hours);
            if !keys.insert((a.person, a.function, a.role)) {
                self.problem(
                    at.clone(),
                    "assigns the same person to the same role on the same function twice",
                );
            }
            if a.role == Raci::Accountable {
                if let Some(first) = accountable.insert(a.function, i) {
                    self.problem(at, format!("is a second Accountable on its function (the first is assignments[{first}]); a function has at most one"));
                }
            }
        }
        for (i, f) in e.pm_accepted.iter().enumerate() {
            if !functions.contains(f) {
                self.problem(
                    format!("{path}.pm_accepted[{i}]"),
                    format!("refers to function {f}, which this engagement does not have"),
                );
            }
        }
        for (i, d) in e.decisions.iter().enumerate() {
            let at = format!("{path}.decisions[{i}]");
            self.id(&format!("{at}.id"), d.id.0, next_id, seen);
            self.name(&format!("{at}.name"), &d.name);
            self.person_ref(&format!("{at}.authority"), d.authority, people);
        }
        for (i, r) in e.reports.iter().enumerate() {
            let at = format!("{path}.reports[{i}]");
            self.id(&format!("{at}.id"), r.id.0, next_id, seen);
            self.name(&format!("{at}.name"), &r.name);
            self.person_ref(&format!("{at}.owner"), r.owner, people);
        }
        for (i, n) in e.needs.iter().enumerate() {
            let at = format!("{path}.needs[{i}]");
            self.id(&format!("{at}.id"), n.id.0, next_id, seen);
            self.name(&format!("{at}.title"), &n.title);
            self.text_len(&format!("{at}.note"), &n.note, TEXT_MAX);
        }
        for (i, c) in e.compliance.iter().enumerate() {
            let at = format!("{path}.compliance[{i}]");
            self.id(&format!("{at}.id"), c.id.0, next_id, seen);
            self.name(&format!("{at}.rule"), &c.rule);
            self.person_ref(&format!("{at}.owner"), c.owner, people);
        }
        for (field, amount) in [
            ("expected_benefits", e.sponsor_value.expected_benefits),
            ("expected_budget", e.sponsor_value.expected_budget),
        ] {
            if let Some(m) = amount {
                if m.0 < 0 || m > MONEY_LIMIT {
                    self.problem(
                        format!("{path}.sponsor_value.{field}"),
                        "is out of range (0 to 10^15 minor units)",
                    );
                }
            }
        }
        self.text_len(
            &format!("{path}.sponsor_value.benefits_description"),
            &e.sponsor_value.benefits_description,
            TEXT_MAX,
        );
        super::pricing::validate(self, path, e, next_id, seen, people);
    }
}

/// The saved field name of a party's sign-off.
fn party_field(party: SignOffParty) -> &'static str {
    match party {
        SignOffParty::Sales => "sales",
        SignOffParty::CustomerService => "customer_service",
        SignOffParty::Delivery => "delivery",
    }
}

/// A three-letter upper-case currency code (ISO 4217 shape).
pub fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}
