//! The portfolio at a glance: one row per engagement (stage, relationship, leadership,
//! the deal's figures and approval, health, gaps in who holds what, people over
//! capacity, the last decision taken, open departures from the organization's
//! standard), totals per account and for the whole portfolio,
//! and the workload heatmap of people × engagements.
//!
//! Derived, never stored, and computed in one pass over the workspace ([`portfolio`]):
//! the assessment indexes the roster once for every engagement, and the workload is
//! gathered once for the heatmap and the rows' "over capacity" at the same time.
//!
//! Totals are exact: money in `i128` minor units, hours in `u64` hundredths. Amounts of
//! different currencies are never added together; each total holds one sum per currency.

use super::assessment::{assess_all, Severity};
use super::decisions::Verdict;
use super::engagement::{Engagement, Raci, Relationship, Stage};
use super::ids::{AccountId, EngagementId, PersonId, WorksheetId};
use super::pricing::{compute_with_default, Approval};
use super::standard::open_departures;
use super::units::{Bps, Hours, Money};
use super::workspace::Workspace;
use crate::model::order;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The name of the group of engagements that record no client account.
pub const NO_ACCOUNT: &str = "No account recorded";

/// Everything the Portfolio view shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Portfolio {
    /// One row per engagement, in the portfolio's order.
    pub rows: Vec<Row>,
    /// The accounts, in order of name (engagements without one last), each with the
    /// positions in `rows` of its engagements and their totals.
    pub accounts: Vec<AccountGroup>,
    /// The whole portfolio's totals.
    pub totals: Totals,
    pub heatmap: Heatmap,
}

/// One engagement's line of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub engagement: EngagementId,
    pub name: String,
    /// The client account's name ("" when none is recorded).
    pub account: String,
    pub stage: Stage,
    pub relationship: Relationship,
    /// The PM's name.
    pub pm: Option<String>,
    /// Who holds engagement management (see [`Engagement::engagement_managers`]), by name.
    pub engagement_managers: Vec<String>,
    /// The engagement's currency code.
    pub currency: String,
    pub deal: Deal,
    pub health: Health,
    /// Functions nobody is Accountable for and the PM has not accepted, by name.
    pub unowned: Vec<String>,
    /// Functions held by the PM by default (accepted, nobody Accountable), by name.
    pub pm_default: Vec<String>,
    /// People of this engagement whose load across the portfolio is over their
    /// capacity, with their name and by how much, most over first.
    pub over_capacity: Vec<Overload>,
    /// Hours a week everyone gives this engagement (assignments and the PM's defaults).
    pub weekly_hours: Hours64,
    /// The latest decision taken (passed or failed) in any of its decision areas.
    pub last_decision: Option<LastDecision>,
    /// Departures from the organization's standard process that nobody has accepted
    /// with a reason (see [`standard::departures`](super::standard::departures)).
    pub departures: usize,
}

/// Hours in hundredths, summed without overflow.
pub type Hours64 = u64;

/// The deal of an engagement, as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deal {
    /// No pricing worksheet yet.
    NoWorksheet,
    /// Several worksheets, none chosen as the deal.
    NoDealChosen,
    /// The deal's worksheet with its figures (amounts in the engagement's currency).
    Priced(DealFigures),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealFigures {
    pub worksheet: WorksheetId,
    pub worksheet_name: String,
    pub price: Money,
    pub cost: Money,
    pub margin: Money,
    /// Gross margin ÷ net price; none when the price is zero.
    pub margin_ratio: Option<Bps>,
    pub hours: Hours,
    pub approval: Approval,
}

impl Deal {
    pub fn figures(&self) -> Option<&DealFigures> {
        match self {
            Deal::Priced(f) => Some(f),
            _ => None,
        }
    }

    /// The approval status in words: "Approved", "Draft", "No deal chosen", "No pricing".
    pub fn approval_label(&self) -> &'static str {
        match self {
            Deal::NoWorksheet => "No pricing",
            Deal::NoDealChosen => "No deal chosen",
            Deal::Priced(f) => f.approval.label(),
        }
    }
}

/// How many findings of each severity an engagement has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Health {
    pub critical: usize,
    pub warning: usize,
    pub advice: usize,
}

impl Health {
    /// The most severe finding's severity; none when the engagement is clean.
    pub fn worst(&self) -> Option<Severity> {
        if self.critical > 0 {
            Some(Severity::Critical)
        } else if self.warning > 0 {
            Some(Severity::Warning)
        } else if self.advice > 0 {
            Some(Severity::Advice)
        } else {
            None
        }
    }

    pub fn total(&self) -> usize {
        self.critical + self.warning + self.advice
    }
}

/// A person over capacity, by how much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overload {
    pub person: PersonId,
    pub name: String,
    /// Hours a week over capacity (hundredths).
    pub over: Hours64,
}

/// The latest decision taken in an engagement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastDecision {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub area: String,
    pub text: String,
    pub verdict: Verdict,
}

/// Sums of one currency's deals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MoneyTotals {
    /// Engagements whose deal has figures in this currency.
    pub deals: usize,
    pub price: i128,
    pub cost: i128,
    pub margin: i128,
}

/// Totals over a set of engagements.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    pub engagements: usize,
    /// One sum per currency code, in order of code: amounts of different currencies are
    /// never added together.
    pub money: BTreeMap<String, MoneyTotals>,
    /// The deals' worksheet hours (hundredths), whatever the currency.
    pub deal_hours: Hours64,
    /// Hours a week given to these engagements (hundredths).
    pub weekly_hours: Hours64,
}

impl Totals {
    /// Adds one engagement's row.
    pub fn add(&mut self, row: &Row) {
        self.engagements += 1;
        self.weekly_hours += row.weekly_hours;
        if let Some(f) = row.deal.figures() {
            let m = self.money.entry(row.currency.clone()).or_default();
            m.deals += 1;
            m.price += i128::from(f.price.0);
            m.cost += i128::from(f.cost.0);
            m.margin += i128::from(f.margin.0);
            self.deal_hours += u64::from(f.hours.0);
        }
    }

    /// Whether the money totals mix currencies (each is then shown on its own).
    pub fn several_currencies(&self) -> bool {
        self.money.len() > 1
    }
}

/// The engagements of one client account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountGroup {
    /// The account; none for the engagements that record none.
    pub account: Option<AccountId>,
    /// The account's name, or [`NO_ACCOUNT`].
    pub name: String,
    /// Whether this is the group of engagements with no account.
    pub unrecorded: bool,
    /// Positions in [`Portfolio::rows`], in the portfolio's order.
    pub rows: Vec<usize>,
    pub totals: Totals,
}

/// The workload heatmap: people × engagements, hours a week against capacity.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Heatmap {
    /// The columns: every engagement, in the portfolio's order, with its name.
    pub engagements: Vec<(EngagementId, String)>,
    /// Everyone with at least one commitment (an assignment, even of no hours, or a
    /// function accepted as PM), the most loaded first: by load against capacity (so
    /// everyone over capacity is above everyone within it), then the most hours, then
    /// by name.
    pub people: Vec<HeatRow>,
}

/// One person's line of the heatmap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatRow {
    pub person: PersonId,
    pub name: String,
    pub capacity: Hours,
    /// Hours a week in each engagement, one per column (hundredths).
    pub cells: Vec<Hours64>,
    /// Their sum.
    pub total: Hours64,
}

impl HeatRow {
    /// Hours a week over capacity; none when within it.
    pub fn over(&self) -> Option<Hours64> {
        let capacity = u64::from(self.capacity.0);
        (self.total > capacity).then(|| self.total - capacity)
    }

    /// Compares two people's load against their capacity, exactly (`total ÷ capacity`,
    /// by cross-multiplying); any hours with no capacity are the heaviest load.
    pub fn load_cmp(&self, other: &HeatRow) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        // (hours, capacity), with no hours of no capacity read as 0 of 1; none is infinite.
        let ratio = |r: &HeatRow| match (u128::from(r.total), u128::from(r.capacity.0)) {
            (0, 0) => Some((0, 1)),
            (_, 0) => None,
            (t, c) => Some((t, c)),
        };
        match (ratio(self), ratio(other)) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some((t1, c1)), Some((t2, c2))) => (t1 * c2).cmp(&(t2 * c1)),
        }
    }
}

/// Hours in hundredths written like [`Hours`]: "40", "37.5", "0.25".
pub use super::pricing_io::hundredths as hours_text;

/// The account an engagement belongs to, with its name; none when it records none.
fn account_of<'w>(w: &'w Workspace, e: &Engagement) -> Option<(AccountId, &'w str)> {
    let id = e.account?;
    Some((id, w.account(id)?.name.as_str()))
}

/// The dashboard of the whole workspace.
pub fn portfolio(w: &Workspace) -> Portfolio {
    let people: HashMap<PersonId, usize> = w
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let name = |p: PersonId| -> String {
        people
            .get(&p)
            .map(|&i| w.people[i].name.clone())
            .unwrap_or_else(|| w.person_name(p).to_string())
    };

    // The workload, once: each person's hours per engagement (by column).
    let columns = w.engagements.len();
    let mut cells: HashMap<PersonId, Vec<Hours64>> = HashMap::new();
    for (col, e) in w.engagements.iter().enumerate() {
        for (p, h) in e.weekly_hours() {
            cells.entry(p).or_insert_with(|| vec![0; columns])[col] += u64::from(h.0);
        }
    }
    let mut heat: Vec<HeatRow> = cells
        .into_iter()
        .filter_map(|(p, cells)| {
            let person = &w.people[*people.get(&p)?];
            Some(HeatRow {
                person: p,
                name: person.name.clone(),
                capacity: person.capacity,
                total: cells.iter().sum(),
                cells,
            })
        })
        .collect();
    order::sort_by(&mut heat, |a, b| {
        b.load_cmp(a)
            .then(b.total.cmp(&a.total))
            .then_with(|| a.name.cmp(&b.name))
            .then(a.person.cmp(&b.person))
    });
    let over: HashMap<PersonId, Hours64> = heat
        .iter()
        .filter_map(|r| Some((r.person, r.over()?)))
        .collect();

    let mut assessments = assess_all(w).into_iter();
    let mut rows = Vec::with_capacity(columns);
    for e in &w.engagements {
        let assessment = assessments.next().map(|(_, a)| a).unwrap_or_default();
        let health = Health {
            critical: assessment.count(Severity::Critical),
            warning: assessment.count(Severity::Warning),
            advice: assessment.count(Severity::Advice),
        };
        let (mut unowned, mut pm_default) = (Vec::new(), Vec::new());
        for f in &e.functions {
            let owned = e
                .assignments
                .iter()
                .any(|a| a.function == f.id && a.role == Raci::Accountable);
            if owned {
                continue;
            }
            if e.pm.is_some() && e.pm_accepted.contains_key(&f.id) {
                pm_default.push(f.name.clone());
            } else {
                unowned.push(f.name.clone());
            }
        }
        let mut seen = HashSet::new();
        let mut over_capacity: Vec<Overload> = e
            .weekly_hours()
            .filter(|&(p, _)| seen.insert(p))
            .filter_map(|(p, _)| {
                Some(Overload {
                    person: p,
                    over: *over.get(&p)?,
                    name: name(p),
                })
            })
            .collect();
        order::sort_by(&mut over_capacity, |a, b| {
            b.over.cmp(&a.over).then_with(|| a.name.cmp(&b.name))
        });
        let weekly_hours = e.weekly_hours().map(|(_, h)| u64::from(h.0)).sum();
        rows.push(Row {
            engagement: e.id,
            name: e.name.clone(),
            account: w.client_name(e).to_string(),
            stage: e.stage,
            relationship: e.relationship,
            pm: e.pm.map(name),
            engagement_managers: e.engagement_managers().into_iter().map(name).collect(),
            currency: e.currency.clone(),
            deal: deal(w, e),
            health,
            unowned,
            pm_default,
            over_capacity,
            weekly_hours,
            last_decision: last_decision(w, e),
            departures: open_departures(w, e),
        });
    }

    // Accounts: in order of name, those without one last.
    type Key = (bool, String, Option<AccountId>);
    let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, e) in w.engagements.iter().enumerate() {
        let key = match account_of(w, e) {
            Some((id, n)) => (false, n.to_string(), Some(id)),
            None => (true, NO_ACCOUNT.to_string(), None),
        };
        groups.entry(key).or_default().push(i);
    }
    let accounts = groups
        .into_iter()
        .map(|((unrecorded, name, account), members)| {
            let mut totals = Totals::default();
            for &i in &members {
                totals.add(&rows[i]);
            }
            AccountGroup {
                account,
                name,
                unrecorded,
                rows: members,
                totals,
            }
        })
        .collect();
    let mut totals = Totals::default();
    for row in &rows {
        totals.add(row);
    }
    Portfolio {
        heatmap: Heatmap {
            engagements: w
                .engagements
                .iter()
                .map(|e| (e.id, e.name.clone()))
                .collect(),
            people: heat,
        },
        rows,
        accounts,
        totals,
    }
}

/// The deal's figures, from its worksheet (with the workspace's default target margin).
fn deal(w: &Workspace, e: &Engagement) -> Deal {
    let Some(ws) = e.pricing.deal_worksheet() else {
        return if e.pricing.worksheets.is_empty() {
            Deal::NoWorksheet
        } else {
            Deal::NoDealChosen
        };
    };
    let total = compute_with_default(ws, &e.pricing.rate_card, w.default_target_margin).total;
    Deal::Priced(DealFigures {
        worksheet: ws.id,
        worksheet_name: ws.name.clone(),
        price: total.net_price,
        cost: total.cost,
        margin: total.gross_margin,
        margin_ratio: total.margin,
        hours: total.hours,
        approval: ws.approval,
    })
}

/// The latest proposal that was decided (passed or failed), by date; of two on the
/// same day, the one recorded later.
fn last_decision(w: &Workspace, e: &Engagement) -> Option<LastDecision> {
    let mut all: Vec<(&str, usize, usize)> = Vec::new();
    for (a, area) in e.decisions.iter().enumerate() {
        for (p, proposal) in area.log.iter().enumerate() {
            all.push((proposal.date.as_str(), a, p));
        }
    }
    // Latest first; among equal dates, the later area and entry first.
    order::sort_by(&mut all, |x, y| y.cmp(x));
    all.into_iter().find_map(|(date, a, p)| {
        let area = &e.decisions[a];
        let proposal = &area.log[p];
        let verdict = e.outcome(w, area, proposal)?.verdict;
        (verdict != Verdict::Open).then(|| LastDecision {
            date: date.to_string(),
            area: area.name.clone(),
            text: proposal.text.clone(),
            verdict,
        })
    })
}
