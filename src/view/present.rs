//! What the audience (projector) window of a workshop shows: the agenda built from the
//! plan, and each agenda section's content as plain data, with the facts the client must
//! not see left out when the client is in the room.
//!
//! Both windows compute the same agenda from the same plan ([`agenda`]), so the
//! facilitator and the audience agree on "section 4 of 12" without sending the content.
//! Long sections are split into pages of a fixed number of rows, chosen so that a page
//! fits a 1024×768 projector at 24 px text without scrolling; pages of one section are
//! balanced (9 functions are 5 + 4, not 7 + 2), so no page is a lonely leftover.
//!
//! The components in `components::present` only render what these functions return;
//! the redaction ([`CLIENT_IN_ROOM_REDACTED`]) is decided here, where it is host-tested.

use crate::model::assessment::{assess, Check, Finding, Severity, Subject, View};
use crate::model::describe::percent;
use crate::model::order;
use crate::model::{
    compute_with_default, currency, format_money, Approval, Bps, ClientNeed, DecisionKind,
    DecisionMethod, Engagement, EngagementId, FunctionId, Money, NeedAspect, PersonId, Raci,
    Relationship, SellingStyle, SignOffParty, SignOffStatus, Verdict, Workspace,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;

/// One section of the workshop agenda, in the order the agenda takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SectionKind {
    Glance,
    Raci,
    Authority,
    DecisionAreas,
    Reporting,
    ClientNeeds,
    Deal,
    Health,
    DecisionsTaken,
    OpenActions,
}

impl SectionKind {
    /// Every section, in agenda order.
    pub const ALL: [SectionKind; 10] = [
        SectionKind::Glance,
        SectionKind::Raci,
        SectionKind::Authority,
        SectionKind::DecisionAreas,
        SectionKind::Reporting,
        SectionKind::ClientNeeds,
        SectionKind::Deal,
        SectionKind::Health,
        SectionKind::DecisionsTaken,
        SectionKind::OpenActions,
    ];

    /// The section's heading on the projector and in the facilitator's jump list.
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Glance => "The engagement at a glance",
            SectionKind::Raci => "Who does what",
            SectionKind::Authority => "Who has final authority",
            SectionKind::DecisionAreas => "How decisions are made",
            SectionKind::Reporting => "What is reported, to whom, how often",
            SectionKind::ClientNeeds => "Client needs: promised, bought, needed, delivered",
            SectionKind::Deal => "The deal",
            SectionKind::Health => "Health findings",
            SectionKind::DecisionsTaken => "Decisions taken",
            SectionKind::OpenActions => "Open actions",
        }
    }

    /// Where the facilitator edits what this section shows.
    pub fn view(self) -> View {
        match self {
            SectionKind::Glance => View::Overview,
            SectionKind::Raci | SectionKind::Authority => View::Roles,
            SectionKind::DecisionAreas | SectionKind::Reporting | SectionKind::DecisionsTaken => {
                View::Governance
            }
            SectionKind::ClientNeeds => View::Expectations,
            SectionKind::Deal => View::Pricing,
            SectionKind::Health | SectionKind::OpenActions => View::Health,
        }
    }
}

/// One step of the agenda: a section, or one page of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub kind: SectionKind,
    /// 1-based.
    pub page: u16,
    pub pages: u16,
    /// The section's title, with the page when it has several: "Who does what (2 of 3)".
    pub title: String,
}

/// A "look here" the facilitator points the room at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Highlight {
    Function(FunctionId),
    Cell {
        function: FunctionId,
        person: PersonId,
    },
}

impl Highlight {
    pub fn function(self) -> FunctionId {
        match self {
            Highlight::Function(f) | Highlight::Cell { function: f, .. } => f,
        }
    }
}

/// Whether the client is taken to be in the room when a workshop starts: on for a
/// contracted engagement (the client is another company, and must not see the
/// provider's costs and margins), off for an in-house one.
pub fn client_in_room_default(engagement: &Engagement) -> bool {
    engagement.relationship == Relationship::Contracted
}

// ---------------------------------------------------------------------------------
// Paging

// The page sizes below are worked out for the smallest screen a workshop uses, 1024×768
// (1280×720 is wider and only 48 px lower), at 24 px text with a line height of 1.3
// (31 px a line) and cells padded 6 px: the title and the engagement's name take about
// 110 px, a table's heading row 48 px (74 px with two lines of names).

/// Functions (rows) on one page of the RACI grid: six rows of two lines each (a long
/// function name wraps whole words in its third of the width) are 456 px, which leaves
/// room for the headings and the legend below 720 px.
pub const RACI_FUNCTIONS_PER_PAGE: usize = 6;
/// People (columns) on one page of the RACI grid: four columns of 166 px at 1024 px
/// hold a 13-character name on a line, so names are never cut mid-word.
pub const RACI_PEOPLE_PER_PAGE: usize = 4;
/// Functions on a page of "Who has final authority": two lines each at most.
pub const AUTHORITY_PER_PAGE: usize = 6;
/// Decision areas on a page: name, method and who decides, two or three lines each.
pub const DECISION_AREAS_PER_PAGE: usize = 5;
/// Reports on a page: name, owner, audience and frequency, up to three lines each.
pub const REPORTS_PER_PAGE: usize = 5;
/// Client needs on a page: the four aspects on one line and the status in words below.
pub const NEEDS_PER_PAGE: usize = 4;
/// Health findings on a page: each a sentence or two, three lines at most.
pub const FINDINGS_PER_PAGE: usize = 5;
/// Decisions on a page: each a proposal and its outcome in a sentence.
pub const DECISIONS_PER_PAGE: usize = 4;
/// Open actions on a page: what to do and who.
pub const ACTIONS_PER_PAGE: usize = 5;

/// How many pages `n` rows take at `per_page` rows a page; at least one, so an empty
/// section still has a page that says it is empty.
pub fn page_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page.max(1)).max(1)
}

/// The rows of `page` (0-based) when `n` rows are spread as evenly as possible over
/// `pages` pages: the first `n % pages` pages take one row more.
pub fn page_rows(n: usize, pages: usize, page: usize) -> Range<usize> {
    let pages = pages.max(1);
    let (base, extra) = (n / pages, n % pages);
    let start = page * base + page.min(extra);
    let len = if page < extra { base + 1 } else { base };
    start.min(n)..(start + len).min(n)
}

/// The agenda of one engagement, in the order; the RACI grid in pages that fit
/// the screen (see [`RACI_FUNCTIONS_PER_PAGE`] and [`RACI_PEOPLE_PER_PAGE`]), and every
/// other long list paged the same way. Deterministic: both windows compute the same
/// agenda. The page counts do not depend on whether the client is in the room, so
/// turning the switch never moves the room to another section; a page whose rows were
/// all left out for the client says so. Empty when the engagement does not exist.
pub fn agenda(workspace: &Workspace, engagement: EngagementId) -> Vec<AgendaItem> {
    let Some(e) = workspace.engagement(engagement) else {
        return Vec::new();
    };
    let mut items = Vec::new();
    for kind in SectionKind::ALL {
        let pages = section_pages(workspace, e, kind).min(usize::from(u16::MAX)) as u16;
        for page in 1..=pages {
            let title = if pages > 1 {
                format!("{} ({page} of {pages})", kind.title())
            } else {
                kind.title().to_string()
            };
            items.push(AgendaItem {
                kind,
                page,
                pages,
                title,
            });
        }
    }
    items
}

fn section_pages(w: &Workspace, e: &Engagement, kind: SectionKind) -> usize {
    match kind {
        SectionKind::Glance | SectionKind::Deal => 1,
        SectionKind::Raci => {
            page_count(e.functions.len(), RACI_FUNCTIONS_PER_PAGE)
                * page_count(raci_people(w, e).len(), RACI_PEOPLE_PER_PAGE)
        }
        SectionKind::Authority => page_count(e.functions.len(), AUTHORITY_PER_PAGE),
        SectionKind::DecisionAreas => page_count(e.decisions.len(), DECISION_AREAS_PER_PAGE),
        SectionKind::Reporting => page_count(e.reports.len(), REPORTS_PER_PAGE),
        SectionKind::ClientNeeds => page_count(e.needs.len(), NEEDS_PER_PAGE),
        SectionKind::Health => page_count(assess(w, e.id).findings.len(), FINDINGS_PER_PAGE),
        SectionKind::DecisionsTaken => page_count(decision_log_len(e), DECISIONS_PER_PAGE),
        SectionKind::OpenActions => {
            page_count(open_actions(w, e.id, false).len(), ACTIONS_PER_PAGE)
        }
    }
}

/// The rows of a page of a list section when the unredacted list has `full` rows and
/// the shown list `shown`: the page count is the unredacted one (see [`agenda`]), the
/// shown rows are spread over the same pages.
fn shown_rows(full: usize, shown: usize, per_page: usize, page: u16) -> Range<usize> {
    let pages = page_count(full, per_page);
    page_rows(shown, pages, usize::from(page.max(1)) - 1)
}

// ---------------------------------------------------------------------------------
// Client in the room

/// One field of the plan kept off the audience window while the client is in the room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Redacted {
    /// Where the field is in a saved document (`docs/FORMAT.md`), `[]` for every item.
    pub path: &'static str,
    /// Why the client must not see it.
    pub why: &'static str,
}

/// Everything the audience window leaves out while the client is in the room: the
/// provider's costs, margins, markups, commissions and contingencies, and every internal
/// note. None of it is rendered at all (not hidden by a style), on any section.
///
/// Stored fields:
/// - `pricing.rate_card[].cost_rate`: what an hour of each role costs the provider.
/// - `pricing.rate_card[].bill_rate`: per-role rates; with the cost rate they give the
///   markup away, and the deal is presented by its price.
/// - `pricing.worksheets[].cost_contingency`, `billable_contingency`: how much the
///   provider padded cost and price.
/// - `pricing.worksheets[].target_margin` and `default_target_margin`: the margin the
///   provider aims for.
/// - `pricing.worksheets[].commission_rate`: what sales earns on the deal.
/// - `pricing.worksheets[].lines[].hours` and `delivery_hours`: the internal estimates
///   (with the rates they give the cost away).
/// - `pricing.worksheets[].lines[].expenses[].cost` and `markup`.
/// - `pricing.worksheets[].log[].note`: notes of approvals, rejections and reopenings.
/// - `needs[].note`: the team's note on a client need.
///
/// Derived figures: a worksheet's cost (labour, expenses, delivery and sales cost, cost
/// contingency, cost variance), gross margin and margin, markup, target price,
/// commissions, hours variance and blended bill rate.
///
/// Health findings that are made of such figures or notes are left out too: check 7
/// (pricing input and the deal's approval, which quotes a rejection's note), check 8
/// (margin against the target, with cost and margin) and check 9 (a person's hours,
/// which names the other engagements, other clients included, that they work on).
/// What stays: the deal's price, pricing style, approval status and who decides it; the
/// sponsors' expected benefits and budget (theirs to know); decisions with their
/// recorded reasons (taken in the room).
pub const CLIENT_IN_ROOM_REDACTED: &[Redacted] = &[
    Redacted {
        path: "pricing.rate_card[].cost_rate",
        why: "the provider's cost of an hour",
    },
    Redacted {
        path: "pricing.rate_card[].bill_rate",
        why: "with the cost rate it gives the markup away",
    },
    Redacted {
        path: "pricing.worksheets[].cost_contingency",
        why: "padding on the provider's cost",
    },
    Redacted {
        path: "pricing.worksheets[].billable_contingency",
        why: "padding on the price",
    },
    Redacted {
        path: "pricing.worksheets[].target_margin",
        why: "the margin the provider aims for",
    },
    Redacted {
        path: "default_target_margin",
        why: "the margin the provider aims for",
    },
    Redacted {
        path: "pricing.worksheets[].commission_rate",
        why: "what sales earns on the deal",
    },
    Redacted {
        path: "pricing.worksheets[].lines[].hours",
        why: "internal estimate: with the rates it gives the cost away",
    },
    Redacted {
        path: "pricing.worksheets[].lines[].delivery_hours",
        why: "internal estimate: with the rates it gives the cost away",
    },
    Redacted {
        path: "pricing.worksheets[].lines[].expenses[].cost",
        why: "the provider's cost",
    },
    Redacted {
        path: "pricing.worksheets[].lines[].expenses[].markup",
        why: "the provider's markup",
    },
    Redacted {
        path: "pricing.worksheets[].log[].note",
        why: "internal note on an approval",
    },
    Redacted {
        path: "needs[].note",
        why: "the team's internal note",
    },
    Redacted {
        path: "accounts[].notes",
        why: "the team's internal notes about the client",
    },
    Redacted {
        path: "accepted_departures[].reason",
        why: "why the team departs from its own organization's standard",
    },
];

/// The checks whose findings are left out while the client is in the room (see
/// [`CLIENT_IN_ROOM_REDACTED`]).
pub fn check_is_internal(check: Check) -> bool {
    matches!(check, Check::PricingInput | Check::Margin | Check::Overload)
}

// ---------------------------------------------------------------------------------
// Sections

/// A labelled fact: "Client" — "Harbor Retail".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
    /// The value is missing, and the room should notice ("Not named yet").
    pub gap: bool,
}

fn fact(label: &'static str, value: Option<String>, missing: &str) -> Fact {
    match value {
        Some(value) => Fact {
            label,
            value,
            gap: false,
        },
        None => Fact {
            label,
            value: missing.to_string(),
            gap: true,
        },
    }
}

fn names(w: &Workspace, people: &[PersonId]) -> Option<String> {
    (!people.is_empty()).then(|| {
        let named: Vec<&str> = people.iter().map(|&p| w.person_name(p)).collect();
        join(&named, "and")
    })
}

fn join(items: &[&str], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., final_item] => format!("{} {last} {final_item}", rest.join(", ")),
    }
}

/// The engagement at a glance: name, client, provider, relationship, stage, PM,
/// engagement manager and champion.
pub fn glance(w: &Workspace, e: &Engagement) -> Vec<Fact> {
    let name = |p: Option<PersonId>| p.map(|p| w.person_name(p).to_string());
    let text = |t: &str| (!t.trim().is_empty()).then(|| t.trim().to_string());
    vec![
        fact("Engagement", text(&e.name), "Not named"),
        fact("Client", text(w.client_name(e)), "Not recorded"),
        fact("Provider", text(&e.provider), "Not recorded"),
        fact("Relationship", Some(e.relationship.label().to_string()), ""),
        fact("Stage", Some(e.stage.label().to_string()), ""),
        fact("Project manager", name(e.pm), "Not named yet"),
        fact(
            "Engagement manager",
            names(w, &e.engagement_managers()),
            "Not named yet",
        ),
        fact(
            if e.relationship == Relationship::InHouse {
                "Champion"
            } else {
                "Sales lead"
            },
            name(e.champion),
            "Not named yet",
        ),
    ]
}

/// The people who are columns of the RACI grid: everyone with an assignment in the
/// engagement, by name.
pub fn raci_people(w: &Workspace, e: &Engagement) -> Vec<PersonId> {
    let mut people: Vec<PersonId> = e.assignments.iter().map(|a| a.person).collect();
    order::sort(&mut people);
    people.dedup();
    order::sort_by_key(&mut people, |&p| (w.person_name(p).to_lowercase(), p));
    people
}

/// One page of the RACI grid: its functions (rows) and people (columns), and the role
/// letters of every cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaciPage {
    pub functions: Vec<(FunctionId, String)>,
    pub people: Vec<(PersonId, String)>,
    /// The roles a person holds on a function (usually one).
    pub cells: BTreeMap<(FunctionId, PersonId), Vec<Raci>>,
    /// "Functions 1–5 of 9", "people 6–10 of 12": where the page is in the whole grid.
    pub functions_shown: (usize, usize, usize),
    pub people_shown: (usize, usize, usize),
}

/// Page `page` (1-based) of the RACI grid: the function pages in order, each shown with
/// every page of people before the next functions.
pub fn raci_page(w: &Workspace, e: &Engagement, page: u16) -> RaciPage {
    let people = raci_people(w, e);
    let function_pages = page_count(e.functions.len(), RACI_FUNCTIONS_PER_PAGE);
    let people_pages = page_count(people.len(), RACI_PEOPLE_PER_PAGE);
    let index = (usize::from(page.max(1)) - 1).min(function_pages * people_pages - 1);
    let f_rows = page_rows(e.functions.len(), function_pages, index / people_pages);
    let p_rows = page_rows(people.len(), people_pages, index % people_pages);
    let functions: Vec<(FunctionId, String)> = e.functions[f_rows.clone()]
        .iter()
        .map(|f| (f.id, f.name.clone()))
        .collect();
    let people_here: Vec<(PersonId, String)> = people[p_rows.clone()]
        .iter()
        .map(|&p| (p, w.person_name(p).to_string()))
        .collect();
    let mut cells: BTreeMap<(FunctionId, PersonId), Vec<Raci>> = BTreeMap::new();
    for a in &e.assignments {
        if functions.iter().any(|(f, _)| *f == a.function)
            && people_here.iter().any(|(p, _)| *p == a.person)
        {
            let roles = cells.entry((a.function, a.person)).or_default();
            roles.push(a.role);
            order::sort(roles);
        }
    }
    RaciPage {
        functions,
        people: people_here,
        cells,
        functions_shown: (f_rows.start + 1, f_rows.end, e.functions.len()),
        people_shown: (p_rows.start + 1, p_rows.end, people.len()),
    }
}

/// The RACI page (1-based) that shows a function, and a person's column if one is given:
/// the page to turn to when the facilitator highlights it. `None` when the function is
/// not in the engagement, or the person has no column.
pub fn raci_page_showing(w: &Workspace, e: &Engagement, highlight: Highlight) -> Option<u16> {
    let f = e
        .functions
        .iter()
        .position(|f| f.id == highlight.function())?;
    let people = raci_people(w, e);
    let function_pages = page_count(e.functions.len(), RACI_FUNCTIONS_PER_PAGE);
    let people_pages = page_count(people.len(), RACI_PEOPLE_PER_PAGE);
    let f_page = (0..function_pages)
        .find(|&i| page_rows(e.functions.len(), function_pages, i).contains(&f))?;
    let p_page = match highlight {
        Highlight::Function(_) => 0,
        Highlight::Cell { person, .. } => {
            let p = people.iter().position(|&x| x == person)?;
            (0..people_pages).find(|&i| page_rows(people.len(), people_pages, i).contains(&p))?
        }
    };
    u16::try_from(f_page * people_pages + p_page + 1).ok()
}

/// The one-letter mark of a role in the grid.
pub fn raci_letter(role: Raci) -> &'static str {
    match role {
        Raci::Responsible => "R",
        Raci::Accountable => "A",
        Raci::Consulted => "C",
        Raci::Informed => "I",
    }
}

/// Who holds final authority over a function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authority {
    /// The person Accountable for it.
    Accountable(String),
    /// Nobody is Accountable; the PM accepted it.
    PmAccepted(String),
    /// Nobody is Accountable, and it falls to the PM without the PM accepting it: a gap.
    PmByDefault(String),
    /// Nobody is Accountable and there is no PM: a gap.
    Nobody,
}

impl Authority {
    /// The authority in words, as the room reads it.
    pub fn words(&self) -> String {
        match self {
            Authority::Accountable(name) => name.clone(),
            Authority::PmAccepted(pm) => format!("{pm} (PM, accepted by default)"),
            Authority::PmByDefault(pm) => {
                format!("Gap: falls to {pm} (PM) by default, not accepted")
            }
            Authority::Nobody => "Gap: nobody, and there is no PM".to_string(),
        }
    }

    pub fn is_gap(&self) -> bool {
        matches!(self, Authority::PmByDefault(_) | Authority::Nobody)
    }
}

/// Final authority over every function, in the engagement's order.
pub fn authority(w: &Workspace, e: &Engagement) -> Vec<(FunctionId, String, Authority)> {
    e.functions
        .iter()
        .map(|f| {
            let who = match (e.accountable(f.id), e.pm) {
                (Some(p), _) => Authority::Accountable(w.person_name(p).to_string()),
                (None, Some(pm)) if e.pm_accepted.contains_key(&f.id) => {
                    Authority::PmAccepted(w.person_name(pm).to_string())
                }
                (None, Some(pm)) => Authority::PmByDefault(w.person_name(pm).to_string()),
                (None, None) => Authority::Nobody,
            };
            (f.id, f.name.clone(), who)
        })
        .collect()
}

/// The rows of one page of a section whose rows are `rows`, paged as [`agenda`] pages it.
pub fn page_of<T: Clone>(rows: &[T], per_page: usize, page: u16) -> Vec<T> {
    rows[shown_rows(rows.len(), rows.len(), per_page, page)].to_vec()
}

/// A decision area and how it decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionAreaRow {
    pub name: String,
    /// "Majority: more than half of the votes cast", "Authority", or the gap.
    pub method: String,
    /// Who decides, in words.
    pub who: String,
    pub gap: bool,
}

/// Every decision area with its method and who decides.
pub fn decision_areas(w: &Workspace, e: &Engagement) -> Vec<DecisionAreaRow> {
    let people = e.participants().len();
    let all = match people {
        1 => "the 1 person of this engagement".to_string(),
        n => format!("the {n} people of this engagement"),
    };
    e.decisions
        .iter()
        .map(|d| {
            let (method, who, gap) = match d.method {
                None => ("No method yet".to_string(), "Nobody yet".to_string(), true),
                Some(DecisionMethod::Authority) => match d.authority {
                    Some(p) => ("Authority".to_string(), w.person_name(p).to_string(), false),
                    None if d.kind == DecisionKind::FinalDeal => (
                        "Authority".to_string(),
                        match e.final_deal_deciders_text(w) {
                            Some(who) => format!("No authority named; {who} decides"),
                            None => "No authority named, and nobody may decide yet".to_string(),
                        },
                        true,
                    ),
                    None => (
                        "Authority".to_string(),
                        "No authority named yet".to_string(),
                        true,
                    ),
                },
                Some(DecisionMethod::Majority) => (
                    "Majority: more than half of the votes cast".to_string(),
                    sentence_case(&all),
                    false,
                ),
                Some(DecisionMethod::Consensus) => (
                    "Consensus: no one blocks and at least one agrees".to_string(),
                    sentence_case(&all),
                    false,
                ),
            };
            DecisionAreaRow {
                name: d.name.clone(),
                method,
                who,
                gap,
            }
        })
        .collect()
}

fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A report: who writes it, who reads it, how often; each part `None` when missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub name: String,
    pub owner: Option<String>,
    pub audience: Option<String>,
    pub frequency: Option<String>,
}

/// Every report of the engagement.
pub fn reports(w: &Workspace, e: &Engagement) -> Vec<ReportRow> {
    e.reports
        .iter()
        .map(|r| {
            let audience: Vec<&str> = r.audience.iter().map(|g| g.label()).collect();
            ReportRow {
                name: r.name.clone(),
                owner: r.owner.map(|p| w.person_name(p).to_string()),
                audience: (!audience.is_empty()).then(|| join(&audience, "and")),
                frequency: r.frequency.map(|f| f.label().to_string()),
            }
        })
        .collect()
}

/// A client need: its four aspects, its status in words and its badge; the team's note
/// only when the client is not in the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedRow {
    pub title: String,
    pub coverage: [(NeedAspect, &'static str); 4],
    pub status: String,
    pub badge: &'static str,
    pub badge_class: &'static str,
    /// The aspects a mismatch involves, to mark their cells.
    pub mismatched: Vec<NeedAspect>,
    pub note: Option<String>,
}

/// Every client need of the engagement.
pub fn needs(e: &Engagement, client_in_room: bool) -> Vec<NeedRow> {
    e.needs
        .iter()
        .map(|n| need_row(e, n, client_in_room))
        .collect()
}

fn need_row(e: &Engagement, n: &ClientNeed, client_in_room: bool) -> NeedRow {
    let status = n.status(e.stage);
    let (badge, badge_class) = super::needs::status_badge(&status);
    NeedRow {
        title: n.title.clone(),
        coverage: NeedAspect::ALL.map(|a| (a, n.coverage(a).label())),
        status: super::needs::status_words(n, &status),
        badge,
        badge_class,
        mismatched: super::needs::mismatched_aspects(&status),
        note: (!client_in_room && !n.note.trim().is_empty()).then(|| n.note.trim().to_string()),
    }
}

/// The deal at a glance. The internal figures are `None` while the client is in the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealSummary {
    /// "The deal is not priced yet" and the like, when there is no priced deal to show.
    pub state: Option<String>,
    pub worksheet: Option<String>,
    pub price: Option<String>,
    pub style: Option<String>,
    pub approval: Option<String>,
    pub approved: bool,
    /// Who decides the final deal, in words.
    pub deciders: String,
    /// Cost, margin, target margin, markup, commission: only without the client.
    pub internal: Option<Vec<Fact>>,
}

/// The deal's summary: its worksheet's price, pricing style, approval and who decides;
/// margin and cost only when the client is not in the room.
pub fn deal(w: &Workspace, e: &Engagement, client_in_room: bool) -> DealSummary {
    let deciders = e
        .final_deal_deciders_text(w)
        .unwrap_or_else(|| "Nobody may decide the final deal yet".to_string());
    let mut summary = DealSummary {
        state: None,
        worksheet: None,
        price: None,
        style: None,
        approval: None,
        approved: false,
        deciders,
        internal: None,
    };
    let Some(ws) = e.pricing.deal_worksheet() else {
        summary.state = Some(if e.pricing.worksheets.is_empty() {
            "No pricing worksheet yet.".to_string()
        } else {
            format!(
                "{} scenarios, none chosen as the deal yet.",
                e.pricing.worksheets.len()
            )
        });
        return summary;
    };
    let cur = currency(&e.currency);
    let money = |m: Money| format_money(m, &cur);
    let default = w.default_target_margin;
    let t = compute_with_default(ws, &e.pricing.rate_card, default).total;
    summary.worksheet = Some(ws.name.clone());
    summary.price = Some(if t.net_price > Money::ZERO {
        money(t.net_price)
    } else {
        "Not priced yet".to_string()
    });
    summary.style = Some(match ws.style {
        SellingStyle::Collaborative => {
            "Collaborative: delivery estimates the work it prices".to_string()
        }
        SellingStyle::Consultative => "Consultative: every line answers a client need".to_string(),
    });
    summary.approved = ws.approval.is_approved();
    summary.approval = Some(match ws.approval {
        Approval::Approved { by } => format!("Approved by {}", w.person_name(by)),
        Approval::Rejected { by } => format!("Rejected by {}", w.person_name(by)),
        Approval::Submitted => "Submitted, waiting for a decision".to_string(),
        Approval::Draft => "Draft, not submitted yet".to_string(),
    });
    if !client_in_room {
        let pct = |b: Option<Bps>| b.map_or("Not set".to_string(), percent);
        summary.internal = Some(vec![
            fact("Cost", Some(money(t.cost)), ""),
            fact("Gross margin", Some(money(t.gross_margin)), ""),
            fact("Margin", Some(pct(t.margin)), ""),
            fact("Target margin", Some(pct(ws.target(default))), ""),
            fact("Markup", Some(pct(t.markup)), ""),
            fact(
                "Commission",
                Some(format!(
                    "{}: {} on margin or {} on revenue",
                    percent(ws.commission_rate),
                    money(t.commission_on_margin),
                    money(t.commission_on_revenue)
                )),
                "",
            ),
        ]);
    }
    summary
}

/// The health findings the room sees, worst first: all of them, or without the
/// internal checks ([`check_is_internal`]) while the client is in the room.
pub fn findings(w: &Workspace, e: &Engagement, client_in_room: bool) -> Vec<Finding> {
    assess(w, e.id)
        .findings
        .into_iter()
        .filter(|f| !(client_in_room && check_is_internal(f.check)))
        .collect()
}

/// The findings on one page of the Health section (1-based), paged like the unredacted
/// list so the page count never changes with the switch.
pub fn findings_page(
    w: &Workspace,
    e: &Engagement,
    client_in_room: bool,
    page: u16,
) -> Vec<Finding> {
    let full = assess(w, e.id).findings.len();
    let shown = findings(w, e, client_in_room);
    let rows = shown_rows(full, shown.len(), FINDINGS_PER_PAGE, page);
    shown[rows].to_vec()
}

/// A proposal of a decision area's log, with its outcome in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRow {
    pub area: String,
    pub proposal: String,
    pub date: String,
    /// "Passed", "Failed", "Not decided" or "No method yet".
    pub verdict: String,
    pub passed: Option<bool>,
    /// "Passed: 9 for, 8 against, 2 abstained — more than half of the votes cast".
    pub summary: String,
}

fn decision_log_len(e: &Engagement) -> usize {
    e.decisions.iter().map(|d| d.log.len()).sum()
}

/// Every decision taken, area by area, each log oldest first.
pub fn decisions_taken(w: &Workspace, e: &Engagement) -> Vec<DecisionRow> {
    let name = |p: PersonId| w.person_name(p).to_string();
    let mut rows = Vec::new();
    for d in &e.decisions {
        for proposal in &d.log {
            let (verdict, passed, summary) = match e.outcome(w, d, proposal) {
                Some(outcome) => (
                    outcome.verdict.label().to_string(),
                    match outcome.verdict {
                        Verdict::Passed => Some(true),
                        Verdict::Failed => Some(false),
                        Verdict::Open => None,
                    },
                    outcome.summary(name),
                ),
                None => (
                    "No method yet".to_string(),
                    None,
                    format!("{} has no method yet, so nothing decides it.", d.name),
                ),
            };
            rows.push(DecisionRow {
                area: d.name.clone(),
                proposal: proposal.text.clone(),
                date: proposal.date.clone(),
                verdict,
                passed,
                summary,
            });
        }
    }
    rows
}

/// Something the room still has to do, and who can do it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAction {
    pub what: String,
    pub who: String,
    /// Where the facilitator does it.
    pub view: View,
}

/// What is still open in the engagement, derived from the plan, in this order:
/// functions nobody is accountable for (docs/DOMAIN.md checks 1 and 2), decision areas
/// without a method or a named authority (check 5), proposals not decided yet, the deal
/// (no deal chosen, not submitted, waiting for a decision, rejected; check 7), sign-offs
/// outstanding (check 14), then the fixes of the other critical findings. While the
/// client is in the room, fixes of internal checks ([`check_is_internal`]) are left
/// out.
pub fn open_actions(
    w: &Workspace,
    engagement: EngagementId,
    client_in_room: bool,
) -> Vec<OpenAction> {
    let Some(e) = w.engagement(engagement) else {
        return Vec::new();
    };
    let mut actions = Vec::new();
    let pm = e.pm.map(|p| w.person_name(p).to_string());
    // Functions with an open action of their own: their critical findings add nothing.
    let mut unowned = Vec::new();
    for (id, function, who) in authority(w, e) {
        // A contracted engagement needs a formal owner of procurement, legal and
        // finance (check 3): the PM's acceptance does not settle them.
        let formal = e.relationship == Relationship::Contracted
            && e.function(id)
                .is_some_and(|f| f.kind.required_when_contracted());
        let what = if formal {
            format!("Name who is Accountable for {function} (a contracted engagement needs a formal owner)")
        } else {
            format!("Name who is Accountable for {function}, or have the PM accept it")
        };
        match who {
            Authority::PmByDefault(pm_name) => actions.push(OpenAction {
                what,
                who: format!("{pm_name} (PM) holds it by default until then"),
                view: View::Roles,
            }),
            Authority::Nobody => actions.push(OpenAction {
                what: format!("Name who is Accountable for {function}"),
                who: "Nobody holds it: there is no PM either".to_string(),
                view: View::Roles,
            }),
            Authority::Accountable(_) | Authority::PmAccepted(_) => continue,
        }
        unowned.push(id);
    }
    let deciders = e.final_deal_deciders_text(w);
    for d in &e.decisions {
        match d.method {
            None => actions.push(OpenAction {
                what: format!(
                    "Agree how {} is decided: majority, consensus or authority",
                    d.name
                ),
                who: em_or_pm(w, e, &pm),
                view: View::Governance,
            }),
            Some(DecisionMethod::Authority) if d.authority.is_none() => actions.push(OpenAction {
                what: format!("Name the authority who decides {}", d.name),
                who: if d.kind == DecisionKind::FinalDeal {
                    deciders.clone().unwrap_or_else(|| em_or_pm(w, e, &pm))
                } else {
                    em_or_pm(w, e, &pm)
                },
                view: View::Governance,
            }),
            _ => {}
        }
    }
    for d in &e.decisions {
        for proposal in &d.log {
            let Some(outcome) = e.outcome(w, d, proposal) else {
                continue;
            };
            if outcome.verdict != Verdict::Open {
                continue;
            }
            let who = match (outcome.method, outcome.authority) {
                (DecisionMethod::Authority, Some(a)) => {
                    format!("{} (the named authority)", w.person_name(a))
                }
                (DecisionMethod::Authority, None) => "The authority, once named".to_string(),
                _ => "Everyone of this engagement: agree, block or stand aside".to_string(),
            };
            actions.push(OpenAction {
                what: format!("Decide \u{201c}{}\u{201d} ({})", proposal.text, d.name),
                who,
                view: View::Governance,
            });
        }
    }
    let deciders_or = deciders
        .clone()
        .unwrap_or_else(|| "Nobody may decide the final deal yet".to_string());
    match e.pricing.deal_worksheet() {
        None if e.pricing.worksheets.len() > 1 => actions.push(OpenAction {
            what: "Choose the scenario that is the deal".to_string(),
            who: em_or_pm(w, e, &pm),
            view: View::Pricing,
        }),
        None => {}
        Some(ws) => match ws.approval {
            Approval::Draft => actions.push(OpenAction {
                what: format!("Submit the deal \u{201c}{}\u{201d} for approval", ws.name),
                who: em_or_pm(w, e, &pm),
                view: View::Pricing,
            }),
            Approval::Submitted => actions.push(OpenAction {
                what: format!("Approve or reject the deal \u{201c}{}\u{201d}", ws.name),
                who: deciders_or.clone(),
                view: View::Pricing,
            }),
            Approval::Rejected { .. } => actions.push(OpenAction {
                what: format!(
                    "Rework the rejected deal \u{201c}{}\u{201d} and submit it again",
                    ws.name
                ),
                who: em_or_pm(w, e, &pm),
                view: View::Pricing,
            }),
            Approval::Approved { .. } => {}
        },
    }
    for (party, status) in e.sign_off_statuses(&w.people) {
        let what = match status {
            SignOffStatus::Current { .. } => continue,
            SignOffStatus::Missing | SignOffStatus::WrongGroup { .. } => {
                format!("{} to sign off the defined process", party.label())
            }
            SignOffStatus::Undated { .. } => {
                format!(
                    "{} to confirm its sign-off of the defined process",
                    party.label()
                )
            }
            SignOffStatus::OutOfDate { date, .. } => format!(
                "{} to sign off again: the process changed after {date}",
                party.label()
            ),
        };
        actions.push(OpenAction {
            what,
            who: sign_off_who(party),
            view: View::Overview,
        });
    }
    let covered = [
        Check::OneAccountable,
        Check::PmDefault,
        Check::DecisionMethods,
        Check::PricingInput,
        Check::ProcessSignOff,
    ];
    for f in assess(w, e.id).findings {
        if f.severity != Severity::Critical || covered.contains(&f.check) {
            continue;
        }
        if client_in_room && check_is_internal(f.check) {
            continue;
        }
        if matches!(f.subject, Subject::Function(id) if unowned.contains(&id)) {
            continue;
        }
        actions.push(OpenAction {
            what: fix_for_the_room(&f.fix),
            who: em_or_pm(w, e, &pm),
            view: f.subject.view(),
        });
    }
    actions
}

/// A finding's fix as the room reads it: without the planner's "On the Roles view, "
/// (the facilitator knows where; the room needs what) and the final full stop.
pub fn fix_for_the_room(fix: &str) -> String {
    let fix = fix.trim().trim_end_matches('.');
    for view in View::ALL {
        if let Some(rest) = fix.strip_prefix(&format!("On the {} view, ", view.label())) {
            return sentence_case(rest);
        }
    }
    fix.to_string()
}

/// Who looks after an action nobody else owns: the engagement manager, else the PM.
fn em_or_pm(w: &Workspace, e: &Engagement, pm: &Option<String>) -> String {
    match (names(w, &e.engagement_managers()), pm) {
        (Some(em), _) => format!("{em} (engagement manager)"),
        (None, Some(pm)) => format!("{pm} (PM)"),
        (None, None) => "Nobody yet: no engagement manager or PM is named".to_string(),
    }
}

fn sign_off_who(party: SignOffParty) -> String {
    sentence_case(party.who())
}

/// The open actions on one page (1-based), paged like the unredacted list.
pub fn open_actions_page(
    w: &Workspace,
    engagement: EngagementId,
    client_in_room: bool,
    page: u16,
) -> Vec<OpenAction> {
    let full = open_actions(w, engagement, false).len();
    let shown = open_actions(w, engagement, client_in_room);
    let rows = shown_rows(full, shown.len(), ACTIONS_PER_PAGE, page);
    shown[rows].to_vec()
}

/// A finding's severity as the room reads it, with a mark that is not colour alone.
pub fn severity_mark(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "\u{2716} Critical",
        Severity::Warning => "\u{26a0} Warning",
        Severity::Advice => "\u{2139} Advice",
    }
}
