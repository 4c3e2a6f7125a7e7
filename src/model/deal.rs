//! The final deal and pricing approval are one decision (docs/DOMAIN.md, "Who decides the
//! final deal" and "Decisions taken").
//!
//! A proposal on the final deal's decision area may name a pricing worksheet. The
//! worksheet is approved when that proposal passes: under the area's method, among the
//! people who decide the final deal ([`Engagement::eligible`]). Approving a worksheet on
//! the Pricing view is the same decision taken by one of them: it records a proposal
//! naming the worksheet with the approver's position, and the worksheet is approved
//! because that proposal passes ([`deal_to_approve`]). Both paths go through the same
//! functions, so the log and the worksheet cannot disagree about who decided.
//!
//! Positions are recorded one at a time while the room decides, and a proposal can pass
//! on the first approval and fail on the next vote. The worksheet follows its decision:
//! when the proposal that approved it no longer passes, the approval is withdrawn
//! ([`deal_to_withdraw`]) and the worksheet is submitted again, to be approved when the
//! proposal passes again.

use super::decisions::{Proposal, Stance, Verdict};
use super::engagement::{DecisionArea, DecisionKind, DecisionMethod, Engagement};
use super::ids::{PersonId, WorksheetId};
use super::workspace::Workspace;
use crate::model::order;

impl Engagement {
    /// The final deal's decision area, if the engagement has one.
    pub fn final_deal_area(&self) -> Option<&DecisionArea> {
        self.decisions
            .iter()
            .find(|d| d.kind == DecisionKind::FinalDeal)
    }

    /// Who may take a position on the proposals of `area`: the people of the engagement
    /// ([`Engagement::participants`]), except on the final deal. The final deal is
    /// decided by those who decide it ([`Engagement::final_deal_deciders`]): by majority
    /// or consensus (or before a method is chosen) among the engagement manager and the
    /// sponsors of this engagement; by authority, the named authority decides and
    /// everyone else of the engagement may advise, as in every area decided by authority.
    pub fn eligible(&self, w: &Workspace, area: &DecisionArea) -> Vec<PersonId> {
        if area.kind == DecisionKind::FinalDeal && area.method != Some(DecisionMethod::Authority) {
            let mut deciders: Vec<PersonId> = self
                .final_deal_candidates(w)
                .into_iter()
                .map(|(p, _)| p)
                .collect();
            order::sort(&mut deciders);
            deciders
        } else {
            self.participants()
        }
    }

    /// Whether a proposal of the final deal's area has passed, which is what approves the
    /// worksheet it names: its outcome under the area's method is Passed. While the area
    /// cannot decide yet (no method chosen, or authority with nobody named), the final
    /// deal falls to its deciders as on the Pricing view, and the approval of any one of
    /// them passes it.
    pub fn deal_passed(&self, w: &Workspace, area: &DecisionArea, proposal: &Proposal) -> bool {
        let undecidable = match area.method {
            None => true,
            Some(DecisionMethod::Authority) => area.authority.is_none(),
            Some(_) => false,
        };
        if undecidable {
            return proposal
                .positions
                .iter()
                .any(|p| p.stance == Stance::For && self.may_decide_final_deal(w, p.person));
        }
        self.outcome(w, area, proposal)
            .is_some_and(|o| o.verdict == Verdict::Passed)
    }

    /// The decision in the final deal's log that approved `worksheet`, while it stays
    /// approved: the latest proposal naming it that passed. `None` for a worksheet that
    /// is not approved, or was approved without a final deal area to record it in.
    pub fn deal_decision(&self, w: &Workspace, worksheet: WorksheetId) -> Option<&Proposal> {
        let ws = self.pricing.worksheet(worksheet)?;
        if !ws.approval.is_approved() {
            return None;
        }
        let area = self.final_deal_area()?;
        area.log
            .iter()
            .rev()
            .find(|p| p.worksheet == Some(worksheet) && self.deal_passed(w, area, p))
    }
}

/// The worksheet to approve, and by whom, after `proposal` (of the area `area` of `e`)
/// changed, given whether it had passed before: the worksheet it names, once it has just
/// passed on the final deal's area; `None` otherwise.
///
/// The approver is who decided: the named authority under authority; else `hint` (the
/// person whose position was just recorded) when they approved and may decide the final
/// deal; else the first person who approved and may decide it.
pub(crate) fn deal_to_approve(
    e: &Engagement,
    w: &Workspace,
    area: &DecisionArea,
    proposal: &Proposal,
    was_passed: bool,
    hint: Option<PersonId>,
) -> Option<(WorksheetId, PersonId)> {
    if area.kind != DecisionKind::FinalDeal || was_passed {
        return None;
    }
    let worksheet = proposal.worksheet?;
    if !e.deal_passed(w, area, proposal) {
        return None;
    }
    let approved = |p: PersonId| {
        proposal
            .position_of(p)
            .is_some_and(|x| x.stance == Stance::For)
    };
    let by = area
        .authority
        .filter(|_| area.method == Some(DecisionMethod::Authority))
        .or_else(|| hint.filter(|&p| approved(p) && e.may_decide_final_deal(w, p)))
        .or_else(|| {
            proposal
                .positions
                .iter()
                .find(|x| x.stance == Stance::For && e.may_decide_final_deal(w, x.person))
                .map(|x| x.person)
        })
        .or_else(|| {
            proposal
                .positions
                .iter()
                .find(|x| x.stance == Stance::For)
                .map(|x| x.person)
        })?;
    Some((worksheet, by))
}

/// The worksheet whose approval `proposal` withdraws after it changed: the one it
/// approved before the change (`approved`, see [`Engagement::deal_decision`]), once the
/// proposal no longer passes or names another worksheet.
pub(crate) fn deal_to_withdraw(
    e: &Engagement,
    w: &Workspace,
    area: &DecisionArea,
    proposal: &Proposal,
    approved: Option<WorksheetId>,
) -> Option<WorksheetId> {
    let worksheet = approved?;
    let still = proposal.worksheet == Some(worksheet) && e.deal_passed(w, area, proposal);
    (!still).then_some(worksheet)
}
