//! Comparing a plan that came back by email with the plan here, and taking its changes
//! one by one (docs/DOMAIN.md, "Sales and pricing": the engagement manager sends the plan
//! to delivery, delivery changes estimates and assignments and sends it back, sales
//! changes the price).
//!
//! [`compare`] sets one engagement of this workspace beside one engagement of another
//! (the file's) and lists what differs as [`Change`]s, grouped the way people think of
//! a plan ([`Group`]), each said in words with the old and the new value. Things are
//! matched by identity when the file came from this plan (ids survive export and
//! import) and by name when it did not ([`Matching`]).
//!
//! Each change carries the [`Action`]s that take it. [`Comparison::take`] applies a
//! chosen set of changes through [`Workspace::apply`] as one undoable step: a change
//! that no longer fits is refused with the model's reason and the others still go in.
//! A change can name something this plan does not have yet (a person, a function, a
//! worksheet, …) that another change adds: it lists that change in [`Change::needs`],
//! its actions name the missing thing by a stand-in id, and taking it takes the other
//! change first and puts the real id in place of the stand-in.

use super::action::{
    Action, ComplianceEdit, DecisionEdit, EngagementEdit, ModelError, NeedEdit, PersonEdit,
    ProposalEdit, ReportEdit,
};
use super::describe;
use super::engagement::*;
use super::history::History;
use super::ids::*;
use super::people::Person;
use super::pricing::{
    Approval, ApprovalStep, BillingType, ExpenseEdit, LineEdit, PricingAction, RateRoleEdit,
    Worksheet, WorksheetField,
};
use super::units::{currency, Bps, Hours, Money};
use super::workspace::Workspace;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// How the things of the two plans were matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Matching {
    /// The file came from this plan: things are matched by the identity they kept
    /// through export and import (and by name when that is all there is, such as
    /// something added since).
    Identity,
    /// The plans were started separately: things are matched by their names.
    Name,
}

impl Matching {
    /// How the matching is explained to the user.
    pub fn explained(self) -> &'static str {
        match self {
            Matching::Identity => {
                "The file came from this plan, so people and items were matched by identity: a renamed item is still the same item."
            }
            Matching::Name => {
                "The file was started separately from this plan, so people and items were matched by name: a renamed item shows as removed and added."
            }
        }
    }
}

/// The groups changes are shown in, in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    People,
    /// The engagement's own facts: its name, client, provider, relationship, stage,
    /// currency and what the sponsors expect.
    Engagement,
    Roles,
    Governance,
    ClientNeeds,
    Pricing,
    Decisions,
    SignOffs,
}

impl Group {
    pub const ALL: [Group; 8] = [
        Group::People,
        Group::Engagement,
        Group::Roles,
        Group::Governance,
        Group::ClientNeeds,
        Group::Pricing,
        Group::Decisions,
        Group::SignOffs,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Group::People => "People",
            Group::Engagement => "Engagement",
            Group::Roles => "Roles",
            Group::Governance => "Governance",
            Group::ClientNeeds => "Client needs",
            Group::Pricing => "Pricing",
            Group::Decisions => "Decisions",
            Group::SignOffs => "Sign-offs",
        }
    }
}

/// One difference between the two plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub group: Group,
    /// The change in words: "Legal: Accountable changed from Jordan Counsel to Dana Lee".
    pub text: String,
    /// The value here, as shown ("" when the thing is not here).
    pub old: String,
    /// The value in the file, as shown ("" when the thing is not there).
    pub new: String,
    /// What takes the change, in order. Things this plan lacks are named by stand-in
    /// ids, replaced when the change is taken (see [`Change::needs`]).
    pub actions: Vec<Action>,
    /// The changes (indices into [`Comparison::changes`]) that add what this one
    /// names and this plan lacks; taking this one takes them first.
    pub needs: Vec<usize>,
    /// Why the change cannot be taken, when no action makes it.
    pub cannot: Option<String>,
}

impl Change {
    pub fn can_be_taken(&self) -> bool {
        self.cannot.is_none()
    }
}

/// Who made a difference, when the file carries the copy it was based on (the plan as
/// it was sent from here): the three-way view of [`Comparison::made_by`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MadeBy {
    /// Changed in the file since it was sent; unchanged here.
    Them,
    /// Changed here since it was sent; the file still has the value sent, so taking
    /// it would undo the change made here.
    You,
    /// Changed on both sides, differently. `sent` is the value as it was sent, as
    /// shown ("" when the thing was not in the copy sent).
    Both { sent: String },
}

impl MadeBy {
    pub fn label(&self) -> &'static str {
        match self {
            MadeBy::Them => "Changed in the file",
            MadeBy::You => "Changed here since it was sent",
            MadeBy::Both { .. } => "Changed on both sides",
        }
    }
}

/// What a change is about, whatever its new value: its group, the value here and its
/// sentence without the new value (the last place it is named). Two comparisons from
/// the same plan here say the same thing about the same part of it in the same words,
/// so a difference from the copy sent and a difference from the file that share a
/// subject are about the same part of the plan.
fn subject(change: &Change) -> (Group, &str, String) {
    let text = if change.new.is_empty() {
        change.text.clone()
    } else {
        match change.text.rfind(change.new.as_str()) {
            Some(at) => format!(
                "{}\u{1f}{}",
                &change.text[..at],
                &change.text[at + change.new.len()..]
            ),
            None => change.text.clone(),
        }
    };
    (change.group, change.old.as_str(), text)
}

/// Why a change was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The model refused one of its actions, with its reason.
    Refused(ModelError),
    /// No action makes the change (see [`Change::cannot`]).
    Cannot(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Refused(e) => write!(f, "{e}"),
            Refusal::Cannot(reason) => write!(f, "{reason}"),
        }
    }
}

/// The differences of one engagement of this workspace from one of another workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub matching: Matching,
    /// The engagement compared, here.
    pub engagement: EngagementId,
    /// The engagement compared, in the file.
    pub theirs: EngagementId,
    pub changes: Vec<Change>,
    there: Workspace,
    /// What each stand-in id stands for.
    pending: BTreeMap<u32, Pending>,
}

impl Comparison {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes of one group, with their indices.
    pub fn group(&self, group: Group) -> impl Iterator<Item = (usize, &Change)> {
        self.changes
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.group == group)
    }

    /// Takes the chosen changes (indices into [`Comparison::changes`]) as one undoable
    /// step, with the changes they need (see [`Change::needs`]), in the order of the
    /// list. Returns each change tried, with whether it was taken or why not. Changes
    /// not chosen stay as they are.
    pub fn take(
        &self,
        history: &mut History,
        chosen: &[usize],
    ) -> Vec<(usize, Result<(), Refusal>)> {
        let mut all = BTreeSet::new();
        let mut stack: Vec<usize> = chosen
            .iter()
            .copied()
            .filter(|&i| i < self.changes.len())
            .collect();
        while let Some(i) = stack.pop() {
            if all.insert(i) {
                stack.extend(self.changes[i].needs.iter().copied());
            }
        }
        let order: Vec<usize> = all.into_iter().collect();
        let mut refused: BTreeMap<usize, Refusal> = BTreeMap::new();
        let results = history.apply_batch(order.iter().copied(), |w, i| {
            let change = &self.changes[i];
            let before = change.needs.iter().find_map(|d| refused.get(d));
            let result = match (&change.cannot, before) {
                (Some(reason), _) => Err(Refusal::Cannot(reason.clone())),
                // What it needs was refused: so is it, for the same reason.
                (None, Some(before)) => Err(before.clone()),
                (None, None) => self.take_one(w, i),
            };
            if let Err(r) = &result {
                refused.insert(i, r.clone());
            }
            result
        });
        order.into_iter().zip(results).collect()
    }

    /// Who made each change (in the order of [`Comparison::changes`]), given `base`,
    /// the copy the file was based on: the plan as it was sent from here, of which
    /// both `here` (the plan now) and the file are later versions. Compares `here`
    /// with the copy sent as it compared `here` with the file: a change with no
    /// difference from the copy sent was made in the file; one whose value in the file
    /// is the value sent was made here; the others were made on both sides. `None`
    /// when the copy sent does not have the engagement compared.
    pub fn made_by(&self, here: &Workspace, base: &Workspace) -> Option<Vec<MadeBy>> {
        let sent = base
            .engagement(self.theirs)
            .map(|e| e.id)
            .or_else(|| likely_match(here, self.engagement, base))?;
        let since = compare_by(here, self.engagement, base, sent, self.matching)?;
        // Two differences can share a subject (two lines of the same name, say): keep
        // every value sent under it.
        let mut sent_values: BTreeMap<(Group, &str, String), Vec<&str>> = BTreeMap::new();
        for d in &since.changes {
            sent_values
                .entry(subject(d))
                .or_default()
                .push(d.new.as_str());
        }
        Some(
            self.changes
                .iter()
                .map(|c| match sent_values.get(&subject(c)) {
                    None => MadeBy::Them,
                    Some(values) if values.contains(&c.new.as_str()) => MadeBy::You,
                    Some(values) => MadeBy::Both {
                        sent: values.first().copied().unwrap_or_default().to_string(),
                    },
                })
                .collect(),
        )
    }

    /// Takes every change that can be taken (see [`Comparison::take`]).
    pub fn take_all(&self, history: &mut History) -> Vec<(usize, Result<(), Refusal>)> {
        let all: Vec<usize> = (0..self.changes.len())
            .filter(|&i| self.changes[i].can_be_taken())
            .collect();
        self.take(history, &all)
    }

    /// Applies one change's actions to `w`, stand-ins replaced by what they stand for
    /// in `w` as it is now.
    fn take_one(&self, w: &mut Workspace, index: usize) -> Result<(), Refusal> {
        for action in &self.changes[index].actions {
            let mut action = action.clone();
            let mut missing = None;
            visit_ids(&mut action, &mut |id: &mut u32| {
                if *id < STAND_IN_MIN || missing.is_some() {
                    return;
                }
                let found = self.pending.get(id).and_then(|&p| {
                    let here = self.resolve(w, p);
                    if here.is_none() {
                        missing = Some(self.describe(p));
                    }
                    here
                });
                match found {
                    Some(here) => *id = here,
                    None if missing.is_none() => missing = Some("something".to_string()),
                    None => {}
                }
            });
            if let Some(what) = missing {
                return Err(Refusal::Cannot(format!(
                    "{} is not in this plan (renamed or removed since it was added?): take the change that adds it first.",
                    describe::sentence(&what)
                )));
            }
            w.apply(action).map_err(Refusal::Refused)?;
        }
        Ok(())
    }

    /// Something of their plan this plan lacks, in words: "Dana Lee", "the function
    /// “Security”".
    fn describe(&self, p: Pending) -> String {
        let Some(t) = self.there.engagement(self.theirs) else {
            return "something".to_string();
        };
        let named = |kind: &str, name: Option<&str>| match name {
            Some(n) => format!("the {kind} {}", q(n)),
            None => format!("a {kind}"),
        };
        match p {
            Pending::Person(id) => self.there.person_name(id).to_string(),
            Pending::Function(id) => named("function", t.function(id).map(|f| f.name.as_str())),
            Pending::Decision(id) => {
                named("decision area", t.decision(id).map(|d| d.name.as_str()))
            }
            Pending::Report(id) => named("report", t.report(id).map(|r| r.name.as_str())),
            Pending::Need(id) => named("client need", t.need(id).map(|n| n.title.as_str())),
            Pending::Compliance(id) => named(
                "compliance item",
                t.compliance_item(id).map(|c| c.rule.as_str()),
            ),
            Pending::Proposal(d, id) => named(
                "decision",
                t.decision(d)
                    .and_then(|d| d.log.iter().find(|p| p.id == id))
                    .map(|p| p.text.as_str()),
            ),
            Pending::RateRole(id) => named(
                "rate card role",
                t.pricing.rate_role(id).map(|r| r.name.as_str()),
            ),
            Pending::Worksheet(id) => named(
                "worksheet",
                t.pricing.worksheet(id).map(|ws| ws.name.as_str()),
            ),
            Pending::Line(ws, id) => named(
                "line",
                t.pricing
                    .worksheet(ws)
                    .and_then(|ws| ws.line(id))
                    .map(|l| l.name.as_str()),
            ),
        }
    }

    /// The id in `w` of something of the file's engagement, matched as the comparison
    /// matched things.
    fn resolve(&self, w: &Workspace, p: Pending) -> Option<u32> {
        let identity = self.matching == Matching::Identity;
        let t = self.there.engagement(self.theirs)?;
        if let Pending::Person(id) = p {
            let pairs = pair_people(&w.people, &self.there.people, identity);
            let at = self.there.people.iter().position(|x| x.id == id)?;
            return pairs[at].map(|i| w.people[i].id.0);
        }
        let e = w.engagement(self.engagement)?;
        let found = |here: &[u32], pairs: Vec<Option<usize>>, at: Option<usize>| {
            at.and_then(|at| pairs[at]).map(|i| here[i])
        };
        match p {
            Pending::Person(_) => None,
            Pending::Function(id) => found(
                &ids(&e.functions, |f| f.id.0),
                pair_functions(&e.functions, &t.functions, identity),
                t.functions.iter().position(|f| f.id == id),
            ),
            Pending::Decision(id) => found(
                &ids(&e.decisions, |d| d.id.0),
                pair_decisions(&e.decisions, &t.decisions, identity),
                t.decisions.iter().position(|d| d.id == id),
            ),
            Pending::Report(id) => found(
                &ids(&e.reports, |r| r.id.0),
                pair_reports(&e.reports, &t.reports, identity),
                t.reports.iter().position(|r| r.id == id),
            ),
            Pending::Need(id) => found(
                &ids(&e.needs, |n| n.id.0),
                pair_needs(&e.needs, &t.needs, identity),
                t.needs.iter().position(|n| n.id == id),
            ),
            Pending::Compliance(id) => found(
                &ids(&e.compliance, |c| c.id.0),
                pair_compliance(&e.compliance, &t.compliance, identity),
                t.compliance.iter().position(|c| c.id == id),
            ),
            Pending::RateRole(id) => found(
                &ids(&e.pricing.rate_card, |r| r.id.0),
                pair_roles(&e.pricing.rate_card, &t.pricing.rate_card, identity),
                t.pricing.rate_card.iter().position(|r| r.id == id),
            ),
            Pending::Worksheet(id) => found(
                &ids(&e.pricing.worksheets, |ws| ws.id.0),
                pair_worksheets(&e.pricing.worksheets, &t.pricing.worksheets, identity),
                t.pricing.worksheets.iter().position(|ws| ws.id == id),
            ),
            Pending::Proposal(d, id) => {
                let here_d = self.resolve(w, Pending::Decision(d))?;
                let hd = e.decisions.iter().find(|x| x.id.0 == here_d)?;
                let td = t.decision(d)?;
                found(
                    &ids(&hd.log, |p| p.id.0),
                    pair_proposals(&hd.log, &td.log, identity),
                    td.log.iter().position(|p| p.id == id),
                )
            }
            Pending::Line(ws, id) => {
                let here_ws = self.resolve(w, Pending::Worksheet(ws))?;
                let hw = e.pricing.worksheets.iter().find(|x| x.id.0 == here_ws)?;
                let tw = t.pricing.worksheet(ws)?;
                found(
                    &ids(&hw.lines, |l| l.id.0),
                    pair_lines(&hw.lines, &tw.lines, identity),
                    tw.lines.iter().position(|l| l.id == id),
                )
            }
        }
    }
}

/// Stand-in ids are this or above: far beyond any id a workspace hands out.
const STAND_IN_MIN: u32 = u32::MAX - 1_000_000;

/// Something of the file's engagement that this plan lacks, by its id there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    Person(PersonId),
    Function(FunctionId),
    Decision(DecisionId),
    Report(ReportId),
    Need(NeedId),
    Compliance(ComplianceId),
    Proposal(DecisionId, ProposalId),
    RateRole(RateRoleId),
    Worksheet(WorksheetId),
    Line(WorksheetId, LineId),
}

/// The engagement of `there` that most likely is `engagement` of `here`: the one with
/// its identity, else the one with its name (ignoring case), else the only one.
pub fn likely_match(
    here: &Workspace,
    engagement: EngagementId,
    there: &Workspace,
) -> Option<EngagementId> {
    let e = here.engagement(engagement)?;
    if let Some(t) = there.engagement(engagement) {
        if key(&t.name) == key(&e.name) || there.engagements.len() == 1 {
            return Some(t.id);
        }
    }
    if let Some(t) = there
        .engagements
        .iter()
        .find(|t| key(&t.name) == key(&e.name))
    {
        return Some(t.id);
    }
    if let Some(t) = there.engagement(engagement) {
        return Some(t.id);
    }
    match there.engagements.as_slice() {
        [only] => Some(only.id),
        _ => None,
    }
}

/// How the two engagements' things are best matched: by identity when the file came
/// from this plan — the engagement has the same identity, and the people who have the
/// same identity in both rosters are mostly the same people (the same name, or the
/// same side and group) — else by name.
pub fn matching_for(
    here: &Workspace,
    engagement: EngagementId,
    there: &Workspace,
    theirs: EngagementId,
) -> Matching {
    if engagement != theirs {
        return Matching::Name;
    }
    let shared: Vec<(&Person, &Person)> = here
        .people
        .iter()
        .filter_map(|p| there.person(p.id).map(|q| (p, q)))
        .collect();
    // A person renamed since keeps their side and group; two plans typed in
    // separately give the same ids to whoever was added first, mostly someone else.
    let same = shared
        .iter()
        .filter(|(p, q)| key(&p.name) == key(&q.name) || (p.side == q.side && p.group == q.group))
        .count();
    if same * 2 >= shared.len() {
        Matching::Identity
    } else {
        Matching::Name
    }
}

/// How to match when the file carries `base`, the copy it was based on: as
/// [`matching_for`], except that when this plan and the file have both added things
/// since that copy, the ids each gave its new things may name different things on
/// each side (someone joined here and someone else there), so names are used.
pub fn matching_since(
    here: &Workspace,
    engagement: EngagementId,
    there: &Workspace,
    theirs: EngagementId,
    base: &Workspace,
) -> Matching {
    if here.next_id > base.next_id && there.next_id > base.next_id {
        Matching::Name
    } else {
        matching_for(here, engagement, there, theirs)
    }
}

/// Compares `engagement` of `here` with `theirs` of `there`, matched as
/// [`matching_for`] decides; `None` when either engagement does not exist.
pub fn compare(
    here: &Workspace,
    engagement: EngagementId,
    there: &Workspace,
    theirs: EngagementId,
) -> Option<Comparison> {
    let matching = matching_for(here, engagement, there, theirs);
    compare_by(here, engagement, there, theirs, matching)
}

/// [`compare`], matched the way given.
pub fn compare_by(
    here: &Workspace,
    engagement: EngagementId,
    there: &Workspace,
    theirs: EngagementId,
    matching: Matching,
) -> Option<Comparison> {
    let e = here.engagement(engagement)?;
    let t = there.engagement(theirs)?;
    let mut b = Builder {
        here,
        e,
        there,
        t,
        identity: matching == Matching::Identity,
        changes: Vec::new(),
        pending: BTreeMap::new(),
        stand_ins: BTreeMap::new(),
        adds: BTreeMap::new(),
        deps: BTreeSet::new(),
        unaccepts: BTreeMap::new(),
    };
    b.people();
    b.facts();
    b.roles();
    b.governance();
    b.needs();
    b.pricing();
    b.decisions();
    b.departures();
    b.signoffs();
    b.removals();
    Some(Comparison {
        matching,
        engagement,
        theirs,
        changes: b.changes,
        there: there.clone(),
        pending: b.pending,
    })
}

// ---------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------

/// The key names are matched by: trimmed, ignoring case.
fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> u32) -> Vec<u32> {
    items.iter().map(id).collect()
}

/// For each item of `there`, the index of the item of `here` it matches. Each item has
/// three keys: its exact name, its name ignoring case, and a last resort (a function's
/// or a decision area's kind). Matching by identity, the same id on an item the same
/// in every way is surest; then an item the same in all but its id (an item added on
/// both sides since the file left can have the id of another, even one of the same
/// name); then the same exact name; then the same id (a renamed item); then the other
/// keys. Matching by name, only the keys count.
/// Each pass takes, for each item of `there` in order, the first unmatched item of
/// `here`; an empty key matches nothing.
fn pair<T: PartialEq + Clone>(
    here: &[T],
    there: &[T],
    identity: bool,
    id: impl Fn(&mut T) -> &mut u32,
    keys: impl Fn(&T) -> [String; 3],
) -> Vec<Option<usize>> {
    let mut out = vec![None; there.len()];
    let mut used = vec![false; here.len()];
    let hk: Vec<[String; 3]> = here.iter().map(&keys).collect();
    let tk: Vec<[String; 3]> = there.iter().map(&keys).collect();
    let blank = |x: &T| {
        let mut x = x.clone();
        *id(&mut x) = 0;
        x
    };
    let hb: Vec<T> = here.iter().map(blank).collect();
    let tb: Vec<T> = there.iter().map(blank).collect();
    let id_of = |x: &T| *id(&mut x.clone());
    let same_id = |i: usize, j: usize| id_of(&here[i]) == id_of(&there[j]);
    let same_key =
        |tier: usize, i: usize, j: usize| !tk[j][tier].is_empty() && hk[i][tier] == tk[j][tier];
    let alike = |i: usize, j: usize| hb[i] == tb[j];
    // (by id, only when matching by identity, alike in all but the id, key tier)
    let passes: [(bool, bool, bool, Option<usize>); 6] = [
        (true, true, true, None),
        (false, true, true, None),
        (false, false, false, Some(0)),
        (true, true, false, None),
        (false, false, false, Some(1)),
        (false, false, false, Some(2)),
    ];
    for (by_id, only_identity, whole, tier) in passes {
        if only_identity && !identity {
            continue;
        }
        #[allow(clippy::needless_range_loop)] // `j` indexes `out`, `tk` and `there`.
        for j in 0..there.len() {
            if out[j].is_some() {
                continue;
            }
            let fits = |i: usize| {
                !used[i]
                    && (!by_id || same_id(i, j))
                    && (!whole || alike(i, j))
                    && tier.is_none_or(|t| same_key(t, i, j))
            };
            if let Some(i) = (0..here.len()).find(|&i| fits(i)) {
                used[i] = true;
                out[j] = Some(i);
            }
        }
    }
    out
}

fn pair_people(here: &[Person], there: &[Person], identity: bool) -> Vec<Option<usize>> {
    let keys = |p: &Person| {
        [
            format!("{}\u{0}{:?}", p.name.trim(), p.side),
            format!("{}\u{0}{:?}", key(&p.name), p.side),
            key(&p.name),
        ]
    };
    pair(here, there, identity, |p| &mut p.id.0, keys)
}

fn kind_key<K: fmt::Debug + PartialEq>(kind: K, custom: K) -> String {
    if kind == custom {
        String::new()
    } else {
        format!("{kind:?}")
    }
}

fn pair_functions(here: &[Function], there: &[Function], identity: bool) -> Vec<Option<usize>> {
    let keys = |f: &Function| {
        [
            f.name.trim().to_string(),
            key(&f.name),
            kind_key(f.kind, FunctionKind::Custom),
        ]
    };
    pair(here, there, identity, |f| &mut f.id.0, keys)
}

fn pair_decisions(
    here: &[DecisionArea],
    there: &[DecisionArea],
    identity: bool,
) -> Vec<Option<usize>> {
    let keys = |d: &DecisionArea| {
        [
            d.name.trim().to_string(),
            key(&d.name),
            kind_key(d.kind, DecisionKind::Custom),
        ]
    };
    pair(here, there, identity, |d| &mut d.id.0, keys)
}

fn pair_reports(here: &[Report], there: &[Report], identity: bool) -> Vec<Option<usize>> {
    let keys = |r: &Report| [r.name.trim().to_string(), key(&r.name), String::new()];
    pair(here, there, identity, |r| &mut r.id.0, keys)
}

fn pair_needs(here: &[ClientNeed], there: &[ClientNeed], identity: bool) -> Vec<Option<usize>> {
    let keys = |n: &ClientNeed| [n.title.trim().to_string(), key(&n.title), String::new()];
    pair(here, there, identity, |n| &mut n.id.0, keys)
}

fn pair_compliance(
    here: &[ComplianceItem],
    there: &[ComplianceItem],
    identity: bool,
) -> Vec<Option<usize>> {
    let keys = |c: &ComplianceItem| [c.rule.trim().to_string(), key(&c.rule), String::new()];
    pair(here, there, identity, |c| &mut c.id.0, keys)
}

fn pair_proposals(
    here: &[super::decisions::Proposal],
    there: &[super::decisions::Proposal],
    identity: bool,
) -> Vec<Option<usize>> {
    let keys = |p: &super::decisions::Proposal| {
        [
            format!("{}\u{0}{}", p.text.trim(), p.date),
            format!("{}\u{0}{}", key(&p.text), p.date),
            key(&p.text),
        ]
    };
    pair(here, there, identity, |p| &mut p.id.0, keys)
}

fn pair_roles(
    here: &[super::pricing::RateRole],
    there: &[super::pricing::RateRole],
    identity: bool,
) -> Vec<Option<usize>> {
    let keys =
        |r: &super::pricing::RateRole| [r.name.trim().to_string(), key(&r.name), String::new()];
    pair(here, there, identity, |r| &mut r.id.0, keys)
}

fn pair_worksheets(here: &[Worksheet], there: &[Worksheet], identity: bool) -> Vec<Option<usize>> {
    let keys = |ws: &Worksheet| [ws.name.trim().to_string(), key(&ws.name), String::new()];
    pair(here, there, identity, |ws| &mut ws.id.0, keys)
}

fn pair_lines(
    here: &[super::pricing::LineItem],
    there: &[super::pricing::LineItem],
    identity: bool,
) -> Vec<Option<usize>> {
    let keys =
        |l: &super::pricing::LineItem| [l.name.trim().to_string(), key(&l.name), String::new()];
    pair(here, there, identity, |l| &mut l.id.0, keys)
}

fn pair_expenses(
    here: &[super::pricing::Expense],
    there: &[super::pricing::Expense],
    identity: bool,
) -> Vec<Option<usize>> {
    let keys =
        |x: &super::pricing::Expense| [x.name.trim().to_string(), key(&x.name), String::new()];
    pair(here, there, identity, |x| &mut x.id.0, keys)
}

/// Visits every id an action of a comparison names, to put real ids in place of
/// stand-ins. Covers the actions [`compare`] makes.
fn visit_ids(action: &mut Action, f: &mut impl FnMut(&mut u32)) {
    match action {
        Action::EditPerson { person, .. } | Action::RemovePerson { person } => f(&mut person.0),
        Action::EditEngagement {
            edit:
                EngagementEdit::Pm(Some(p))
                | EngagementEdit::EngagementManager(Some(p))
                | EngagementEdit::Champion(Some(p))
                | EngagementEdit::AgreementDocumenter(Some(p)),
            ..
        } => f(&mut p.0),
        Action::RenameFunction { function, .. }
        | Action::RemoveFunction { function, .. }
        | Action::SetPmAcceptance { function, .. }
        | Action::SetPmDefaultHours { function, .. } => f(&mut function.0),
        Action::Assign {
            person, function, ..
        }
        | Action::Unassign {
            person, function, ..
        }
        | Action::SetAssignmentHours {
            person, function, ..
        }
        | Action::ReplaceAccountable {
            person, function, ..
        } => {
            f(&mut person.0);
            f(&mut function.0);
        }
        Action::EditDecisionArea { decision, edit, .. } => {
            f(&mut decision.0);
            if let DecisionEdit::Authority(Some(p)) = edit {
                f(&mut p.0);
            }
        }
        Action::RemoveDecisionArea { decision, .. } => f(&mut decision.0),
        Action::Propose {
            decision,
            worksheet,
            ..
        } => {
            f(&mut decision.0);
            if let Some(ws) = worksheet {
                f(&mut ws.0);
            }
        }
        Action::EditProposal {
            decision,
            proposal,
            edit,
            ..
        } => {
            f(&mut decision.0);
            f(&mut proposal.0);
            if let ProposalEdit::Worksheet(Some(ws)) = edit {
                f(&mut ws.0);
            }
        }
        Action::SetPosition {
            decision,
            proposal,
            person,
            ..
        } => {
            f(&mut decision.0);
            f(&mut proposal.0);
            f(&mut person.0);
        }
        Action::RemoveProposal {
            decision, proposal, ..
        } => {
            f(&mut decision.0);
            f(&mut proposal.0);
        }
        Action::EditReport { report, edit, .. } => {
            f(&mut report.0);
            if let ReportEdit::Owner(Some(p)) = edit {
                f(&mut p.0);
            }
        }
        Action::RemoveReport { report, .. } => f(&mut report.0),
        Action::EditNeed { need, .. } | Action::RemoveNeed { need, .. } => f(&mut need.0),
        Action::EditComplianceItem { item, edit, .. } => {
            f(&mut item.0);
            if let ComplianceEdit::Owner(Some(p)) = edit {
                f(&mut p.0);
            }
        }
        Action::RemoveComplianceItem { item, .. } => f(&mut item.0),
        Action::SignOff { person, .. } => f(&mut person.0),
        Action::Pricing { action, .. } => visit_pricing_ids(action, f),
        _ => {}
    }
}

fn visit_pricing_ids(action: &mut PricingAction, f: &mut impl FnMut(&mut u32)) {
    use PricingAction as A;
    match action {
        A::EditRateRole { role, .. } | A::RemoveRateRole { role } => f(&mut role.0),
        A::RenameWorksheet { worksheet, .. }
        | A::SetStyle { worksheet, .. }
        | A::SetWorksheetField { worksheet, .. }
        | A::ClearTargetMargin { worksheet }
        | A::RemoveWorksheet { worksheet }
        | A::AddLine { worksheet, .. }
        | A::Submit { worksheet } => f(&mut worksheet.0),
        A::SetDeal {
            worksheet: Some(ws),
        } => f(&mut ws.0),
        A::EditLine {
            worksheet,
            line,
            edit,
        } => {
            f(&mut worksheet.0);
            f(&mut line.0);
            match edit {
                LineEdit::Hours(role, _) | LineEdit::DeliveryHours(role, _) => f(&mut role.0),
                LineEdit::Need(Some(n)) => f(&mut n.0),
                LineEdit::Estimator(Some(p)) => f(&mut p.0),
                _ => {}
            }
        }
        A::RemoveLine { worksheet, line }
        | A::AddExpense {
            worksheet, line, ..
        } => {
            f(&mut worksheet.0);
            f(&mut line.0);
        }
        A::EditExpense {
            worksheet,
            line,
            expense,
            ..
        }
        | A::RemoveExpense {
            worksheet,
            line,
            expense,
        } => {
            f(&mut worksheet.0);
            f(&mut line.0);
            f(&mut expense.0);
        }
        A::Reject { worksheet, by, .. } | A::Reopen { worksheet, by, .. } => {
            f(&mut worksheet.0);
            f(&mut by.0);
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------
// Building the list of changes
// ---------------------------------------------------------------------------------

struct Builder<'a> {
    here: &'a Workspace,
    e: &'a Engagement,
    there: &'a Workspace,
    t: &'a Engagement,
    identity: bool,
    changes: Vec<Change>,
    pending: BTreeMap<u32, Pending>,
    stand_ins: BTreeMap<Pending, u32>,
    /// The change that adds each thing this plan lacks.
    adds: BTreeMap<Pending, usize>,
    /// The changes the change being built needs.
    deps: BTreeSet<usize>,
    /// The change giving back the PM's acceptance of each function here.
    unaccepts: BTreeMap<FunctionId, usize>,
}

/// `"Ada"`-style quoting for names inside sentences.
fn q(name: &str) -> String {
    format!("\u{201c}{}\u{201d}", name.trim())
}

fn hours_text(h: Hours) -> String {
    describe::hours(h)
}

/// "1 hour a week", "4.5 hours a week".
fn per_week(h: Hours) -> String {
    if h == Hours::from_whole(1) {
        "1 hour a week".to_string()
    } else {
        format!("{} hours a week", describe::hours(h))
    }
}

fn or_none(text: Option<String>) -> String {
    text.unwrap_or_else(|| "none".to_string())
}

impl<'a> Builder<'a> {
    fn stand_in(&mut self, p: Pending) -> u32 {
        if let Some(&id) = self.stand_ins.get(&p) {
            return id;
        }
        let id = u32::MAX - self.stand_ins.len() as u32;
        self.stand_ins.insert(p, id);
        self.pending.insert(id, p);
        id
    }

    /// The id here of something of theirs, matched or (when `here` is `None`) a
    /// stand-in, noting that the change being built needs the change adding it.
    fn refer(&mut self, here: Option<u32>, p: Pending) -> u32 {
        match here {
            Some(id) => id,
            None => {
                if let Some(&i) = self.adds.get(&p) {
                    self.deps.insert(i);
                }
                self.stand_in(p)
            }
        }
    }

    fn push(
        &mut self,
        group: Group,
        text: String,
        old: String,
        new: String,
        actions: Vec<Action>,
    ) -> usize {
        let needs: Vec<usize> = std::mem::take(&mut self.deps).into_iter().collect();
        self.changes.push(Change {
            group,
            text,
            old,
            new,
            actions,
            needs,
            cannot: None,
        });
        self.changes.len() - 1
    }

    fn cannot(&mut self, group: Group, text: String, old: String, new: String, why: String) {
        self.deps.clear();
        self.changes.push(Change {
            group,
            text,
            old,
            new,
            actions: Vec::new(),
            needs: Vec::new(),
            cannot: Some(why),
        });
    }

    fn eid(&self) -> EngagementId {
        self.e.id
    }

    fn edit(&self, edit: EngagementEdit) -> Action {
        Action::EditEngagement {
            engagement: self.eid(),
            edit,
        }
    }

    fn pricing_action(&self, action: PricingAction) -> Action {
        Action::Pricing {
            engagement: self.eid(),
            action,
        }
    }

    // --- people ----------------------------------------------------------------

    fn person_pairs(&self) -> Vec<Option<usize>> {
        pair_people(&self.here.people, &self.there.people, self.identity)
    }

    /// Their person's id here, or a stand-in for the person still to be added.
    fn person(&mut self, theirs: PersonId) -> PersonId {
        let pairs = self.person_pairs();
        let here = self
            .there
            .people
            .iter()
            .position(|p| p.id == theirs)
            .and_then(|j| pairs[j])
            .map(|i| self.here.people[i].id.0);
        PersonId(self.refer(here, Pending::Person(theirs)))
    }

    fn their_name(&self, p: PersonId) -> String {
        self.there.person_name(p).to_string()
    }

    fn here_name(&self, p: PersonId) -> String {
        self.here.person_name(p).to_string()
    }

    fn people(&mut self) {
        let pairs = self.person_pairs();
        let theirs_elsewhere: BTreeSet<PersonId> = self
            .there
            .engagements
            .iter()
            .filter(|x| x.id != self.t.id)
            .flat_map(|x| x.referenced_people())
            .collect();
        let their_refs = self.t.referenced_people();
        for (j, p) in self.there.people.iter().enumerate() {
            match pairs[j] {
                None => {
                    // In a plan started separately, someone only another engagement
                    // of the file names is not part of this comparison; a file that
                    // came from this plan has this plan's roster.
                    if !self.identity
                        && theirs_elsewhere.contains(&p.id)
                        && !their_refs.contains(&p.id)
                    {
                        continue;
                    }
                    let i = self.push(
                        Group::People,
                        format!(
                            "{} joins the roster ({}, {}, {})",
                            p.name,
                            p.side.label(),
                            p.group.label(),
                            per_week(p.capacity)
                        ),
                        String::new(),
                        p.name.clone(),
                        vec![Action::AddPerson {
                            name: p.name.clone(),
                            side: p.side,
                            group: p.group,
                            capacity: p.capacity,
                        }],
                    );
                    self.adds.insert(Pending::Person(p.id), i);
                }
                Some(i) => {
                    let h = &self.here.people[i];
                    let person = h.id;
                    let edit = |edit| Action::EditPerson { person, edit };
                    if h.name != p.name {
                        self.push(
                            Group::People,
                            format!("{} is now called {}", h.name, p.name),
                            h.name.clone(),
                            p.name.clone(),
                            vec![edit(PersonEdit::Name(p.name.clone()))],
                        );
                    }
                    if h.side != p.side {
                        self.push(
                            Group::People,
                            format!(
                                "{}: side changed from {} to {}",
                                p.name,
                                h.side.label(),
                                p.side.label()
                            ),
                            h.side.label().into(),
                            p.side.label().into(),
                            vec![edit(PersonEdit::Side(p.side))],
                        );
                    }
                    if h.group != p.group {
                        self.push(
                            Group::People,
                            format!(
                                "{}: group changed from {} to {}",
                                p.name,
                                h.group.label(),
                                p.group.label()
                            ),
                            h.group.label().into(),
                            p.group.label().into(),
                            vec![edit(PersonEdit::Group(p.group))],
                        );
                    }
                    if h.capacity != p.capacity {
                        self.push(
                            Group::People,
                            format!(
                                "{}: capacity changed from {} to {} hours a week",
                                p.name,
                                hours_text(h.capacity),
                                hours_text(p.capacity)
                            ),
                            hours_text(h.capacity),
                            hours_text(p.capacity),
                            vec![edit(PersonEdit::Capacity(p.capacity))],
                        );
                    }
                }
            }
        }
    }

    /// People here who are not in their plan. Listed last, once the changes that take
    /// them out of this engagement's roles are listed, which removing them needs.
    fn removals(&mut self) {
        let pairs = self.person_pairs();
        let mut matched = vec![false; self.here.people.len()];
        for i in pairs.into_iter().flatten() {
            matched[i] = true;
        }
        let ours_here = self.e.referenced_people();
        for (i, h) in self.here.people.iter().enumerate() {
            if matched[i] {
                continue;
            }
            let elsewhere: Vec<&str> = self
                .here
                .engagements
                .iter()
                .filter(|x| x.id != self.e.id && x.referenced_people().contains(&h.id))
                .map(|x| x.name.as_str())
                .collect();
            if let Some(first) = elsewhere.first() {
                if ours_here.contains(&h.id) || self.identity {
                    self.cannot(
                        Group::People,
                        format!("{} is not in their plan", h.name),
                        h.name.clone(),
                        String::new(),
                        format!(
                            "{} stays on the roster, having a part in {}{}; their roles here are listed on their own.",
                            h.name,
                            first,
                            if elsewhere.len() > 1 { " and other engagements" } else { "" }
                        ),
                    );
                }
                continue;
            }
            // Someone on the roster only, in a plan started separately, is no
            // difference of this engagement.
            if !self.identity && !ours_here.contains(&h.id) {
                continue;
            }
            self.deps = self.clearing(h.id);
            self.push(
                Group::People,
                format!("{} is not in their plan: remove from the roster", h.name),
                h.name.clone(),
                String::new(),
                vec![Action::RemovePerson { person: h.id }],
            );
        }
    }

    /// The changes listed so far that take a person out of something here: removing
    /// the person from the roster does as much, so it takes them first.
    fn clearing(&self, person: PersonId) -> BTreeSet<usize> {
        let name = self.here_name(person);
        let clears = |a: &Action| match a {
            Action::Unassign { person: p, .. } => *p == person,
            Action::SetPosition {
                person: p,
                stance: None,
                ..
            } => *p == person,
            _ => false,
        };
        self.changes
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.can_be_taken()
                    && ((!c.actions.is_empty() && c.actions.iter().all(clears))
                        || (c.old == name && (c.new == "none" || c.new.is_empty())))
            })
            .map(|(i, _)| i)
            .collect()
    }

    // --- the engagement's facts ----------------------------------------------------

    fn money_here(&self, m: Money) -> String {
        m.format(currency(&self.e.currency).decimals)
    }

    fn money_there(&self, m: Money) -> String {
        m.format(currency(&self.t.currency).decimals)
    }

    fn text_change(
        &mut self,
        group: Group,
        what: &str,
        old: &str,
        new: &str,
        edit: EngagementEdit,
    ) {
        if old != new {
            let shown = |s: &str| {
                if s.is_empty() {
                    "nothing".to_string()
                } else {
                    s.to_string()
                }
            };
            let action = self.edit(edit);
            self.push(
                group,
                format!("{what} changed from {} to {}", shown(old), shown(new)),
                old.to_string(),
                new.to_string(),
                vec![action],
            );
        }
    }

    fn facts(&mut self) {
        let (e, t) = (self.e, self.t);
        let g = Group::Engagement;
        self.text_change(
            g,
            "Name",
            &e.name,
            &t.name,
            EngagementEdit::Name(t.name.clone()),
        );
        let (ch, ct) = (self.here.client_name(e), self.there.client_name(t));
        match e.account {
            // The same client written another way: their account was renamed.
            Some(account) if ch != ct && key(ch) == key(ct) => {
                self.push(
                    g,
                    format!("Client: {ch} is written {ct} in their plan"),
                    ch.to_string(),
                    ct.to_string(),
                    vec![Action::EditAccount {
                        account,
                        edit: super::accounts::AccountEdit::Name(ct.to_string()),
                    }],
                );
            }
            _ => self.text_change(g, "Client", ch, ct, EngagementEdit::Client(ct.to_string())),
        }
        self.text_change(
            g,
            "Provider",
            &e.provider,
            &t.provider,
            EngagementEdit::Provider(t.provider.clone()),
        );
        self.text_change(
            g,
            "Relationship",
            e.relationship.label(),
            t.relationship.label(),
            EngagementEdit::Relationship(t.relationship),
        );
        self.text_change(
            g,
            "Stage",
            e.stage.label(),
            t.stage.label(),
            EngagementEdit::Stage(t.stage),
        );
        self.text_change(
            g,
            "Currency",
            &e.currency,
            &t.currency,
            EngagementEdit::Currency(t.currency.clone()),
        );
        let (sh, st) = (&e.sponsor_value, &t.sponsor_value);
        let (dh, dt) = (
            currency(&e.currency).decimals,
            currency(&t.currency).decimals,
        );
        let amount_here = |m: Option<Money>| m.map(|m| m.format(dh)).unwrap_or_default();
        let amount_there = |m: Option<Money>| m.map(|m| m.format(dt)).unwrap_or_default();
        if sh.expected_benefits != st.expected_benefits {
            let (old, new) = (
                amount_here(sh.expected_benefits),
                amount_there(st.expected_benefits),
            );
            self.text_change(
                g,
                "Expected benefits",
                &old,
                &new,
                EngagementEdit::ExpectedBenefits(st.expected_benefits),
            );
        }
        if sh.expected_budget != st.expected_budget {
            let (old, new) = (
                amount_here(sh.expected_budget),
                amount_there(st.expected_budget),
            );
            self.text_change(
                g,
                "Expected budget",
                &old,
                &new,
                EngagementEdit::ExpectedBudget(st.expected_budget),
            );
        }
        self.text_change(
            g,
            "Description of the benefits",
            &sh.benefits_description,
            &st.benefits_description,
            EngagementEdit::BenefitsDescription(st.benefits_description.clone()),
        );
    }

    // --- roles -------------------------------------------------------------------

    /// A change of who holds one of the engagement's person slots.
    fn slot(
        &mut self,
        group: Group,
        what: &str,
        here: Option<PersonId>,
        theirs: Option<PersonId>,
        edit: fn(Option<PersonId>) -> EngagementEdit,
    ) {
        let mapped = theirs.map(|p| self.person(p));
        if here == mapped {
            self.deps.clear();
            return;
        }
        let old = here.map(|p| self.here_name(p));
        let new = theirs.map(|p| self.their_name(p));
        let text = match (&old, &new) {
            (Some(o), Some(n)) => format!("{what} changed from {o} to {n}"),
            (None, Some(n)) => format!("{what}: {n}"),
            (Some(o), None) => format!("{what}: nobody in place of {o}"),
            (None, None) => return,
        };
        let action = self.edit(edit(mapped));
        self.push(group, text, or_none(old), or_none(new), vec![action]);
    }

    fn function_pairs(&self) -> Vec<Option<usize>> {
        pair_functions(&self.e.functions, &self.t.functions, self.identity)
    }

    fn roles(&mut self) {
        let (e, t) = (self.e, self.t);
        self.slot(
            Group::Roles,
            "Engagement manager",
            e.engagement_manager,
            t.engagement_manager,
            EngagementEdit::EngagementManager,
        );
        self.slot(
            Group::Roles,
            "Sales role or champion",
            e.champion,
            t.champion,
            EngagementEdit::Champion,
        );
        let pairs = self.function_pairs();
        let mut matched = vec![false; e.functions.len()];
        // Functions first, so that the assignments can name them.
        let mut functions: Vec<(FunctionId, Option<FunctionId>)> = Vec::new();
        for (j, f) in t.functions.iter().enumerate() {
            match pairs[j] {
                Some(i) => {
                    matched[i] = true;
                    let h = &e.functions[i];
                    functions.push((f.id, Some(h.id)));
                    if h.name != f.name {
                        self.push(
                            Group::Roles,
                            format!("Function {} is now called {}", q(&h.name), q(&f.name)),
                            h.name.clone(),
                            f.name.clone(),
                            vec![Action::RenameFunction {
                                engagement: e.id,
                                function: h.id,
                                name: f.name.clone(),
                            }],
                        );
                    }
                    if h.kind != f.kind {
                        self.cannot(
                            Group::Roles,
                            format!("{}: a different kind of function in their plan", f.name),
                            h.kind.default_name().to_string(),
                            f.kind.default_name().to_string(),
                            format!(
                                "The kind of a function cannot be changed: remove {} and add it again to follow their plan.",
                                q(&h.name)
                            ),
                        );
                    }
                }
                None => {
                    functions.push((f.id, None));
                    let stand_in = FunctionId(self.stand_in(Pending::Function(f.id)));
                    let mut actions = Vec::new();
                    if f.kind == FunctionKind::Custom {
                        actions.push(Action::AddFunction {
                            engagement: e.id,
                            name: f.name.clone(),
                        });
                    } else {
                        actions.push(Action::RestoreFunction {
                            engagement: e.id,
                            kind: f.kind,
                        });
                        if f.name != f.kind.default_name() {
                            actions.push(Action::RenameFunction {
                                engagement: e.id,
                                function: stand_in,
                                name: f.name.clone(),
                            });
                        }
                    }
                    let i = self.push(
                        Group::Roles,
                        format!("Function {} added", q(&f.name)),
                        String::new(),
                        f.name.clone(),
                        actions,
                    );
                    self.adds.insert(Pending::Function(f.id), i);
                }
            }
        }
        for (i, h) in e.functions.iter().enumerate() {
            if !matched[i] {
                self.push(
                    Group::Roles,
                    format!("Function {} removed, with its assignments", q(&h.name)),
                    h.name.clone(),
                    String::new(),
                    vec![Action::RemoveFunction {
                        engagement: e.id,
                        function: h.id,
                    }],
                );
            }
        }
        // Acceptances given back first: making someone Accountable ends one, so
        // that change needs this one.
        for &(theirs, here) in &functions {
            self.pm_acceptance(theirs, here, true);
        }
        self.pm(&functions);
        for &(theirs, here) in &functions {
            self.assignments(theirs, here);
        }
        for &(theirs, here) in &functions {
            self.pm_acceptance(theirs, here, false);
        }
    }

    /// The PM. A new PM decides afresh which functions to accept by default, so the
    /// change needs the acceptances their plan gives back, and accepts again those both
    /// plans keep (with the hours here), so that it changes the PM and nothing else.
    fn pm(&mut self, functions: &[(FunctionId, Option<FunctionId>)]) {
        let (e, t) = (self.e, self.t);
        let before = self.changes.len();
        self.deps.extend(self.unaccepts.values().copied());
        self.slot(Group::Roles, "PM", e.pm, t.pm, EngagementEdit::Pm);
        if self.changes.len() == before || t.pm.is_none() {
            return;
        }
        for &(theirs, here) in functions {
            let Some(f) = here else { continue };
            let (Some(&h), true) = (e.pm_accepted.get(&f), t.pm_accepted.contains_key(&theirs))
            else {
                continue;
            };
            let change = &mut self.changes[before];
            change.actions.push(Action::SetPmAcceptance {
                engagement: e.id,
                function: f,
                accepted: true,
            });
            if h != PM_DEFAULT_HOURS {
                change.actions.push(Action::SetPmDefaultHours {
                    engagement: e.id,
                    function: f,
                    hours: h,
                });
            }
        }
    }

    fn function_ref(&mut self, theirs: FunctionId, here: Option<FunctionId>) -> FunctionId {
        FunctionId(self.refer(here.map(|f| f.0), Pending::Function(theirs)))
    }

    fn assignments(&mut self, theirs: FunctionId, here: Option<FunctionId>) {
        let (e, t) = (self.e, self.t);
        let name = t.function(theirs).map_or(String::new(), |f| f.name.clone());
        let engagement = e.id;
        // Their assignments, by the person here (or a stand-in) and role.
        let mut there: Vec<(PersonId, PersonId, Raci, Hours, BTreeSet<usize>)> = Vec::new();
        for a in t.assignments_on(theirs) {
            let p = self.person(a.person);
            let deps = std::mem::take(&mut self.deps);
            there.push((a.person, p, a.role, a.hours, deps));
        }
        let ours: Vec<&Assignment> = match here {
            Some(f) => e.assignments_on(f).collect(),
            None => Vec::new(),
        };
        let acc_here = ours.iter().find(|a| a.role == Raci::Accountable);
        let acc_there = there.iter().find(|x| x.2 == Raci::Accountable);
        let replaced = match (acc_here, acc_there) {
            (Some(h), Some(x)) if h.person != x.1 => {
                self.deps = x.4.clone();
                let function = self.function_ref(theirs, here);
                let old = self.here_name(h.person);
                let new = self.their_name(x.0);
                self.push(
                    Group::Roles,
                    format!("{name}: Accountable changed from {old} to {new}"),
                    old,
                    new,
                    vec![Action::ReplaceAccountable {
                        engagement,
                        person: x.1,
                        function,
                        from: None,
                        hours: x.3,
                    }],
                );
                true
            }
            _ => false,
        };
        for x in &there {
            let (their_p, p, role, hours, deps) = x;
            if replaced && *role == Raci::Accountable {
                continue;
            }
            let mine = ours.iter().find(|a| a.person == *p && a.role == *role);
            let who = self.their_name(*their_p);
            match mine {
                Some(a) if a.hours != *hours => {
                    let function = self.function_ref(theirs, here);
                    self.push(
                        Group::Roles,
                        format!(
                            "{name}: {who}'s hours as {} changed from {} to {} a week",
                            role.label(),
                            hours_text(a.hours),
                            hours_text(*hours)
                        ),
                        hours_text(a.hours),
                        hours_text(*hours),
                        vec![Action::SetAssignmentHours {
                            engagement,
                            person: *p,
                            function,
                            role: *role,
                            hours: *hours,
                        }],
                    );
                }
                Some(_) => {}
                None => {
                    self.deps = deps.clone();
                    if *role == Raci::Accountable {
                        let given_back = here.and_then(|f| self.unaccepts.get(&f));
                        self.deps.extend(given_back.copied());
                    }
                    let function = self.function_ref(theirs, here);
                    self.push(
                        Group::Roles,
                        format!(
                            "{name}: {who} becomes {} ({})",
                            role.label(),
                            per_week(*hours)
                        ),
                        String::new(),
                        format!("{who}, {}", per_week(*hours)),
                        vec![Action::Assign {
                            engagement,
                            person: *p,
                            function,
                            role: *role,
                            hours: *hours,
                        }],
                    );
                }
            }
        }
        for a in &ours {
            if replaced && a.role == Raci::Accountable {
                continue;
            }
            if there.iter().any(|x| x.1 == a.person && x.2 == a.role) {
                continue;
            }
            let who = self.here_name(a.person);
            self.push(
                Group::Roles,
                format!("{name}: {who} is no longer {}", a.role.label()),
                format!("{who}, {}", per_week(a.hours)),
                String::new(),
                vec![Action::Unassign {
                    engagement,
                    person: a.person,
                    function: a.function,
                    role: a.role,
                }],
            );
        }
    }

    /// The PM's acceptance of a function by default: given back (`given_back`), or
    /// given and its hours.
    fn pm_acceptance(&mut self, theirs: FunctionId, here: Option<FunctionId>, given_back: bool) {
        let (e, t) = (self.e, self.t);
        let name = t.function(theirs).map_or(String::new(), |f| f.name.clone());
        let mine = here.and_then(|f| e.pm_accepted.get(&f)).copied();
        let their = t.pm_accepted.get(&theirs).copied();
        if given_back != (mine.is_some() && their.is_none()) {
            return;
        }
        let function = self.function_ref(theirs, here);
        let accept = |accepted| Action::SetPmAcceptance {
            engagement: e.id,
            function,
            accepted,
        };
        let set_hours = |hours| Action::SetPmDefaultHours {
            engagement: e.id,
            function,
            hours,
        };
        match (mine, their) {
            (None | Some(_), Some(h)) if t.pm.is_none() && mine != their => {
                self.deps.clear();
                self.cannot(
                    Group::Roles,
                    format!("{name}: accepted by default by a PM their plan no longer names"),
                    String::new(),
                    per_week(h),
                    "Only a named PM accepts a function by default, and their plan names none: name the PM first.".into(),
                );
            }
            (None, Some(h)) => {
                let mut actions = vec![accept(true)];
                if h != PM_DEFAULT_HOURS {
                    actions.push(set_hours(h));
                }
                self.push(
                    Group::Roles,
                    format!("{name}: the PM accepts it by default ({})", per_week(h)),
                    String::new(),
                    per_week(h),
                    actions,
                );
            }
            (Some(h), None) => {
                let i = self.push(
                    Group::Roles,
                    format!("{name}: the PM no longer accepts it by default"),
                    per_week(h),
                    String::new(),
                    vec![accept(false)],
                );
                if let Some(f) = here {
                    self.unaccepts.insert(f, i);
                }
            }
            (Some(a), Some(b)) if a != b => {
                self.push(
                    Group::Roles,
                    format!(
                        "{name}: the PM's hours for it changed from {} to {} a week",
                        hours_text(a),
                        hours_text(b)
                    ),
                    hours_text(a),
                    hours_text(b),
                    vec![set_hours(b)],
                );
            }
            _ => self.deps.clear(),
        }
    }

    // --- governance ----------------------------------------------------------------

    fn governance(&mut self) {
        let (e, t) = (self.e, self.t);
        let g = Group::Governance;
        self.slot(
            g,
            "Documenter of agreements",
            e.agreement_documenter,
            t.agreement_documenter,
            EngagementEdit::AgreementDocumenter,
        );
        if e.agreement_formal != t.agreement_formal {
            let yes_no = |b: bool| if b { "formal" } else { "not formal" };
            let action = self.edit(EngagementEdit::AgreementFormal(t.agreement_formal));
            self.push(
                g,
                format!(
                    "The agreement is {} in their plan",
                    yes_no(t.agreement_formal)
                ),
                yes_no(e.agreement_formal).into(),
                yes_no(t.agreement_formal).into(),
                vec![action],
            );
        }
        self.decision_areas();
        self.reports();
        self.compliance();
    }

    fn decision_areas(&mut self) {
        let (e, t) = (self.e, self.t);
        let g = Group::Governance;
        let engagement = e.id;
        let pairs = pair_decisions(&e.decisions, &t.decisions, self.identity);
        let mut matched = vec![false; e.decisions.len()];
        let method = |m: Option<DecisionMethod>| m.map_or("none", |m| m.label()).to_string();
        for (j, d) in t.decisions.iter().enumerate() {
            match pairs[j] {
                None => {
                    let decision = DecisionId(self.stand_in(Pending::Decision(d.id)));
                    let mut actions = Vec::new();
                    if d.kind == DecisionKind::Custom {
                        actions.push(Action::AddDecisionArea {
                            engagement,
                            name: d.name.clone(),
                        });
                    } else {
                        actions.push(Action::RestoreDecisionArea {
                            engagement,
                            kind: d.kind,
                        });
                        if d.name != d.kind.default_name() {
                            actions.push(Action::EditDecisionArea {
                                engagement,
                                decision,
                                edit: DecisionEdit::Name(d.name.clone()),
                            });
                        }
                    }
                    if d.method.is_some() {
                        actions.push(Action::EditDecisionArea {
                            engagement,
                            decision,
                            edit: DecisionEdit::Method(d.method),
                        });
                    }
                    let mut new = format!("{}, {}", d.name, method(d.method).to_lowercase());
                    if let Some(p) = d.authority {
                        let person = self.person(p);
                        actions.push(Action::EditDecisionArea {
                            engagement,
                            decision,
                            edit: DecisionEdit::Authority(Some(person)),
                        });
                        new = format!("{new}, authority {}", self.their_name(p));
                    }
                    let i = self.push(
                        g,
                        format!("Decision area {} added", q(&d.name)),
                        String::new(),
                        new,
                        actions,
                    );
                    self.adds.insert(Pending::Decision(d.id), i);
                }
                Some(i) => {
                    matched[i] = true;
                    let h = &e.decisions[i];
                    let edit = |edit| Action::EditDecisionArea {
                        engagement,
                        decision: h.id,
                        edit,
                    };
                    if h.name != d.name {
                        self.push(
                            g,
                            format!("Decision area {} is now called {}", q(&h.name), q(&d.name)),
                            h.name.clone(),
                            d.name.clone(),
                            vec![edit(DecisionEdit::Name(d.name.clone()))],
                        );
                    }
                    if h.kind != d.kind {
                        self.cannot(
                            g,
                            format!("{}: a different kind of decision area in their plan", d.name),
                            h.kind.default_name().into(),
                            d.kind.default_name().into(),
                            format!(
                                "The kind of a decision area cannot be changed: remove {} and add it again to follow their plan.",
                                q(&h.name)
                            ),
                        );
                    }
                    if h.method != d.method {
                        self.push(
                            g,
                            format!(
                                "{}: method changed from {} to {}",
                                d.name,
                                method(h.method),
                                method(d.method)
                            ),
                            method(h.method),
                            method(d.method),
                            vec![edit(DecisionEdit::Method(d.method))],
                        );
                    }
                    let mapped = d.authority.map(|p| self.person(p));
                    if h.authority != mapped {
                        let old = or_none(h.authority.map(|p| self.here_name(p)));
                        let new = or_none(d.authority.map(|p| self.their_name(p)));
                        self.push(
                            g,
                            format!("{}: authority changed from {old} to {new}", d.name),
                            old,
                            new,
                            vec![edit(DecisionEdit::Authority(mapped))],
                        );
                    } else {
                        self.deps.clear();
                    }
                }
            }
        }
        for (i, h) in e.decisions.iter().enumerate() {
            if !matched[i] {
                self.push(
                    g,
                    format!("Decision area {} removed, with its decisions", q(&h.name)),
                    h.name.clone(),
                    String::new(),
                    vec![Action::RemoveDecisionArea {
                        engagement,
                        decision: h.id,
                    }],
                );
            }
        }
    }

    fn reports(&mut self) {
        let (e, t) = (self.e, self.t);
        let g = Group::Governance;
        let engagement = e.id;
        let pairs = pair_reports(&e.reports, &t.reports, self.identity);
        let mut matched = vec![false; e.reports.len()];
        let freq = |f: Option<Frequency>| f.map_or("none", |f| f.label()).to_string();
        let audience = |a: &BTreeSet<super::people::StakeholderGroup>| {
            if a.is_empty() {
                "nobody".to_string()
            } else {
                a.iter().map(|g| g.label()).collect::<Vec<_>>().join(", ")
            }
        };
        for (j, r) in t.reports.iter().enumerate() {
            match pairs[j] {
                None => {
                    let report = ReportId(self.stand_in(Pending::Report(r.id)));
                    let mut actions = vec![Action::AddReport {
                        engagement,
                        name: r.name.clone(),
                    }];
                    let edit = |edit| Action::EditReport {
                        engagement,
                        report,
                        edit,
                    };
                    if let Some(p) = r.owner {
                        let person = self.person(p);
                        actions.push(edit(ReportEdit::Owner(Some(person))));
                    }
                    if !r.audience.is_empty() {
                        actions.push(edit(ReportEdit::Audience(r.audience.clone())));
                    }
                    if r.frequency.is_some() {
                        actions.push(edit(ReportEdit::Frequency(r.frequency)));
                    }
                    let i = self.push(
                        g,
                        format!("Report {} added", q(&r.name)),
                        String::new(),
                        format!(
                            "{}: {}, to {}, by {}",
                            r.name,
                            freq(r.frequency),
                            audience(&r.audience),
                            or_none(r.owner.map(|p| self.their_name(p)))
                        ),
                        actions,
                    );
                    self.adds.insert(Pending::Report(r.id), i);
                }
                Some(i) => {
                    matched[i] = true;
                    let h = &e.reports[i];
                    let edit = |edit| Action::EditReport {
                        engagement,
                        report: h.id,
                        edit,
                    };
                    if h.name != r.name {
                        self.push(
                            g,
                            format!("Report {} is now called {}", q(&h.name), q(&r.name)),
                            h.name.clone(),
                            r.name.clone(),
                            vec![edit(ReportEdit::Name(r.name.clone()))],
                        );
                    }
                    let mapped = r.owner.map(|p| self.person(p));
                    if h.owner != mapped {
                        let old = or_none(h.owner.map(|p| self.here_name(p)));
                        let new = or_none(r.owner.map(|p| self.their_name(p)));
                        self.push(
                            g,
                            format!("Report {}: owner changed from {old} to {new}", q(&r.name)),
                            old,
                            new,
                            vec![edit(ReportEdit::Owner(mapped))],
                        );
                    } else {
                        self.deps.clear();
                    }
                    if h.audience != r.audience {
                        self.push(
                            g,
                            format!(
                                "Report {}: audience changed from {} to {}",
                                q(&r.name),
                                audience(&h.audience),
                                audience(&r.audience)
                            ),
                            audience(&h.audience),
                            audience(&r.audience),
                            vec![edit(ReportEdit::Audience(r.audience.clone()))],
                        );
                    }
                    if h.frequency != r.frequency {
                        self.push(
                            g,
                            format!(
                                "Report {}: frequency changed from {} to {}",
                                q(&r.name),
                                freq(h.frequency),
                                freq(r.frequency)
                            ),
                            freq(h.frequency),
                            freq(r.frequency),
                            vec![edit(ReportEdit::Frequency(r.frequency))],
                        );
                    }
                }
            }
        }
        for (i, h) in e.reports.iter().enumerate() {
            if !matched[i] {
                self.push(
                    g,
                    format!("Report {} removed", q(&h.name)),
                    h.name.clone(),
                    String::new(),
                    vec![Action::RemoveReport {
                        engagement,
                        report: h.id,
                    }],
                );
            }
        }
    }

    fn compliance(&mut self) {
        let (e, t) = (self.e, self.t);
        let g = Group::Governance;
        let engagement = e.id;
        let pairs = pair_compliance(&e.compliance, &t.compliance, self.identity);
        let mut matched = vec![false; e.compliance.len()];
        for (j, c) in t.compliance.iter().enumerate() {
            match pairs[j] {
                None => {
                    let item = ComplianceId(self.stand_in(Pending::Compliance(c.id)));
                    let mut actions = vec![Action::AddComplianceItem {
                        engagement,
                        rule: c.rule.clone(),
                    }];
                    let edit = |edit| Action::EditComplianceItem {
                        engagement,
                        item,
                        edit,
                    };
                    if let Some(p) = c.owner {
                        let person = self.person(p);
                        actions.push(edit(ComplianceEdit::Owner(Some(person))));
                    }
                    if c.status != ComplianceStatus::NotStarted {
                        actions.push(edit(ComplianceEdit::Status(c.status)));
                    }
                    let i = self.push(
                        g,
                        format!("Compliance item {} added", q(&c.rule)),
                        String::new(),
                        format!(
                            "{}: {}, owner {}",
                            c.rule,
                            c.status.label(),
                            or_none(c.owner.map(|p| self.their_name(p)))
                        ),
                        actions,
                    );
                    self.adds.insert(Pending::Compliance(c.id), i);
                }
                Some(i) => {
                    matched[i] = true;
                    let h = &e.compliance[i];
                    let edit = |edit| Action::EditComplianceItem {
                        engagement,
                        item: h.id,
                        edit,
                    };
                    if h.rule != c.rule {
                        self.push(
                            g,
                            format!("Compliance item {} is now {}", q(&h.rule), q(&c.rule)),
                            h.rule.clone(),
                            c.rule.clone(),
                            vec![edit(ComplianceEdit::Rule(c.rule.clone()))],
                        );
                    }
                    let mapped = c.owner.map(|p| self.person(p));
                    if h.owner != mapped {
                        let old = or_none(h.owner.map(|p| self.here_name(p)));
                        let new = or_none(c.owner.map(|p| self.their_name(p)));
                        self.push(
                            g,
                            format!(
                                "Compliance item {}: owner changed from {old} to {new}",
                                q(&c.rule)
                            ),
                            old,
                            new,
                            vec![edit(ComplianceEdit::Owner(mapped))],
                        );
                    } else {
                        self.deps.clear();
                    }
                    if h.status != c.status {
                        self.push(
                            g,
                            format!(
                                "Compliance item {}: status changed from {} to {}",
                                q(&c.rule),
                                h.status.label(),
                                c.status.label()
                            ),
                            h.status.label().into(),
                            c.status.label().into(),
                            vec![edit(ComplianceEdit::Status(c.status))],
                        );
                    }
                }
            }
        }
        for (i, h) in e.compliance.iter().enumerate() {
            if !matched[i] {
                self.push(
                    g,
                    format!("Compliance item {} removed", q(&h.rule)),
                    h.rule.clone(),
                    String::new(),
                    vec![Action::RemoveComplianceItem {
                        engagement,
                        item: h.id,
                    }],
                );
            }
        }
    }

    // --- client needs --------------------------------------------------------------

    fn needs(&mut self) {
        let (e, t) = (self.e, self.t);
        let g = Group::ClientNeeds;
        let engagement = e.id;
        let pairs = pair_needs(&e.needs, &t.needs, self.identity);
        let mut matched = vec![false; e.needs.len()];
        let done = |b: bool| if b { "complete" } else { "not complete" }.to_string();
        for (j, n) in t.needs.iter().enumerate() {
            match pairs[j] {
                None => {
                    let need = NeedId(self.stand_in(Pending::Need(n.id)));
                    let edit = |edit| Action::EditNeed {
                        engagement,
                        need,
                        edit,
                    };
                    let mut actions = vec![Action::AddNeed {
                        engagement,
                        title: n.title.clone(),
                    }];
                    for aspect in NeedAspect::ALL {
                        if n.coverage(aspect) != Coverage::Unknown {
                            actions.push(edit(NeedEdit::Coverage(aspect, n.coverage(aspect))));
                        }
                    }
                    if !n.note.is_empty() {
                        actions.push(edit(NeedEdit::Note(n.note.clone())));
                    }
                    if n.complete {
                        actions.push(edit(NeedEdit::Complete(true)));
                    }
                    let summary: Vec<String> = NeedAspect::ALL
                        .iter()
                        .map(|&a| format!("{} {}", a.label(), n.coverage(a).label().to_lowercase()))
                        .collect();
                    let i = self.push(
                        g,
                        format!("Client need {} added", q(&n.title)),
                        String::new(),
                        format!("{}: {}", n.title, summary.join(", ")),
                        actions,
                    );
                    self.adds.insert(Pending::Need(n.id), i);
                }
                Some(i) => {
                    matched[i] = true;
                    let h = &e.needs[i];
                    let edit = |edit| Action::EditNeed {
                        engagement,
                        need: h.id,
                        edit,
                    };
                    if h.title != n.title {
                        self.push(
                            g,
                            format!("Client need {} is now {}", q(&h.title), q(&n.title)),
                            h.title.clone(),
                            n.title.clone(),
                            vec![edit(NeedEdit::Title(n.title.clone()))],
                        );
                    }
                    for aspect in NeedAspect::ALL {
                        let (a, b) = (h.coverage(aspect), n.coverage(aspect));
                        if a != b {
                            self.push(
                                g,
                                format!(
                                    "{}: {} changed from {} to {}",
                                    n.title,
                                    aspect.label(),
                                    a.label(),
                                    b.label()
                                ),
                                a.label().into(),
                                b.label().into(),
                                vec![edit(NeedEdit::Coverage(aspect, b))],
                            );
                        }
                    }
                    if h.note != n.note {
                        self.push(
                            g,
                            format!("{}: note changed", n.title),
                            h.note.clone(),
                            n.note.clone(),
                            vec![edit(NeedEdit::Note(n.note.clone()))],
                        );
                    }
                    if h.complete != n.complete {
                        self.push(
                            g,
                            format!(
                                "{}: delivery is {} in their plan",
                                n.title,
                                done(n.complete)
                            ),
                            done(h.complete),
                            done(n.complete),
                            vec![edit(NeedEdit::Complete(n.complete))],
                        );
                    }
                }
            }
        }
        for (i, h) in e.needs.iter().enumerate() {
            if !matched[i] {
                self.push(
                    g,
                    format!("Client need {} removed", q(&h.title)),
                    h.title.clone(),
                    String::new(),
                    vec![Action::RemoveNeed {
                        engagement,
                        need: h.id,
                    }],
                );
            }
        }
    }

    // --- pricing -------------------------------------------------------------------

    fn pricing(&mut self) {
        let (e, t) = (self.e, self.t);
        let g = Group::Pricing;
        let pct = |b: Option<Bps>| b.map_or("none".to_string(), describe::percent);
        if self.here.default_target_margin != self.there.default_target_margin {
            let (a, b) = (
                self.here.default_target_margin,
                self.there.default_target_margin,
            );
            self.push(
                g,
                format!(
                    "Default target margin changed from {} to {}",
                    pct(a),
                    pct(b)
                ),
                pct(a),
                pct(b),
                vec![Action::SetDefaultTargetMargin { target: b }],
            );
        }
        // The rate card: roles added and changed now, removed once no line uses them.
        let pairs = pair_roles(&e.pricing.rate_card, &t.pricing.rate_card, self.identity);
        let mut matched = vec![false; e.pricing.rate_card.len()];
        for (j, r) in t.pricing.rate_card.iter().enumerate() {
            match pairs[j] {
                None => {
                    let action = self.pricing_action(PricingAction::AddRateRole {
                        name: r.name.clone(),
                        cost_rate: r.cost_rate,
                        bill_rate: r.bill_rate,
                    });
                    let i = self.push(
                        g,
                        format!(
                            "Rate card: {} added (cost {}, bill {} an hour)",
                            r.name,
                            self.money_there(r.cost_rate),
                            self.money_there(r.bill_rate)
                        ),
                        String::new(),
                        r.name.clone(),
                        vec![action],
                    );
                    self.adds.insert(Pending::RateRole(r.id), i);
                }
                Some(i) => {
                    matched[i] = true;
                    let h = &e.pricing.rate_card[i];
                    let role = h.id;
                    if h.name != r.name {
                        let action = self.pricing_action(PricingAction::EditRateRole {
                            role,
                            edit: RateRoleEdit::Name(r.name.clone()),
                        });
                        self.push(
                            g,
                            format!("Rate card: {} is now called {}", h.name, r.name),
                            h.name.clone(),
                            r.name.clone(),
                            vec![action],
                        );
                    }
                    for (what, a, b, edit) in [
                        (
                            "cost rate",
                            h.cost_rate,
                            r.cost_rate,
                            RateRoleEdit::CostRate(r.cost_rate),
                        ),
                        (
                            "bill rate",
                            h.bill_rate,
                            r.bill_rate,
                            RateRoleEdit::BillRate(r.bill_rate),
                        ),
                    ] {
                        if a != b {
                            let (old, new) = (self.money_here(a), self.money_there(b));
                            let action =
                                self.pricing_action(PricingAction::EditRateRole { role, edit });
                            self.push(
                                g,
                                format!("Rate card: {} {what} {old} \u{2192} {new}", r.name),
                                old,
                                new,
                                vec![action],
                            );
                        }
                    }
                }
            }
        }
        self.worksheets();
        for (i, h) in e.pricing.rate_card.iter().enumerate() {
            if !matched[i] {
                let action = self.pricing_action(PricingAction::RemoveRateRole { role: h.id });
                self.push(
                    g,
                    format!("Rate card: {} removed", h.name),
                    h.name.clone(),
                    String::new(),
                    vec![action],
                );
            }
        }
        // The deal.
        let deal_here = e.pricing.deal;
        let deal_there = t.pricing.deal.map(|ws| self.worksheet_ref(ws));
        if deal_here != deal_there {
            let old = or_none(
                deal_here
                    .and_then(|ws| e.pricing.worksheet(ws))
                    .map(|ws| ws.name.clone()),
            );
            let new = or_none(
                t.pricing
                    .deal
                    .and_then(|ws| t.pricing.worksheet(ws))
                    .map(|ws| ws.name.clone()),
            );
            let action = self.pricing_action(PricingAction::SetDeal {
                worksheet: deal_there,
            });
            self.push(
                g,
                format!("The deal is {new} in their plan, {old} here"),
                old,
                new,
                vec![action],
            );
        } else {
            self.deps.clear();
        }
        let (a, b) = (e.deal_price().price(), t.deal_price().price());
        if a != b {
            let old = a
                .map(|m| self.money_here(m))
                .unwrap_or_else(|| "none".into());
            let new = b
                .map(|m| self.money_there(m))
                .unwrap_or_else(|| "none".into());
            self.cannot(
                g,
                format!("Deal price {old} \u{2192} {new}"),
                old,
                new,
                "The price follows from the lines, hours, rates and discounts: take those changes."
                    .into(),
            );
        }
    }

    fn worksheet_pairs(&self) -> Vec<Option<usize>> {
        pair_worksheets(
            &self.e.pricing.worksheets,
            &self.t.pricing.worksheets,
            self.identity,
        )
    }

    fn worksheet_ref(&mut self, theirs: WorksheetId) -> WorksheetId {
        let pairs = self.worksheet_pairs();
        let here = self
            .t
            .pricing
            .worksheets
            .iter()
            .position(|ws| ws.id == theirs)
            .and_then(|j| pairs[j])
            .map(|i| self.e.pricing.worksheets[i].id.0);
        WorksheetId(self.refer(here, Pending::Worksheet(theirs)))
    }

    fn role_ref(&mut self, theirs: RateRoleId) -> RateRoleId {
        let pairs = pair_roles(
            &self.e.pricing.rate_card,
            &self.t.pricing.rate_card,
            self.identity,
        );
        let here = self
            .t
            .pricing
            .rate_card
            .iter()
            .position(|r| r.id == theirs)
            .and_then(|j| pairs[j])
            .map(|i| self.e.pricing.rate_card[i].id.0);
        RateRoleId(self.refer(here, Pending::RateRole(theirs)))
    }

    fn need_ref(&mut self, theirs: NeedId) -> NeedId {
        let pairs = pair_needs(&self.e.needs, &self.t.needs, self.identity);
        let here = self
            .t
            .needs
            .iter()
            .position(|n| n.id == theirs)
            .and_then(|j| pairs[j])
            .map(|i| self.e.needs[i].id.0);
        NeedId(self.refer(here, Pending::Need(theirs)))
    }

    fn role_name(&self, theirs: RateRoleId) -> String {
        self.t
            .pricing
            .rate_role(theirs)
            .map_or(String::new(), |r| r.name.clone())
    }

    fn worksheets(&mut self) {
        let (e, t) = (self.e, self.t);
        let g = Group::Pricing;
        let pairs = self.worksheet_pairs();
        let mut matched = vec![false; e.pricing.worksheets.len()];
        let pct = |b: Option<Bps>| b.map_or("none".to_string(), describe::percent);
        for (j, ws) in t.pricing.worksheets.iter().enumerate() {
            let here = pairs[j].map(|i| &e.pricing.worksheets[i]);
            let id = self.worksheet_ref(ws.id);
            self.deps.clear();
            match here {
                None => {
                    let mut actions = vec![self.pricing_action(PricingAction::AddWorksheet {
                        name: ws.name.clone(),
                        style: ws.style,
                    })];
                    for field in WorksheetField::ALL {
                        let default = match field {
                            WorksheetField::TargetMargin => None,
                            _ => Some(Bps::ZERO),
                        };
                        if let Some(value) = ws.field(field).filter(|_| ws.field(field) != default)
                        {
                            actions.push(self.pricing_action(PricingAction::SetWorksheetField {
                                worksheet: id,
                                field,
                                value,
                            }));
                        }
                    }
                    let i = self.push(
                        g,
                        format!(
                            "Worksheet {} added ({})",
                            q(&ws.name),
                            ws.style.label().to_lowercase()
                        ),
                        String::new(),
                        ws.name.clone(),
                        actions,
                    );
                    self.adds.insert(Pending::Worksheet(ws.id), i);
                }
                Some(h) => {
                    matched[pairs[j].unwrap_or_default()] = true;
                    if h.name != ws.name {
                        let action = self.pricing_action(PricingAction::RenameWorksheet {
                            worksheet: h.id,
                            name: ws.name.clone(),
                        });
                        self.push(
                            g,
                            format!("Worksheet {} is now called {}", q(&h.name), q(&ws.name)),
                            h.name.clone(),
                            ws.name.clone(),
                            vec![action],
                        );
                    }
                    if h.style != ws.style {
                        let action = self.pricing_action(PricingAction::SetStyle {
                            worksheet: h.id,
                            style: ws.style,
                        });
                        self.push(
                            g,
                            format!(
                                "{}: selling style changed from {} to {}",
                                ws.name,
                                h.style.label(),
                                ws.style.label()
                            ),
                            h.style.label().into(),
                            ws.style.label().into(),
                            vec![action],
                        );
                    }
                    for field in WorksheetField::ALL {
                        let (a, b) = (h.field(field), ws.field(field));
                        if a == b {
                            continue;
                        }
                        let action = self.pricing_action(match b {
                            Some(value) => PricingAction::SetWorksheetField {
                                worksheet: h.id,
                                field,
                                value,
                            },
                            None => PricingAction::ClearTargetMargin { worksheet: h.id },
                        });
                        self.push(
                            g,
                            format!(
                                "{}: {} {} \u{2192} {}",
                                ws.name,
                                field.label().to_lowercase(),
                                pct(a),
                                pct(b)
                            ),
                            pct(a),
                            pct(b),
                            vec![action],
                        );
                    }
                }
            }
            self.lines(ws, here, id);
            self.approval(ws, here, id);
            if let Some(h) = here {
                let (a, b) = (
                    super::pricing::compute(h, &e.pricing.rate_card)
                        .total
                        .net_price,
                    super::pricing::compute(ws, &t.pricing.rate_card)
                        .total
                        .net_price,
                );
                if a != b {
                    let (old, new) = (self.money_here(a), self.money_there(b));
                    self.cannot(
                        g,
                        format!("{}: net price {old} \u{2192} {new}", ws.name),
                        old,
                        new,
                        "The price follows from the lines, hours, rates and discounts: take those changes."
                            .into(),
                    );
                }
            }
        }
        for (i, h) in e.pricing.worksheets.iter().enumerate() {
            if !matched[i] {
                let action =
                    self.pricing_action(PricingAction::RemoveWorksheet { worksheet: h.id });
                self.push(
                    g,
                    format!("Worksheet {} removed", q(&h.name)),
                    h.name.clone(),
                    String::new(),
                    vec![action],
                );
            }
        }
    }

    /// Where the worksheet's approval differs, the step that brings it in line.
    fn approval(&mut self, ws: &Worksheet, here: Option<&Worksheet>, id: WorksheetId) {
        let g = Group::Pricing;
        let mine = here.map_or(Approval::Draft, |h| h.approval);
        let theirs = ws.approval;
        let same = matches!(
            (mine, theirs),
            (Approval::Draft, Approval::Draft) | (Approval::Submitted, Approval::Submitted)
        ) || matches!((mine, theirs), (Approval::Approved { by: a }, Approval::Approved { by: b }) | (Approval::Rejected { by: a }, Approval::Rejected { by: b }) if Some(a) == self.matched_person(b) || (a == b && (self.identity || self.there.person(b).is_none())));
        if same {
            return;
        }
        let old = mine.label().to_string();
        let new = theirs.label().to_string();
        let text = format!("{}: {} \u{2192} {}", ws.name, old, new);
        let last_note = |step: ApprovalStep| {
            ws.log
                .iter()
                .rev()
                .find(|x| x.step == step)
                .map(|x| (x.by, x.note.clone()))
        };
        let action = match (mine, theirs) {
            (Approval::Draft | Approval::Rejected { .. }, Approval::Submitted) => {
                Some(PricingAction::Submit { worksheet: id })
            }
            (Approval::Submitted, Approval::Rejected { by }) if self.there.person(by).is_some() => {
                let note = last_note(ApprovalStep::Rejected).map_or(String::new(), |x| x.1);
                let by = self.person(by);
                Some(PricingAction::Reject {
                    worksheet: id,
                    by,
                    note,
                })
            }
            (Approval::Approved { .. }, Approval::Draft) => match last_note(ApprovalStep::Reopened)
            {
                Some((Some(by), note)) if self.there.person(by).is_some() => {
                    let by = self.person(by);
                    Some(PricingAction::Reopen {
                        worksheet: id,
                        by,
                        note,
                    })
                }
                _ => None,
            },
            _ => None,
        };
        match action {
            Some(action) => {
                let action = self.pricing_action(action);
                if here.is_none() {
                    self.deps
                        .extend(self.adds.get(&Pending::Worksheet(ws.id)).copied());
                }
                self.push(g, text, old, new, vec![action]);
            }
            None => {
                let why = if theirs.is_approved() {
                    "Approving the deal is the final deal's decision: approve the worksheet on the Pricing view, or take the decision in the final deal's log that approves it."
                } else {
                    "An approval moves one step at a time (draft, submitted, approved or rejected, reopened): take this step on the Pricing view."
                };
                self.cannot(g, text, old, new, why.into());
            }
        }
    }

    fn matched_person(&self, theirs: PersonId) -> Option<PersonId> {
        let pairs = self.person_pairs();
        self.there
            .people
            .iter()
            .position(|p| p.id == theirs)
            .and_then(|j| pairs[j])
            .map(|i| self.here.people[i].id)
    }

    fn lines(&mut self, ws: &Worksheet, here: Option<&Worksheet>, id: WorksheetId) {
        let g = Group::Pricing;
        let empty = Vec::new();
        let ours = here.map_or(&empty, |h| &h.lines);
        let pairs = pair_lines(ours, &ws.lines, self.identity);
        let mut matched = vec![false; ours.len()];
        let ws_dep = self.adds.get(&Pending::Worksheet(ws.id)).copied();
        for (j, l) in ws.lines.iter().enumerate() {
            let place = format!("{} of {}", q(&l.name), ws.name);
            match pairs[j] {
                None => {
                    let line = LineId(self.stand_in(Pending::Line(ws.id, l.id)));
                    let edit = |b: &Self, edit| {
                        b.pricing_action(PricingAction::EditLine {
                            worksheet: id,
                            line,
                            edit,
                        })
                    };
                    let start = if l.fee.is_some() {
                        BillingType::FixedFee
                    } else {
                        l.billing
                    };
                    let mut actions = vec![self.pricing_action(PricingAction::AddLine {
                        worksheet: id,
                        name: l.name.clone(),
                        billing: start,
                    })];
                    let mut billing = start;
                    if l.fee.is_some() {
                        actions.push(edit(self, LineEdit::Fee(l.fee)));
                    }
                    if l.cap.is_some() {
                        actions.push(edit(self, LineEdit::Billing(BillingType::TimeAndMaterials)));
                        billing = BillingType::TimeAndMaterials;
                        actions.push(edit(self, LineEdit::Cap(l.cap)));
                    }
                    if billing != l.billing {
                        actions.push(edit(self, LineEdit::Billing(l.billing)));
                    }
                    for (&role, &h) in &l.hours {
                        let role = self.role_ref(role);
                        actions.push(edit(self, LineEdit::Hours(role, h)));
                    }
                    for (&role, &h) in &l.delivery_hours {
                        let role = self.role_ref(role);
                        actions.push(edit(self, LineEdit::DeliveryHours(role, h)));
                    }
                    if let Some(n) = l.need {
                        let n = self.need_ref(n);
                        actions.push(edit(self, LineEdit::Need(Some(n))));
                    }
                    if let Some(p) = l.estimator {
                        let p = self.person(p);
                        actions.push(edit(self, LineEdit::Estimator(Some(p))));
                    }
                    if l.discount != Bps::ZERO {
                        actions.push(edit(self, LineEdit::Discount(l.discount)));
                    }
                    for x in &l.expenses {
                        actions.push(self.pricing_action(PricingAction::AddExpense {
                            worksheet: id,
                            line,
                            name: x.name.clone(),
                            cost: x.cost,
                            markup: x.markup,
                        }));
                    }
                    self.deps.extend(ws_dep);
                    let i = self.push(
                        g,
                        format!("Line {place} added ({})", l.billing.label().to_lowercase()),
                        String::new(),
                        l.name.clone(),
                        actions,
                    );
                    self.adds.insert(Pending::Line(ws.id, l.id), i);
                }
                Some(i) => {
                    matched[i] = true;
                    let h = &ours[i];
                    self.line_changes(ws, h, l, id, &place);
                }
            }
        }
        for (i, h) in ours.iter().enumerate() {
            if !matched[i] {
                let action = self.pricing_action(PricingAction::RemoveLine {
                    worksheet: id,
                    line: h.id,
                });
                self.push(
                    g,
                    format!("Line {} of {} removed", q(&h.name), ws.name),
                    h.name.clone(),
                    String::new(),
                    vec![action],
                );
            }
        }
    }

    fn line_changes(
        &mut self,
        ws: &Worksheet,
        h: &super::pricing::LineItem,
        l: &super::pricing::LineItem,
        worksheet: WorksheetId,
        place: &str,
    ) {
        let g = Group::Pricing;
        let line = h.id;
        let edit = |b: &Self, edit| {
            b.pricing_action(PricingAction::EditLine {
                worksheet,
                line,
                edit,
            })
        };
        let money = |b: &Self, m: Option<Money>| m.map_or("none".to_string(), |m| b.money_there(m));
        let money_here =
            |b: &Self, m: Option<Money>| m.map_or("none".to_string(), |m| b.money_here(m));
        if h.name != l.name {
            let a = edit(self, LineEdit::Name(l.name.clone()));
            self.push(
                g,
                format!(
                    "Line {} of {} is now called {}",
                    q(&h.name),
                    ws.name,
                    q(&l.name)
                ),
                h.name.clone(),
                l.name.clone(),
                vec![a],
            );
        }
        if h.billing != l.billing {
            let a = edit(self, LineEdit::Billing(l.billing));
            self.push(
                g,
                format!(
                    "Line {place}: billing changed from {} to {}",
                    h.billing.label(),
                    l.billing.label()
                ),
                h.billing.label().into(),
                l.billing.label().into(),
                vec![a],
            );
        }
        // A fee is kept while a line is billed another way, but is set only on a
        // fixed-fee line: the line is billed so for the moment it takes.
        for (what, a, b, kind) in [
            ("agreed fee", h.fee, l.fee, BillingType::FixedFee),
            (
                "not-to-exceed cap",
                h.cap,
                l.cap,
                BillingType::TimeAndMaterials,
            ),
        ] {
            if a == b {
                continue;
            }
            let set = if kind == BillingType::FixedFee {
                LineEdit::Fee(b)
            } else {
                LineEdit::Cap(b)
            };
            let mut actions = Vec::new();
            let detour = b.is_some() && h.billing != kind && l.billing != kind;
            if detour {
                actions.push(edit(self, LineEdit::Billing(kind)));
            }
            actions.push(edit(self, set));
            if detour {
                actions.push(edit(self, LineEdit::Billing(h.billing)));
            }
            let (old, new) = (money_here(self, a), money(self, b));
            self.push(
                g,
                format!("Line {place}: {what} {old} \u{2192} {new}"),
                old,
                new,
                actions,
            );
        }
        for (delivery, mine, theirs) in [
            (false, &h.hours, &l.hours),
            (true, &h.delivery_hours, &l.delivery_hours),
        ] {
            let what = if delivery {
                "delivery's estimate of "
            } else {
                ""
            };
            for (&role, &hrs) in theirs {
                let r = self.role_ref(role);
                let old = mine.get(&r).copied().unwrap_or(Hours(0));
                if old == hrs {
                    self.deps.clear();
                    continue;
                }
                let name = self.role_name(role);
                let set = if delivery {
                    LineEdit::DeliveryHours(r, hrs)
                } else {
                    LineEdit::Hours(r, hrs)
                };
                let a = edit(self, set);
                self.push(
                    g,
                    format!(
                        "Line {place}: {what}{name} hours {} \u{2192} {}",
                        hours_text(old),
                        hours_text(hrs)
                    ),
                    hours_text(old),
                    hours_text(hrs),
                    vec![a],
                );
            }
            let theirs_here: Vec<RateRoleId> = theirs
                .keys()
                .filter_map(|&r| {
                    let pairs = pair_roles(
                        &self.e.pricing.rate_card,
                        &self.t.pricing.rate_card,
                        self.identity,
                    );
                    self.t
                        .pricing
                        .rate_card
                        .iter()
                        .position(|x| x.id == r)
                        .and_then(|j| pairs[j])
                        .map(|i| self.e.pricing.rate_card[i].id)
                })
                .collect();
            for (&role, &hrs) in mine {
                if theirs_here.contains(&role) {
                    continue;
                }
                let name = self
                    .e
                    .pricing
                    .rate_role(role)
                    .map_or(String::new(), |r| r.name.clone());
                let set = if delivery {
                    LineEdit::DeliveryHours(role, Hours(0))
                } else {
                    LineEdit::Hours(role, Hours(0))
                };
                let a = edit(self, set);
                self.push(
                    g,
                    format!(
                        "Line {place}: {what}{name} hours {} \u{2192} 0",
                        hours_text(hrs)
                    ),
                    hours_text(hrs),
                    "0".into(),
                    vec![a],
                );
            }
        }
        let need = l.need.map(|n| self.need_ref(n));
        if h.need != need {
            let title = |e: &Engagement, n: Option<NeedId>| {
                or_none(n.and_then(|n| e.need(n)).map(|n| n.title.clone()))
            };
            let (old, new) = (title(self.e, h.need), title(self.t, l.need));
            let a = edit(self, LineEdit::Need(need));
            self.push(
                g,
                format!("Line {place}: client need changed from {old} to {new}"),
                old,
                new,
                vec![a],
            );
        } else {
            self.deps.clear();
        }
        let estimator = l.estimator.map(|p| self.person(p));
        if h.estimator != estimator {
            let old = or_none(h.estimator.map(|p| self.here_name(p)));
            let new = or_none(l.estimator.map(|p| self.their_name(p)));
            let a = edit(self, LineEdit::Estimator(estimator));
            self.push(
                g,
                format!("Line {place}: estimator changed from {old} to {new}"),
                old,
                new,
                vec![a],
            );
        } else {
            self.deps.clear();
        }
        if h.discount != l.discount {
            let a = edit(self, LineEdit::Discount(l.discount));
            let (old, new) = (describe::percent(h.discount), describe::percent(l.discount));
            self.push(
                g,
                format!("Line {place}: discount {old} \u{2192} {new}"),
                old,
                new,
                vec![a],
            );
        }
        // Expenses.
        let pairs = pair_expenses(&h.expenses, &l.expenses, self.identity);
        let mut matched = vec![false; h.expenses.len()];
        for (j, x) in l.expenses.iter().enumerate() {
            match pairs[j] {
                None => {
                    let a = self.pricing_action(PricingAction::AddExpense {
                        worksheet,
                        line,
                        name: x.name.clone(),
                        cost: x.cost,
                        markup: x.markup,
                    });
                    self.push(
                        g,
                        format!(
                            "Line {place}: expense {} added ({}, markup {})",
                            q(&x.name),
                            self.money_there(x.cost),
                            describe::percent(x.markup)
                        ),
                        String::new(),
                        x.name.clone(),
                        vec![a],
                    );
                }
                Some(i) => {
                    matched[i] = true;
                    let y = &h.expenses[i];
                    let expense = y.id;
                    let ed = |b: &Self, edit| {
                        b.pricing_action(PricingAction::EditExpense {
                            worksheet,
                            line,
                            expense,
                            edit,
                        })
                    };
                    if y.name != x.name {
                        let a = ed(self, ExpenseEdit::Name(x.name.clone()));
                        self.push(
                            g,
                            format!("Line {place}: expense {} is now {}", q(&y.name), q(&x.name)),
                            y.name.clone(),
                            x.name.clone(),
                            vec![a],
                        );
                    }
                    if y.cost != x.cost {
                        let a = ed(self, ExpenseEdit::Cost(x.cost));
                        let (old, new) = (self.money_here(y.cost), self.money_there(x.cost));
                        self.push(
                            g,
                            format!(
                                "Line {place}: expense {} cost {old} \u{2192} {new}",
                                q(&x.name)
                            ),
                            old,
                            new,
                            vec![a],
                        );
                    }
                    if y.markup != x.markup {
                        let a = ed(self, ExpenseEdit::Markup(x.markup));
                        let (old, new) = (describe::percent(y.markup), describe::percent(x.markup));
                        self.push(
                            g,
                            format!(
                                "Line {place}: expense {} markup {old} \u{2192} {new}",
                                q(&x.name)
                            ),
                            old,
                            new,
                            vec![a],
                        );
                    }
                }
            }
        }
        for (i, y) in h.expenses.iter().enumerate() {
            if !matched[i] {
                let a = self.pricing_action(PricingAction::RemoveExpense {
                    worksheet,
                    line,
                    expense: y.id,
                });
                self.push(
                    g,
                    format!("Line {place}: expense {} removed", q(&y.name)),
                    y.name.clone(),
                    String::new(),
                    vec![a],
                );
            }
        }
    }

    // --- decisions taken -------------------------------------------------------------

    fn decisions(&mut self) {
        let (e, t) = (self.e, self.t);
        let g = Group::Decisions;
        let engagement = e.id;
        let pairs = pair_decisions(&e.decisions, &t.decisions, self.identity);
        let pct = |b: Option<Bps>| b.map_or("none".to_string(), describe::percent);
        for (j, d) in t.decisions.iter().enumerate() {
            let here = pairs[j].map(|i| &e.decisions[i]);
            let decision = DecisionId(self.refer(here.map(|h| h.id.0), Pending::Decision(d.id)));
            let area_dep = std::mem::take(&mut self.deps);
            let empty = Vec::new();
            let log = here.map_or(&empty, |h| &h.log);
            let ppairs = pair_proposals(log, &d.log, self.identity);
            let mut matched = vec![false; log.len()];
            let ws_name = |ws: Option<WorksheetId>, e: &Engagement| {
                or_none(
                    ws.and_then(|ws| e.pricing.worksheet(ws))
                        .map(|w| w.name.clone()),
                )
            };
            for (k, p) in d.log.iter().enumerate() {
                let mine = ppairs[k].map(|i| &log[i]);
                if let Some(i) = ppairs[k] {
                    matched[i] = true;
                }
                let place = format!("{} ({})", q(&p.text), d.name);
                let proposal = match mine {
                    Some(m) => m.id,
                    None => {
                        self.deps = area_dep.clone();
                        let worksheet = p.worksheet.map(|ws| self.worksheet_ref(ws));
                        let action = Action::Propose {
                            engagement,
                            decision,
                            text: p.text.clone(),
                            date: p.date.clone(),
                            quorum: p.quorum,
                            worksheet,
                        };
                        let i = self.push(
                            g,
                            format!("Decision {place} of {} added", p.date),
                            String::new(),
                            p.text.clone(),
                            vec![action],
                        );
                        self.adds.insert(Pending::Proposal(d.id, p.id), i);
                        ProposalId(self.stand_in(Pending::Proposal(d.id, p.id)))
                    }
                };
                let pdep = self.adds.get(&Pending::Proposal(d.id, p.id)).copied();
                let edit = |edit| Action::EditProposal {
                    engagement,
                    decision,
                    proposal,
                    edit,
                };
                if let Some(m) = mine {
                    if m.text != p.text {
                        self.deps = area_dep.clone();
                        self.push(
                            g,
                            format!("Decision {} is now {}", q(&m.text), q(&p.text)),
                            m.text.clone(),
                            p.text.clone(),
                            vec![edit(ProposalEdit::Text(p.text.clone()))],
                        );
                    }
                    if m.date != p.date {
                        self.deps = area_dep.clone();
                        self.push(
                            g,
                            format!("Decision {place}: date {} \u{2192} {}", m.date, p.date),
                            m.date.clone(),
                            p.date.clone(),
                            vec![edit(ProposalEdit::Date(p.date.clone()))],
                        );
                    }
                    if m.quorum != p.quorum {
                        self.deps = area_dep.clone();
                        self.push(
                            g,
                            format!(
                                "Decision {place}: quorum {} \u{2192} {}",
                                pct(m.quorum),
                                pct(p.quorum)
                            ),
                            pct(m.quorum),
                            pct(p.quorum),
                            vec![edit(ProposalEdit::Quorum(p.quorum))],
                        );
                    }
                    let worksheet = p.worksheet.map(|ws| self.worksheet_ref(ws));
                    if m.worksheet != worksheet {
                        self.deps.extend(area_dep.iter().copied());
                        let (old, new) = (ws_name(m.worksheet, e), ws_name(p.worksheet, t));
                        self.push(
                            g,
                            format!("Decision {place}: approves worksheet {old} \u{2192} {new}"),
                            old,
                            new,
                            vec![edit(ProposalEdit::Worksheet(worksheet))],
                        );
                    } else {
                        self.deps.clear();
                    }
                }
                // Positions.
                let method = d.method.unwrap_or(DecisionMethod::Majority);
                for pos in &p.positions {
                    let Some(_) = self.there.person(pos.person) else {
                        // A record of someone since removed: the same record here
                        // (same person, same position) is no difference.
                        let same = mine
                            .and_then(|m| m.position_of(pos.person))
                            .is_some_and(|o| o.stance == pos.stance && o.reason == pos.reason);
                        if same {
                            continue;
                        }
                        self.cannot(
                            g,
                            format!(
                                "Decision {place}: a position of someone no longer on their roster"
                            ),
                            String::new(),
                            pos.stance.word(method).into(),
                            "A position is recorded by the person who takes it, and they are no longer on the roster of their plan.".into(),
                        );
                        continue;
                    };
                    let person = self.person(pos.person);
                    let old = mine.and_then(|m| m.position_of(person));
                    if old.is_some_and(|o| o.stance == pos.stance && o.reason == pos.reason) {
                        self.deps.clear();
                        continue;
                    }
                    self.deps.extend(area_dep.iter().copied());
                    self.deps.extend(pdep);
                    let who = self.their_name(pos.person);
                    let old_text = old.map_or(String::new(), |o| o.stance.word(method).to_string());
                    let action = Action::SetPosition {
                        engagement,
                        decision,
                        proposal,
                        person,
                        stance: Some(pos.stance),
                        reason: pos.reason.clone(),
                    };
                    self.push(
                        g,
                        format!(
                            "Decision {place}: position of {who}: {}",
                            pos.stance.word(method)
                        ),
                        old_text,
                        pos.stance.word(method).into(),
                        vec![action],
                    );
                }
                if let Some(m) = mine {
                    for pos in &m.positions {
                        let kept = p.positions.iter().any(|x| {
                            self.matched_person(x.person) == Some(pos.person)
                                || (x.person == pos.person && self.there.person(x.person).is_none())
                        });
                        if kept {
                            continue;
                        }
                        let who = self.here_name(pos.person);
                        if self.here.person(pos.person).is_none() {
                            self.cannot(
                                g,
                                format!("Decision {place}: a position not in their plan"),
                                pos.stance.word(method).into(),
                                String::new(),
                                "It was taken by someone no longer on the roster, so it cannot be taken back.".into(),
                            );
                            continue;
                        }
                        self.deps = area_dep.clone();
                        self.push(
                            g,
                            format!("Decision {place}: {who} takes no position in their plan"),
                            pos.stance.word(method).into(),
                            String::new(),
                            vec![Action::SetPosition {
                                engagement,
                                decision,
                                proposal,
                                person: pos.person,
                                stance: None,
                                reason: String::new(),
                            }],
                        );
                    }
                }
            }
            if let Some(h) = here {
                for (i, m) in log.iter().enumerate() {
                    if !matched[i] {
                        self.push(
                            g,
                            format!("Decision {} ({}) removed", q(&m.text), h.name),
                            m.text.clone(),
                            String::new(),
                            vec![Action::RemoveProposal {
                                engagement,
                                decision: h.id,
                                proposal: m.id,
                            }],
                        );
                    }
                }
            }
            self.deps.clear();
        }
    }

    // --- departures from the standard accepted ------------------------------------------

    /// Accepted departures from the organization's standard, matched by the standard
    /// item they concern. Listed after the roles and governance whose differences make
    /// them departures.
    fn departures(&mut self) {
        let (e, t) = (self.e, self.t);
        let g = Group::Governance;
        let what = |k: &super::standard::DepartureKey| {
            use super::standard::DepartureKey as K;
            let (kind, name) = match k {
                K::FunctionMissing(n) => ("function missing", n),
                K::FunctionRenamed(n) => ("function renamed", n),
                K::DecisionMissing(n) => ("decision area missing", n),
                K::DecisionRenamed(n) => ("decision area renamed", n),
                K::MethodDiffers(n) => ("another method", n),
                K::ReportMissing(n) => ("report missing", n),
                K::FrequencyDiffers(n) => ("another frequency", n),
            };
            format!("{} ({kind})", q(name))
        };
        for a in &t.accepted_departures {
            let mine = e.accepted_departures.iter().find(|x| x.key == a.key);
            if mine.is_some_and(|m| m.reason == a.reason) {
                continue;
            }
            self.push(
                g,
                format!("Departure from the standard accepted: {}", what(&a.key)),
                mine.map_or(String::new(), |m| m.reason.clone()),
                a.reason.clone(),
                vec![Action::AcceptDeparture {
                    engagement: e.id,
                    departure: a.key.clone(),
                    reason: a.reason.clone(),
                }],
            );
        }
        for m in &e.accepted_departures {
            if t.accepted_departures.iter().any(|a| a.key == m.key) {
                continue;
            }
            self.push(
                g,
                format!(
                    "Departure from the standard no longer accepted: {}",
                    what(&m.key)
                ),
                m.reason.clone(),
                String::new(),
                vec![Action::WithdrawAcceptance {
                    engagement: e.id,
                    departure: m.key.clone(),
                }],
            );
        }
    }

    // --- sign-offs -------------------------------------------------------------------

    fn signoffs(&mut self) {
        let (e, t) = (self.e, self.t);
        let g = Group::SignOffs;
        for party in SignOffParty::ALL {
            let mine = e.sign_off_status(party, &self.here.people);
            let theirs = t.sign_off_status(party, &self.there.people);
            let describe = |s: &SignOffStatus, w: &Workspace| match s {
                SignOffStatus::Missing => "not signed".to_string(),
                SignOffStatus::WrongGroup { person, .. } => {
                    format!("{} (not of the group)", w.person_name(*person))
                }
                SignOffStatus::Undated { person } => format!("{}, undated", w.person_name(*person)),
                SignOffStatus::OutOfDate { person, date } => {
                    format!("{} on {date}, out of date", w.person_name(*person))
                }
                SignOffStatus::Current { person, date } => {
                    format!("{} on {date}", w.person_name(*person))
                }
            };
            let (old, new) = (describe(&mine, self.here), describe(&theirs, self.there));
            let their_person = t.signoffs.get(party);
            let mapped = their_person.map(|p| self.person(p));
            let same_person = e.signoffs.get(party) == mapped;
            let same_date = e.signoffs.stamp(party).map(|s| &s.date)
                == t.signoffs.stamp(party).map(|s| &s.date);
            let same_standing = std::mem::discriminant(&mine) == std::mem::discriminant(&theirs);
            if same_person && same_date && same_standing {
                self.deps.clear();
                continue;
            }
            let text = format!("{} sign-off: {old} \u{2192} {new}", party.label());
            match (mapped, t.signoffs.stamp(party)) {
                (None, _) => {
                    self.push(
                        g,
                        text,
                        old,
                        new,
                        vec![Action::WithdrawSignOff {
                            engagement: e.id,
                            party,
                        }],
                    );
                }
                (Some(person), Some(stamp)) if !matches!(theirs, SignOffStatus::OutOfDate { .. }) => {
                    self.push(
                        g,
                        text,
                        old,
                        new,
                        vec![Action::SignOff {
                            engagement: e.id,
                            party,
                            person,
                            date: stamp.date.clone(),
                        }],
                    );
                }
                _ => self.cannot(
                    g,
                    text,
                    old,
                    new,
                    "A sign-off covers the process as it is when it is given: ask for it again on the Overview view.".into(),
                ),
            }
        }
    }
}
