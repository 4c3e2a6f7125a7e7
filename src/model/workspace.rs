//! The workspace: a roster of people shared by a portfolio of engagements, and the
//! structural rules every workspace obeys (checked on every import and load).

use super::accounts::Account;
use super::describe;
use super::engagement::*;
use super::ids::*;
use super::limits::QUORUM;
use super::people::Person;
use super::standard::Standard;
use super::units::{Bps, Hours, Money, HOURS_PER_WEEK, MONEY_LIMIT};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

pub use super::limits::{ENGAGEMENTS_MAX, ITEMS_MAX, NAME_MAX, PEOPLE_MAX, TEXT_MAX};

/// Whether a name or title has something a reader can see. A name made only of
/// [invisible characters](is_invisible) would look blank in every list and menu, so
/// the model refuses it wherever a name is required, whether typed or read from a file.
pub fn is_visible_name(text: &str) -> bool {
    text.chars().any(|c| !is_invisible(c))
}

/// Characters that show nothing: white space, control characters, and the formatting
/// characters Unicode says to ignore when drawing text (zero-width spaces and joiners,
/// the byte-order mark, direction marks, variation selectors, tags, …), with the
/// fillers that are drawn as blanks (Hangul fillers, the blank Braille pattern).
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

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
    /// The client accounts the engagements belong to (version 7).
    #[serde(default)]
    pub accounts: Vec<Account>,
    /// The organization's standard process; documents before version 7 read as the
    /// built-in standard (the templates'). Written only when it differs from that.
    #[serde(default, skip_serializing_if = "Standard::is_built_in")]
    pub standard: Box<Standard>,
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

    /// Hours per week assigned to a person across every engagement of the workspace,
    /// functions accepted as PM by default included ([`Engagement::weekly_hours`]).
    pub fn assigned_hours(&self, person: PersonId) -> Hours {
        self.engagements
            .iter()
            .flat_map(|e| e.weekly_hours())
            .filter(|&(p, _)| p == person)
            .fold(Hours(0), |sum, (_, h)| sum.saturating_add(h))
    }

    /// Assigned hours for every person at once, for views that show all of them.
    pub fn workload(&self) -> BTreeMap<PersonId, Hours> {
        let mut load: BTreeMap<PersonId, Hours> =
            self.people.iter().map(|p| (p.id, Hours(0))).collect();
        for (person, hours) in self.engagements.iter().flat_map(|e| e.weekly_hours()) {
            let entry = load.entry(person).or_default();
            *entry = entry.saturating_add(hours);
        }
        load
    }

    /// Every field of every engagement that names a person (see
    /// [`Engagement::person_refs`]), with the engagement it is in.
    pub fn refs_to_person(
        &self,
        person: PersonId,
    ) -> impl Iterator<Item = (&Engagement, PersonRef)> + '_ {
        self.engagements.iter().flat_map(move |e| {
            e.person_refs()
                .filter(move |&(_, p)| p == person)
                .map(move |(r, _)| (e, r))
        })
    }

    /// Every place in the workspace that names a person, one per field, described for
    /// the question before a removal: "PM of Website", "Legal: Accountable in
    /// Website", "estimator of “Support” (Base) in Shop relaunch".
    pub fn uses_of_person(&self, person: PersonId) -> Vec<String> {
        self.refs_to_person(person)
            .map(|(e, r)| format!("{} {} {}", r.describe(e), r.preposition(), e.name))
            .collect()
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
    /// pass before it replaces anything. Each problem names where it is. At most
    /// [`Problems::KEPT`] are returned; [`Workspace::problems`] also counts the rest.
    pub fn validate(&self) -> Result<(), Vec<Problem>> {
        let problems = self.problems();
        if problems.list.is_empty() {
            Ok(())
        } else {
            Err(problems.list)
        }
    }

    /// Every structural problem ([`Workspace::validate`]), with how many there are in
    /// all; none when the workspace is valid. Each names its place in words, looked up
    /// in the workspace (`engagement "Website relaunch", line 2 "Checkout" of
    /// worksheet "Base"`).
    pub fn problems(&self) -> Problems {
        let mut v = Validator::default();
        v.check_workspace(self);
        let mut problems = v.problems;
        for p in &mut problems.list {
            p.place = describe::place_of(self, &p.path);
        }
        problems
    }
}

/// One structural problem in a workspace: where it is and what is wrong, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A JSON-like path to the value (`engagements[2].assignments[5].person`), for
    /// tests and tools; never shown.
    pub path: String,
    /// Where, by the names of things: `engagement "Website relaunch", the assignment
    /// of "Ada" as Accountable on "Delivery"`. Empty for the workspace as a whole.
    pub place: String,
    /// What is wrong, naming the field and the real limit: `hours must be at most 168
    /// hours a week, not 999`.
    pub message: String,
}

impl fmt::Display for Problem {
    /// `Person "Ada": capacity must be at most 168 hours a week, not 999`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            f.write_str(&describe::sentence(&self.message))
        } else {
            write!(f, "{}: {}", describe::sentence(&self.place), self.message)
        }
    }
}

/// The problems found in a workspace or a document: the first [`Problems::KEPT`], and
/// how many there are in all (a hostile file could hold millions).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems {
    pub list: Vec<Problem>,
    pub total: usize,
}

impl Problems {
    /// How many problems are kept; the rest are only counted.
    pub const KEPT: usize = 100;

    pub fn push(&mut self, problem: Problem) {
        self.total += 1;
        if self.list.len() < Self::KEPT {
            self.list.push(problem);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// "one problem:" and the problem, or "3 problems:" and each, one a line, the first
    /// [`describe::PROBLEMS_SHOWN`] and a count of the rest: for "This file has …".
    pub fn listed(&self) -> String {
        if self.total == 0 {
            return "no problems.".to_string();
        }
        let mut text = format!("{}:", describe::count_problems(self.total));
        for p in self.list.iter().take(describe::PROBLEMS_SHOWN) {
            text.push_str(&format!("\n\u{2022} {p}."));
        }
        let shown = self.list.len().min(describe::PROBLEMS_SHOWN);
        if self.total > shown {
            let more = self.total - shown;
            text.push_str(&format!(
                "\n\u{2022} And {} more {}.",
                describe::thousands(more as u128),
                if more == 1 { "problem" } else { "problems" }
            ));
        }
        text
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(list: Vec<Problem>) -> Problems {
        Problems {
            total: list.len(),
            list,
        }
    }
}

impl std::ops::Deref for Problems {
    type Target = [Problem];

    fn deref(&self) -> &[Problem] {
        &self.list
    }
}

#[derive(Default)]
pub(crate) struct Validator {
    problems: Problems,
}

impl Validator {
    /// Records a problem at `path`. The message says what is wrong with the field the
    /// path ends in, naming it ("capacity must be …"); the place is added from the path.
    pub(crate) fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            place: String::new(),
            message: message.into(),
        });
    }

    pub(crate) fn name(&mut self, path: &str, value: &str) {
        let field = describe::field_of(path);
        if value.trim().is_empty() {
            self.problem(path, format!("the {field} must not be empty"));
        } else if !is_visible_name(value) {
            self.problem(path, format!("the {field} must have a character that can be seen, not only invisible ones (such as zero-width spaces)"));
        }
        self.text_len(path, value, NAME_MAX);
    }

    /// An optional name (a client, a provider): empty is fine, invisible is not.
    fn optional_name(&mut self, path: &str, value: &str) {
        if !value.is_empty() && !is_visible_name(value) {
            let field = describe::field_of(path);
            self.problem(path, format!("the {field} must be empty or have a character that can be seen, not only invisible ones (such as zero-width spaces)"));
        }
        self.text_len(path, value, NAME_MAX);
    }

    pub(crate) fn text_len(&mut self, path: &str, value: &str, max: usize) {
        let count = value.chars().count();
        if count > max {
            let field = describe::field_of(path);
            self.problem(
                path,
                format!(
                    "the {field} must be at most {} characters long, not {}",
                    describe::thousands(max as u128),
                    describe::thousands(count as u128)
                ),
            );
        }
    }

    fn hours(&mut self, path: &str, value: Hours) {
        if value > HOURS_PER_WEEK {
            let field = describe::field_of(path);
            self.problem(
                path,
                format!(
                    "the {field} must be at most {} hours a week, not {}",
                    describe::hours(HOURS_PER_WEEK),
                    describe::hours(value)
                ),
            );
        }
    }

    pub(crate) fn id(&mut self, path: &str, id: u32, next_id: u32, seen: &mut BTreeSet<u32>) {
        if id >= next_id {
            self.problem(
                path,
                format!("the id {id} is not below next_id {next_id}, the next free id; every id must be below it"),
            );
        }
        if !seen.insert(id) {
            self.problem(
                path,
                format!("the id {id} is used twice; each thing needs an id of its own"),
            );
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
                let field = describe::field_of(path);
                self.problem(
                    path,
                    format!("the {field} is person {p}, who is not on the roster"),
                );
            }
        }
    }

    pub(crate) fn count(&mut self, path: &str, len: usize, max: usize) {
        if len > max {
            let last = path.rsplit('.').next().unwrap_or(path);
            self.problem(
                path,
                format!(
                    "there must be at most {} {}, not {}",
                    describe::thousands(max as u128),
                    describe::items(last),
                    describe::thousands(len as u128)
                ),
            );
        }
    }

    /// An amount of the engagement's currency: from zero to [`MONEY_LIMIT`].
    pub(crate) fn money(&mut self, path: &str, amount: Money, currency: &str) {
        if amount.0 < 0 || amount > MONEY_LIMIT {
            let field = describe::field_of(path);
            self.problem(
                path,
                format!(
                    "the {field} must be from {} to {}, not {}",
                    describe::money(Money::ZERO, currency),
                    describe::money(MONEY_LIMIT, currency),
                    describe::money(amount, currency)
                ),
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
        self.count("accounts", w.accounts.len(), super::accounts::ACCOUNTS_MAX);
        let mut account_names = BTreeSet::new();
        for (i, a) in w.accounts.iter().enumerate() {
            let path = format!("accounts[{i}]");
            self.id(&format!("{path}.id"), a.id.0, w.next_id, &mut seen);
            self.name(&format!("{path}.name"), &a.name);
            if !account_names.insert(super::accounts::account_key(&a.name)) {
                self.problem(
                    format!("{path}.name"),
                    format!(
                        "another account has the name {} too; each account needs a name of its own",
                        describe::quoted(&a.name)
                    ),
                );
            }
            if let Some(p) = a.owner.filter(|p| !people.contains(p)) {
                self.problem(
                    format!("{path}.owner"),
                    format!("the owner is person {p}, who is not on the roster"),
                );
            }
            self.text_len(&format!("{path}.notes"), &a.notes, TEXT_MAX);
        }
        let accounts: BTreeSet<AccountId> = w.accounts.iter().map(|a| a.id).collect();
        for (i, e) in w.engagements.iter().enumerate() {
            let path = format!("engagements[{i}]");
            if let Some(a) = e.account.filter(|a| !accounts.contains(a)) {
                self.problem(
                    format!("{path}.account"),
                    format!("the client is account {a}, which is not in the file's accounts"),
                );
            }
            self.check_engagement(&path, e, w.next_id, &mut seen, &people);
        }
        super::standard::check(self, &w.standard);
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
        for (i, a) in e.accepted_departures.iter().enumerate() {
            let at = format!("{path}.accepted_departures[{i}]");
            if a.reason.trim().is_empty() {
                self.problem(format!("{at}.reason"), "the reason must not be empty");
            }
            self.text_len(&format!("{at}.reason"), &a.reason, TEXT_MAX);
            if e.accepted_departures[..i].iter().any(|b| b.key == a.key) {
                self.problem(at, "the same departure is accepted twice");
            }
        }
        self.optional_name(&format!("{path}.provider"), &e.provider);
        if !is_currency_code(&e.currency) {
            self.problem(
                format!("{path}.currency"),
                format!(
                    "the currency must be a code of three capital letters such as EUR or USD, not {}",
                    describe::quoted(&e.currency)
                ),
            );
        }
        for (r, person) in e.person_refs() {
            let at = format!("{path}.{}", r.path());
            if r.is_record() {
                // Who decided may have left the roster since, but was handed out by
                // the counter.
                if person.0 >= next_id {
                    self.problem(
                        at,
                        format!("the approver is person {person}, an id this file never handed out (every id is below next_id, {next_id})"),
                    );
                }
            } else {
                self.person_ref(&at, Some(person), people);
            }
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
            if !functions.contains(&a.function) {
                self.problem(
                    format!("{at}.function"),
                    format!(
                        "the function is function {}, which this engagement does not have",
                        a.function
                    ),
                );
            }
            self.hours(&format!("{at}.hours"), a.hours);
            if !keys.insert((a.person, a.function, a.role)) {
                self.problem(
                    at.clone(),
                    "the same person has the same role on the same function twice",
                );
            }
            if a.role == Raci::Accountable {
                if let Some(first) = accountable.insert(a.function, i) {
                    self.problem(at, format!("this is a second Accountable on the function (the first is in the {} assignment); a function has at most one", describe::ordinal(first + 1)));
                }
            }
        }
        for (i, (f, &h)) in e.pm_accepted.iter().enumerate() {
            if !functions.contains(f) {
                self.problem(
                    format!("{path}.pm_accepted[{i}].function"),
                    format!("the function is function {f}, which this engagement does not have"),
                );
            }
            self.hours(&format!("{path}.pm_accepted[{i}].hours"), h);
        }
        for (i, d) in e.decisions.iter().enumerate() {
            let at = format!("{path}.decisions[{i}]");
            self.id(&format!("{at}.id"), d.id.0, next_id, seen);
            self.name(&format!("{at}.name"), &d.name);
            self.count(&format!("{at}.log"), d.log.len(), ITEMS_MAX);
            for (j, p) in d.log.iter().enumerate() {
                let pp = format!("{at}.log[{j}]");
                self.id(&format!("{pp}.id"), p.id.0, next_id, seen);
                self.name(&format!("{pp}.text"), &p.text);
                if !is_iso_date(&p.date) {
                    self.problem(
                        format!("{pp}.date"),
                        "is not a date written year-month-day (such as 2025-03-01)",
                    );
                }
                if let Some(q) = p.quorum {
                    if !QUORUM.allows(q) {
                        self.problem(
                            format!("{pp}.quorum"),
                            format!(
                                "the quorum must be {}, not {}",
                                QUORUM.range,
                                describe::percent(q)
                            ),
                        );
                    }
                }
                if let Some(ws) = p.worksheet {
                    if d.kind != DecisionKind::FinalDeal {
                        self.problem(
                            format!("{pp}.worksheet"),
                            "only a proposal on the final deal can approve a pricing worksheet",
                        );
                    } else if e.pricing.worksheet(ws).is_none() {
                        self.problem(
                            format!("{pp}.worksheet"),
                            format!(
                                "it approves worksheet {ws}, which this engagement does not have"
                            ),
                        );
                    }
                }
                self.count(&format!("{pp}.positions"), p.positions.len(), ITEMS_MAX);
                let mut voters = BTreeSet::new();
                for (k, position) in p.positions.iter().enumerate() {
                    if !voters.insert(position.person) {
                        self.problem(
                            format!("{pp}.positions[{k}]"),
                            "this person has a position on the proposal already; each person has one",
                        );
                    }
                    self.text_len(
                        &format!("{pp}.positions[{k}].reason"),
                        &position.reason,
                        TEXT_MAX,
                    );
                }
            }
        }
        for (i, r) in e.reports.iter().enumerate() {
            let at = format!("{path}.reports[{i}]");
            self.id(&format!("{at}.id"), r.id.0, next_id, seen);
            self.name(&format!("{at}.name"), &r.name);
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
        }
        for (field, amount) in [
            ("expected_benefits", e.sponsor_value.expected_benefits),
            ("expected_budget", e.sponsor_value.expected_budget),
        ] {
            if let Some(m) = amount {
                self.money(&format!("{path}.sponsor_value.{field}"), m, &e.currency);
            }
        }
        self.text_len(
            &format!("{path}.sponsor_value.benefits_description"),
            &e.sponsor_value.benefits_description,
            TEXT_MAX,
        );
        super::pricing::validate(self, path, e, next_id, seen);
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
