//! Plans built in code, shared by the host and the browser tests (`mod plans;` in a test
//! file). Every plan is made through `Workspace::apply`, the path the UI takes, so a
//! fixture can never hold what the app could not; each builder returns the id of what it
//! added and panics, naming the action and the refusal, if the model refuses it.
#![allow(dead_code)] // Each test file uses the builders it needs.

use engagement_planner::model::pricing::{BillingType, LineEdit, PricingAction, SellingStyle};
use engagement_planner::model::*;

mod example;
mod portfolio;
mod scale;
mod standard;
mod workshop;
#[allow(unused_imports)] // Only the files that use the example plan name it.
pub use example::*;
#[allow(unused_imports)] // Only the files that use the portfolio plan name it.
pub use portfolio::*;
#[allow(unused_imports)] // Only the benchmarks use it.
pub use scale::*;
#[allow(unused_imports)] // Only the standard's tests use it.
pub use standard::*;
#[allow(unused_imports)] // Only the files that use the workshop plan name it.
pub use workshop::*;

/// Applies an action that must succeed, and checks the plan it leaves still validates.
pub fn apply(w: &mut Workspace, action: Action) {
    let shown = format!("{action:?}");
    if let Err(e) = w.apply(action) {
        panic!("{shown} was refused: {e}");
    }
    if let Err(problems) = w.validate() {
        panic!("{shown} left an invalid plan: {problems:?}");
    }
}

/// A person of the provider's side, with a capacity in whole hours a week.
pub fn person(w: &mut Workspace, name: &str, group: StakeholderGroup, capacity: u32) -> PersonId {
    person_on(w, name, Side::Provider, group, capacity)
}

/// A person of either side, with a capacity in whole hours a week.
pub fn person_on(
    w: &mut Workspace,
    name: &str,
    side: Side,
    group: StakeholderGroup,
    capacity: u32,
) -> PersonId {
    let id = PersonId(w.next_id);
    apply(
        w,
        Action::AddPerson {
            name: name.to_string(),
            side,
            group,
            capacity: Hours::from_whole(capacity),
        },
    );
    id
}

/// A new engagement from a template (its standard functions and decision areas).
pub fn engagement(w: &mut Workspace, name: &str, template: Template) -> EngagementId {
    let id = EngagementId(w.next_id);
    apply(
        w,
        Action::CreateEngagement {
            name: name.to_string(),
            template,
        },
    );
    id
}

pub fn edit(w: &mut Workspace, e: EngagementId, edit: EngagementEdit) {
    apply(
        w,
        Action::EditEngagement {
            engagement: e,
            edit,
        },
    );
}

/// The engagement's function of a standard kind.
pub fn function(w: &Workspace, e: EngagementId, kind: FunctionKind) -> FunctionId {
    w.engagement(e)
        .expect("the engagement exists")
        .function_of_kind(kind)
        .unwrap_or_else(|| panic!("the engagement has a {kind:?} function"))
        .id
}

/// Assigns a person to a function's role for whole hours a week.
pub fn assign(
    w: &mut Workspace,
    e: EngagementId,
    p: PersonId,
    f: FunctionId,
    role: Raci,
    hours: u32,
) {
    apply(
        w,
        Action::Assign {
            engagement: e,
            person: p,
            function: f,
            role,
            hours: Hours::from_whole(hours),
        },
    );
}

/// The PM accepts a function nobody is accountable for.
pub fn accept(w: &mut Workspace, e: EngagementId, f: FunctionId) {
    apply(
        w,
        Action::SetPmAcceptance {
            engagement: e,
            function: f,
            accepted: true,
        },
    );
}

/// The engagement's decision area of a standard kind.
pub fn decision(w: &Workspace, e: EngagementId, kind: DecisionKind) -> DecisionId {
    w.engagement(e)
        .expect("the engagement exists")
        .decisions
        .iter()
        .find(|d| d.kind == kind)
        .unwrap_or_else(|| panic!("the engagement has a {kind:?} decision area"))
        .id
}

pub fn edit_decision(w: &mut Workspace, e: EngagementId, d: DecisionId, edit: DecisionEdit) {
    apply(
        w,
        Action::EditDecisionArea {
            engagement: e,
            decision: d,
            edit,
        },
    );
}

/// A client need, with every aspect's coverage unknown.
pub fn need(w: &mut Workspace, e: EngagementId, title: &str) -> NeedId {
    let id = NeedId(w.next_id);
    apply(
        w,
        Action::AddNeed {
            engagement: e,
            title: title.to_string(),
        },
    );
    id
}

pub fn cover(w: &mut Workspace, e: EngagementId, n: NeedId, aspect: NeedAspect, c: Coverage) {
    apply(
        w,
        Action::EditNeed {
            engagement: e,
            need: n,
            edit: NeedEdit::Coverage(aspect, c),
        },
    );
}

/// A client need with its coverage of each aspect, in `NeedAspect::ALL` order
/// (promised, bought, needed, delivered).
pub fn need_covered(
    w: &mut Workspace,
    e: EngagementId,
    title: &str,
    coverage: [Coverage; 4],
) -> NeedId {
    let n = need(w, e, title);
    for (aspect, c) in NeedAspect::ALL.into_iter().zip(coverage) {
        cover(w, e, n, aspect, c);
    }
    n
}

/// Applies a pricing action to an engagement.
pub fn price(w: &mut Workspace, e: EngagementId, action: PricingAction) {
    apply(
        w,
        Action::Pricing {
            engagement: e,
            action,
        },
    );
}

/// A role of the engagement's rate card, with its cost and bill rates per hour in
/// minor units.
pub fn rate_role(
    w: &mut Workspace,
    e: EngagementId,
    name: &str,
    cost: i64,
    bill: i64,
) -> RateRoleId {
    let id = RateRoleId(w.next_id);
    price(
        w,
        e,
        PricingAction::AddRateRole {
            name: name.to_string(),
            cost_rate: Money(cost),
            bill_rate: Money(bill),
        },
    );
    id
}

pub fn worksheet(
    w: &mut Workspace,
    e: EngagementId,
    name: &str,
    style: SellingStyle,
) -> WorksheetId {
    let id = WorksheetId(w.next_id);
    price(
        w,
        e,
        PricingAction::AddWorksheet {
            name: name.to_string(),
            style,
        },
    );
    id
}

/// A fixed-fee line with whole hours of one rate role.
pub fn line(
    w: &mut Workspace,
    e: EngagementId,
    ws: WorksheetId,
    name: &str,
    role: RateRoleId,
    hours: u32,
) -> LineId {
    let id = LineId(w.next_id);
    price(
        w,
        e,
        PricingAction::AddLine {
            worksheet: ws,
            name: name.to_string(),
            billing: BillingType::FixedFee,
        },
    );
    price(
        w,
        e,
        PricingAction::EditLine {
            worksheet: ws,
            line: id,
            edit: LineEdit::Hours(role, Hours::from_whole(hours)),
        },
    );
    id
}

// ---------------------------------------------------------------------------------
// Plans more than one test file starts from

/// A small contracted engagement, "Website relaunch": Dana is its PM and engagement
/// manager, Ari is in sales, and Sam is a performer with a capacity of only 2 hours.
pub struct Relaunch {
    pub workspace: Workspace,
    pub engagement: EngagementId,
    pub dana: PersonId,
    pub ari: PersonId,
    pub sam: PersonId,
}

pub fn relaunch() -> Relaunch {
    let mut w = Workspace::default();
    let dana = person(&mut w, "Dana", StakeholderGroup::ProjectManager, 40);
    let ari = person(&mut w, "Ari", StakeholderGroup::Sales, 40);
    let sam = person(&mut w, "Sam", StakeholderGroup::Performer, 2);
    let e = engagement(&mut w, "Website relaunch", Template::ContractedVendor);
    edit(&mut w, e, EngagementEdit::Pm(Some(dana)));
    edit(&mut w, e, EngagementEdit::EngagementManager(Some(dana)));
    Relaunch {
        workspace: w,
        engagement: e,
        dana,
        ari,
        sam,
    }
}

impl Relaunch {
    /// The engagement's function of a standard kind.
    pub fn function(&self, kind: FunctionKind) -> FunctionId {
        function(&self.workspace, self.engagement, kind)
    }

    /// Applies an action that must succeed.
    pub fn apply(&mut self, action: Action) {
        apply(&mut self.workspace, action);
    }
}
