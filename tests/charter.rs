//! Host tests of the printable engagement charter (`src/view/charter.rs`): its parties,
//! RACI grid and final authority, decisions, reports, sign-offs and deal, and what "for
//! the client" leaves out.
#![cfg(not(target_arch = "wasm32"))]

mod plans;

use engagement_planner::model::*;
use engagement_planner::view::charter::*;
use plans::*;

fn options(include_deal: bool, for_client: bool) -> CharterOptions {
    CharterOptions {
        include_deal,
        for_client,
    }
}

fn of(ws: &Workshop, o: CharterOptions) -> Charter {
    charter(
        &ws.workspace,
        ws.workspace.engagement(ws.engagement).unwrap(),
        o,
    )
}

/// Every word the charter would print, in one string.
fn all_text(c: &Charter) -> String {
    format!("{c:?}")
}

#[test]
fn for_the_client_is_on_by_default_only_for_contracted_engagements() {
    let ws = workshop();
    let e = ws.workspace.engagement(ws.engagement).unwrap();
    assert_eq!(
        CharterOptions::defaults(e),
        options(true, true),
        "contracted"
    );
    let mut w = Workspace::default();
    let inhouse = engagement(&mut w, "Payroll upgrade", Template::InHouseProject);
    assert_eq!(
        CharterOptions::defaults(w.engagement(inhouse).unwrap()),
        options(true, false)
    );
}

#[test]
fn the_parties_name_client_provider_and_key_people() {
    let ws = workshop();
    let c = of(&ws, options(false, true));
    assert_eq!(c.title, "Website relaunch");
    let value = |label: &str| {
        c.parties
            .iter()
            .find(|f| f.label == label)
            .unwrap_or_else(|| panic!("no {label} in {:?}", c.parties))
            .value
            .clone()
    };
    assert_eq!(value("Client"), "Harbor Retail");
    assert_eq!(value("Provider"), "Brightline Digital");
    assert_eq!(value("Project manager"), "Dana Whitfield");
    assert_eq!(value("Engagement manager"), "Ana Lima");
    assert_eq!(value("Sales lead"), "Ari Costa");
    assert_eq!(value("Sponsors"), "Chris Moreau");
    let rel: Vec<(&str, &str)> = c
        .relationship
        .iter()
        .map(|f| (f.label, f.value.as_str()))
        .collect();
    assert_eq!(rel, [("Relationship", "Contracted"), ("Stage", "Sales")]);
    assert!(c.formality.starts_with("Contracted"), "{}", c.formality);
    assert!(
        c.formality.contains("recorded formally."),
        "{}",
        c.formality
    );
}

#[test]
fn an_in_house_charter_says_who_documents_agreements_or_that_nobody_does() {
    let mut w = Workspace::default();
    let pm = person(&mut w, "Robin Pike", StakeholderGroup::ProjectManager, 40);
    let e = engagement(&mut w, "Payroll upgrade", Template::InHouseProject);
    let text = |w: &Workspace| formality(w, w.engagement(e).unwrap());
    assert!(text(&w).starts_with("In-house"));
    assert!(
        text(&w).contains("Nobody is named yet to document the agreements."),
        "{}",
        text(&w)
    );
    edit(&mut w, e, EngagementEdit::AgreementDocumenter(Some(pm)));
    assert!(
        text(&w).contains("Robin Pike documents the agreements."),
        "{}",
        text(&w)
    );
    let c = charter(&w, w.engagement(e).unwrap(), options(true, false));
    let sponsors = c.parties.iter().find(|f| f.label == "Sponsors").unwrap();
    assert!(sponsors.gap && sponsors.value == "Not named yet");
    assert!(c.parties.iter().any(|f| f.label == "Champion"));
}

#[test]
fn the_raci_grid_has_a_column_per_person_and_final_authority_per_function() {
    let ws = workshop();
    let c = of(&ws, options(false, true));
    let e = ws.workspace.engagement(ws.engagement).unwrap();
    assert_eq!(c.raci.rows.len(), e.functions.len());
    assert!(c.raci.people.windows(2).all(|p| p[0] <= p[1]), "by name");
    let col = |name: &str| c.raci.people.iter().position(|p| p == name).unwrap();
    let row = |function: &str| {
        c.raci
            .rows
            .iter()
            .find(|r| r.function == function)
            .unwrap_or_else(|| panic!("no row {function}"))
    };
    let delivery = row("Delivery");
    assert_eq!(delivery.cells.len(), c.raci.people.len());
    assert_eq!(delivery.cells[col("Dana Whitfield")], "A");
    assert_eq!(delivery.cells[col("Sam Ortiz")], "R");
    assert_eq!(delivery.cells[col("Chris Moreau")], "I");
    assert_eq!(delivery.cells[col("Kim Park")], "");
    assert_eq!(delivery.authority, "Dana Whitfield");
    assert!(!delivery.gap);
    // Legal: nobody is Accountable and the PM has not accepted it.
    let legal = row("Legal");
    assert!(legal.gap);
    assert_eq!(
        legal.authority,
        "Nobody is Accountable: falls to Dana Whitfield (PM), not accepted"
    );
    assert!(legal.cells.iter().all(String::is_empty));
    // Administration and finance: the PM accepted it.
    let finance = row("Administration and finance");
    assert!(!finance.gap);
    assert_eq!(
        finance.authority,
        "Dana Whitfield (PM, accepted by default)"
    );
}

#[test]
fn with_no_pm_the_charter_says_nobody_holds_final_authority() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Bare", Template::ContractedVendor);
    let c = charter(&w, w.engagement(e).unwrap(), options(true, true));
    assert!(c.raci.people.is_empty());
    assert!(c.raci.rows.iter().all(|r| r.gap
        && r.authority == "Nobody is Accountable, and there is no PM"
        && r.cells.is_empty()));
}

#[test]
fn a_person_with_two_roles_on_a_function_shows_both_letters() {
    let mut w = Workspace::default();
    let p = person(&mut w, "Alex Two", StakeholderGroup::Performer, 40);
    let e = engagement(&mut w, "Two roles", Template::InHouseProject);
    let f = function(&w, e, FunctionKind::Delivery);
    assign(&mut w, e, p, f, Raci::Accountable, 2);
    assign(&mut w, e, p, f, Raci::Responsible, 2);
    let grid = raci(&w, w.engagement(e).unwrap());
    let row = grid.rows.iter().find(|r| r.function == "Delivery").unwrap();
    assert_eq!(row.cells, ["R A"]);
}

#[test]
fn decisions_and_reports_say_method_authority_owner_audience_and_frequency() {
    let ws = workshop();
    let c = of(&ws, options(false, true));
    let scope = c
        .decisions
        .iter()
        .find(|d| d.name == "Scope change")
        .unwrap();
    assert_eq!(
        (scope.method.as_str(), scope.who.as_str()),
        ("Authority", "Dana Whitfield")
    );
    let acceptance = c.decisions.iter().find(|d| d.name == "Acceptance").unwrap();
    assert!(acceptance.method.starts_with("Majority"));
    let budget = c
        .reports
        .iter()
        .find(|r| r.name == "Budget review")
        .unwrap();
    assert_eq!(
        (
            budget.owner.as_str(),
            budget.audience.as_str(),
            budget.frequency.as_str(),
            budget.gap
        ),
        ("Ana Lima", "Sponsor and Finance", "Monthly", false)
    );
    let mut w = ws.workspace.clone();
    apply(
        &mut w,
        Action::AddReport {
            engagement: ws.engagement,
            name: "Risk log".into(),
        },
    );
    let rows = reports(&w, w.engagement(ws.engagement).unwrap());
    let risk = rows.iter().find(|r| r.name == "Risk log").unwrap();
    assert!(risk.gap, "{risk:?}");
    assert_eq!(
        (
            risk.owner.as_str(),
            risk.audience.as_str(),
            risk.frequency.as_str()
        ),
        ("Not set", "Not set", "Not set")
    );
}

#[test]
fn sign_offs_show_dates_and_whether_they_are_current() {
    let ws = workshop();
    let mut w = ws.workspace.clone();
    let e = ws.engagement;
    let c = charter(&w, w.engagement(e).unwrap(), options(false, true));
    let parties: Vec<&str> = c.signoffs.iter().map(|s| s.party).collect();
    assert_eq!(parties, ["Sales", "Customer service", "Delivery"]);
    // Sales signed on 2025-02-03 and the roles changed after.
    let sales = &c.signoffs[0];
    assert_eq!(
        (sales.who.as_str(), sales.date.as_str(), sales.current),
        ("Ari Costa", "2025-02-03", false)
    );
    assert!(sales.status.starts_with("Out of date"));
    assert_eq!(sales.status_class, "charter-warn");
    // Customer service signs now: current.
    apply(
        &mut w,
        Action::SignOff {
            engagement: e,
            party: SignOffParty::CustomerService,
            person: ws.kim,
            date: "2025-04-01".into(),
        },
    );
    let c = charter(&w, w.engagement(e).unwrap(), options(false, true));
    let service = &c.signoffs[1];
    assert_eq!(
        (
            service.who.as_str(),
            service.date.as_str(),
            service.status,
            service.current
        ),
        ("Kim Park", "2025-04-01", "Current", true)
    );
    assert_eq!(service.status_class, "charter-ok");
    // Withdrawn: not signed.
    apply(
        &mut w,
        Action::WithdrawSignOff {
            engagement: e,
            party: SignOffParty::Delivery,
        },
    );
    let c = charter(&w, w.engagement(e).unwrap(), options(false, true));
    let delivery = &c.signoffs[2];
    assert_eq!(
        (delivery.who.as_str(), delivery.status, delivery.current),
        ("Not signed", "Not signed", false)
    );
    assert_eq!(
        (delivery.date.as_str(), delivery.status_class),
        ("", "charter-gap")
    );
}

#[test]
fn the_deal_is_there_only_when_asked_for() {
    let ws = workshop();
    assert!(of(&ws, options(false, false)).deal.is_none());
    assert!(of(&ws, options(false, false)).billing.is_none());
    let c = of(&ws, options(true, true));
    let deal = c.deal.unwrap();
    assert!(deal.price.is_some() && deal.approval.is_some(), "{deal:?}");
    // The workshop's lines are fixed fee (the line builder's default).
    assert_eq!(c.billing.as_deref(), Some("Fixed fee"));
    let mut w = ws.workspace.clone();
    let e = w.engagement(ws.engagement).unwrap();
    let base = e.pricing.deal_worksheet().unwrap();
    let (sheet, first) = (base.id, base.lines[0].id);
    price(
        &mut w,
        ws.engagement,
        engagement_planner::model::pricing::PricingAction::EditLine {
            worksheet: sheet,
            line: first,
            edit: engagement_planner::model::pricing::LineEdit::Billing(
                BillingType::TimeAndMaterials,
            ),
        },
    );
    assert_eq!(
        billing(w.engagement(ws.engagement).unwrap()).as_deref(),
        Some("Fixed fee and time and materials")
    );
}

#[test]
fn for_the_client_leaves_out_cost_margin_commission_and_notes() {
    let ws = workshop();
    let secrets = internal_figures(&ws.workspace, ws.engagement);
    assert!(!secrets.is_empty());
    let client = all_text(&of(&ws, options(true, true)));
    for secret in &secrets {
        assert!(
            !client.contains(secret.as_str()),
            "the client's charter shows {secret:?}"
        );
    }
    for word in ["Cost", "Margin", "Commission", "Markup"] {
        assert!(
            !client.contains(&format!("label: \"{word}")),
            "the client's charter has a {word} figure"
        );
    }
    assert_eq!(of(&ws, options(true, true)).audience, "For the client");
    // The internal charter has the figures the client's leaves out.
    let internal = of(&ws, options(true, false));
    let facts = internal.deal.as_ref().unwrap().internal.as_ref().unwrap();
    let labels: Vec<&str> = facts.iter().map(|f| f.label).collect();
    for label in ["Cost", "Margin", "Commission"] {
        assert!(labels.contains(&label), "{labels:?}");
    }
    let text = all_text(&internal);
    assert!(
        secrets.iter().any(|s| text.contains(s.as_str())),
        "the internal charter shows the internal figures"
    );
}
