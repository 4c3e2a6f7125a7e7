//! The workshop plan: one contracted engagement with everything a workshop walks
//! through (roles with a gap, governance with decisions taken, reports, client needs
//! with internal notes, a priced deal with costs, markups, contingencies and a
//! commission, a rejection note), and a second engagement for another client, so the
//! audience window's redaction has real figures and notes to keep out.

use super::*;
use engagement_planner::model::pricing::{LineEdit, PricingAction, SellingStyle};

pub struct Workshop {
    pub workspace: Workspace,
    pub engagement: EngagementId,
    /// The engagement of another client that Sam also works on.
    pub other: EngagementId,
    pub dana: PersonId,
    pub ana: PersonId,
    pub ari: PersonId,
    pub sam: PersonId,
    pub kim: PersonId,
    pub lee: PersonId,
    pub chris: PersonId,
    pub pat: PersonId,
    pub base: WorksheetId,
}

/// The rejection note on the deal's approval log (internal).
pub const REJECTION_NOTE: &str = "Sponsor wants a cheaper phase one before the board meets";
/// The team's internal notes on the client needs.
pub const NEED_NOTES: [&str; 2] = [
    "Their sponsor doubts the mobile budget",
    "Promised before the scope was priced",
];

pub fn workshop() -> Workshop {
    use Coverage::*;
    use StakeholderGroup as G;
    let mut w = Workspace::default();
    let dana = person(&mut w, "Dana Whitfield", G::ProjectManager, 40);
    let ana = person(&mut w, "Ana Lima", G::EngagementManager, 40);
    let ari = person(&mut w, "Ari Costa", G::Sales, 40);
    let sam = person(&mut w, "Sam Ortiz", G::Performer, 10);
    let kim = person(&mut w, "Kim Park", G::CustomerService, 40);
    let lee = person(&mut w, "Lee Grant", G::FunctionalManager, 40);
    let chris = person_on(&mut w, "Chris Moreau", Side::Client, G::Sponsor, 10);
    let pat = person_on(&mut w, "Pat Nguyen", Side::Client, G::Client, 10);

    let e = engagement(&mut w, "Website relaunch", Template::ContractedVendor);
    edit(&mut w, e, EngagementEdit::Client("Harbor Retail".into()));
    edit(
        &mut w,
        e,
        EngagementEdit::Provider("Brightline Digital".into()),
    );
    edit(&mut w, e, EngagementEdit::Stage(Stage::Sales));
    edit(&mut w, e, EngagementEdit::Currency("EUR".into()));
    edit(&mut w, e, EngagementEdit::Pm(Some(dana)));
    edit(&mut w, e, EngagementEdit::EngagementManager(Some(ana)));
    edit(&mut w, e, EngagementEdit::Champion(Some(ari)));
    edit(&mut w, e, EngagementEdit::AgreementFormal(true));
    edit(
        &mut w,
        e,
        EngagementEdit::ExpectedBenefits(Some(Money(25_000_000))),
    );
    edit(
        &mut w,
        e,
        EngagementEdit::ExpectedBudget(Some(Money(12_000_000))),
    );

    let f = |w: &Workspace, kind| function(w, e, kind);
    use FunctionKind as K;
    let sales = f(&w, K::SalesMarketing);
    assign(&mut w, e, ari, sales, Raci::Accountable, 6);
    assign(&mut w, e, ana, sales, Raci::Consulted, 0);
    // Sales signs off now; the process changes after, so the sign-off is out of date.
    apply(
        &mut w,
        Action::SignOff {
            engagement: e,
            party: SignOffParty::Sales,
            person: ari,
            date: "2025-02-03".into(),
        },
    );
    let em = f(&w, K::EngagementManagement);
    assign(&mut w, e, ana, em, Raci::Accountable, 8);
    let delivery = f(&w, K::Delivery);
    assign(&mut w, e, dana, delivery, Raci::Accountable, 10);
    assign(&mut w, e, sam, delivery, Raci::Responsible, 12);
    assign(&mut w, e, chris, delivery, Raci::Informed, 0);
    let functional = f(&w, K::FunctionalManagement);
    assign(&mut w, e, lee, functional, Raci::Accountable, 4);
    assign(&mut w, e, sam, functional, Raci::Consulted, 0);
    let procurement = f(&w, K::Procurement);
    assign(&mut w, e, ana, procurement, Raci::Accountable, 2);
    // Legal: nobody, and the PM has not accepted it (a gap).
    let quality = f(&w, K::QualityManagement);
    assign(&mut w, e, lee, quality, Raci::Accountable, 2);
    let service = f(&w, K::CustomerService);
    assign(&mut w, e, kim, service, Raci::Accountable, 6);
    assign(&mut w, e, pat, service, Raci::Consulted, 0);
    let finance = f(&w, K::AdministrationFinance);
    accept(&mut w, e, finance);

    // Governance: the template's four areas, decided four ways.
    let scope = decision(&w, e, DecisionKind::ScopeChange);
    edit_decision(&mut w, e, scope, DecisionEdit::Authority(Some(dana)));
    let final_deal = decision(&w, e, DecisionKind::FinalDeal);
    edit_decision(&mut w, e, final_deal, DecisionEdit::Authority(Some(chris)));
    let acceptance = decision(&w, e, DecisionKind::Acceptance);
    edit_decision(
        &mut w,
        e,
        acceptance,
        DecisionEdit::Method(Some(DecisionMethod::Majority)),
    );
    let escalation = decision(&w, e, DecisionKind::Escalation);
    edit_decision(
        &mut w,
        e,
        escalation,
        DecisionEdit::Method(Some(DecisionMethod::Consensus)),
    );
    // Decided otherwise than the organization's standard, on purpose.
    for (area, reason) in [
        ("Acceptance", "The three leads vote on acceptance."),
        ("Escalation", "Both sides agree before anything goes up."),
    ] {
        apply(
            &mut w,
            Action::AcceptDeparture {
                engagement: e,
                departure: DepartureKey::MethodDiffers(area.into()),
                reason: reason.into(),
            },
        );
    }
    propose(
        &mut w,
        e,
        scope,
        "Add a store locator page",
        "2025-03-04",
        &[],
    );
    propose(
        &mut w,
        e,
        acceptance,
        "Accept the design phase",
        "2025-03-03",
        &[
            (ana, Stance::For, ""),
            (dana, Stance::For, ""),
            (pat, Stance::Against, ""),
            (kim, Stance::Abstain, ""),
        ],
    );
    propose(
        &mut w,
        e,
        escalation,
        "Escalate the hosting delays to the steering group",
        "2025-03-05",
        &[
            (kim, Stance::For, ""),
            (
                ari,
                Stance::Against,
                "Wait for the vendor's answer on Friday",
            ),
        ],
    );

    // Reporting.
    let status = e_report(&w, e, "Status report");
    apply(
        &mut w,
        Action::EditReport {
            engagement: e,
            report: status,
            edit: ReportEdit::Owner(Some(dana)),
        },
    );
    let budget = ReportId(w.next_id);
    apply(
        &mut w,
        Action::AddReport {
            engagement: e,
            name: "Budget review".into(),
        },
    );
    for edit in [
        ReportEdit::Owner(Some(ana)),
        ReportEdit::Audience([G::Sponsor, G::Finance].into_iter().collect()),
        ReportEdit::Frequency(Some(Frequency::Monthly)),
    ] {
        apply(
            &mut w,
            Action::EditReport {
                engagement: e,
                report: budget,
                edit,
            },
        );
    }

    // Client needs, with the team's internal notes.
    let phones = need_covered(
        &mut w,
        e,
        "Checkout works on phones",
        [Fully, Fully, Fully, Unknown],
    );
    let export = need_covered(
        &mut w,
        e,
        "Same-day order export",
        [Fully, Partly, Fully, Unknown],
    );
    for (need, note) in [(phones, NEED_NOTES[0]), (export, NEED_NOTES[1])] {
        apply(
            &mut w,
            Action::EditNeed {
                engagement: e,
                need,
                edit: NeedEdit::Note(note.into()),
            },
        );
    }

    // Pricing: distinctive figures, so a test can look for each.
    let developer = rate_role(&mut w, e, "Developer", 6_540, 11_870);
    let designer = rate_role(&mut w, e, "Designer", 5_230, 9_960);
    let base = worksheet(&mut w, e, "Base", SellingStyle::Collaborative);
    let checkout = line(&mut w, e, base, "Checkout rebuild", developer, 120);
    let design = line(&mut w, e, base, "Design system", designer, 80);
    for (l, who, role, hours) in [(checkout, sam, developer, 150), (design, lee, designer, 90)] {
        for edit in [
            LineEdit::Estimator(Some(who)),
            LineEdit::DeliveryHours(role, Hours::from_whole(hours)),
        ] {
            price(
                &mut w,
                e,
                PricingAction::EditLine {
                    worksheet: base,
                    line: l,
                    edit,
                },
            );
        }
    }
    price(
        &mut w,
        e,
        PricingAction::AddExpense {
            worksheet: base,
            line: checkout,
            name: "Device lab rental".into(),
            cost: Money(123_456),
            markup: Bps(1_725),
        },
    );
    for (field, value) in [
        (WorksheetField::CostContingency, 675),
        (WorksheetField::BillableContingency, 325),
        (WorksheetField::TargetMargin, 4_150),
        (WorksheetField::CommissionRate, 425),
    ] {
        price(
            &mut w,
            e,
            PricingAction::SetWorksheetField {
                worksheet: base,
                field,
                value: Bps(value),
            },
        );
    }
    price(&mut w, e, PricingAction::Submit { worksheet: base });
    price(
        &mut w,
        e,
        PricingAction::Reject {
            worksheet: base,
            by: chris,
            note: REJECTION_NOTE.into(),
        },
    );
    price(&mut w, e, PricingAction::Submit { worksheet: base });

    // Delivery signs off the process as it is now.
    apply(
        &mut w,
        Action::SignOff {
            engagement: e,
            party: SignOffParty::Delivery,
            person: sam,
            date: "2025-03-01".into(),
        },
    );

    // Another client's engagement, where Sam also works (his overload names it).
    let other = engagement(&mut w, "Orchid Bank portal", Template::ContractedVendor);
    let other_delivery = function(&w, other, K::Delivery);
    assign(&mut w, other, sam, other_delivery, Raci::Responsible, 6);

    Workshop {
        workspace: w,
        engagement: e,
        other,
        dana,
        ana,
        ari,
        sam,
        kim,
        lee,
        chris,
        pat,
        base,
    }
}

fn e_report(w: &Workspace, e: EngagementId, name: &str) -> ReportId {
    w.engagement(e)
        .expect("the engagement exists")
        .reports
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("the engagement has a report {name:?}"))
        .id
}

/// Puts a proposal to a decision area and records positions on it.
pub fn propose(
    w: &mut Workspace,
    e: EngagementId,
    decision: DecisionId,
    text: &str,
    date: &str,
    positions: &[(PersonId, Stance, &str)],
) -> ProposalId {
    let proposal = ProposalId(w.next_id);
    apply(
        w,
        Action::Propose {
            engagement: e,
            decision,
            text: text.into(),
            date: date.into(),
            quorum: None,
            worksheet: None,
        },
    );
    for &(person, stance, reason) in positions {
        apply(
            w,
            Action::SetPosition {
                engagement: e,
                decision,
                proposal,
                person,
                stance: Some(stance),
                reason: reason.into(),
            },
        );
    }
    proposal
}

/// A workspace with one contracted engagement of `n` functions (the nine, then custom
/// ones, or fewer) and `people` people each Responsible for the first function.
pub fn sized(n: usize, people: usize) -> (Workspace, EngagementId) {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Sized", Template::ContractedVendor);
    let nine: Vec<FunctionId> = w
        .engagement(e)
        .unwrap()
        .functions
        .iter()
        .map(|f| f.id)
        .collect();
    for f in nine.iter().skip(n) {
        apply(
            &mut w,
            Action::RemoveFunction {
                engagement: e,
                function: *f,
            },
        );
    }
    for i in nine.len()..n {
        apply(
            &mut w,
            Action::AddFunction {
                engagement: e,
                name: format!("Workstream number {}", i + 1),
            },
        );
    }
    let functions: Vec<FunctionId> = w
        .engagement(e)
        .unwrap()
        .functions
        .iter()
        .map(|f| f.id)
        .collect();
    for i in 0..people {
        let p = person(
            &mut w,
            &format!("Person {:02}", i + 1),
            StakeholderGroup::Performer,
            40,
        );
        let f = functions[i % functions.len().max(1)];
        assign(&mut w, e, p, f, Raci::Responsible, 1);
    }
    (w, e)
}

/// Every internal figure and note of an engagement, as the planner writes it anywhere
/// ("€65.40", "65.40", "41.5 %", "41.50 %", "41.5%"), computed from the model: what
/// the audience window must not show while the client is in the room. Figures equal to
/// the deal's price (which the room sees) or zero are left out, as they would match
/// public text by accident.
pub fn internal_figures(w: &Workspace, e: EngagementId) -> Vec<String> {
    let en = w.engagement(e).expect("the engagement exists");
    let cur = currency(&en.currency);
    let price = en.deal_price().price();
    let mut out: Vec<String> = Vec::new();
    let money = |m: Money, out: &mut Vec<String>| {
        if m.0 != 0 && Some(m) != price {
            out.push(format_money(m, &cur));
            out.push(m.format(cur.decimals));
        }
    };
    for r in &en.pricing.rate_card {
        money(r.cost_rate, &mut out);
        money(r.bill_rate, &mut out);
        if let Some(m) = r.markup() {
            percent_forms(m, &mut out);
        }
    }
    for ws in &en.pricing.worksheets {
        for b in [
            ws.cost_contingency,
            ws.billable_contingency,
            ws.commission_rate,
        ]
        .into_iter()
        .chain(ws.target(w.default_target_margin))
        {
            percent_forms(b, &mut out);
        }
        for l in &ws.lines {
            for x in &l.expenses {
                money(x.cost, &mut out);
                percent_forms(x.markup, &mut out);
            }
        }
        for event in &ws.log {
            if !event.note.trim().is_empty() {
                out.push(event.note.trim().to_string());
            }
        }
        let t = compute_with_default(ws, &en.pricing.rate_card, w.default_target_margin).total;
        for m in [
            t.cost,
            t.sales_cost,
            t.gross_margin,
            t.commission_on_margin,
            t.commission_on_revenue,
            t.delivery_cost,
            t.cost_variance,
            t.labour_cost,
            t.expense_cost,
            t.cost_contingency,
            t.billable_contingency,
        ]
        .into_iter()
        .chain(t.target_price)
        .chain(t.blended_bill_rate)
        {
            money(m, &mut out);
        }
        for b in [t.margin, t.markup].into_iter().flatten() {
            percent_forms(b, &mut out);
        }
    }
    for n in &en.needs {
        if !n.note.trim().is_empty() {
            out.push(n.note.trim().to_string());
        }
    }
    out.retain(|s| !s.is_empty());
    out.sort();
    out.dedup();
    out
}

fn percent_forms(b: Bps, out: &mut Vec<String>) {
    if b.0 == 0 {
        return;
    }
    let short = engagement_planner::model::describe::percent(b);
    out.push(short.replace(" %", "%"));
    out.push(short);
    out.push(b.format());
}
