//! The example plan: a contracted website relaunch with everyone around it, used by the
//! layout and charter journeys.

use super::*;
use engagement_planner::model::pricing::{BillingType, LineEdit, PricingAction, SellingStyle};

/// A contracted website relaunch with everyone around it: a dozen people of both sides,
/// each standard function staffed, decision areas with their methods, reports, client
/// needs and a priced worksheet with lines of every billing type. Long names on purpose:
/// they are the ones a cramped layout cuts.
pub fn example_plan() -> (Workspace, EngagementId) {
    let mut w = Workspace::default();
    let people = [
        ("Dana Lee", Side::Provider, StakeholderGroup::ProjectManager),
        (
            "Erin Okafor",
            Side::Provider,
            StakeholderGroup::EngagementManager,
        ),
        ("Ari Sandoval", Side::Provider, StakeholderGroup::Sales),
        ("Sam Whitfield", Side::Provider, StakeholderGroup::Performer),
        ("Priya Raman", Side::Provider, StakeholderGroup::Performer),
        ("Jordan Counsel", Side::Provider, StakeholderGroup::Legal),
        ("Kim Ledger", Side::Provider, StakeholderGroup::Finance),
        (
            "Lee Quality",
            Side::Provider,
            StakeholderGroup::QualityManagement,
        ),
        (
            "Casey Support",
            Side::Provider,
            StakeholderGroup::CustomerService,
        ),
        ("Morgan Client", Side::Client, StakeholderGroup::Sponsor),
        ("Robin Buyer", Side::Client, StakeholderGroup::Procurement),
        ("Taylor User", Side::Client, StakeholderGroup::Client),
    ];
    let ids: Vec<PersonId> = people
        .iter()
        .map(|&(name, side, group)| person_on(&mut w, name, side, group, 40))
        .collect();
    let by = |name: &str| ids[people.iter().position(|p| p.0 == name).unwrap()];
    let e = engagement(
        &mut w,
        "Website relaunch for Northwind Traders",
        Template::ContractedVendor,
    );
    edit(&mut w, e, EngagementEdit::Pm(Some(by("Dana Lee"))));
    edit(
        &mut w,
        e,
        EngagementEdit::EngagementManager(Some(by("Erin Okafor"))),
    );
    use FunctionKind as F;
    use Raci::*;
    for (kind, staff) in [
        (
            F::SalesMarketing,
            &[
                ("Ari Sandoval", Accountable),
                ("Erin Okafor", Consulted),
                ("Morgan Client", Informed),
            ][..],
        ),
        (
            F::EngagementManagement,
            &[("Erin Okafor", Accountable), ("Dana Lee", Responsible)][..],
        ),
        (
            F::Delivery,
            &[
                ("Dana Lee", Accountable),
                ("Sam Whitfield", Responsible),
                ("Priya Raman", Responsible),
                ("Taylor User", Consulted),
            ][..],
        ),
        (F::FunctionalManagement, &[("Dana Lee", Consulted)][..]),
        (
            F::Procurement,
            &[("Robin Buyer", Accountable), ("Kim Ledger", Consulted)][..],
        ),
        (
            F::Legal,
            &[("Jordan Counsel", Accountable), ("Erin Okafor", Informed)][..],
        ),
        (F::QualityManagement, &[("Lee Quality", Responsible)][..]),
        (
            F::CustomerService,
            &[("Casey Support", Accountable), ("Taylor User", Informed)][..],
        ),
        (F::AdministrationFinance, &[("Kim Ledger", Accountable)][..]),
    ] {
        let f = function(&w, e, kind);
        for &(name, role) in staff {
            assign(&mut w, e, by(name), f, role, 4);
        }
    }
    let deal = decision(&w, e, DecisionKind::FinalDeal);
    edit_decision(
        &mut w,
        e,
        deal,
        DecisionEdit::Method(Some(DecisionMethod::Authority)),
    );
    edit_decision(
        &mut w,
        e,
        deal,
        DecisionEdit::Authority(Some(by("Erin Okafor"))),
    );
    let scope = decision(&w, e, DecisionKind::ScopeChange);
    edit_decision(
        &mut w,
        e,
        scope,
        DecisionEdit::Method(Some(DecisionMethod::Majority)),
    );
    // The organization decides scope changes by authority; this client asked for a vote.
    apply(
        &mut w,
        Action::AcceptDeparture {
            engagement: e,
            departure: DepartureKey::MethodDiffers("Scope change".into()),
            reason: "The client's steering group votes on scope.".into(),
        },
    );
    apply(
        &mut w,
        Action::AddDecisionArea {
            engagement: e,
            name: "Steering committee escalations".into(),
        },
    );
    for (title, coverage) in [
        (
            "Accessible checkout for screen-reader users",
            [
                Coverage::Fully,
                Coverage::Partly,
                Coverage::Fully,
                Coverage::Unknown,
            ],
        ),
        (
            "Product catalogue migration",
            [
                Coverage::Fully,
                Coverage::Fully,
                Coverage::Fully,
                Coverage::No,
            ],
        ),
        (
            "Service-level reporting to the sponsor",
            [Coverage::No, Coverage::No, Coverage::Partly, Coverage::No],
        ),
    ] {
        need_covered(&mut w, e, title, coverage);
    }
    let consultant = rate_role(&mut w, e, "Senior consultant", 6000, 11000);
    let designer = rate_role(&mut w, e, "Interaction designer", 4500, 9000);
    let developer = rate_role(&mut w, e, "Developer", 5000, 9500);
    let base = worksheet(&mut w, e, "Base", SellingStyle::Consultative);
    for (i, (name, billing, role, hours)) in [
        ("Discovery workshops", BillingType::FixedFee, consultant, 24),
        (
            "Interaction design",
            BillingType::TimeAndMaterials,
            designer,
            60,
        ),
        ("Catalogue migration", BillingType::FixedFee, developer, 80),
        (
            "Accessibility review",
            BillingType::TimeAndMaterials,
            designer,
            16,
        ),
        (
            "Checkout build",
            BillingType::TimeAndMaterials,
            developer,
            120,
        ),
        ("Load testing", BillingType::FixedFee, developer, 20),
        (
            "Project management",
            BillingType::NonBillable,
            consultant,
            30,
        ),
        (
            "Training for editors",
            BillingType::FixedFee,
            consultant,
            12,
        ),
        (
            "Hypercare after launch",
            BillingType::TimeAndMaterials,
            developer,
            40,
        ),
        ("Handover", BillingType::NonBillable, consultant, 6),
    ]
    .into_iter()
    .enumerate()
    {
        let l = line(&mut w, e, base, name, role, hours);
        if billing != BillingType::FixedFee {
            price(
                &mut w,
                e,
                PricingAction::EditLine {
                    worksheet: base,
                    line: l,
                    edit: LineEdit::Billing(billing),
                },
            );
        }
        if i % 3 == 0 {
            price(
                &mut w,
                e,
                PricingAction::EditLine {
                    worksheet: base,
                    line: l,
                    edit: LineEdit::Hours(designer, Hours::from_whole(4)),
                },
            );
        }
    }
    (w, e)
}
