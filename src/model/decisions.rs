//! Decisions taken in the room (docs/DOMAIN.md, "Decisions taken"): each decision area
//! keeps a log of proposals, each with the positions of the people taking part, and an
//! outcome evaluated under the area's method. The outcome is derived, never stored.
//!
//! A position is one of three stances, named by the method: under **majority** a vote
//! for, a vote against or an abstention; under **consensus** agree, block or stand aside;
//! under **authority** the named authority approves or rejects and everyone else's
//! position is advice. Storing the stance, not the word, keeps every recorded position
//! meaningful if the area's method changes later.

use super::engagement::DecisionMethod;
use super::ids::{PersonId, WorksheetId};
use super::units::Bps;
use crate::model::order;
use serde::{Deserialize, Serialize};

/// A person's position on a proposal; its words depend on the method
/// ([`Stance::word`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Votes for; agrees; approves (the authority) or advises for.
    For,
    /// Votes against; blocks; rejects (the authority) or advises against.
    Against,
    /// Abstains; stands aside; no decision yet (the authority) or no advice.
    Abstain,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::For, Stance::Against, Stance::Abstain];

    /// The stance in the words of a method: "for", "block", "stands aside".
    pub fn word(self, method: DecisionMethod) -> &'static str {
        match (method, self) {
            (DecisionMethod::Majority, Stance::For) => "for",
            (DecisionMethod::Majority, Stance::Against) => "against",
            (DecisionMethod::Majority, Stance::Abstain) => "abstains",
            (DecisionMethod::Consensus, Stance::For) => "agrees",
            (DecisionMethod::Consensus, Stance::Against) => "blocks",
            (DecisionMethod::Consensus, Stance::Abstain) => "stands aside",
            (DecisionMethod::Authority, Stance::For) => "approves",
            (DecisionMethod::Authority, Stance::Against) => "rejects",
            (DecisionMethod::Authority, Stance::Abstain) => "no position",
        }
    }
}

/// One person's position on a proposal, with their reason (required for a block under
/// consensus, so the log says why).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub person: PersonId,
    pub stance: Stance,
    pub reason: String,
}

/// A proposal put to a decision area, and the positions taken on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: super::ids::ProposalId,
    /// What is proposed, in words: "Move the go-live to 1 March".
    pub text: String,
    /// The day it was decided, `YYYY-MM-DD`.
    pub date: String,
    /// Under majority, the share of eligible participants who must cast a vote (for or
    /// against) for the outcome to count; none when there is no quorum.
    pub quorum: Option<Bps>,
    /// On the final deal's decision area, the pricing worksheet the proposal approves
    /// once it passes (docs/DOMAIN.md, "Who decides the final deal"); none elsewhere, and
    /// none for a proposal that approves no worksheet (version 6).
    pub worksheet: Option<WorksheetId>,
    /// At most one position per person, in the order they were recorded.
    pub positions: Vec<Position>,
}

impl Proposal {
    /// The position of one person, if they took one.
    pub fn position_of(&self, person: PersonId) -> Option<&Position> {
        self.positions.iter().find(|p| p.person == person)
    }
}

/// Whether a proposal passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Passed,
    Failed,
    /// Not decided yet: the authority has taken no position (or none is named), or
    /// nobody has agreed under consensus.
    Open,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Passed => "Passed",
            Verdict::Failed => "Failed",
            Verdict::Open => "Not decided",
        }
    }
}

/// The count of positions by stance, among the eligible participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub for_: u32,
    pub against: u32,
    pub abstained: u32,
    /// Eligible participants who took no position.
    pub absent: u32,
    pub eligible: u32,
}

impl Tally {
    /// Votes cast under majority: for and against (abstentions are not votes cast).
    pub fn cast(&self) -> u32 {
        self.for_ + self.against
    }
}

/// A proposal's outcome under its area's method: the verdict, the tally and the rule
/// that decided it, in words ([`Outcome::summary`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub verdict: Verdict,
    pub method: DecisionMethod,
    pub tally: Tally,
    /// Under consensus, who blocked, with their reasons; under authority, who decides.
    pub blockers: Vec<(PersonId, String)>,
    pub authority: Option<PersonId>,
    /// Under majority with a quorum: whether the votes cast reach it.
    pub quorum: Option<(Bps, bool)>,
}

impl Outcome {
    /// The rule the verdict follows, in words.
    pub fn rule(&self) -> String {
        match self.method {
            DecisionMethod::Majority => {
                let mut rule = "more than half of the votes cast".to_string();
                if let Some((quorum, _)) = self.quorum {
                    rule.push_str(&format!(
                        ", with votes cast by at least {} of the {} eligible",
                        super::describe::percent(quorum),
                        self.tally.eligible
                    ));
                }
                rule
            }
            DecisionMethod::Consensus => "no one blocks and at least one agrees".to_string(),
            DecisionMethod::Authority => "the named authority decides".to_string(),
        }
    }

    /// The outcome in one line, names given by `name`: "Passed: 9 for, 8 against, 2
    /// abstained — more than half of the votes cast".
    pub fn summary(&self, name: impl Fn(PersonId) -> String) -> String {
        let t = &self.tally;
        let counts = match self.method {
            DecisionMethod::Majority => format!(
                "{} for, {} against, {} abstained",
                t.for_, t.against, t.abstained
            ),
            DecisionMethod::Consensus => format!(
                "{} agree, {} block, {} stand aside",
                t.for_, t.against, t.abstained
            ),
            DecisionMethod::Authority => match self.authority {
                Some(a) => format!(
                    "decided by {}; advice: {} for, {} against",
                    name(a),
                    t.for_,
                    t.against
                ),
                None => "no authority is named".to_string(),
            },
        };
        let mut why = self.rule();
        if let Some((_, false)) = self.quorum {
            why = format!(
                "the quorum is not met: {} of {} eligible voted; {why}",
                t.cast(),
                t.eligible
            );
        }
        if !self.blockers.is_empty() {
            let named: Vec<String> = self
                .blockers
                .iter()
                .map(|(p, reason)| {
                    if reason.trim().is_empty() {
                        name(*p)
                    } else {
                        format!("{} (\u{201c}{}\u{201d})", name(*p), reason.trim())
                    }
                })
                .collect();
            why = format!("blocked by {}; {why}", named.join(", "));
        }
        format!("{}: {counts} \u{2014} {why}", self.verdict.label())
    }
}

/// A proposal's outcome under `method`. `eligible` are the people who may take part
/// (the people of the engagement); a recorded position counts even if its person has
/// left the engagement since (the record stands), and an eligible person without a
/// position is absent. `authority` is the area's named authority.
///
/// - **Majority**: passes when the votes for are more than half of the votes cast
///   (for and against; abstentions and absentees are not votes cast), so a tie fails
///   and no votes at all fail; with a quorum, the votes cast must also be at least that
///   share of the eligible participants.
/// - **Consensus**: passes when no one blocks and at least one agrees; any block fails;
///   with no block and no one agreeing yet, it is not decided.
/// - **Authority**: the named authority's position decides (approve passes, reject
///   fails, none is not decided); everyone else's is counted as advice.
pub fn evaluate(
    method: DecisionMethod,
    authority: Option<PersonId>,
    proposal: &Proposal,
    eligible: &[PersonId],
) -> Outcome {
    // Everyone who may take part: the eligible, and whoever took a position.
    let mut everyone: Vec<PersonId> = eligible.to_vec();
    everyone.extend(proposal.positions.iter().map(|p| p.person));
    order::sort(&mut everyone);
    everyone.dedup();
    let mut tally = Tally {
        eligible: everyone.len() as u32,
        ..Tally::default()
    };
    let mut blockers = Vec::new();
    let authority = authority.filter(|_| method == DecisionMethod::Authority);
    let decided_by_authority = authority
        .and_then(|a| proposal.position_of(a))
        .map(|p| p.stance);
    for &person in &everyone {
        if Some(person) == authority {
            // The authority decides; they are not one of the advisers.
            tally.eligible -= 1;
            continue;
        }
        let Some(position) = proposal.position_of(person) else {
            tally.absent += 1;
            continue;
        };
        match position.stance {
            Stance::For => tally.for_ += 1,
            Stance::Against => {
                tally.against += 1;
                blockers.push((person, position.reason.clone()));
            }
            Stance::Abstain => tally.abstained += 1,
        }
    }
    if method != DecisionMethod::Consensus {
        blockers.clear();
    }
    let mut quorum = None;
    let verdict = match method {
        DecisionMethod::Majority => {
            let majority = tally.for_ > tally.against;
            let met = match proposal.quorum {
                Some(q) => {
                    let met = u64::from(tally.cast()) * u64::from(Bps::HUNDRED_PERCENT.0 as u32)
                        >= u64::from(q.0.max(0) as u32) * u64::from(tally.eligible);
                    quorum = Some((q, met));
                    met
                }
                None => true,
            };
            if majority && met {
                Verdict::Passed
            } else {
                Verdict::Failed
            }
        }
        DecisionMethod::Consensus => {
            if tally.against > 0 {
                Verdict::Failed
            } else if tally.for_ > 0 {
                Verdict::Passed
            } else {
                Verdict::Open
            }
        }
        DecisionMethod::Authority => match decided_by_authority {
            Some(Stance::For) => Verdict::Passed,
            Some(Stance::Against) => Verdict::Failed,
            _ => Verdict::Open,
        },
    };
    Outcome {
        verdict,
        method,
        tally,
        blockers,
        authority,
        quorum,
    }
}
