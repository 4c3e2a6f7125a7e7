//! The saved-document format (src/storage/mod.rs): round trips, exports, every way a
//! document is refused, migrations, the checked-in fixtures, file names, and property
//! tests that build workspaces from random actions and feed the reader hostile input.
//! Host only: the fixtures are read from the file system.
#![cfg(not(target_arch = "wasm32"))]

use engagement_planner::model::assessment;
use engagement_planner::model::describe;
use engagement_planner::model::units::MONEY_LIMIT;
use engagement_planner::model::*;
use engagement_planner::storage::*;
use proptest::prelude::*;
use serde_json::Value;
use std::path::PathBuf;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).expect("fixture is checked in")
}

fn apply(w: &mut Workspace, action: Action) {
    w.apply(action.clone())
        .unwrap_or_else(|e| panic!("{action:?} failed: {e}"));
}

fn person_named(w: &Workspace, name: &str) -> PersonId {
    w.people.iter().find(|p| p.name == name).unwrap().id
}

fn engagement_named(w: &Workspace, name: &str) -> EngagementId {
    w.engagements.iter().find(|e| e.name == name).unwrap().id
}

fn function_of(w: &Workspace, e: EngagementId, kind: FunctionKind) -> FunctionId {
    w.engagement(e).unwrap().function_of_kind(kind).unwrap().id
}

/// A portfolio like a real one: a contracted and an in-house engagement sharing a
/// roster of eight, with assignments, governance, needs, compliance and sign-offs.
/// Built only through `apply`, so it is a workspace the app itself could have made.
fn realistic_workspace() -> Workspace {
    let mut w = Workspace::default();
    for (name, side, group, capacity) in [
        (
            "Engagement Lead",
            Side::Provider,
            StakeholderGroup::EngagementManager,
            4000,
        ),
        (
            "Project Manager",
            Side::Provider,
            StakeholderGroup::ProjectManager,
            4000,
        ),
        (
            "Sales Director",
            Side::Provider,
            StakeholderGroup::Sales,
            3750,
        ),
        (
            "Service Desk Lead",
            Side::Provider,
            StakeholderGroup::CustomerService,
            3000,
        ),
        (
            "Client Sponsor",
            Side::Client,
            StakeholderGroup::Sponsor,
            500,
        ),
        (
            "Client Product Owner",
            Side::Client,
            StakeholderGroup::Client,
            2000,
        ),
        (
            "Contracts Counsel",
            Side::ThirdParty,
            StakeholderGroup::Legal,
            1250,
        ),
        (
            "Finance Controller",
            Side::Client,
            StakeholderGroup::Finance,
            800,
        ),
    ] {
        apply(
            &mut w,
            Action::AddPerson {
                name: name.into(),
                side,
                group,
                capacity: Hours(capacity),
            },
        );
    }
    let lead = person_named(&w, "Engagement Lead");
    let pm = person_named(&w, "Project Manager");
    let sales = person_named(&w, "Sales Director");
    let desk = person_named(&w, "Service Desk Lead");
    let sponsor = person_named(&w, "Client Sponsor");
    let owner = person_named(&w, "Client Product Owner");
    let counsel = person_named(&w, "Contracts Counsel");
    let finance = person_named(&w, "Finance Controller");

    // A contracted vendor engagement.
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "Website relaunch".into(),
            template: Template::ContractedVendor,
        },
    );
    let web = engagement_named(&w, "Website relaunch");
    for edit in [
        EngagementEdit::Client("Harbor Retail".into()),
        EngagementEdit::Provider("Brightline Digital".into()),
        EngagementEdit::Stage(Stage::Performance),
        EngagementEdit::Currency("eur".into()),
        EngagementEdit::Pm(Some(pm)),
        EngagementEdit::EngagementManager(Some(lead)),
        EngagementEdit::Champion(Some(sales)),
        EngagementEdit::AgreementFormal(true),
        EngagementEdit::AgreementDocumenter(Some(counsel)),
        EngagementEdit::ExpectedBenefits(Some(Money(48_000_000))),
        EngagementEdit::ExpectedBudget(Some(Money(21_500_050))),
        EngagementEdit::BenefitsDescription(
            "Online sales up a fifth from a faster, \"mobile-first\" checkout.\nFewer support calls."
                .into(),
        ),
    ] {
        apply(
            &mut w,
            Action::EditEngagement {
                engagement: web,
                edit,
            },
        );
    }
    for (person, kind, role, hours) in [
        (
            lead,
            FunctionKind::EngagementManagement,
            Raci::Accountable,
            600,
        ),
        (sales, FunctionKind::SalesMarketing, Raci::Accountable, 400),
        (pm, FunctionKind::Delivery, Raci::Accountable, 2000),
        (owner, FunctionKind::Delivery, Raci::Consulted, 300),
        (sponsor, FunctionKind::Delivery, Raci::Informed, 25),
        (counsel, FunctionKind::Legal, Raci::Accountable, 500),
        (counsel, FunctionKind::Procurement, Raci::Accountable, 250),
        (
            finance,
            FunctionKind::AdministrationFinance,
            Raci::Accountable,
            300,
        ),
        (desk, FunctionKind::CustomerService, Raci::Accountable, 800),
        (
            desk,
            FunctionKind::QualityManagement,
            Raci::Responsible,
            400,
        ),
    ] {
        let function = function_of(&w, web, kind);
        apply(
            &mut w,
            Action::Assign {
                engagement: web,
                person,
                function,
                role,
                hours: Hours(hours),
            },
        );
    }
    apply(
        &mut w,
        Action::AddFunction {
            engagement: web,
            name: "Accessibility review".into(),
        },
    );
    let functional = function_of(&w, web, FunctionKind::FunctionalManagement);
    apply(
        &mut w,
        Action::SetPmAcceptance {
            engagement: web,
            function: functional,
            accepted: true,
        },
    );
    let decisions: Vec<DecisionArea> = w.engagement(web).unwrap().decisions.clone();
    for d in &decisions {
        let authority = match d.kind {
            DecisionKind::FinalDeal | DecisionKind::Acceptance => Some(sponsor),
            DecisionKind::ScopeChange | DecisionKind::Escalation => Some(lead),
            DecisionKind::Custom => None,
        };
        apply(
            &mut w,
            Action::EditDecisionArea {
                engagement: web,
                decision: d.id,
                edit: DecisionEdit::Authority(authority),
            },
        );
    }
    let reports: Vec<Report> = w.engagement(web).unwrap().reports.clone();
    for r in &reports {
        apply(
            &mut w,
            Action::EditReport {
                engagement: web,
                report: r.id,
                edit: ReportEdit::Owner(Some(pm)),
            },
        );
    }
    for title in [
        "Checkout works on phones",
        "Product pages load in under two seconds",
    ] {
        apply(
            &mut w,
            Action::AddNeed {
                engagement: web,
                title: title.into(),
            },
        );
    }
    let needs: Vec<NeedId> = w
        .engagement(web)
        .unwrap()
        .needs
        .iter()
        .map(|n| n.id)
        .collect();
    for (aspect, coverage) in [
        (NeedAspect::Promised, Coverage::Fully),
        (NeedAspect::Bought, Coverage::Fully),
        (NeedAspect::Needed, Coverage::Fully),
        (NeedAspect::Delivered, Coverage::Partly),
    ] {
        apply(
            &mut w,
            Action::EditNeed {
                engagement: web,
                need: needs[0],
                edit: NeedEdit::Coverage(aspect, coverage),
            },
        );
    }
    apply(
        &mut w,
        Action::EditNeed {
            engagement: web,
            need: needs[1],
            edit: NeedEdit::Coverage(NeedAspect::Promised, Coverage::Fully),
        },
    );
    apply(
        &mut w,
        Action::EditNeed {
            engagement: web,
            need: needs[1],
            edit: NeedEdit::Coverage(NeedAspect::Bought, Coverage::Partly),
        },
    );
    apply(
        &mut w,
        Action::EditNeed {
            engagement: web,
            need: needs[1],
            edit: NeedEdit::Note("Sales promised two seconds; the contract says three.".into()),
        },
    );
    let items: Vec<ComplianceId> = w
        .engagement(web)
        .unwrap()
        .compliance
        .iter()
        .map(|c| c.id)
        .collect();
    for (item, owner, status) in [
        (items[0], counsel, ComplianceStatus::Met),
        (items[1], counsel, ComplianceStatus::InProgress),
        (items[2], finance, ComplianceStatus::NotStarted),
    ] {
        apply(
            &mut w,
            Action::EditComplianceItem {
                engagement: web,
                item,
                edit: ComplianceEdit::Owner(Some(owner)),
            },
        );
        apply(
            &mut w,
            Action::EditComplianceItem {
                engagement: web,
                item,
                edit: ComplianceEdit::Status(status),
            },
        );
    }
    for (party, person) in [(SignOffParty::Sales, sales), (SignOffParty::Delivery, pm)] {
        apply(
            &mut w,
            Action::SignOff {
                engagement: web,
                party,
                person,
                date: "2025-01-14".into(),
            },
        );
    }

    // An in-house project, sharing the PM (whose hours add up across both).
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "Payroll migration".into(),
            template: Template::InHouseProject,
        },
    );
    let payroll = engagement_named(&w, "Payroll migration");
    for edit in [
        EngagementEdit::Client("Finance department".into()),
        EngagementEdit::Provider("IT department".into()),
        EngagementEdit::Currency("USD".into()),
        EngagementEdit::Pm(Some(pm)),
        EngagementEdit::Champion(Some(finance)),
        EngagementEdit::AgreementDocumenter(Some(pm)),
        EngagementEdit::ExpectedBenefits(Some(Money(9_000_000))),
    ] {
        apply(
            &mut w,
            Action::EditEngagement {
                engagement: payroll,
                edit,
            },
        );
    }
    for (person, kind, role, hours) in [
        (pm, FunctionKind::Delivery, Raci::Accountable, 1600),
        (finance, FunctionKind::Delivery, Raci::Consulted, 200),
        (
            finance,
            FunctionKind::AdministrationFinance,
            Raci::Accountable,
            200,
        ),
        (desk, FunctionKind::CustomerService, Raci::Responsible, 500),
        (sponsor, FunctionKind::SalesMarketing, Raci::Informed, 0),
    ] {
        let function = function_of(&w, payroll, kind);
        apply(
            &mut w,
            Action::Assign {
                engagement: payroll,
                person,
                function,
                role,
                hours: Hours(hours),
            },
        );
    }
    let customer_service = function_of(&w, payroll, FunctionKind::CustomerService);
    apply(
        &mut w,
        Action::SetPmAcceptance {
            engagement: payroll,
            function: customer_service,
            accepted: true,
        },
    );
    let procurement = function_of(&w, payroll, FunctionKind::Procurement);
    apply(
        &mut w,
        Action::RemoveFunction {
            engagement: payroll,
            function: procurement,
        },
    );
    apply(
        &mut w,
        Action::AddDecisionArea {
            engagement: payroll,
            name: "Cut-over date".into(),
        },
    );
    let cut_over = w.engagement(payroll).unwrap().decisions.last().unwrap().id;
    apply(
        &mut w,
        Action::EditDecisionArea {
            engagement: payroll,
            decision: cut_over,
            edit: DecisionEdit::Method(Some(DecisionMethod::Majority)),
        },
    );
    apply(
        &mut w,
        Action::AddReport {
            engagement: payroll,
            name: "Parallel-run results".into(),
        },
    );
    let parallel = w.engagement(payroll).unwrap().reports.last().unwrap().id;
    for edit in [
        ReportEdit::Owner(Some(finance)),
        ReportEdit::Audience([StakeholderGroup::Sponsor, StakeholderGroup::Finance].into()),
        ReportEdit::Frequency(Some(Frequency::PerMilestone)),
    ] {
        apply(
            &mut w,
            Action::EditReport {
                engagement: payroll,
                report: parallel,
                edit,
            },
        );
    }
    apply(
        &mut w,
        Action::AddNeed {
            engagement: payroll,
            title: "Every employee paid correctly in the first month".into(),
        },
    );
    apply(
        &mut w,
        Action::AddComplianceItem {
            engagement: payroll,
            rule: "Payroll tax filing deadlines met".into(),
        },
    );
    let tax = w.engagement(payroll).unwrap().compliance.last().unwrap().id;
    apply(
        &mut w,
        Action::EditComplianceItem {
            engagement: payroll,
            item: tax,
            edit: ComplianceEdit::Owner(Some(finance)),
        },
    );
    apply(
        &mut w,
        Action::SignOff {
            engagement: payroll,
            party: SignOffParty::CustomerService,
            person: desk,
            date: "2025-01-15".into(),
        },
    );
    w
}

/// The realistic portfolio with the website relaunch priced: a rate card, a
/// collaborative base worksheet (estimates, a need, expenses, discounts,
/// contingencies) approved by the engagement manager, and a discounted scenario chosen
/// as the deal. Built only through `apply`.
fn priced_workspace() -> Workspace {
    let mut w = realistic_workspace();
    let web = engagement_named(&w, "Website relaunch");
    let lead = person_named(&w, "Engagement Lead");
    let pm = person_named(&w, "Project Manager");
    // The engagement lead decides the deal: the final deal is decided by consensus, so
    // the engagement manager (or a sponsor of the engagement) records it.
    let deal = w
        .engagement(web)
        .unwrap()
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::FinalDeal)
        .unwrap()
        .id;
    apply(
        &mut w,
        Action::EditDecisionArea {
            engagement: web,
            decision: deal,
            edit: DecisionEdit::Method(Some(DecisionMethod::Consensus)),
        },
    );
    let act = |w: &mut Workspace, action: PricingAction| {
        apply(
            w,
            Action::Pricing {
                engagement: web,
                action,
            },
        )
    };
    for (name, cost, bill) in [
        ("Developer", 6_500, 11_000),
        ("Designer", 5_800, 9_500),
        ("Architect", 9_000, 16_000),
    ] {
        act(
            &mut w,
            PricingAction::AddRateRole {
                name: name.into(),
                cost_rate: Money(cost),
                bill_rate: Money(bill),
            },
        );
    }
    act(
        &mut w,
        PricingAction::AddWorksheet {
            name: "Base".into(),
            style: SellingStyle::Collaborative,
        },
    );
    let (roles, ws, need) = {
        let e = w.engagement(web).unwrap();
        let roles: Vec<RateRoleId> = e.pricing.rate_card.iter().map(|r| r.id).collect();
        (roles, e.pricing.worksheets[0].id, e.needs[0].id)
    };
    for (field, value) in [
        (WorksheetField::CostContingency, Bps::percent(10)),
        (WorksheetField::BillableContingency, Bps::percent(5)),
        (WorksheetField::TargetMargin, Bps::percent(30)),
        (WorksheetField::CommissionRate, Bps(750)),
    ] {
        act(
            &mut w,
            PricingAction::SetWorksheetField {
                worksheet: ws,
                field,
                value,
            },
        );
    }
    for (name, billing) in [
        ("Checkout redesign", BillingType::FixedFee),
        ("Performance tuning", BillingType::TimeAndMaterials),
        ("Internal handover", BillingType::NonBillable),
    ] {
        act(
            &mut w,
            PricingAction::AddLine {
                worksheet: ws,
                name: name.into(),
                billing,
            },
        );
    }
    let lines: Vec<LineId> = w.engagement(web).unwrap().pricing.worksheets[0]
        .lines
        .iter()
        .map(|l| l.id)
        .collect();
    let edits = [
        (lines[0], LineEdit::Hours(roles[0], Hours(12_000))),
        (lines[0], LineEdit::Hours(roles[1], Hours(4_050))),
        (lines[0], LineEdit::Hours(roles[2], Hours(1_600))),
        (lines[0], LineEdit::Need(Some(need))),
        (lines[0], LineEdit::Estimator(Some(pm))),
        (lines[0], LineEdit::DeliveryHours(roles[0], Hours(14_000))),
        (lines[0], LineEdit::DeliveryHours(roles[1], Hours(4_000))),
        (lines[0], LineEdit::DeliveryHours(roles[2], Hours(2_000))),
        (lines[0], LineEdit::Discount(Bps::percent(5))),
        (lines[1], LineEdit::Hours(roles[0], Hours(6_000))),
        (lines[1], LineEdit::Hours(roles[2], Hours(825))),
        (lines[1], LineEdit::Estimator(Some(lead))),
        (lines[1], LineEdit::DeliveryHours(roles[0], Hours(5_500))),
        (lines[2], LineEdit::Hours(roles[0], Hours(1_600))),
    ];
    for (line, edit) in edits {
        act(
            &mut w,
            PricingAction::EditLine {
                worksheet: ws,
                line,
                edit,
            },
        );
    }
    for (name, cost, markup) in [
        ("Usability lab", 240_000, Bps::percent(15)),
        ("Travel", 85_050, Bps(0)),
    ] {
        act(
            &mut w,
            PricingAction::AddExpense {
                worksheet: ws,
                line: lines[0],
                name: name.into(),
                cost: Money(cost),
                markup,
            },
        );
    }
    act(&mut w, PricingAction::Submit { worksheet: ws });
    act(
        &mut w,
        PricingAction::Reject {
            worksheet: ws,
            by: lead,
            note: "Add the handover, \"non-billable\".".into(),
        },
    );
    act(&mut w, PricingAction::Submit { worksheet: ws });
    act(
        &mut w,
        PricingAction::Approve {
            worksheet: ws,
            by: lead,
            date: "2025-03-01".into(),
        },
    );
    act(
        &mut w,
        PricingAction::DuplicateWorksheet {
            worksheet: ws,
            name: "Loyalty discount".into(),
        },
    );
    let scenario = w.engagement(web).unwrap().pricing.worksheets[1].id;
    act(
        &mut w,
        PricingAction::SetWorksheetField {
            worksheet: scenario,
            field: WorksheetField::GlobalDiscount,
            value: Bps(250),
        },
    );
    act(
        &mut w,
        PricingAction::SetDeal {
            worksheet: Some(scenario),
        },
    );
    w
}

/// A portfolio in currencies whose minor unit is not the cent: a Tokyo engagement in
/// yen (no decimals), a Kuwait engagement in dinars (three decimals) and a Reykjavik
/// one in krónur (no decimals), each with the sponsors' benefits and budget as a
/// version-2 build stored them (always in hundredths, whatever the currency) and the
/// first two priced in the currency's own minor unit, as pricing always was. Built only
/// through `apply`.
fn currencies_workspace() -> Workspace {
    let mut w = Workspace::default();
    for (name, side, group) in [
        (
            "Aiko Tanaka",
            Side::Provider,
            StakeholderGroup::EngagementManager,
        ),
        (
            "Omar Haddad",
            Side::Provider,
            StakeholderGroup::ProjectManager,
        ),
        ("Client Sponsor", Side::Client, StakeholderGroup::Sponsor),
    ] {
        apply(
            &mut w,
            Action::AddPerson {
                name: name.into(),
                side,
                group,
                capacity: Hours(4000),
            },
        );
    }
    let lead = person_named(&w, "Aiko Tanaka");
    // (name, currency, benefits and budget as a version-2 build stored them, and a
    // priced line: bill rate and hours in the currency's minor unit)
    type Case = (
        &'static str,
        &'static str,
        Option<i64>,
        Option<i64>,
        Option<(i64, u32)>,
    );
    let engagements: [Case; 3] = [
        // ¥1,200,000 and ¥900,000; priced at 70 h × ¥10,000 = ¥700,000.
        (
            "Tokyo showroom",
            "JPY",
            Some(120_000_000),
            Some(90_000_000),
            Some((10_000, 7_000)),
        ),
        // KWD 25,000.50 and KWD 12,000; priced at 200 h × KWD 45.500 = KWD 9,100.000.
        (
            "Kuwait portal",
            "KWD",
            Some(2_500_050),
            Some(1_200_000),
            Some((45_500, 20_000)),
        ),
        // No benefits stated, a budget of nothing; not priced.
        ("Reykjavik kiosk", "ISK", None, Some(0), None),
    ];
    for (name, code, benefits, budget, priced) in engagements {
        apply(
            &mut w,
            Action::CreateEngagement {
                name: name.into(),
                template: Template::ContractedVendor,
            },
        );
        let e = engagement_named(&w, name);
        for edit in [
            EngagementEdit::Currency(code.into()),
            EngagementEdit::EngagementManager(Some(lead)),
            EngagementEdit::ExpectedBenefits(benefits.map(Money)),
            EngagementEdit::ExpectedBudget(budget.map(Money)),
        ] {
            apply(
                &mut w,
                Action::EditEngagement {
                    engagement: e,
                    edit,
                },
            );
        }
        let Some((bill, hours)) = priced else {
            continue;
        };
        let act = |w: &mut Workspace, action: PricingAction| {
            apply(
                w,
                Action::Pricing {
                    engagement: e,
                    action,
                },
            )
        };
        act(
            &mut w,
            PricingAction::AddRateRole {
                name: "Consultant".into(),
                cost_rate: Money(bill / 2),
                bill_rate: Money(bill),
            },
        );
        act(
            &mut w,
            PricingAction::AddWorksheet {
                name: "Base".into(),
                style: SellingStyle::Collaborative,
            },
        );
        let (role, ws) = {
            let p = &w.engagement(e).unwrap().pricing;
            (p.rate_card[0].id, p.worksheets[0].id)
        };
        act(
            &mut w,
            PricingAction::AddLine {
                worksheet: ws,
                name: "Build".into(),
                billing: BillingType::FixedFee,
            },
        );
        let line = w.engagement(e).unwrap().pricing.worksheets[0].lines[0].id;
        act(
            &mut w,
            PricingAction::EditLine {
                worksheet: ws,
                line,
                edit: LineEdit::Hours(role, Hours(hours)),
            },
        );
    }
    w
}

/// The same portfolio as a version-3 build makes it: the sponsors' amounts in the
/// currency's minor unit (¥1,200,000 is 1,200,000; KWD 25,000.500 is 25,000,500).
fn currencies_workspace_v3() -> Workspace {
    let mut w = currencies_workspace();
    for (name, benefits, budget) in [
        ("Tokyo showroom", Some(1_200_000), Some(900_000)),
        ("Kuwait portal", Some(25_000_500), Some(12_000_000)),
    ] {
        let e = engagement_named(&w, name);
        for edit in [
            EngagementEdit::ExpectedBenefits(benefits.map(Money)),
            EngagementEdit::ExpectedBudget(budget.map(Money)),
        ] {
            apply(
                &mut w,
                Action::EditEngagement {
                    engagement: e,
                    edit,
                },
            );
        }
    }
    w
}

// ---------------------------------------------------------------------------------
// Round trips and exports

#[test]
fn a_workspace_round_trips() {
    let w = realistic_workspace();
    let text = to_json(&w, Some("2025-03-01T12:00:00.000Z"));
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.workspace, w);
    assert_eq!(loaded.kind, DocumentKind::Workspace);
    assert_eq!(loaded.migrated_from, None);
    assert_eq!(loaded.saved_at.as_deref(), Some("2025-03-01T12:00:00.000Z"));
    assert_eq!(loaded.app_version.as_deref(), Some(APP_VERSION));
}

#[test]
fn a_priced_workspace_round_trips() {
    let w = priced_workspace();
    let text = to_json(&w, None);
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.workspace, w);
    assert_eq!(loaded.migrated_from, None);
    // An engagement export carries its pricing, estimator and approver included.
    let web = engagement_named(&w, "Website relaunch");
    let text = engagement_to_json(&w, web, None).unwrap();
    let one = from_json(&text).unwrap().workspace;
    assert_eq!(
        one.engagements[0].pricing,
        w.engagement(web).unwrap().pricing
    );
    assert!(one.person(person_named(&w, "Engagement Lead")).is_some());
}

#[test]
fn the_empty_workspace_round_trips() {
    let loaded = from_json(&to_json(&Workspace::default(), None)).unwrap();
    assert_eq!(loaded.workspace, Workspace::default());
    assert_eq!(loaded.saved_at, None);
}

#[test]
fn the_envelope_has_format_version_kind_and_app_version() {
    let doc: Value = serde_json::from_str(&to_json(&Workspace::default(), Some("x"))).unwrap();
    assert_eq!(doc["format"], "engagement-planner");
    assert_eq!(doc["version"], CURRENT_VERSION);
    assert_eq!(doc["kind"], "workspace");
    assert_eq!(doc["saved_at"], "x");
    assert_eq!(doc["app_version"], env!("CARGO_PKG_VERSION"));
    assert!(doc["workspace"].is_object());
}

#[test]
fn saved_at_may_be_milliseconds_or_absent() {
    let text = to_json(&Workspace::default(), Some("2025"));
    let millis = text.replace("\"saved_at\": \"2025\"", "\"saved_at\": 1735689600000");
    assert_eq!(
        from_json(&millis).unwrap().saved_at.as_deref(),
        Some("1735689600000")
    );
    let absent = text.replace("\"saved_at\": \"2025\",", "");
    assert_eq!(from_json(&absent).unwrap().saved_at, None);
}

#[test]
fn an_engagement_export_holds_only_its_people_and_loads() {
    let w = realistic_workspace();
    let payroll = engagement_named(&w, "Payroll migration");
    let text = engagement_to_json(&w, payroll, Some("2025-03-01T12:00:00.000Z")).unwrap();
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.kind, DocumentKind::Engagement);
    let part = loaded.workspace;
    assert_eq!(part.engagements.len(), 1);
    assert_eq!(part.engagements[0], *w.engagement(payroll).unwrap());
    assert_eq!(part.next_id, w.next_id);
    let referenced = w.engagement(payroll).unwrap().referenced_people();
    let exported: std::collections::BTreeSet<PersonId> = part.people.iter().map(|p| p.id).collect();
    assert_eq!(exported, referenced);
    // Nobody from the other engagement only.
    assert!(part.person(person_named(&w, "Contracts Counsel")).is_none());
    assert_eq!(Some(&part), engagement_workspace(&w, payroll).as_ref());

    // Importing it into the workspace it came from merges its people by name.
    let mut merged = w.clone();
    merged
        .apply(Action::ImportEngagements { from: part })
        .unwrap();
    assert_eq!(merged.engagements.len(), 3);
    assert_eq!(merged.people.len(), w.people.len());
}

#[test]
fn exporting_an_unknown_engagement_gives_nothing() {
    let w = realistic_workspace();
    assert_eq!(engagement_to_json(&w, EngagementId(9_999), None), None);
    assert_eq!(engagement_workspace(&w, EngagementId(9_999)), None);
}

#[test]
fn an_engagement_file_must_hold_one_engagement() {
    let w = realistic_workspace();
    let text = to_json(&w, None).replace("\"kind\": \"workspace\"", "\"kind\": \"engagement\"");
    let err = from_json(&text).unwrap_err();
    assert!(
        err.details()
            .iter()
            .any(|d| d.contains("exactly one engagement")),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------------
// Every way a document is refused

fn example() -> String {
    fixture("example.workspace.json")
}

/// `example()` with one literal piece of text replaced; panics if it is not there, so
/// a test cannot pass by replacing nothing.
fn example_with(from: &str, to: &str) -> String {
    let text = example();
    assert!(text.contains(from), "the example has no {from:?}");
    text.replacen(from, to, 1)
}

/// The values of the wrong shape a document is refused for.
fn bad_content(text: &str) -> Problems {
    match from_json(text) {
        Err(LoadError::BadContent(problems)) => problems,
        other => panic!("expected BadContent, got {other:?}"),
    }
}

fn problems(text: &str) -> Vec<Problem> {
    match from_json(text) {
        Err(LoadError::Invalid(problems)) => problems.list,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn text_that_is_not_json_is_refused_with_its_position() {
    let err = from_json("{\n  \"format\": \"engagement-planner\",\n  oops\n}").unwrap_err();
    match &err {
        LoadError::NotJson { line, column, .. } => assert_eq!((*line, *column), (3, 3)),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains(
        "not valid JSON. At line 3, column 3, the name of a field must be in double quotes."
    ));
    for text in ["", "   ", "\u{feff}"] {
        assert_eq!(from_json(text).unwrap_err(), LoadError::Empty, "{text:?}");
    }
    for text in ["not json", "{", "[1,", "\"unterminated", "{\"a\":1}}"] {
        assert!(
            matches!(from_json(text), Err(LoadError::NotJson { .. })),
            "{text:?}"
        );
    }
}

#[test]
fn json_of_another_kind_is_not_our_format() {
    for text in [
        "[]",
        "42",
        "null",
        "\"engagement-planner\"",
        "{}",
        "{\"version\": 1}",
        "{\"format\": 1, \"version\": 1}",
    ] {
        let err = from_json(text).unwrap_err();
        assert_eq!(err, LoadError::NotOurFormat { found: None }, "{text}");
        assert!(err
            .to_string()
            .starts_with("This is not an Engagement Planner file"));
    }
    let err = from_json("{\"format\": \"excalidraw\", \"version\": 2}").unwrap_err();
    assert_eq!(
        err,
        LoadError::NotOurFormat {
            found: Some("excalidraw".into())
        }
    );
    assert!(err.to_string().contains("\"excalidraw\""));
}

#[test]
fn a_missing_version_is_refused() {
    let text = example_with("\"version\": 7,", "");
    assert_eq!(from_json(&text).unwrap_err(), LoadError::MissingVersion);
    let text = example_with("\"version\": 7,", "\"version\": null,");
    assert_eq!(from_json(&text).unwrap_err(), LoadError::MissingVersion);
}

#[test]
fn a_version_that_is_not_a_positive_whole_number_is_refused() {
    for version in ["\"1\"", "1.5", "1.0", "-1", "0", "true", "[1]", "1e3"] {
        let text = example_with("\"version\": 7,", &format!("\"version\": {version},"));
        let err = from_json(&text).unwrap_err();
        assert!(
            matches!(err, LoadError::BadVersion { .. }),
            "{version}: {err:?}"
        );
        assert!(err.to_string().contains("whole number"));
    }
}

#[test]
fn a_newer_version_is_refused_with_a_clear_message() {
    let text = example_with("\"version\": 7,", "\"version\": 8,");
    let err = from_json(&text).unwrap_err();
    assert_eq!(
        err,
        LoadError::NewerVersion {
            found: 8,
            supported: 7
        }
    );
    assert_eq!(
        err.to_string(),
        "This file was saved by a newer version (v8) of Engagement Planner; this one reads up to v7. Open it in the newer version, or ask the sender to export it again."
    );
    let huge = example_with("\"version\": 7,", "\"version\": 18446744073709551615,");
    assert!(matches!(
        from_json(&huge),
        Err(LoadError::NewerVersion { .. })
    ));
}

#[test]
fn a_missing_or_unknown_kind_is_refused() {
    let text = example_with("\"kind\": \"workspace\",", "");
    assert_eq!(
        from_json(&text).unwrap_err(),
        LoadError::BadKind { found: None }
    );
    let text = example_with("\"kind\": \"workspace\",", "\"kind\": \"template\",");
    let err = from_json(&text).unwrap_err();
    assert_eq!(
        err,
        LoadError::BadKind {
            found: Some("template".into())
        }
    );
    assert!(err.to_string().contains("workspace or an engagement"));
}

#[test]
fn a_value_of_the_wrong_type_is_named_by_its_thing_and_field() {
    let found = bad_content(&example_with(
        "\"capacity\": 4000",
        "\"capacity\": \"forty\"",
    ));
    assert_eq!(found[0].path, "workspace.people[0].capacity");
    assert_eq!(
        found[0].to_string(),
        "Person \"Project Manager\": the capacity must be a whole number of hundredths of an hour from 0 to 16800 (168 hours), not \"forty\""
    );

    let found = bad_content(&example_with(
        "\"agreement_formal\": true",
        "\"agreement_formal\": \"yes\"",
    ));
    assert_eq!(found[0].path, "workspace.engagements[0].agreement_formal");
    assert_eq!(
        found[0].to_string(),
        "Engagement \"Website relaunch\": the formal agreement must be true or false, not \"yes\""
    );

    let found = bad_content(&example_with(
        "\"side\": \"client\"",
        "\"side\": \"martian\"",
    ));
    assert_eq!(found[0].path, "workspace.people[1].side");
    assert_eq!(
        found[0].message,
        "the side must be one of \"client\", \"provider\", \"third_party\", not \"martian\""
    );

    let found = bad_content(&example_with(
        "\"pm_accepted\": [\n",
        "\"pm_accepted\": [\n\"x\",\n",
    ));
    assert_eq!(found[0].path, "workspace.engagements[0].pm_accepted[0]");
    assert_eq!(
        found[0].place,
        "engagement \"Website relaunch\", the 1st function the PM accepted"
    );
    assert!(found[0].message.contains("group of fields"), "{found:?}");

    // Readable but beyond the limit, the validator names it the same way.
    let err = from_json(&example_with("\"hours\": 400\n", "\"hours\": 99999\n")).unwrap_err();
    let LoadError::Invalid(problems) = &err else {
        panic!("expected Invalid, got {err:?}");
    };
    assert_eq!(
        problems.list[0].place,
        "engagement \"Website relaunch\", function \"Customer service\", accepted by the PM"
    );
    assert_eq!(
        problems.list[0].message,
        "the hours must be at most 168 hours a week, not 999.99"
    );

    let found = bad_content(&example_with("\"next_id\": 12", "\"next_id\": {}"));
    assert_eq!(found[0].path, "workspace.next_id");
    assert_eq!(found[0].place, "the workspace");

    let found = bad_content(&example_with(
        "\"workspace\": {",
        "\"workspace\": 7, \"unused\": {",
    ));
    assert_eq!(found[0].path, "workspace");
    assert_eq!(
        found[0].to_string(),
        "The workspace must be a group of fields written between { and }, not 7"
    );
}

#[test]
fn a_missing_field_is_named() {
    let text = example_with("\"name\": \"Client Sponsor\",", "");
    let found = bad_content(&text);
    assert_eq!(found[0].path, "workspace.people[1].name");
    assert_eq!(
        found[0].to_string(),
        "The 2nd person: the field \"name\" is missing"
    );

    let text = example_with("\"sponsor_value\"", "\"not_sponsor_value\"");
    let found = bad_content(&text);
    assert_eq!(
        found[0].to_string(),
        "Engagement \"Website relaunch\": the field \"sponsor_value\" (the sponsor value) is missing"
    );

    let doc = "{\"format\": \"engagement-planner\", \"version\": 1, \"kind\": \"workspace\"}";
    let found = bad_content(doc);
    assert_eq!(found[0].path, "workspace");
    assert_eq!(found[0].to_string(), "The field \"workspace\" is missing");
}

#[test]
fn negative_and_huge_numbers_are_refused_cleanly() {
    for (from, to, path, limit) in [
        (
            "\"capacity\": 4000",
            "\"capacity\": -100",
            "workspace.people[0].capacity",
            "from 0 to 16800 (168 hours), not -100",
        ),
        (
            "\"capacity\": 4000",
            "\"capacity\": 4294967296",
            "workspace.people[0].capacity",
            "(168 hours), not 4294967296",
        ),
        (
            "\"capacity\": 4000",
            "\"capacity\": 40.5",
            "workspace.people[0].capacity",
            "(168 hours), not 40.5",
        ),
        (
            "\"hours\": 2000",
            "\"hours\": -1",
            "workspace.engagements[0].assignments[0].hours",
            "(168 hours), not -1",
        ),
        (
            "\"id\": 1,",
            "\"id\": -1,",
            "workspace.people[0].id",
            "below next_id, not -1",
        ),
        (
            "\"next_id\": 12",
            "\"next_id\": 99999999999",
            "workspace.next_id",
            "from 0 to 4,294,967,295, not 99999999999",
        ),
        (
            "\"expected_benefits\": 25000000",
            "\"expected_benefits\": 9223372036854775808",
            "workspace.engagements[0].sponsor_value.expected_benefits",
            "from 0 to 1,000,000,000,000,000 (\u{20ac}10,000,000,000,000.00), or be left out, not 9223372036854775808",
        ),
        (
            "\"expected_budget\": 12000000",
            "\"expected_budget\": 1.5e300",
            "workspace.engagements[0].sponsor_value.expected_budget",
            "not 1.5e+300",
        ),
    ] {
        let found = bad_content(&example_with(from, to));
        assert_eq!(found[0].path, path, "{to}");
        assert!(found[0].message.contains(limit), "{to}: {found:?}");
    }
    // Beyond what a double can hold is not even a JSON number serde_json accepts.
    let text = example_with("\"capacity\": 4000", "\"capacity\": 1e400");
    let err = from_json(&text).unwrap_err();
    assert!(matches!(err, LoadError::NotJson { .. }));
    assert!(
        err.to_string().contains("a number is too large to read"),
        "{err}"
    );
}

#[test]
fn money_out_of_range_is_refused() {
    for amount in ["-1", "1000000000000001", "9223372036854775807"] {
        let text = example_with(
            "\"expected_benefits\": 25000000",
            &format!("\"expected_benefits\": {amount}"),
        );
        let found = problems(&text);
        assert_eq!(
            found[0].path,
            "workspace.engagements[0].sponsor_value.expected_benefits"
        );
    }
}

#[test]
fn nine_hundred_ninety_nine_hours_a_week_is_refused() {
    let found = problems(&example_with("\"hours\": 2000", "\"hours\": 99900"));
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].path,
        "workspace.engagements[0].assignments[0].hours"
    );
    assert!(found[0].message.contains("168"));
    let found = problems(&example_with("\"capacity\": 4000", "\"capacity\": 16801"));
    assert_eq!(found[0].path, "workspace.people[0].capacity");
}

#[test]
fn dangling_references_are_refused() {
    let found = problems(&example_with("\"person\": 2,", "\"person\": 99,"));
    assert_eq!(
        found[0].path,
        "workspace.engagements[0].assignments[1].person"
    );
    assert!(found[0].message.contains("person 99"));

    let found = problems(&example_with("\"function\": 4,", "\"function\": 7,"));
    assert_eq!(
        found[0].path,
        "workspace.engagements[0].assignments[0].function"
    );

    let found = problems(&example_with("\"pm\": 1,", "\"pm\": 42,"));
    assert_eq!(found[0].path, "workspace.engagements[0].pm");

    let found = problems(&example_with("\"authority\": 2", "\"authority\": 3"));
    assert_eq!(
        found[0].path,
        "workspace.engagements[0].decisions[0].authority"
    );
}

/// A change to a document's JSON.
type Change = Box<dyn FnOnce(&mut Value)>;

/// The v2 fixture with one change made to its JSON, and what reading it says.
fn v2_with(change: impl FnOnce(&mut Value)) -> Result<LoadedDocument, LoadError> {
    let mut doc: Value = serde_json::from_str(&fixture("v2-workspace.json")).unwrap();
    change(&mut doc);
    from_json(&serde_json::to_string_pretty(&doc).unwrap())
}

#[test]
fn hostile_pricing_is_refused_with_its_path() {
    let base = "workspace.engagements[0].pricing";
    let cases: Vec<(&str, Change, String)> = vec![
        (
            "a negative rate",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["rate_card"][0]["cost_rate"] =
                    (-1).into()
            }),
            format!("{base}.rate_card[0].cost_rate"),
        ),
        (
            "a rate beyond the money limit",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["rate_card"][1]["bill_rate"] =
                    1_000_000_000_000_001i64.into()
            }),
            format!("{base}.rate_card[1].bill_rate"),
        ),
        (
            "a 100 % target margin",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][1]["target_margin"] =
                    10_000.into()
            }),
            format!("{base}.worksheets[1].target_margin"),
        ),
        (
            "a negative agreed fee",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][1]["lines"][0]["fee"] =
                    (-1).into()
            }),
            format!("{base}.worksheets[1].lines[0].fee"),
        ),
        (
            "a cap beyond the money limit",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][1]["lines"][1]["cap"] =
                    1_000_000_000_000_001i64.into()
            }),
            format!("{base}.worksheets[1].lines[1].cap"),
        ),
        (
            "a default target margin of 100 %",
            Box::new(|d| d["workspace"]["default_target_margin"] = 10_000.into()),
            "workspace.default_target_margin".to_string(),
        ),
        (
            "a negative discount",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]
                    ["discount"] = (-5).into()
            }),
            format!("{base}.worksheets[0].lines[0].discount"),
        ),
        (
            "a markup beyond 10,000 %",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]
                    ["expenses"][0]["markup"] = 1_000_001.into()
            }),
            format!("{base}.worksheets[0].lines[0].expenses[0].markup"),
        ),
        (
            "hours for a role the rate card lacks",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][1]["hours"]
                    ["9999"] = 100.into()
            }),
            format!("{base}.worksheets[0].lines[1].hours.9999"),
        ),
        (
            "more hours than one line can have",
            Box::new(|d| {
                let hours = &mut d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]
                    ["lines"][2]["hours"];
                let key = hours.as_object().unwrap().keys().next().unwrap().clone();
                hours[key.as_str()] = 10_000_001.into();
            }),
            String::new(),
        ),
        (
            "an estimator not on the roster",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]
                    ["estimator"] = 999.into()
            }),
            format!("{base}.worksheets[0].lines[0].estimator"),
        ),
        (
            "a need of no engagement",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][1]["lines"][0]["need"] =
                    999.into()
            }),
            format!("{base}.worksheets[1].lines[0].need"),
        ),
        (
            "a deal that is not a worksheet",
            Box::new(|d| d["workspace"]["engagements"][0]["pricing"]["deal"] = 1.into()),
            format!("{base}.deal"),
        ),
        (
            "an approver from the future",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["approval"] =
                    serde_json::json!({"approved": {"by": 1_000_000}})
            }),
            format!("{base}.worksheets[0].approval"),
        ),
        (
            "a worksheet id used twice",
            Box::new(|d| {
                let first =
                    d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["id"].clone();
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][1]["id"] = first;
            }),
            format!("{base}.worksheets[1].id"),
        ),
        (
            "a blank line name",
            Box::new(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][1]["name"] =
                    " ".into()
            }),
            format!("{base}.worksheets[0].lines[1].name"),
        ),
    ];
    for (what, change, path) in cases {
        let err = v2_with(change).expect_err(what);
        let LoadError::Invalid(problems) = err else {
            panic!("{what}: {err:?}");
        };
        if path.is_empty() {
            assert!(
                problems[0].message.contains("100,000"),
                "{what}: {problems:?}"
            );
        } else {
            assert_eq!(problems[0].path, path, "{what}: {problems:?}");
        }
    }
    // Wrong shapes are refused before the rules, with the path of the field.
    for (what, change, path) in [
        (
            "an unknown billing type",
            Box::new(|d: &mut Value| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]
                    ["billing"] = "free".into()
            }) as Change,
            format!("{base}.worksheets[0].lines[0].billing"),
        ),
        (
            "a fractional percentage",
            Box::new(|d: &mut Value| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["global_discount"] =
                    2.5.into()
            }),
            format!("{base}.worksheets[0].global_discount"),
        ),
        (
            "a role key that is not a number",
            Box::new(|d: &mut Value| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]["hours"]
                    ["dev"] = 1.into()
            }),
            format!("{base}.worksheets[0].lines[0].hours"),
        ),
        (
            "an unknown approval",
            Box::new(|d: &mut Value| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["approval"] =
                    "signed".into()
            }),
            format!("{base}.worksheets[0].approval"),
        ),
    ] {
        match v2_with(change) {
            Err(LoadError::BadContent(problems)) => {
                let found = &problems[0].path;
                assert!(
                    found.starts_with(&path),
                    "{what}: {found} is not under {path}"
                )
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    // Figures too large to be exact: the highest rate on the most hours.
    let err = v2_with(|d| {
        let p = &mut d["workspace"]["engagements"][0]["pricing"];
        p["rate_card"][0]["bill_rate"] = 1_000_000_000_000_000i64.into();
        let line = &mut p["worksheets"][1]["lines"][0]["hours"];
        let key = line.as_object().unwrap().keys().next().unwrap().clone();
        line[key.as_str()] = 10_000_000.into();
    })
    .unwrap_err();
    assert!(
        err.details().iter().any(|d| d.contains("exceed")),
        "{:?}",
        err.details()
    );
}

#[test]
fn two_accountables_on_one_function_are_refused() {
    let found = problems(&example_with(
        "\"role\": \"informed\"",
        "\"role\": \"accountable\"",
    ));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "workspace.engagements[0].assignments[1]");
    assert!(found[0].message.contains("second Accountable"));
}

#[test]
fn duplicate_and_out_of_range_ids_are_refused() {
    let found = problems(&example_with("\"id\": 2,", "\"id\": 1,"));
    assert!(
        found.iter().any(|p| p.message.contains("used twice")),
        "{found:?}"
    );
    let found = problems(&example_with("\"next_id\": 12", "\"next_id\": 10"));
    assert!(found
        .iter()
        .any(|p| p.message.contains("not below next_id")));
}

#[test]
fn every_problem_is_listed_in_the_details() {
    let text = example_with("\"hours\": 2000", "\"hours\": 99900");
    let text = text.replacen("\"person\": 2,", "\"person\": 99,", 1);
    let text = text.replacen("\"currency\": \"EUR\"", "\"currency\": \"euro\"", 1);
    let text = text.replacen("\"name\": \"Project Manager\"", "\"name\": \"  \"", 1);
    let err = from_json(&text).unwrap_err();
    let LoadError::Invalid(found) = &err else {
        panic!("{err:?}");
    };
    let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "workspace.people[0].name",
            "workspace.engagements[0].currency",
            // Every field that names a person is checked first, in one walk.
            "workspace.engagements[0].assignments[1].person",
            "workspace.engagements[0].assignments[0].hours",
        ]
    );
    let details = err.details();
    assert_eq!(details.len(), 4, "{details:#?}");
    for (detail, problem) in details.iter().zip(found.iter()) {
        assert!(err.to_string().contains(detail.as_str()), "{err}");
        assert_eq!(*detail, problem.to_string());
    }
    assert!(
        err.to_string().starts_with("This file has 4 problems:\n"),
        "{err}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let mut text = example();
    text.push_str(&" ".repeat(MAX_DOCUMENT_BYTES - text.len()));
    assert!(from_json(&text).is_ok(), "exactly at the limit is fine");
    text.push(' ');
    let err = from_json(&text).unwrap_err();
    assert_eq!(
        err,
        LoadError::TooLarge {
            bytes: MAX_DOCUMENT_BYTES + 1,
            limit: MAX_DOCUMENT_BYTES
        }
    );
    assert_eq!(
        err.to_string(),
        "This file is too large to open: it is 10,485,761 bytes, and Engagement Planner opens files of up to 10,485,760 bytes (10 MB)."
    );
    // Garbage that large is refused just the same, without being parsed.
    let garbage = "[".repeat(MAX_DOCUMENT_BYTES + 1);
    assert!(matches!(
        from_json(&garbage),
        Err(LoadError::TooLarge { .. })
    ));
}

#[test]
fn deeply_nested_and_hostile_input_is_refused_without_crashing() {
    for depth in [129, 10_000, 1_000_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(matches!(from_json(&nested), Err(LoadError::NotJson { .. })));
        let inside = example_with(
            "\"next_id\": 12",
            &format!("\"next_id\": 12, \"extra\": {nested}"),
        );
        assert!(matches!(from_json(&inside), Err(LoadError::NotJson { .. })));
        let objects = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert!(from_json(&objects).is_err());
    }
    // Nesting within serde_json's limit but where a number belongs.
    let text = example_with(
        "\"capacity\": 4000",
        &format!("\"capacity\": {}1{}", "[".repeat(100), "]".repeat(100)),
    );
    assert_eq!(bad_content(&text)[0].path, "workspace.people[0].capacity");
    // A name far beyond the limit is a problem, not a crash.
    let long = "x".repeat(100_000);
    let found = problems(&example_with(
        "\"name\": \"Project Manager\"",
        &format!("\"name\": \"{long}\""),
    ));
    assert!(found[0].message.contains("at most 200"));
    // Control characters, lone surrogates and NULs.
    for hostile in [
        "\u{0}",
        "{\"format\":\"engagement-planner\",\"version\":1,\"kind\":\"workspace\",\"workspace\":{\"people\":[{\"id\":0,\"name\":\"\\ud800\"",
        "{\"format\":\"engagement-planner\u{0}\"}",
        "\u{feff}\u{feff}{}",
    ] {
        assert!(from_json(hostile).is_err());
    }
    // Fifteen thousand problems are reported as the first hundred, and counted.
    let mut w = Workspace::default();
    for i in 0..5_000u32 {
        w.people.push(Person {
            id: PersonId(i),
            name: String::new(),
            side: Side::Client,
            group: StakeholderGroup::Client,
            capacity: Hours(99_999),
        });
    }
    let err = from_json(&to_json(&w, None)).unwrap_err();
    let LoadError::Invalid(found) = &err else {
        panic!("{err:?}");
    };
    // Each of the 5,000 has an id, a name and a capacity that are wrong.
    assert_eq!((found.len(), found.total), (100, 15_000));
    assert!(
        err.to_string()
            .ends_with("\n\u{2022} And 14,980 more problems."),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", example());
    assert!(from_json(&text).is_ok());
}

#[test]
fn unknown_extra_fields_are_ignored() {
    let text = example_with("\"app_version\"", "\"comment\": \"hello\", \"app_version\"");
    assert!(from_json(&text).is_ok());
}

#[test]
fn every_error_reads_as_a_sentence() {
    let errors = [
        LoadError::TooLarge {
            bytes: 11 << 20,
            limit: MAX_DOCUMENT_BYTES,
        },
        from_json("nope").unwrap_err(),
        from_json("{}").unwrap_err(),
        from_json(&example_with("\"version\": 7,", "")).unwrap_err(),
        from_json(&example_with("\"version\": 7,", "\"version\": \"one\",")).unwrap_err(),
        from_json(&example_with("\"version\": 7,", "\"version\": 8,")).unwrap_err(),
        from_json(&example_with("\"kind\": \"workspace\",", "")).unwrap_err(),
        from_json(&example_with("\"capacity\": 4000", "\"capacity\": true")).unwrap_err(),
        from_json(&example_with("\"hours\": 2000", "\"hours\": 99900")).unwrap_err(),
        LoadError::Migration {
            from: 1,
            message: "it has no list of people.".into(),
        },
        LoadError::StorageUnavailable("SecurityError".into()),
    ];
    for err in errors {
        let text = err.to_string();
        assert!(text.chars().next().unwrap().is_uppercase(), "{text}");
        assert!(text.ends_with('.'), "{text}");
        assert!(!text.contains("serde"), "{text}");
        assert!(!err.details().is_empty());
    }
}

// ---------------------------------------------------------------------------------
// Refusals a person can act on: things named by their names, the real limits, every
// problem listed, and never a word of the parser's

/// Words of serde, serde_json and Rust that no refusal may show.
const PARSER_WORDS: &[&str] = &[
    "variant",
    "ident",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "isize",
    "f32",
    "f64",
    "eof",
    "struct",
    "enum",
    "null",
    "map",
    "sequence",
    "recursion",
    "serde",
    "rust",
    "str",
    "string",
    "integer",
    "floating",
    "boolean",
    "bool",
    "vec",
    "btreemap",
    "btreeset",
    "option",
    "tuple",
    "unit",
    "newtype",
    "deserialize",
    "4294967295",
];

/// Why `message` is not in its reader's words, if it is not: a parser's word, a
/// parser's phrase, a JSON path, or a "first" that hides the others.
fn parser_language(message: &str) -> Option<String> {
    let lower = message.to_lowercase();
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if PARSER_WORDS.contains(&word) {
            return Some(format!("the word {word:?}"));
        }
    }
    for phrase in [
        "invalid type",
        "invalid value",
        "invalid length",
        "expected value",
        "the first:",
        "workspace.",
        ".pricing",
        "`",
        "10^15",
        "minor units",
    ] {
        if lower.contains(phrase) {
            return Some(format!("the phrase {phrase:?}"));
        }
    }
    // A JSON path such as `engagements[0]`, outside the quotes of what the file itself
    // says (a damaged key may well read "[53").
    let unquoted: String = message
        .split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join(" ");
    let bytes = unquoted.as_bytes();
    if bytes
        .windows(2)
        .any(|w| w[0] == b'[' && w[1].is_ascii_digit())
    {
        return Some("a JSON path".to_string());
    }
    None
}

#[test]
fn a_json_path_is_parser_language_but_a_quoted_damaged_key_is_not() {
    assert!(parser_language("engagements[0].pm is wrong").is_some());
    assert!(parser_language("at workspace[3]").is_some());
    assert!(parser_language("by its id in quotes (such as \"12\"), not by \"[53\".").is_none());
}

fn assert_in_users_words(what: &str, err: &LoadError) {
    for text in std::iter::once(err.to_string()).chain(err.details()) {
        if let Some(why) = parser_language(&text) {
            panic!("{what}: the message has {why}: {text}");
        }
    }
}

/// The v2 fixture as a JSON value, to break.
fn v2_value() -> Value {
    serde_json::from_str(&fixture("v2-workspace.json")).unwrap()
}

/// The v2 fixture with `change` made to it, as the bytes of a file.
fn v2_bytes(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut doc = v2_value();
    change(&mut doc);
    serde_json::to_string_pretty(&doc).unwrap().into_bytes()
}

/// The v2 fixture's text with one piece of it replaced.
fn v2_text_with(from: &str, to: &str) -> Vec<u8> {
    let text = fixture("v2-workspace.json");
    assert!(text.contains(from), "the v2 fixture has no {from:?}");
    text.replacen(from, to, 1).into_bytes()
}

fn refusal(bytes: &[u8]) -> LoadError {
    from_bytes(bytes).expect_err("the file should be refused")
}

/// Every kind of hostile file the messages were written for: each is refused, and
/// none of the refusals speaks the parser's language.
fn hostile_documents() -> Vec<(&'static str, Vec<u8>)> {
    use serde_json::json;
    let full = fixture("v2-workspace.json");
    vec![
        (
            "an approval that is empty",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["approval"] =
                    Value::Null
            }),
        ),
        (
            "a fractional percentage",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["global_discount"] =
                    json!(2.5)
            }),
        ),
        (
            "a word without quotes",
            v2_text_with("\"agreement_formal\": true", "\"agreement_formal\": tru"),
        ),
        ("a file cut off", full.as_bytes()[..full.len() / 2].to_vec()),
        (
            "nesting too deep",
            format!("{}{}", "[".repeat(200), "]".repeat(200)).into_bytes(),
        ),
        (
            "hours for a role the rate card lacks",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]["hours"]
                    ["99"] = json!(100)
            }),
        ),
        (
            "too many hours on a line",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]["hours"]
                    ["52"] = json!(10_000_001)
            }),
        ),
        (
            "negative hours on a line",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]["hours"]
                    ["52"] = json!(-5)
            }),
        ),
        (
            "negative assignment hours",
            v2_bytes(|d| d["workspace"]["engagements"][0]["assignments"][0]["hours"] = json!(-1)),
        ),
        (
            "assignment hours beyond any number",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["assignments"][0]["hours"] =
                    json!(5_000_000_000u64)
            }),
        ),
        (
            "999 hours a week",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["assignments"][0]["hours"] = json!(99_900)
            }),
        ),
        (
            "a capacity in words",
            v2_bytes(|d| d["workspace"]["people"][0]["capacity"] = json!("forty")),
        ),
        (
            "an unknown side",
            v2_bytes(|d| d["workspace"]["people"][1]["side"] = json!("martian")),
        ),
        (
            "a person without a name",
            v2_bytes(|d| {
                d["workspace"]["people"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("name");
            }),
        ),
        (
            "an engagement without a stage",
            v2_bytes(|d| {
                d["workspace"]["engagements"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("stage");
            }),
        ),
        (
            "an engagement that is a number",
            v2_bytes(|d| d["workspace"]["engagements"][1] = json!(7)),
        ),
        (
            "a person not on the roster",
            v2_bytes(|d| d["workspace"]["engagements"][0]["assignments"][1]["person"] = json!(999)),
        ),
        (
            "a rate beyond the money limit",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["rate_card"][0]["bill_rate"] =
                    json!(1_000_000_000_000_001i64)
            }),
        ),
        (
            "a negative budget",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["sponsor_value"]["expected_budget"] = json!(-5)
            }),
        ),
        (
            "a budget beyond any number",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["sponsor_value"]["expected_budget"] =
                    json!(9_223_372_036_854_775_808u64)
            }),
        ),
        (
            "a 100 % target margin",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][1]["target_margin"] =
                    json!(10_000)
            }),
        ),
        (
            "an id used twice",
            v2_bytes(|d| {
                let id = d["workspace"]["people"][0]["id"].clone();
                d["workspace"]["people"][1]["id"] = id;
            }),
        ),
        (
            "an id beyond next_id",
            v2_bytes(|d| d["workspace"]["next_id"] = json!(3)),
        ),
        (
            "a next_id beyond any id",
            v2_bytes(|d| d["workspace"]["next_id"] = json!(-3)),
        ),
        (
            "a currency in words",
            v2_bytes(|d| d["workspace"]["engagements"][0]["currency"] = json!("euro")),
        ),
        (
            "a name of invisible characters",
            v2_bytes(|d| d["workspace"]["people"][2]["name"] = json!("\u{200b}\u{feff}\u{2060}")),
        ),
        (
            "a name too long",
            v2_bytes(|d| d["workspace"]["engagements"][0]["name"] = json!("x".repeat(250))),
        ),
        ("25 problems", v2_bytes(break_25_times)),
        ("three values of the wrong kind", v2_bytes(break_3_shapes)),
        (
            "an unknown billing type",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]
                    ["billing"] = json!("free")
            }),
        ),
        (
            "a role written by name",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]["hours"]
                    ["dev"] = json!(1)
            }),
        ),
        (
            "an unknown approval",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["approval"] =
                    json!("signed")
            }),
        ),
        (
            "an approval by no one",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["approval"] =
                    json!({"approved": {}})
            }),
        ),
        (
            "a field written twice",
            v2_text_with(
                "\"name\": \"Engagement Lead\",",
                "\"name\": \"Engagement Lead\", \"name\": \"Again\",",
            ),
        ),
        ("one byte over the size limit", {
            let mut text = full.clone();
            text.push_str(&" ".repeat(MAX_DOCUMENT_BYTES + 1 - text.len()));
            text.into_bytes()
        }),
        ("a byte that is not UTF-8", {
            let mut bytes = full.clone().into_bytes();
            let at = bytes.windows(6).position(|w| w == b"Harbor").unwrap();
            bytes[at] = 0xff;
            bytes
        }),
        ("UTF-16 text", {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(full.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }),
        ("text after the end", format!("{full} extra").into_bytes()),
        ("an empty file", Vec::new()),
        (
            "a workspace that is a list",
            v2_bytes(|d| d["workspace"] = json!([])),
        ),
        (
            "no roster",
            v2_bytes(|d| {
                d["workspace"].as_object_mut().unwrap().remove("people");
            }),
        ),
        (
            "a capacity with a fraction",
            v2_bytes(|d| d["workspace"]["people"][0]["capacity"] = json!(40.5)),
        ),
        (
            "an audience of everyone",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["reports"][0]["audience"] =
                    json!(["sponsor", "everyone"])
            }),
        ),
        (
            "a negative markup",
            v2_bytes(|d| {
                d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]
                    ["expenses"][0]["markup"] = json!(-1)
            }),
        ),
        (
            "a control character in a text",
            v2_text_with("\"Harbor Retail\"", "\"Harbor\tRetail\""),
        ),
        (
            "a document that is not ours",
            b"{\"type\": \"FeatureCollection\"}".to_vec(),
        ),
        (
            "a newer version",
            v2_text_with("\"version\": 2,", "\"version\": 99,"),
        ),
        ("no version", v2_text_with("\"version\": 2,", "")),
        (
            "an unknown kind",
            v2_text_with("\"kind\": \"workspace\",", "\"kind\": 7,"),
        ),
    ]
}

/// 8 people with a blank name and 999 hours a week, and 4 functions without a name
/// on top of 5 impossible assignments: 25 problems.
fn break_25_times(d: &mut Value) {
    use serde_json::json;
    let w = &mut d["workspace"];
    for p in w["people"].as_array_mut().unwrap() {
        p["capacity"] = json!(99_900);
        p["name"] = json!(" ");
    }
    let e = &mut w["engagements"][0];
    for a in e["assignments"].as_array_mut().unwrap().iter_mut().take(5) {
        a["hours"] = json!(99_900);
    }
    for f in e["functions"].as_array_mut().unwrap().iter_mut().take(4) {
        f["name"] = json!("");
    }
}

fn break_3_shapes(d: &mut Value) {
    use serde_json::json;
    let w = &mut d["workspace"];
    w["people"][0]["capacity"] = json!(-1);
    w["people"][3]["group"] = json!("boss");
    w["engagements"][0]["pricing"]["worksheets"][1]["lines"][2]["discount"] = json!("5%");
}

#[test]
fn import_messages_never_speak_the_parsers_language() {
    for (what, bytes) in hostile_documents() {
        let err = from_bytes(&bytes).expect_err(what);
        assert_in_users_words(what, &err);
        let text = err.to_string();
        assert!(text.ends_with('.'), "{what}: {text}");
        assert!(!text.contains('\u{fffd}'), "{what}: {text}");
    }
}

#[test]
fn import_message_names_the_line_and_the_real_hours_limit() {
    let err = refusal(&v2_bytes(|d| {
        d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0]["hours"]["52"] =
            10_000_001.into()
    }));
    assert_eq!(
        err.to_string(),
        "This file has one problem:\n\u{2022} Engagement \"Website relaunch\", line 1 \"Checkout redesign\" of worksheet \"Base\": the hours of \"Developer\" must be at most 100,000, not 100,000.01."
    );
    // A negative number cannot even be read as hours: the same place, the same limit.
    let err = refusal(&v2_bytes(|d| {
        d["workspace"]["engagements"][0]["pricing"]["worksheets"][1]["lines"][1]["delivery_hours"]
            ["54"] = (-5).into()
    }));
    assert_eq!(
        err.details(),
        ["Engagement \"Website relaunch\", line 2 \"Performance tuning\" of worksheet \"Loyalty discount\": the delivery hours of \"Architect\" must be a whole number of hundredths of an hour from 0 to 10000000 (100,000 hours), not -5"]
    );
    // A line whose name cannot be read is still line 2 of its worksheet.
    let err = refusal(&v2_bytes(|d| {
        let line = &mut d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][1];
        line["name"] = 5.into();
        line["discount"] = "5 %".into();
    }));
    assert!(
        err.details()
            .iter()
            .all(|d| d
                .starts_with("Engagement \"Website relaunch\", line 2 of worksheet \"Base\": ")),
        "{err}"
    );
}

#[test]
fn import_message_names_the_assignment_and_the_real_hours_limit() {
    let place = "Engagement \"Website relaunch\", the assignment of \"Engagement Lead\" as Accountable on \"Engagement management\": the hours must be";
    for (hours, limit) in [
        (
            Value::from(-1),
            "a whole number of hundredths of an hour from 0 to 16800 (168 hours), not -1",
        ),
        (
            Value::from(5_000_000_000u64),
            "a whole number of hundredths of an hour from 0 to 16800 (168 hours), not 5000000000",
        ),
        (Value::from(99_900), "at most 168 hours a week, not 999"),
    ] {
        let err = refusal(&v2_bytes(|d| {
            d["workspace"]["engagements"][0]["assignments"][0]["hours"] = hours
        }));
        assert_eq!(err.details(), [format!("{place} {limit}")]);
    }
    // Who is not on the roster cannot be named; the role and the function can.
    let err = refusal(&v2_bytes(|d| {
        d["workspace"]["engagements"][0]["assignments"][1]["person"] = 999.into()
    }));
    assert_eq!(
        err.details(),
        ["Engagement \"Website relaunch\", the 2nd assignment (Accountable on \"Sales and marketing\"): the assigned person is person 999, who is not on the roster"]
    );
}

#[test]
fn import_says_one_problem_in_the_singular() {
    let err = refusal(&v2_bytes(|d| {
        d["workspace"]["engagements"][0]["currency"] = "euro".into()
    }));
    assert_eq!(
        err.to_string(),
        "This file has one problem:\n\u{2022} Engagement \"Website relaunch\": the currency must be a code of three capital letters such as EUR or USD, not \"euro\"."
    );
    let err = refusal(&v2_bytes(|d| {
        d["workspace"]["people"][0]["capacity"] = "forty".into()
    }));
    assert!(
        err.to_string()
            .starts_with("This file has one problem:\n\u{2022} Person \"Engagement Lead\": "),
        "{err}"
    );
}

#[test]
fn import_lists_every_problem_up_to_twenty() {
    let err = refusal(&v2_bytes(break_25_times));
    let LoadError::Invalid(found) = &err else {
        panic!("{err:?}");
    };
    assert_eq!((found.len(), found.total), (25, 25));
    assert_eq!(err.details().len(), 25);
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "This file has 25 problems:");
    assert_eq!(lines.len(), 1 + 20 + 1, "{text}");
    for (line, problem) in lines[1..21].iter().zip(found.iter()) {
        assert_eq!(*line, format!("\u{2022} {problem}."));
    }
    assert_eq!(lines[21], "\u{2022} And 5 more problems.");
    assert_eq!(
        lines[1],
        "\u{2022} The 1st person: the name must not be empty."
    );
    assert_eq!(
        lines[2],
        "\u{2022} The 1st person: the capacity must be at most 168 hours a week, not 999."
    );

    // One over the twenty shown is "one more problem".
    let err = refusal(&v2_bytes(|d| {
        break_25_times(d);
        let assignments = d["workspace"]["engagements"][0]["assignments"]
            .as_array_mut()
            .unwrap();
        for a in assignments.iter_mut().take(4) {
            a["hours"] = 0.into();
        }
    }));
    assert!(
        err.to_string().ends_with("\n\u{2022} And 1 more problem."),
        "{err}"
    );
}

#[test]
fn import_lists_every_value_of_the_wrong_kind_not_only_the_first() {
    let err = refusal(&v2_bytes(break_3_shapes));
    assert_eq!(
        err.to_string(),
        "This file has 3 problems:\n\
         \u{2022} Person \"Engagement Lead\": the capacity must be a whole number of hundredths of an hour from 0 to 16800 (168 hours), not -1.\n\
         \u{2022} Person \"Service Desk Lead\": the stakeholder group must be one of \"client\", \"sponsor\", \"performer\", \"functional_manager\", \"project_manager\", \"engagement_manager\", \"sales\", \"customer_service\", \"pmo\", \"quality_management\", \"procurement\", \"legal\", \"finance\", \"regulator\", not \"boss\".\n\
         \u{2022} Engagement \"Website relaunch\", line 3 \"Internal handover\" of worksheet \"Loyalty discount\": the discount must be a whole number of hundredths of a percent from 0 to 10000 (0 % to 100 %), not \"5%\"."
    );
}

#[test]
fn a_thing_without_a_name_is_named_by_its_place_in_the_list() {
    let err = refusal(&v2_bytes(|d| d["workspace"]["engagements"][1] = 7.into()));
    assert_eq!(
        err.details(),
        ["The 2nd engagement: it must be a group of fields written between { and }, not 7"]
    );
    let err = refusal(&v2_bytes(|d| {
        d["workspace"]["people"][1]
            .as_object_mut()
            .unwrap()
            .remove("name");
    }));
    assert_eq!(
        err.details(),
        ["The 2nd person: the field \"name\" is missing"]
    );
    let err = refusal(&v2_bytes(|d| {
        d["workspace"].as_object_mut().unwrap().remove("people");
    }));
    assert_eq!(
        err.details(),
        ["The workspace: the field \"people\" (the roster) is missing"]
    );
    let err = refusal(&v2_bytes(|d| {
        let ws = &mut d["workspace"]["engagements"][0]["pricing"]["worksheets"][0];
        ws["name"] = Value::Null;
        ws["log"][1]["step"] = "signed".into();
    }));
    assert_eq!(
        err.details(),
        [
            "Engagement \"Website relaunch\", the 1st worksheet: the name must be a text in double quotes, not an empty value",
            "Engagement \"Website relaunch\", the 2nd entry of the approval log of the 1st worksheet: the step must be one of \"submitted\", \"approved\", \"rejected\", \"reopened\", not \"signed\"",
        ]
    );
}

#[test]
fn json_errors_are_explained_in_words() {
    let full = fixture("v2-workspace.json");
    for (text, words) in [
        (full[..full.len() / 2].to_string(), "the file ends where a value should follow: it may have been cut off"),
        (full[..full.rfind('}').unwrap()].to_string(), "the file ends before a group of fields is closed with }: it may have been cut off"),
        (full.replacen("\"agreement_formal\": true", "\"agreement_formal\": tru", 1), "there is a word without double quotes: write text in double quotes (only true and false go without)"),
        (format!("{full} extra"), "there is more after the end of the document"),
        (full.replacen("\"Harbor Retail\"", "\"Harbor\tRetail\"", 1), "a text holds a line break, a tab or another control character, which must be written as an escape (such as \\n)"),
        (full.replacen("\"next_id\": 67", "\"next_id\": 67,", 1), "a comma comes just before a closing bracket"),
        (format!("{}{}", "[".repeat(200), "]".repeat(200)), "lists and groups are nested too deeply (more than 128 levels)"),
    ] {
        let err = from_json(&text).unwrap_err();
        let LoadError::NotJson { line, column, .. } = &err else {
            panic!("{words}: {err:?}");
        };
        assert_eq!(
            err.to_string(),
            format!("This file is damaged or is not an Engagement Planner file: it is not valid JSON. At line {line}, column {column}, {words}.")
        );
    }
    assert_eq!(
        from_json("  \n").unwrap_err().to_string(),
        "This file is empty: there is nothing in it to open."
    );
}

#[test]
fn import_refuses_invalid_utf8() {
    // One byte of "Harbor Retail" is not UTF-8 (as in a file saved as Latin-1).
    let text = fixture("v2-workspace.json");
    let mut bytes = text.clone().into_bytes();
    let at = bytes.windows(6).position(|w| w == b"Harbor").unwrap();
    bytes[at] = 0xE9;
    let err = from_bytes(&bytes).unwrap_err();
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').unwrap();
    assert_eq!(
        err,
        LoadError::NotUtf8 {
            offset: at,
            line,
            column,
            utf16: false
        }
    );
    assert_eq!(
        err.to_string(),
        format!("This file is not UTF-8 text, so it cannot be read safely: at line {line}, column {column} (byte {} of the file) there is a byte that is not part of any UTF-8 character. Open it in a text editor and save it again as UTF-8, or export it again from Engagement Planner.", describe::thousands(at as u128 + 1))
    );
    // Columns count characters, not bytes.
    let err = from_bytes("{\"é\": \"\u{ff}\u{0}".as_bytes()).unwrap_err();
    assert!(
        matches!(err, LoadError::NotJson { .. }),
        "valid UTF-8: {err:?}"
    );
    let err = from_bytes(b"{\"\xc3\xa9\": \"\xff\"}").unwrap_err();
    assert_eq!(
        err,
        LoadError::NotUtf8 {
            offset: 8,
            line: 1,
            column: 8,
            utf16: false
        }
    );
    // A file saved as UTF-16 is named as such.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let err = from_bytes(&utf16).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("This file is saved as UTF-16 text"),
        "{err}"
    );
    // UTF-8, with or without a byte-order mark, opens; a file too large is refused
    // before it is decoded.
    assert!(from_bytes(text.as_bytes()).is_ok());
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert!(from_bytes(&with_bom).is_ok());
    let huge = vec![0xFF; MAX_DOCUMENT_BYTES + 1];
    assert!(matches!(from_bytes(&huge), Err(LoadError::TooLarge { .. })));
}

#[test]
fn a_file_over_the_limit_gives_both_sizes_exactly() {
    let err = refusal(&vec![b' '; MAX_DOCUMENT_BYTES + 1]);
    assert_eq!(
        err.to_string(),
        "This file is too large to open: it is 10,485,761 bytes, and Engagement Planner opens files of up to 10,485,760 bytes (10 MB)."
    );
    let err = LoadError::TooLarge {
        bytes: 50 << 20,
        limit: MAX_DOCUMENT_BYTES,
    };
    assert_eq!(
        err.to_string(),
        "This file is too large to open: it is 52,428,800 bytes (50 MB), and Engagement Planner opens files of up to 10,485,760 bytes (10 MB)."
    );
}

#[test]
fn name_of_only_invisible_characters_is_refused() {
    // What counts as visible is declared once, in the model.
    for invisible in [
        "",
        " \t\n",
        "\u{200b}",
        "\u{feff}",
        "\u{200c}\u{200d}\u{2060}",
        "\u{202e}\u{2066}",
        "\u{00ad}",
        "\u{3164}\u{115f}",
        "\u{2800}",
        "\u{fe0f}",
        "\u{e0041}\u{e007f}",
        "\u{1}\u{7f}\u{85}",
    ] {
        assert!(!is_visible_name(invisible), "{invisible:?}");
    }
    for visible in ["Ada", "\u{200b}Ada", "李", "😀", "-", "\u{feff}x"] {
        assert!(is_visible_name(visible), "{visible:?}");
    }

    // On import, with the field named.
    let err = refusal(&v2_bytes(|d| {
        d["workspace"]["people"][2]["name"] = "\u{200b}\u{feff}".into();
        d["workspace"]["engagements"][0]["client"] = "\u{2060}".into();
        d["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][2]["name"] =
            "\u{200d}".into();
    }));
    assert_eq!(
        err.details(),
        [
            "The 3rd person: the name must have a character that can be seen, not only invisible ones (such as zero-width spaces)",
            // Version 2's client became an account on the way.
            "The 1st account: the name must have a character that can be seen, not only invisible ones (such as zero-width spaces)",
            "Engagement \"Website relaunch\", line 3 of worksheet \"Base\": the name must have a character that can be seen, not only invisible ones (such as zero-width spaces)",
        ]
    );

    // When typed, with the field named, and the plan unchanged.
    let mut w = priced_workspace();
    let before = w.clone();
    let web = w.engagements[0].id;
    // The scenario, a draft: the base is approved, so locked.
    let scenario = w.engagements[0].pricing.worksheets[1].id;
    let refusals = [
        (
            Action::AddPerson {
                name: "\u{200b}\u{200b}".into(),
                side: Side::Client,
                group: StakeholderGroup::Client,
                capacity: Hours(0),
            },
            "The name has only invisible characters (such as zero-width spaces): type one that can be read.",
        ),
        (
            Action::CreateEngagement {
                name: "\u{feff}".into(),
                template: Template::InHouseProject,
            },
            "The engagement name has only invisible characters (such as zero-width spaces): type one that can be read.",
        ),
        (
            Action::EditEngagement {
                engagement: web,
                edit: EngagementEdit::Client("\u{2060}".into()),
            },
            "The client has only invisible characters (such as zero-width spaces): type one that can be read.",
        ),
        (
            Action::Pricing {
                engagement: web,
                action: PricingAction::AddLine {
                    worksheet: scenario,
                    name: "\u{200d} \u{200c}".into(),
                    billing: BillingType::FixedFee,
                },
            },
            "The line name has only invisible characters (such as zero-width spaces): type one that can be read.",
        ),
    ];
    for (action, message) in refusals {
        let err = w.apply(action).unwrap_err();
        assert_eq!(err.to_string(), message);
        assert_eq!(w, before);
    }
    // A visible name with an invisible character in it is a name.
    apply(
        &mut w,
        Action::AddPerson {
            name: "\u{200b}Ada".into(),
            side: Side::Client,
            group: StakeholderGroup::Client,
            capacity: Hours(0),
        },
    );
}

/// The objects of a document, by the shape they have, as JSON pointers.
fn instances(
    value: &Value,
    shape: &'static shape::Shape,
    at: String,
    out: &mut std::collections::BTreeMap<&'static str, Vec<String>>,
) {
    out.entry(shape.name).or_default().push(at.clone());
    for field in shape.fields {
        let Some(child) = value.get(field.key) else {
            continue;
        };
        let at = format!("{at}/{}", field.key);
        match &field.kind {
            shape::Kind::Object(inner) => instances(child, inner, at, out),
            shape::Kind::Optional(shape::Kind::Object(inner)) if !child.is_null() => {
                instances(child, inner, at, out)
            }
            shape::Kind::List(inner) => {
                for (i, item) in child.as_array().into_iter().flatten().enumerate() {
                    instances(item, inner, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
}

/// A field as `docs/FORMAT.md` documents it.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct DocumentedField {
    key: String,
    /// Its type says "or null", or it is marked "may be left out".
    may_be_left_out: bool,
}

/// The field tables of `docs/FORMAT.md`, by heading ("The document", "Person", …).
fn format_md_tables() -> std::collections::BTreeMap<String, Vec<DocumentedField>> {
    let doc =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
            .unwrap();
    let mut tables: std::collections::BTreeMap<String, Vec<DocumentedField>> = Default::default();
    let mut heading = String::new();
    let mut in_fields = false;
    for line in doc.lines() {
        if let Some(h) = line.strip_prefix("### ").or(line.strip_prefix("## ")) {
            heading = h.trim().to_string();
            in_fields = false;
        } else if line.starts_with("| field | type |") {
            in_fields = true;
        } else if !line.starts_with('|') {
            in_fields = false;
        } else if in_fields && line.starts_with("| `") {
            let cells: Vec<&str> = line.split(" | ").collect();
            let key = cells[0]
                .trim_start_matches("| ")
                .trim_matches('`')
                .to_string();
            let kind = cells.get(1).copied().unwrap_or_default();
            let may_be_left_out = kind.contains("or null") || kind.contains("may be left out");
            tables
                .entry(heading.clone())
                .or_default()
                .push(DocumentedField {
                    key,
                    may_be_left_out,
                });
        }
    }
    tables
}

#[test]
fn format_md_and_the_shape_table_agree_on_every_field() {
    let tables = format_md_tables();
    for shape in shape::SHAPES {
        let documented = tables.get(shape.name).unwrap_or_else(|| {
            panic!(
                "docs/FORMAT.md has no field table under a heading \"{}\"",
                shape.name
            )
        });
        let mut documented: Vec<&DocumentedField> = documented.iter().collect();
        documented.sort();
        let mut read: Vec<DocumentedField> = shape
            .fields
            .iter()
            .map(|f| DocumentedField {
                key: f.key.to_string(),
                may_be_left_out: f.optional,
            })
            .collect();
        read.sort();
        assert_eq!(
            documented.into_iter().collect::<Vec<_>>(),
            read.iter().collect::<Vec<_>>(),
            "docs/FORMAT.md's table \"{}\" and src/storage/shape.rs disagree (fields, or which may be left out)",
            shape.name
        );
    }
    // Every field table of FORMAT.md is a shape, the envelope, or the approval's
    // object forms (an option, not an object of fields).
    for heading in tables.keys() {
        assert!(
            heading == "The document"
                || heading == "Approval"
                || shape::SHAPES.iter().any(|s| s.name == heading),
            "docs/FORMAT.md documents fields under \"{heading}\", which src/storage/shape.rs does not know"
        );
    }
}

/// Removing a field that `docs/FORMAT.md` says may be left out loads; removing any
/// other is refused, naming the field in the reader's words. Checked for every field
/// of every table, on a document the app writes.
#[test]
fn format_md_and_the_reader_agree_on_which_fields_may_be_left_out() {
    // The deal's approval is recorded as a proposal naming its worksheet, which needs
    // the pricing it names: here it names none, so that pricing may be left out too.
    let mut decided = decided_workspace();
    for p in decided
        .engagements
        .iter_mut()
        .flat_map(|e| e.decisions.iter_mut())
        .flat_map(|d| d.log.iter_mut())
    {
        p.worksheet = None;
    }
    // A standard of the organization's own (the built-in one is left out) and an
    // accepted departure from it, so that their tables are tested too.
    let first = decided.engagements[0].id;
    decided
        .apply(Action::AdoptStandard { from: first })
        .unwrap();
    let second = decided.engagements[1].clone();
    decided
        .apply(Action::RenameFunction {
            engagement: second.id,
            function: second.functions[0].id,
            name: "Advocacy".into(),
        })
        .unwrap();
    let departure =
        engagement_planner::model::standard::departures(&decided, &decided.engagements[1])[0]
            .key
            .clone();
    decided
        .apply(Action::AcceptDeparture {
            engagement: second.id,
            departure,
            reason: "The sponsor's word for it.".into(),
        })
        .unwrap();
    // Written as a sent copy, so that the envelope's `revision` and `base` are there too.
    let base = Base {
        revision: "base-1".into(),
        workspace: decided.clone(),
    };
    let written: Value = serde_json::from_str(&to_json_sent(
        &decided,
        Some("2026-01-01T00:00:00.000Z"),
        "sent-1",
        Some(&base),
    ))
    .unwrap();
    let mut places = std::collections::BTreeMap::new();
    places.insert("The document", vec![String::new()]);
    instances(
        &written["workspace"],
        &shape::WORKSPACE,
        "/workspace".to_string(),
        &mut places,
    );
    let tables = format_md_tables();
    let mut all_left_out = written.clone();
    for (heading, fields) in &tables {
        if heading == "Approval" {
            continue;
        }
        let at = places
            .get(heading.as_str())
            .unwrap_or_else(|| panic!("the document written has no \"{heading}\" to test"));
        for field in fields {
            let mut doc = written.clone();
            doc.pointer_mut(&at[0])
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(&field.key)
                .unwrap_or_else(|| panic!("{heading} has no {}", field.key));
            let text = serde_json::to_string_pretty(&doc).unwrap();
            match (field.may_be_left_out, from_json(&text)) {
                (true, Ok(_)) => {
                    for place in at {
                        if let Some(object) = all_left_out.pointer_mut(place) {
                            object.as_object_mut().unwrap().remove(&field.key);
                        }
                    }
                }
                // The rules still apply: without a rate card, the hours of the lines
                // name roles that do not exist.
                (true, Err(LoadError::Invalid(_))) => {}
                (true, Err(err)) => panic!(
                    "docs/FORMAT.md says {heading}.{} may be left out, but the reader refuses: {err}",
                    field.key
                ),
                (false, Ok(_)) => panic!(
                    "docs/FORMAT.md says {heading}.{} must be present, but the reader opens a document without it",
                    field.key
                ),
                (false, Err(err)) => {
                    assert_in_users_words(&format!("{heading} without {}", field.key), &err);
                    if let LoadError::BadContent(problems) = &err {
                        assert!(
                            problems[0].message.starts_with(&format!("the field \"{}\"", field.key)),
                            "{err}"
                        );
                    }
                }
            }
        }
    }
    // Everything that may be left out, left out everywhere at once.
    let loaded = from_json(&serde_json::to_string(&all_left_out).unwrap()).unwrap();
    let w = &loaded.workspace;
    assert_eq!(loaded.saved_at, None);
    assert_eq!(loaded.app_version, None);
    assert_eq!((loaded.revision, loaded.base), (None, None));
    for e in &w.engagements {
        assert_eq!(e.pm, None);
        assert_eq!(e.sponsor_value.expected_budget, None);
        assert_eq!(e.signoffs, SignOffs::default());
        assert_eq!(e.pricing, Pricing::default());
    }
    // Writing it again puts every field back.
    let again: Value = serde_json::from_str(&to_json(w, None)).unwrap();
    assert!(again["workspace"]["engagements"][0]["pricing"]["deal"].is_null());
}

#[test]
fn the_shape_table_accepts_every_document_the_app_writes() {
    for text in [
        fixture("example.workspace.json"),
        to_json(&realistic_workspace(), None),
        to_json(&priced_workspace(), None),
        to_json(&Workspace::default(), None),
        to_json_sent(
            &priced_workspace(),
            None,
            "sent-1",
            Some(&Base {
                revision: "base-1".into(),
                workspace: realistic_workspace(),
            }),
        ),
    ] {
        let doc: Value = serde_json::from_str(&text).unwrap();
        let found = shape::check(&doc);
        assert!(found.is_empty(), "{found:?}");
    }
}

/// What serde reads of a document: the same as the reader's private `DocumentIn`.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Readable {
    workspace: Workspace,
}

// ---------------------------------------------------------------------------------
// Migrations

/// A pretend upgrade, for the machinery only: "version 1 stored capacities in whole
/// hours; version 2 stores hundredths".
fn capacities_to_hundredths(mut doc: Value) -> Result<Value, LoadError> {
    let people = doc
        .pointer_mut("/workspace/people")
        .and_then(Value::as_array_mut)
        .ok_or(LoadError::Migration {
            from: 1,
            message: "it has no list of people.".into(),
        })?;
    for person in people {
        let whole = person["capacity"].as_u64().unwrap_or(0);
        person["capacity"] = Value::from(whole * 100);
    }
    Ok(doc)
}

#[test]
fn the_migration_table_matches_the_current_version() {
    assert_eq!(MIGRATIONS.len() + 1, CURRENT_VERSION as usize);
}

#[test]
fn migrate_runs_a_test_step_and_bumps_the_version() {
    let text = example().replace("\"capacity\": 4000", "\"capacity\": 40");
    let doc: Value = serde_json::from_str(&text).unwrap();
    let up = migrate(doc, 1, 2, &[capacities_to_hundredths]).unwrap();
    assert_eq!(up["version"], 2);
    assert_eq!(up["workspace"]["people"][0]["capacity"], 4000);
    // With nothing to do, the document is unchanged.
    let doc: Value = serde_json::from_str(&example()).unwrap();
    assert_eq!(migrate(doc.clone(), 1, 1, &[]).unwrap(), doc);
}

#[test]
fn version_one_to_two_gives_every_engagement_empty_pricing() {
    let mut doc: Value = serde_json::from_str(&fixture("v1-workspace.json")).unwrap();
    assert_eq!(doc["version"], 1);
    assert!(doc["workspace"]["engagements"][0].get("pricing").is_none());
    // An engagement that already has pricing keeps it.
    doc["workspace"]["engagements"][1]["pricing"] =
        serde_json::json!({"rate_card": [], "worksheets": [], "deal": 5});
    let up = migrate(doc, 1, 2, MIGRATIONS).unwrap();
    assert_eq!(up["version"], 2);
    assert_eq!(
        up["workspace"]["engagements"][0]["pricing"],
        serde_json::json!({"rate_card": [], "worksheets": [], "deal": null})
    );
    assert_eq!(up["workspace"]["engagements"][1]["pricing"]["deal"], 5);
    // A document without engagements is left for the reader to refuse.
    let odd = serde_json::json!({"format": "engagement-planner", "version": 1});
    assert_eq!(add_empty_pricing(odd.clone()).unwrap(), odd);
    let text = r#"{"format": "engagement-planner", "version": 1, "kind": "workspace", "workspace": {"people": [], "engagements": 3, "next_id": 0}}"#;
    assert!(matches!(from_json(text), Err(LoadError::BadContent { .. })));
}

/// The v2 currencies fixture as JSON, with one change made to it.
fn v2_currencies_with(change: impl FnOnce(&mut Value)) -> String {
    let mut doc: Value = serde_json::from_str(&fixture("v2-currencies-workspace.json")).unwrap();
    change(&mut doc);
    serde_json::to_string_pretty(&doc).unwrap()
}

fn sponsor_amount<'a>(doc: &'a mut Value, engagement: usize, field: &str) -> &'a mut Value {
    &mut doc["workspace"]["engagements"][engagement]["sponsor_value"][field]
}

/// Version 2 stored the sponsors' amounts in hundredths whatever the currency;
/// version 3 stores them in the currency's minor unit, exactly, or refuses.
#[test]
fn version_two_to_three_puts_sponsor_money_in_the_currencys_minor_unit() {
    let doc: Value = serde_json::from_str(&fixture("v2-currencies-workspace.json")).unwrap();
    assert_eq!(doc["version"], 2);
    let up = migrate(doc, 2, 3, MIGRATIONS).unwrap();
    assert_eq!(up["version"], 3);
    let amounts: Vec<(Value, Value)> = (0..3)
        .map(|i| {
            let v = &up["workspace"]["engagements"][i]["sponsor_value"];
            (v["expected_benefits"].clone(), v["expected_budget"].clone())
        })
        .collect();
    assert_eq!(
        amounts,
        [
            // ¥1,200,000 and ¥900,000, stored as hundredths, become whole yen.
            (Value::from(1_200_000), Value::from(900_000)),
            // KWD 25,000.50 and KWD 12,000 become thousandths.
            (Value::from(25_000_500), Value::from(12_000_000)),
            // Nothing stays nothing, and zero stays zero.
            (Value::Null, Value::from(0)),
        ]
    );
    // Pricing was always in the currency's minor unit: it is left alone.
    let before: Value = serde_json::from_str(&fixture("v2-currencies-workspace.json")).unwrap();
    for i in 0..3 {
        assert_eq!(
            up["workspace"]["engagements"][i]["pricing"],
            before["workspace"]["engagements"][i]["pricing"]
        );
    }
    // Currencies with cents are unchanged.
    let doc: Value = serde_json::from_str(&fixture("v2-workspace.json")).unwrap();
    let up = migrate(doc.clone(), 2, 3, MIGRATIONS).unwrap();
    assert_eq!(up["workspace"], doc["workspace"]);
}

#[test]
fn version_two_to_three_refuses_sponsor_money_its_currency_cannot_hold() {
    // ¥1,200,000.50 has half a yen, which no JPY amount can hold.
    let text = v2_currencies_with(|doc| {
        *sponsor_amount(doc, 0, "expected_benefits") = Value::from(120_000_050);
    });
    let err = from_json(&text).unwrap_err();
    assert!(
        matches!(err, LoadError::Migration { from: 2, .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert_eq!(
        message,
        "This file was saved by an older version (v2) of Engagement Planner and could not be upgraded: \
         in \u{201c}Tokyo showroom\u{201d}, JPY 1,200,000.50 (the sponsors' expected benefits) has a fraction, \
         but JPY amounts are whole numbers. Correct it in the version of Engagement Planner that saved this \
         file, then save or export the file again."
    );
    // A KWD amount beyond the largest once in thousandths; the largest that fits is
    // converted.
    let text = v2_currencies_with(|doc| {
        *sponsor_amount(doc, 1, "expected_budget") = Value::from(100_000_000_000_001i64);
    });
    let message = from_json(&text).unwrap_err().to_string();
    assert!(
        message.contains("in \u{201c}Kuwait portal\u{201d}, KWD 1,000,000,000,000.01 (the sponsors' expected budget) is more than the planner holds in KWD (at most KWD 1,000,000,000,000.000)"),
        "{message}"
    );
    let text = v2_currencies_with(|doc| {
        *sponsor_amount(doc, 1, "expected_budget") = Value::from(100_000_000_000_000i64);
    });
    let loaded = from_json(&text).unwrap();
    assert_eq!(
        loaded.workspace.engagements[1]
            .sponsor_value
            .expected_budget,
        Some(MONEY_LIMIT)
    );
    // Every amount that cannot be kept is named, not just the first.
    let text = v2_currencies_with(|doc| {
        *sponsor_amount(doc, 0, "expected_benefits") = Value::from(1);
        *sponsor_amount(doc, 0, "expected_budget") = Value::from(250);
        *sponsor_amount(doc, 2, "expected_budget") = Value::from(99);
    });
    let message = from_json(&text).unwrap_err().to_string();
    assert!(
        message.contains("3 sponsor amounts cannot be kept exactly: in \u{201c}Tokyo showroom\u{201d}, JPY 0.01 (the sponsors' expected benefits) has a fraction, but JPY amounts are whole numbers; in \u{201c}Tokyo showroom\u{201d}, JPY 2.50"),
        "{message}"
    );
    assert!(message.contains("\u{201c}Reykjavik kiosk\u{201d}, ISK 0.99"));
    assert!(message.ends_with("Correct them in the version of Engagement Planner that saved this file, then save or export the file again."));
    // Values that are not amounts are left for the reader, which says what is wrong.
    let text = v2_currencies_with(|doc| {
        *sponsor_amount(doc, 0, "expected_benefits") = Value::from(-150);
    });
    let problems = match from_json(&text).unwrap_err() {
        LoadError::Invalid(problems) => problems,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        problems[0].path,
        "workspace.engagements[0].sponsor_value.expected_benefits"
    );
    let text = v2_currencies_with(|doc| {
        *sponsor_amount(doc, 0, "expected_budget") = Value::from("a lot");
    });
    assert!(matches!(
        from_json(&text),
        Err(LoadError::BadContent { .. })
    ));
    // A document without engagements, or an engagement without a currency or sponsor
    // value, is left for the reader to refuse.
    let odd = serde_json::json!({"format": "engagement-planner", "version": 2});
    assert_eq!(sponsor_money_in_currency_units(odd.clone()).unwrap(), odd);
    let odd = serde_json::json!({"workspace": {"engagements": [3, {"currency": "JPY"}, {"currency": 5}]}});
    assert_eq!(sponsor_money_in_currency_units(odd.clone()).unwrap(), odd);
}

/// The upgrade converts exactly the currencies whose minor unit is not a hundredth;
/// its list is frozen, and agrees with the app's table of currencies.
#[test]
fn the_upgrade_to_version_three_knows_the_currencies_without_cents() {
    for &(code, decimals) in V2_NON_CENT_CURRENCIES {
        assert_eq!(currency(code).decimals, decimals, "{code}");
        assert_ne!(decimals, 2, "{code}");
    }
    for code in ["EUR", "USD", "GBP", "CHF", "XTS"] {
        assert_eq!(currency(code).decimals, 2, "{code}");
        assert!(V2_NON_CENT_CURRENCIES.iter().all(|(c, _)| *c != code));
    }
}

#[test]
fn migrate_refuses_a_version_it_has_no_step_for() {
    let doc: Value = serde_json::from_str(&example()).unwrap();
    let err = migrate(doc.clone(), 1, 2, &[]).unwrap_err();
    assert!(matches!(err, LoadError::Migration { from: 1, .. }));
    let err = migrate(doc, 0, 1, &[capacities_to_hundredths]).unwrap_err();
    assert!(matches!(err, LoadError::Migration { from: 0, .. }));
    let not_object = migrate(Value::Null, 1, 2, &[|v| Ok(v)]).unwrap_err();
    assert!(matches!(not_object, LoadError::Migration { from: 1, .. }));
}

// ---------------------------------------------------------------------------------
// Fixtures

/// Writes `tests/fixtures/v1-workspace.json` once. Never regenerate it: it is the
/// anchor that every later build must still read (through its migrations). The test
/// refuses to overwrite an existing file; run it only if the file is missing, with
/// `cargo test --test storage -- --ignored write_v1_fixture`.
#[test]
#[ignore]
fn write_v1_fixture() {
    let path = fixture_path("v1-workspace.json");
    assert!(
        !path.exists(),
        "the v1 fixture is checked in and must never be regenerated"
    );
    assert_eq!(CURRENT_VERSION, 1, "only a version-1 build may write it");
    let text = to_json(&realistic_workspace(), Some("2025-03-01T12:00:00.000Z"));
    std::fs::write(path, text + "\n").unwrap();
}

/// The regression anchor for migrations: a real version-1 document, checked in and
/// never regenerated, must load with every later build.
#[test]
fn the_v1_fixture_loads() {
    let loaded = from_json(&fixture("v1-workspace.json")).unwrap();
    let w = &loaded.workspace;
    assert_eq!(loaded.kind, DocumentKind::Workspace);
    assert_eq!(w.people.len(), 8);
    assert_eq!(w.engagements.len(), 2);
    let relationships: Vec<Relationship> = w.engagements.iter().map(|e| e.relationship).collect();
    assert_eq!(
        relationships,
        [Relationship::Contracted, Relationship::InHouse]
    );
    let web = &w.engagements[0];
    assert_eq!(web.name, "Website relaunch");
    assert_eq!(web.assignments.len(), 10);
    assert_eq!(web.needs.len(), 2);
    assert!(web.agreement_formal);
    assert_eq!(web.sponsor_value.expected_budget, Some(Money(21_500_050)));
    let pm = person_named(w, "Project Manager");
    // 36 h of assignments, and two functions accepted as PM by default, which a
    // document before version 3 lists without hours: 4 h each.
    assert_eq!(w.assigned_hours(pm), Hours(3600 + 2 * 400));
    assert_eq!(loaded.migrated_from, Some(1));
    // Version 2 gave every engagement an empty pricing.
    assert!(w
        .engagements
        .iter()
        .all(|e| e.pricing == Pricing::default()));
}

/// Version 4 gives each function the PM accepted by default its hours. A version-2
/// document lists the functions only: the upgrade gives each the default 4 h a week,
/// counted in the PM's workload, and it is written back with its hours.
#[test]
fn an_older_pm_acceptance_upgrades_with_default_hours() {
    let w = from_json(&fixture("v2-workspace.json")).unwrap().workspace;
    let pm = person_named(&w, "Project Manager");
    let mut defaults = Hours(0);
    for e in &w.engagements {
        assert_eq!(e.pm, Some(pm));
        assert_eq!(e.pm_accepted.len(), 1, "{}", e.name);
        assert!(e.pm_accepted.values().all(|&h| h == PM_DEFAULT_HOURS));
        defaults = defaults.saturating_add(PM_DEFAULT_HOURS);
    }
    let assigned = w
        .engagements
        .iter()
        .flat_map(|e| &e.assignments)
        .filter(|a| a.person == pm)
        .fold(Hours(0), |sum, a| sum.saturating_add(a.hours));
    assert_eq!(w.assigned_hours(pm), assigned.saturating_add(defaults));
    // Written again, each acceptance carries its hours.
    let again: Value = serde_json::from_str(&to_json(&w, None)).unwrap();
    let first = &again["workspace"]["engagements"][0]["pm_accepted"][0];
    assert_eq!(first["hours"], 400);
    assert!(first["function"].is_u64());
    assert_eq!(from_json(&to_json(&w, None)).unwrap().workspace, w);
}

/// The 3 -> 4 step on a version-3 document: a bare function id becomes an acceptance
/// of 4 h a week; an entry that is already an object is kept, and anything else is left
/// for the reader, which names it.
#[test]
fn the_version_3_to_4_step_gives_pm_acceptances_hours() {
    // The example as version 3 wrote it: the client's name on the engagement, no
    // accounts, and bare function ids for the PM's acceptances.
    let v3 = example_with("\"version\": 7,", "\"version\": 3,")
        .replace(
            "\"pm_accepted\": [\n          {\n            \"function\": 5,\n            \"hours\": 400\n          }\n        ]",
            "\"pm_accepted\": [\n          5\n        ]",
        )
        .replace("\"account\": 11,", "\"client\": \"Harbor Retail\",")
        .replace("\"next_id\": 12,", "\"next_id\": 11,")
        .replace(
            ",\n    \"accounts\": [\n      {\n        \"id\": 11,\n        \"name\": \"Harbor Retail\",\n        \"owner\": null,\n        \"notes\": \"\"\n      }\n    ]",
            "",
        );
    assert!(!v3.contains("accounts"));
    assert!(v3.contains("\"pm_accepted\": [\n          5\n        ]"));
    let loaded = from_json(&v3).unwrap();
    assert_eq!(loaded.migrated_from, Some(3));
    let current = from_json(&fixture("example.workspace.json")).unwrap();
    assert_eq!(loaded.workspace, current.workspace);

    let doc = serde_json::json!({"workspace": {"engagements": [
        {"pm_accepted": [5, {"function": 6, "hours": 250}, "x"]},
        {"pm_accepted": []},
        {"name": "no list"}
    ]}});
    let up = pm_accepted_with_hours(doc).unwrap();
    assert_eq!(
        up["workspace"]["engagements"][0]["pm_accepted"],
        serde_json::json!([{"function": 5, "hours": 400}, {"function": 6, "hours": 250}, "x"])
    );
    assert_eq!(
        up["workspace"]["engagements"][1]["pm_accepted"],
        serde_json::json!([])
    );
    // The step's 4 h is the hours accepting a default gives today.
    assert_eq!(PM_DEFAULT_HOURS, Hours(400));
}

/// The workspace of `tests/fixtures/v4-workspace.json`: the priced workspace, with the
/// PM's hours on one accepted default edited from the 4 h it starts with.
fn pm_hours_workspace_v4() -> Workspace {
    let mut w = priced_workspace();
    let web = engagement_named(&w, "Website relaunch");
    let function = *eng_of(&w, web).pm_accepted.keys().next().unwrap();
    apply(
        &mut w,
        Action::SetPmDefaultHours {
            engagement: web,
            function,
            hours: Hours(650),
        },
    );
    w
}

fn eng_of(w: &Workspace, id: EngagementId) -> &Engagement {
    w.engagements.iter().find(|e| e.id == id).unwrap()
}

/// Writes `tests/fixtures/v4-workspace.json` once, with a version-4 build: never
/// regenerate it once version 4 is released. Run only if the file is missing, with
/// `cargo test --test storage -- --ignored write_v4_fixture`.
#[test]
#[ignore]
fn write_v4_fixture() {
    let path = fixture_path("v4-workspace.json");
    assert!(
        !path.exists(),
        "the v4 fixture is checked in and must never be regenerated"
    );
    assert_eq!(CURRENT_VERSION, 4, "only a version-4 build may write it");
    let text = to_json(&pm_hours_workspace_v4(), Some("2026-12-03T09:00:00.000Z"));
    std::fs::write(path, text + "\n").unwrap();
}

/// A version-4 document, checked in and never regenerated, loads with every later
/// build with its PM's hours as they were written.
#[test]
fn the_v4_fixture_loads() {
    let loaded = from_json(&fixture("v4-workspace.json")).unwrap();
    if CURRENT_VERSION == 4 {
        assert_eq!(loaded.migrated_from, None);
        assert_eq!(loaded.workspace, pm_hours_workspace_v4());
    } else {
        assert_eq!(loaded.migrated_from, Some(4));
    }
    let w = &loaded.workspace;
    let web = engagement_named(w, "Website relaunch");
    let mut hours: Vec<Hours> = eng_of(w, web).pm_accepted.values().copied().collect();
    hours.sort();
    assert!(hours.contains(&Hours(650)), "{hours:?}");
    let pm = person_named(w, "Project Manager");
    let assigned = w
        .engagements
        .iter()
        .flat_map(|e| &e.assignments)
        .filter(|a| a.person == pm)
        .fold(Hours(0), |sum, a| sum.saturating_add(a.hours));
    let defaults = w
        .engagements
        .iter()
        .flat_map(|e| e.pm_accepted.values())
        .fold(Hours(0), |sum, &h| sum.saturating_add(h));
    assert_eq!(w.assigned_hours(pm), assigned.saturating_add(defaults));
}

/// The workspace of `tests/fixtures/v5-workspace.json`: the PM-hours workspace with a
/// decision taken in its scope change area (majority, with a 25 % quorum): the engagement
/// lead and the client sponsor for, the sales director against with a reason.
fn decided_workspace() -> Workspace {
    let mut w = pm_hours_workspace_v4();
    let web = engagement_named(&w, "Website relaunch");
    let scope = eng_of(&w, web)
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::ScopeChange)
        .unwrap()
        .id;
    let act = |w: &mut Workspace, action: Action| w.apply(action).unwrap();
    act(
        &mut w,
        Action::EditDecisionArea {
            engagement: web,
            decision: scope,
            edit: DecisionEdit::Method(Some(DecisionMethod::Majority)),
        },
    );
    let proposal = ProposalId(w.next_id);
    act(
        &mut w,
        Action::Propose {
            engagement: web,
            decision: scope,
            text: "Add the loyalty programme to the first release".into(),
            date: "2026-11-30".into(),
            quorum: None,
            worksheet: None,
        },
    );
    act(
        &mut w,
        Action::EditProposal {
            engagement: web,
            decision: scope,
            proposal,
            edit: ProposalEdit::Quorum(Some(Bps(2_500))),
        },
    );
    for (name, stance, reason) in [
        ("Engagement Lead", Stance::For, ""),
        ("Client Sponsor", Stance::For, ""),
        ("Sales Director", Stance::Against, "It delays the launch."),
    ] {
        let person = person_named(&w, name);
        act(
            &mut w,
            Action::SetPosition {
                engagement: web,
                decision: scope,
                proposal,
                person,
                stance: Some(stance),
                reason: reason.into(),
            },
        );
    }
    w
}

/// Writes `tests/fixtures/v5-workspace.json` once, with a version-5 build: never
/// regenerate it once version 5 is released. Run only if the file is missing, with
/// `cargo test --test storage -- --ignored write_v5_fixture`.
#[test]
#[ignore]
fn write_v5_fixture() {
    let path = fixture_path("v5-workspace.json");
    assert!(
        !path.exists(),
        "the v5 fixture is checked in and must never be regenerated"
    );
    assert_eq!(CURRENT_VERSION, 5, "only a version-5 build may write it");
    let text = to_json(&decided_workspace(), Some("2026-12-04T09:00:00.000Z"));
    std::fs::write(path, text + "\n").unwrap();
}

/// A version-5 document, checked in and never regenerated, loads with every later
/// build with its decisions and their outcome.
#[test]
fn the_v5_fixture_loads() {
    let loaded = from_json(&fixture("v5-workspace.json")).unwrap();
    if CURRENT_VERSION == 5 {
        assert_eq!(loaded.migrated_from, None);
        assert_eq!(loaded.workspace, decided_workspace());
    } else {
        assert_eq!(loaded.migrated_from, Some(5));
    }
    let w = &loaded.workspace;
    let e = eng_of(w, engagement_named(w, "Website relaunch"));
    let area = e
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::ScopeChange)
        .unwrap();
    assert_eq!(area.log.len(), 1);
    let outcome = e.outcome(w, area, &area.log[0]).unwrap();
    assert_eq!(outcome.verdict, Verdict::Passed);
    assert_eq!((outcome.tally.for_, outcome.tally.against), (2, 1));
}

/// A version-5 document's proposals approve no worksheet: the field did not exist, and
/// the upgrade to version 6 reads that as "no worksheet".
#[test]
fn the_v5_fixture_proposals_approve_no_worksheet() {
    let loaded = from_json(&fixture("v5-workspace.json")).unwrap();
    assert_eq!(loaded.migrated_from, Some(5));
    let proposals: Vec<&Proposal> = loaded
        .workspace
        .engagements
        .iter()
        .flat_map(|e| &e.decisions)
        .flat_map(|d| &d.log)
        .collect();
    assert!(!proposals.is_empty());
    assert!(proposals.iter().all(|p| p.worksheet.is_none()));
}

/// The 5 -> 6 step gives every proposal `"worksheet": null`; one that has the field keeps
/// it, and what is not a proposal is left for the reader.
#[test]
fn the_version_5_to_6_step_gives_proposals_no_worksheet() {
    let doc = serde_json::json!({"workspace": {"engagements": [
        {"decisions": [
            {"id": 1, "log": [{"id": 2}, {"id": 3, "worksheet": 9}, "x"]},
            {"id": 4},
            "y"
        ]},
        {"name": "no decisions"}
    ]}});
    let up = proposals_approve_no_worksheet(doc).unwrap();
    assert_eq!(
        up["workspace"]["engagements"][0]["decisions"],
        serde_json::json!([
            {"id": 1, "log": [{"id": 2, "worksheet": null}, {"id": 3, "worksheet": 9}, "x"]},
            {"id": 4},
            "y"
        ])
    );
}

/// The 4 -> 5 step gives every decision area an empty log; one that has a log keeps it.
#[test]
fn the_version_4_to_5_step_gives_decision_areas_a_log() {
    let loaded = from_json(&fixture("v4-workspace.json")).unwrap();
    assert_eq!(loaded.migrated_from, Some(4));
    assert!(loaded
        .workspace
        .engagements
        .iter()
        .flat_map(|e| &e.decisions)
        .all(|d| d.log.is_empty()));
    let doc = serde_json::json!({"workspace": {"engagements": [
        {"decisions": [{"id": 1}, {"id": 2, "log": ["kept"]}, "x"]},
        {"name": "no decisions"}
    ]}});
    let up = add_empty_decision_logs(doc).unwrap();
    assert_eq!(
        up["workspace"]["engagements"][0]["decisions"],
        serde_json::json!([{"id": 1, "log": []}, {"id": 2, "log": ["kept"]}, "x"])
    );
}

/// Writes `tests/fixtures/v2-workspace.json` once, like the v1 fixture: never
/// regenerate it. Run only if the file is missing, with
/// `cargo test --test storage -- --ignored write_v2_fixture`.
#[test]
#[ignore]
fn write_v2_fixture() {
    let path = fixture_path("v2-workspace.json");
    assert!(
        !path.exists(),
        "the v2 fixture is checked in and must never be regenerated"
    );
    assert_eq!(CURRENT_VERSION, 2, "only a version-2 build may write it");
    let text = to_json(&priced_workspace(), Some("2026-11-25T12:00:00.000Z"));
    std::fs::write(path, text + "\n").unwrap();
}

/// Writes `tests/fixtures/v2-currencies-workspace.json` once, with a version-2 build,
/// like the other fixtures: never regenerate it. Run only if the file is missing, with
/// `cargo test --test storage -- --ignored write_v2_currencies_fixture`.
#[test]
#[ignore]
fn write_v2_currencies_fixture() {
    let path = fixture_path("v2-currencies-workspace.json");
    assert!(
        !path.exists(),
        "the v2 currencies fixture is checked in and must never be regenerated"
    );
    assert_eq!(CURRENT_VERSION, 2, "only a version-2 build may write it");
    let text = to_json(&currencies_workspace(), Some("2026-12-01T09:00:00.000Z"));
    std::fs::write(path, text + "\n").unwrap();
}

/// Writes `tests/fixtures/v3-workspace.json` once, with a version-3 build: never
/// regenerate it once version 3 is released. Run only if the file is missing, with
/// `cargo test --test storage -- --ignored write_v3_fixture`.
#[test]
#[ignore]
fn write_v3_fixture() {
    let path = fixture_path("v3-workspace.json");
    assert!(
        !path.exists(),
        "the v3 fixture is checked in and must never be regenerated"
    );
    assert_eq!(CURRENT_VERSION, 3, "only a version-3 build may write it");
    let text = to_json(&currencies_workspace_v3(), Some("2026-12-02T09:00:00.000Z"));
    std::fs::write(path, text + "\n").unwrap();
}

/// A version-3 document in yen, dinars and krónur, checked in and never regenerated,
/// must load with every later build with its sponsor amounts as they were written.
#[test]
fn the_v3_fixture_loads() {
    let loaded = from_json(&fixture("v3-workspace.json")).unwrap();
    if CURRENT_VERSION == 3 {
        assert_eq!(loaded.migrated_from, None);
    } else {
        assert_eq!(loaded.migrated_from, Some(3));
    }
    let w = &loaded.workspace;
    let amounts: Vec<(&str, &str, Option<Money>, Option<Money>)> = w
        .engagements
        .iter()
        .map(|e| {
            (
                e.name.as_str(),
                e.currency.as_str(),
                e.sponsor_value.expected_benefits,
                e.sponsor_value.expected_budget,
            )
        })
        .collect();
    assert_eq!(
        amounts,
        [
            (
                "Tokyo showroom",
                "JPY",
                Some(Money(1_200_000)),
                Some(Money(900_000))
            ),
            (
                "Kuwait portal",
                "KWD",
                Some(Money(25_000_500)),
                Some(Money(12_000_000))
            ),
            ("Reykjavik kiosk", "ISK", None, Some(Money(0))),
        ]
    );
}

/// The version-2 document in yen, dinars and krónur opens with its sponsors' amounts
/// meaning what they meant: ¥1,200,000 is still ¥1,200,000, now in whole yen.
#[test]
fn the_v2_currencies_fixture_converts_sponsor_money() {
    let loaded = from_json(&fixture("v2-currencies-workspace.json")).unwrap();
    assert_eq!(loaded.migrated_from, Some(2));
    let w = &loaded.workspace;
    // Read back, it is the workspace a version-3 build makes from the same actions, but
    // for the target margins: version 2 stored the 0 % every new worksheet had, and a
    // stored target stays what it was (docs/FORMAT.md), where a new worksheet has none.
    let mut expected = currencies_workspace_v3();
    for e in &mut expected.engagements {
        for ws in &mut e.pricing.worksheets {
            assert_eq!(ws.target_margin, None);
            ws.target_margin = Some(Bps(0));
        }
    }
    assert_eq!(*w, expected);
    let tokyo = &w.engagements[0];
    let yen = currency(&tokyo.currency);
    assert_eq!(
        tokyo
            .sponsor_value
            .expected_benefits
            .map(|m| format_money(m, &yen)),
        Some("\u{a5}1,200,000".to_string())
    );
    let deal = tokyo.pricing.deal_worksheet().unwrap();
    assert_eq!(
        compute(deal, &tokyo.pricing.rate_card).total.net_price,
        Money(700_000)
    );
    let kuwait = &w.engagements[1];
    assert_eq!(
        kuwait
            .sponsor_value
            .expected_benefits
            .map(|m| format_money(m, &currency("KWD"))),
        Some("KWD 25,000.500".to_string())
    );
    // Check 11 sees what the sponsors meant: KWD 25,000.500 of benefits and a budget
    // of KWD 12,000 against a price of KWD 9,100 (read unconverted, the budget would
    // be KWD 1,200 and the price over it).
    let deal = kuwait.pricing.deal_worksheet().unwrap();
    assert_eq!(
        compute(deal, &kuwait.pricing.rate_card).total.net_price,
        Money(9_100_000)
    );
    for e in [tokyo, kuwait] {
        let found: Vec<String> = assessment::assess(w, e.id)
            .findings
            .into_iter()
            .filter(|f| f.check == assessment::Check::SponsorValue)
            .map(|f| f.message)
            .collect();
        assert_eq!(found, Vec::<String>::new(), "{}", e.name);
    }
}

/// The deal's figures in the v2 fixture, in euro cents, worked out by hand: cost
/// 18,117.55 + 3,932.50 + 1,144.00 (delivery's hours where estimated, 10 %
/// contingency); list 24,378.90 + 6,352.50 (5 % billable contingency, the handover is
/// non-billable); after the 5 % line discount 29,512.45, less 2.5 % (737.81).
///
/// Version 2 builds priced the time-and-materials line "Performance tuning" on its
/// sales hours (60 h developer and 8.25 h architect: 8,316.00), although delivery
/// estimates 55 h developer of work. Time and materials bills the hours of work, so
/// that line is 6,352.50 and the list 1,963.50 lower than version 2 said (32,694.90;
/// net 30,689.05). The fixed-fee and non-billable lines price as before.
const V2_COST: i64 = 2_319_405;
const V2_LIST: i64 = 3_073_140;
const V2_NET: i64 = 2_877_464;
/// The list price version 2 builds showed for the deal.
const V2_LIST_IN_VERSION_2: i64 = 3_269_490;

/// A version-2 document with a priced engagement, checked in and never regenerated,
/// must load with every later build, and price the same.
#[test]
fn the_v2_fixture_loads() {
    let loaded = from_json(&fixture("v2-workspace.json")).unwrap();
    let w = &loaded.workspace;
    if CURRENT_VERSION == 2 {
        assert_eq!(loaded.migrated_from, None);
    } else {
        assert_eq!(loaded.migrated_from, Some(2));
    }
    assert_eq!(w.engagements.len(), 2);
    let web = &w.engagements[0];
    let p = &web.pricing;
    assert_eq!(p.rate_card.len(), 3);
    assert_eq!(p.worksheets.len(), 2);
    let base = &p.worksheets[0];
    let lead = person_named(w, "Engagement Lead");
    assert_eq!(base.approval, Approval::Approved { by: lead });
    assert_eq!(base.log.len(), 4);
    assert_eq!(base.log[1].note, "Add the handover, \"non-billable\".");
    assert_eq!(base.style, SellingStyle::Collaborative);
    assert_eq!(base.lines[0].need, Some(web.needs[0].id));
    assert_eq!(base.lines[0].expenses.len(), 2);
    let deal = p.deal_worksheet().unwrap();
    assert_eq!(deal.name, "Loyalty discount");
    assert_eq!(deal.global_discount, Bps(250));
    let f = compute(deal, &p.rate_card).total;
    assert_eq!(
        (f.cost, f.list_price, f.net_price),
        (Money(V2_COST), Money(V2_LIST), Money(V2_NET))
    );
    assert_eq!(f.net_price.0, f.cost.0 + f.gross_margin.0);
    // Only the time-and-materials line moved: by its 13.25 fewer hours of work.
    let lines = compute(deal, &p.rate_card).lines;
    let tm = &deal.lines[1];
    assert_eq!(tm.billing, BillingType::TimeAndMaterials);
    assert_eq!(lines[1].labour_price, Money(55 * 11_000));
    assert_eq!(
        V2_LIST_IN_VERSION_2 - V2_LIST,
        (660_000 + 132_000 - 605_000) * 105 / 100
    );
    // The in-house engagement is not priced.
    assert_eq!(w.engagements[1].pricing, Pricing::default());
    // Sponsor amounts in euros and dollars were already in cents.
    assert_eq!(web.sponsor_value.expected_benefits, Some(Money(48_000_000)));
    assert_eq!(web.sponsor_value.expected_budget, Some(Money(21_500_050)));
    assert_eq!(
        w.engagements[1].sponsor_value.expected_benefits,
        Some(Money(9_000_000))
    );
}

/// Version 3 dated the sign-offs and let a need be marked complete. A version-2 plan's
/// sign-offs open undated, to be confirmed again; its needs open not marked complete,
/// so a need still being delivered is work in progress, not a mismatch.
#[test]
fn the_v2_fixture_loads_with_undated_sign_offs_and_needs_not_marked_complete() {
    let loaded = from_json(&fixture("v2-workspace.json")).unwrap();
    let w = &loaded.workspace;
    let (web, payroll) = (&w.engagements[0], &w.engagements[1]);
    let sales = person_named(w, "Sales Director");
    let pm = person_named(w, "Project Manager");
    let desk = person_named(w, "Service Desk Lead");
    assert_eq!(
        web.sign_off_statuses(&w.people),
        vec![
            (
                SignOffParty::Sales,
                SignOffStatus::Undated { person: sales }
            ),
            (SignOffParty::CustomerService, SignOffStatus::Missing),
            (
                SignOffParty::Delivery,
                SignOffStatus::Undated { person: pm }
            ),
        ]
    );
    assert_eq!(
        payroll.sign_off_status(SignOffParty::CustomerService, &w.people),
        SignOffStatus::Undated { person: desk }
    );
    let findings = assessment::assess(w, web.id).findings;
    let undated: Vec<&str> = findings
        .iter()
        .filter(|f| f.check == assessment::Check::ProcessSignOff)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(undated.len(), 3, "{undated:#?}");
    assert!(undated[0].starts_with("Sales Director's sign-off for sales has no date"));
    assert!(w
        .engagements
        .iter()
        .flat_map(|e| &e.needs)
        .all(|n| !n.complete));
    // "Checkout works on phones" is in performance, delivered partly of fully promised.
    let checkout = &web.needs[0];
    assert_eq!(checkout.delivered, Coverage::Partly);
    assert_eq!(web.stage, Stage::Performance);
    assert!(matches!(
        checkout.status(web.stage),
        NeedStatus::InProgress(_)
    ));
    assert!(!findings
        .iter()
        .any(|f| f.subject == assessment::Subject::Need(checkout.id)));
    // Written again, the sign-offs are still undated and the needs not complete.
    let again = from_json(&to_json(w, None)).unwrap().workspace;
    assert_eq!(&again, w);
}

/// Fields a version-2 document does not have read as "not set": no line has an agreed
/// fee or a cap (so a fixed fee is the sales estimate and time and materials is not
/// capped, as version 2 priced them), there is no default target margin, and a
/// worksheet's stored target margin, even 0 %, stays set.
#[test]
fn version_2_plans_read_with_no_agreed_fee_cap_or_default_target() {
    let loaded = from_json(&fixture("v2-workspace.json")).unwrap();
    let w = &loaded.workspace;
    assert_eq!(w.default_target_margin, None);
    let p = &w.engagements[0].pricing;
    for ws in &p.worksheets {
        assert_eq!(ws.target_margin, Some(Bps(3_000)));
        for l in &ws.lines {
            assert_eq!((l.fee, l.cap), (None, None), "{}", l.name);
        }
    }
    // The approved base keeps its figures: no fee was agreed when it was approved,
    // so its fixed-fee line is priced at the estimate.
    let base = compute(&p.worksheets[0], &p.rate_card);
    assert!(base.lines.iter().all(|l| l.price_adjustment == Money(0)));
    // A 0 % target written by version 2 is kept as a target someone set.
    let zero = v2_with(|d| {
        d["workspace"]["engagements"][0]["pricing"]["worksheets"][1]["target_margin"] = 0.into()
    })
    .unwrap();
    assert_eq!(
        zero.workspace.engagements[0].pricing.worksheets[1].target_margin,
        Some(Bps(0))
    );
    // Written again, the new fields are there, empty.
    let again: Value = serde_json::from_str(&to_json(w, None)).unwrap();
    assert_eq!(again["workspace"]["default_target_margin"], Value::Null);
    let line = &again["workspace"]["engagements"][0]["pricing"]["worksheets"][0]["lines"][0];
    assert_eq!((&line["fee"], &line["cap"]), (&Value::Null, &Value::Null));
}

#[test]
fn the_example_loads_and_is_in_canonical_form() {
    let text = example();
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.workspace.engagements.len(), 1);
    // Writing it again gives the same document (but for the app version), so the
    // example shows every field exactly as the app writes it.
    let again: Value =
        serde_json::from_str(&to_json(&loaded.workspace, loaded.saved_at.as_deref())).unwrap();
    let mut expected: Value = serde_json::from_str(&text).unwrap();
    expected["app_version"] = again["app_version"].clone();
    assert_eq!(again, expected);
}

#[test]
fn format_md_shows_the_example_verbatim() {
    let doc =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
            .unwrap();
    let marker = "<!-- example: tests/fixtures/example.workspace.json -->";
    let after = &doc[doc.find(marker).expect("FORMAT.md marks its example") + marker.len()..];
    let body = after
        .trim_start()
        .strip_prefix("```json\n")
        .expect("a ```json block follows the marker");
    let block = &body[..body.find("\n```").expect("the block is closed") + 1];
    assert_eq!(
        block,
        example(),
        "docs/FORMAT.md and tests/fixtures/example.workspace.json differ"
    );
}

#[test]
fn format_md_documents_every_field() {
    let doc =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
            .unwrap();
    let mut keys = std::collections::BTreeSet::new();
    fn collect(v: &Value, keys: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    keys.insert(k.clone());
                    // The keys of an hours map are rate card role ids, not fields.
                    if k != "hours" && k != "delivery_hours" {
                        collect(v, keys);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| collect(v, keys)),
            _ => {}
        }
    }
    let w = priced_workspace();
    collect(
        &serde_json::from_str(&to_json(&w, Some("x"))).unwrap(),
        &mut keys,
    );
    for key in keys {
        assert!(
            doc.contains(&format!("| `{key}` |")),
            "docs/FORMAT.md has no table row for `{key}`"
        );
    }
}

// ---------------------------------------------------------------------------------
// File names

#[test]
fn file_names_are_safe_slugs() {
    let cases = [
        (
            "Website relaunch",
            DocumentKind::Engagement,
            "website-relaunch.engagement.json",
        ),
        (
            "Website relaunch",
            DocumentKind::Workspace,
            "website-relaunch.workspace.json",
        ),
        (
            "  Q3 / Q4: Payroll -- migration!  ",
            DocumentKind::Engagement,
            "q3-q4-payroll-migration.engagement.json",
        ),
        (
            "../../etc/passwd",
            DocumentKind::Workspace,
            "etc-passwd.workspace.json",
        ),
        (
            "C:\\Users\\x",
            DocumentKind::Workspace,
            "c-users-x.workspace.json",
        ),
        (
            "Café Münster",
            DocumentKind::Engagement,
            "café-münster.engagement.json",
        ),
        (
            "日本語の計画",
            DocumentKind::Engagement,
            "日本語の計画.engagement.json",
        ),
        ("", DocumentKind::Engagement, "untitled.engagement.json"),
        ("   ", DocumentKind::Workspace, "untitled.workspace.json"),
        ("!!!***", DocumentKind::Workspace, "untitled.workspace.json"),
        (".hidden", DocumentKind::Workspace, "hidden.workspace.json"),
        ("CON", DocumentKind::Workspace, "con-plan.workspace.json"),
        ("lpt1", DocumentKind::Workspace, "lpt1-plan.workspace.json"),
        (
            "tab\tand\nnewline\u{202e}",
            DocumentKind::Workspace,
            "tab-and-newline.workspace.json",
        ),
    ];
    for (name, kind, expected) in cases {
        assert_eq!(file_name_for(name, kind), expected, "{name:?}");
    }
    let long = file_name_for(&"word ".repeat(100), DocumentKind::Workspace);
    let slug = long.strip_suffix(".workspace.json").unwrap();
    assert!(slug.chars().count() <= 60, "{long}");
    assert!(!slug.ends_with('-'));
}

// ---------------------------------------------------------------------------------
// Properties

/// One random step: what kind of action, and numbers from which to pick its targets.
#[derive(Debug, Clone)]
struct Step {
    op: u8,
    a: usize,
    b: usize,
    c: usize,
    n: u32,
    text: String,
}

fn step() -> impl Strategy<Value = Step> {
    (
        0u8..26,
        any::<usize>(),
        any::<usize>(),
        any::<usize>(),
        0u32..20_000,
        "[A-Za-z0-9 éß漢\"\\\\/<>.,'-]{0,12}",
    )
        .prop_map(|(op, a, b, c, n, text)| Step {
            op,
            a,
            b,
            c,
            n,
            text,
        })
}

fn pick<T: Copy>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()])
}

/// Turns a random step into an action on the workspace as it is, picking existing
/// targets (so most actions succeed); `None` when there is nothing to act on.
fn action_for(w: &Workspace, s: &Step) -> Option<Action> {
    let people: Vec<PersonId> = w.people.iter().map(|p| p.id).collect();
    let engagements: Vec<EngagementId> = w.engagements.iter().map(|e| e.id).collect();
    let person = pick(&people, s.a);
    let maybe_person = if s.c.is_multiple_of(4) { None } else { person };
    let engagement = pick(&engagements, s.b);
    let e = engagement.and_then(|id| w.engagement(id));
    let function = e.and_then(|e| pick(&e.functions.iter().map(|f| f.id).collect::<Vec<_>>(), s.c));
    let role = Raci::ALL[s.a % 4];
    let hours = Hours(s.n);
    let money = Some(Money(i64::from(s.n) * 1_000));
    Some(match s.op {
        0 | 1 => Action::AddPerson {
            name: format!("P{}", s.text),
            side: Side::ALL[s.b % 3],
            group: StakeholderGroup::ALL[s.c % 14],
            capacity: hours,
        },
        2 => Action::CreateEngagement {
            name: format!("E{}", s.text),
            template: Template::ALL[s.a % 2],
        },
        3..=6 => Action::Assign {
            engagement: engagement?,
            person: person?,
            function: function?,
            role,
            hours: Hours(s.n % 2_000),
        },
        7 => Action::EditEngagement {
            engagement: engagement?,
            edit: match s.c % 12 {
                0 => EngagementEdit::Pm(maybe_person),
                1 => EngagementEdit::EngagementManager(maybe_person),
                2 => EngagementEdit::Champion(maybe_person),
                3 => EngagementEdit::AgreementDocumenter(maybe_person),
                4 => EngagementEdit::AgreementFormal(s.n.is_multiple_of(2)),
                5 => EngagementEdit::Relationship(Relationship::ALL[s.n as usize % 2]),
                6 => EngagementEdit::Stage(Stage::ALL[s.n as usize % 5]),
                7 => EngagementEdit::Currency(s.text.clone()),
                8 => EngagementEdit::ExpectedBenefits(money),
                9 => EngagementEdit::ExpectedBudget(money),
                10 => EngagementEdit::BenefitsDescription(s.text.clone()),
                _ => EngagementEdit::Client(s.text.clone()),
            },
        },
        8 => Action::AddFunction {
            engagement: engagement?,
            name: format!("F{}", s.text),
        },
        9 => Action::RemoveFunction {
            engagement: engagement?,
            function: function?,
        },
        10 => Action::SetPmAcceptance {
            engagement: engagement?,
            function: function?,
            accepted: !s.n.is_multiple_of(3),
        },
        11 => Action::AddDecisionArea {
            engagement: engagement?,
            name: format!("D{}", s.text),
        },
        12 => {
            let d = pick(&e?.decisions.iter().map(|d| d.id).collect::<Vec<_>>(), s.c)?;
            Action::EditDecisionArea {
                engagement: engagement?,
                decision: d,
                edit: match s.n % 3 {
                    0 => DecisionEdit::Authority(maybe_person),
                    1 => DecisionEdit::Method(Some(DecisionMethod::ALL[s.a % 3])),
                    _ => DecisionEdit::Name(s.text.clone()),
                },
            }
        }
        13 => Action::AddReport {
            engagement: engagement?,
            name: format!("R{}", s.text),
        },
        14 => {
            let r = pick(&e?.reports.iter().map(|r| r.id).collect::<Vec<_>>(), s.c)?;
            Action::EditReport {
                engagement: engagement?,
                report: r,
                edit: match s.n % 3 {
                    0 => ReportEdit::Owner(maybe_person),
                    1 => ReportEdit::Audience(
                        [
                            StakeholderGroup::ALL[s.a % 14],
                            StakeholderGroup::ALL[s.c % 14],
                        ]
                        .into(),
                    ),
                    _ => ReportEdit::Frequency(Some(Frequency::ALL[s.a % 6])),
                },
            }
        }
        15 => Action::AddNeed {
            engagement: engagement?,
            title: format!("N{}", s.text),
        },
        16 => {
            let need = pick(&e?.needs.iter().map(|n| n.id).collect::<Vec<_>>(), s.c)?;
            Action::EditNeed {
                engagement: engagement?,
                need,
                edit: if s.n.is_multiple_of(4) {
                    NeedEdit::Note(s.text.clone())
                } else {
                    NeedEdit::Coverage(NeedAspect::ALL[s.a % 4], Coverage::ALL[s.n as usize % 4])
                },
            }
        }
        17 => Action::AddComplianceItem {
            engagement: engagement?,
            rule: format!("C{}", s.text),
        },
        18 => {
            let item = pick(&e?.compliance.iter().map(|c| c.id).collect::<Vec<_>>(), s.c)?;
            Action::EditComplianceItem {
                engagement: engagement?,
                item,
                edit: if s.n.is_multiple_of(2) {
                    ComplianceEdit::Owner(maybe_person)
                } else {
                    ComplianceEdit::Status(ComplianceStatus::ALL[s.a % 5])
                },
            }
        }
        19 => match maybe_person {
            Some(person) => Action::SignOff {
                engagement: engagement?,
                party: SignOffParty::ALL[s.c % 3],
                person,
                date: format!("2025-{:02}-{:02}", 1 + s.a % 12, 1 + s.n % 28),
            },
            None => Action::WithdrawSignOff {
                engagement: engagement?,
                party: SignOffParty::ALL[s.c % 3],
            },
        },
        20 => Action::RemovePerson { person: person? },
        21 => Action::DuplicateEngagement {
            engagement: engagement?,
            name: format!("Copy {}", s.text),
        },
        22 => Action::RemoveEngagement {
            engagement: engagement?,
        },
        23 => Action::EditPerson {
            person: person?,
            edit: PersonEdit::Capacity(hours),
        },
        24 => Action::SetAssignmentHours {
            engagement: engagement?,
            person: person?,
            function: function?,
            role,
            hours,
        },
        _ => Action::Unassign {
            engagement: engagement?,
            person: person?,
            function: function?,
            role,
        },
    })
}

fn build(steps: &[Step]) -> Workspace {
    let mut w = Workspace::default();
    for s in steps {
        if let Some(action) = action_for(&w, s) {
            // Refused actions leave the workspace as it was; that is the model's
            // business, not this test's.
            let _ = w.apply(action);
        }
    }
    w
}

/// Ways of damaging a valid document as text.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize, usize),
    Replace(usize, char),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let ch = prop_oneof![
        Just('"'),
        Just('{'),
        Just('}'),
        Just('['),
        Just(']'),
        Just(','),
        Just(':'),
        Just('-'),
        Just('9'),
        Just('\\'),
        Just('\u{0}'),
        any::<char>(),
    ];
    prop_oneof![
        (any::<usize>(), ch.clone()).prop_map(|(i, c)| Edit::Insert(i, c)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<usize>(), ch).prop_map(|(i, c)| Edit::Replace(i, c)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn boundary(text: &str, i: usize) -> usize {
    let mut i = i % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn damage(mut text: String, edits: &[Edit]) -> String {
    for e in edits {
        match *e {
            Edit::Insert(i, c) => {
                let i = boundary(&text, i);
                text.insert(i, c);
            }
            Edit::Delete(i, n) => {
                let start = boundary(&text, i);
                let end = boundary(&text, (start + n).min(text.len()));
                if end > start {
                    text.replace_range(start..end, "");
                }
            }
            Edit::Replace(i, c) => {
                let start = boundary(&text, i);
                if let Some(old) = text[start..].chars().next() {
                    text.replace_range(start..start + old.len_utf8(), &c.to_string());
                }
            }
            Edit::Truncate(i) => {
                let i = boundary(&text, i);
                text.truncate(i);
            }
        }
    }
    text
}

/// Values that break a document in interesting ways when put somewhere in it.
fn hostile_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u64..40).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        Just(Value::from(-1)),
        Just(Value::from(16_801)),
        Just(Value::from(u64::from(u32::MAX) + 1)),
        Just(Value::from(1_000_000_000_000_001i64)),
        Just(Value::from(1.5)),
        Just(Value::from(1e300)),
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(Value::from("")),
        Just(Value::from("accountable")),
        Just(Value::from("x".repeat(6_000))),
        Just(Value::Array(vec![])),
        Just(serde_json::json!({})),
        Just(serde_json::json!([[[[[[[[1]]]]]]]])),
        "[a-z_]{0,12}".prop_map(Value::from),
    ]
}

/// Every place in a JSON value, as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                pointers(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Whatever `from_json` accepts is a valid workspace that the app can adopt or import
/// without panicking, and writing it out reads it back the same.
fn check_accepted(loaded: &LoadedDocument) {
    let w = &loaded.workspace;
    assert!(w.validate().is_ok());
    assert_eq!(from_json(&to_json(w, None)).unwrap().workspace, *w);
    let mut target = realistic_workspace();
    target
        .apply(Action::ReplaceWorkspace { with: w.clone() })
        .unwrap();
    let mut target = realistic_workspace();
    let _ = target.apply(Action::ImportEngagements { from: w.clone() });
    assert!(target.validate().is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn generated_workspaces_round_trip(steps in prop::collection::vec(step(), 0..80)) {
        let w = build(&steps);
        prop_assert!(w.validate().is_ok());
        let loaded = from_json(&to_json(&w, Some("2025-01-01T00:00:00.000Z"))).unwrap();
        prop_assert_eq!(&loaded.workspace, &w);
        for e in &w.engagements {
            let part = from_json(&engagement_to_json(&w, e.id, None).unwrap()).unwrap();
            prop_assert_eq!(part.kind, DocumentKind::Engagement);
            prop_assert_eq!(&part.workspace.engagements[0], e);
            prop_assert!(part.workspace.people.len() <= w.people.len());
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = from_json(&text);
    }

    #[test]
    fn json_like_text_never_panics(text in "[\\[\\]{}\":,0-9a-z_ \\\\.-]{0,200}") {
        let _ = from_json(&text);
        let _ = from_json(&format!(
            "{{\"format\":\"engagement-planner\",\"version\":1,\"kind\":\"workspace\",\"workspace\":{text}"
        ));
    }

    #[test]
    fn damaged_documents_never_panic(edits in prop::collection::vec(edit(), 1..6)) {
        let text = damage(fixture("v1-workspace.json"), &edits);
        if let Ok(loaded) = from_json(&text) {
            check_accepted(&loaded);
        }
    }

    #[test]
    fn documents_with_hostile_values_never_panic(
        places in prop::collection::vec((any::<usize>(), hostile_value()), 1..4),
    ) {
        let mut doc: Value = serde_json::from_str(&fixture("v1-workspace.json")).unwrap();
        for (place, value) in places {
            let mut all = Vec::new();
            pointers(&doc, String::new(), &mut all);
            let at = &all[place % all.len()];
            if at.is_empty() {
                doc = value;
            } else {
                *doc.pointer_mut(at).unwrap() = value;
            }
        }
        let text = serde_json::to_string_pretty(&doc).unwrap();
        if let Ok(loaded) = from_json(&text) {
            check_accepted(&loaded);
        }
    }
}

/// Changes to the v2 fixture's workspace: a hostile value put somewhere, or (with no
/// value) a field taken out of its object.
fn change_v2(changes: Vec<(usize, Option<Value>)>) -> Value {
    let mut doc = v2_value();
    for (place, value) in changes {
        let mut all = Vec::new();
        pointers(&doc["workspace"], "/workspace".to_string(), &mut all);
        let at = &all[place % all.len()];
        match value {
            Some(value) => {
                if let Some(slot) = doc.pointer_mut(at) {
                    *slot = value;
                }
            }
            None => {
                let (parent, key) = at.rsplit_once('/').unwrap();
                if let Some(Value::Object(map)) = doc.pointer_mut(parent) {
                    map.remove(key);
                }
            }
        }
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// serde decides what can be read, and the shape table explains it: whenever
    /// serde refuses a document the table finds a problem, and it finds none in a
    /// document serde reads.
    #[test]
    fn the_shape_table_explains_exactly_what_serde_refuses(
        changes in prop::collection::vec((any::<usize>(), prop::option::of(hostile_value())), 1..4),
    ) {
        let doc = change_v2(changes);
        let text = serde_json::to_string(&doc).unwrap();
        let serde_reads = serde_json::from_str::<Readable>(&text).is_ok();
        let found = shape::check(&doc);
        prop_assert_eq!(serde_reads, found.is_empty(), "{:?}", found);
    }

    #[test]
    fn refusals_of_hostile_values_are_in_the_readers_words(
        changes in prop::collection::vec((any::<usize>(), prop::option::of(hostile_value())), 1..4),
    ) {
        let text = serde_json::to_string_pretty(&change_v2(changes)).unwrap();
        if let Err(err) = from_json(&text) {
            for message in std::iter::once(err.to_string()).chain(err.details()) {
                prop_assert!(parser_language(&message).is_none(), "{}", message);
            }
        }
    }

    #[test]
    fn refusals_of_damaged_files_are_in_the_readers_words(
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let text = damage(fixture("v2-workspace.json"), &edits);
        if let Err(err) = from_json(&text) {
            for message in std::iter::once(err.to_string()).chain(err.details()) {
                prop_assert!(parser_language(&message).is_none(), "{}", message);
            }
        }
    }
}

/// A version-6 document, checked in and never regenerated: its two clients become two
/// accounts, each engagement names its own, and the ids go on from where the file left
/// them.
#[test]
fn the_v6_fixture_clients_become_accounts() {
    let text = fixture("v6-workspace.json");
    let before: Value = serde_json::from_str(&text).unwrap();
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.migrated_from, Some(6));
    let w = &loaded.workspace;
    let names: Vec<&str> = w.accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Harbor Retail", "Finance department"]);
    let old_next = before["workspace"]["next_id"].as_u64().unwrap() as u32;
    assert_eq!(
        w.accounts.iter().map(|a| a.id.0).collect::<Vec<_>>(),
        [old_next, old_next + 1]
    );
    assert_eq!(w.next_id, old_next + 2);
    for (e, old) in w
        .engagements
        .iter()
        .zip(before["workspace"]["engagements"].as_array().unwrap())
    {
        assert_eq!(w.client_name(e), old["client"].as_str().unwrap());
    }
    // The built-in standard, and nothing accepted yet.
    assert!(w.standard.is_built_in());
    assert!(w
        .engagements
        .iter()
        .all(|e| e.accepted_departures.is_empty()));
    // Written again, the document is version 7 with accounts and no client.
    let again: Value = serde_json::from_str(&to_json(w, None)).unwrap();
    assert_eq!(again["version"], 7);
    assert!(again["workspace"]["engagements"][0].get("client").is_none());
    assert_eq!(from_json(&to_json(w, None)).unwrap().workspace, *w);
}

/// The 6 -> 7 step: the same client in another case or with spaces around is one
/// account (the first spelling kept); an empty or missing client names none; a client
/// that is not text refuses the document.
#[test]
fn the_version_6_to_7_step_makes_one_account_per_client() {
    let doc = serde_json::json!({"workspace": {"next_id": 40, "engagements": [
        {"id": 1, "client": "Harbor Retail"},
        {"id": 2, "client": "  harbor RETAIL "},
        {"id": 3, "client": ""},
        {"id": 4},
        {"id": 5, "client": "Finance"},
        {"id": 6, "client": null}
    ]}});
    let out = clients_become_accounts(doc).unwrap();
    let w = &out["workspace"];
    assert_eq!(
        w["accounts"],
        serde_json::json!([
            {"id": 40, "name": "Harbor Retail", "owner": null, "notes": ""},
            {"id": 41, "name": "Finance", "owner": null, "notes": ""}
        ])
    );
    assert_eq!(w["next_id"], 42);
    let accounts: Vec<Value> = w["engagements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["account"].clone())
        .collect();
    assert_eq!(
        accounts,
        [
            Value::from(40),
            Value::from(40),
            Value::Null,
            Value::Null,
            Value::from(41),
            Value::Null
        ]
    );
    assert!(w["engagements"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e.get("client").is_none()));

    // No client at all: no account, and next_id stays.
    let out = clients_become_accounts(
        serde_json::json!({"workspace": {"next_id": 7, "engagements": [{"client": " "}]}}),
    )
    .unwrap();
    assert_eq!(out["workspace"]["next_id"], 7);
    assert_eq!(out["workspace"]["accounts"], serde_json::json!([]));

    let err = clients_become_accounts(
        serde_json::json!({"workspace": {"next_id": 7, "engagements": [{"client": 5}]}}),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "This file was saved by an older version (v6) of Engagement Planner and could not be upgraded: the client of engagement 1 is not text"
    );
    // Out of ids: refused rather than wrapping around.
    let err = clients_become_accounts(serde_json::json!({"workspace": {
        "next_id": u64::from(u32::MAX), "engagements": [{"client": "A"}]
    }}))
    .unwrap_err();
    assert!(
        matches!(err, LoadError::Migration { from: 6, .. }),
        "{err:?}"
    );
}

// Sent copies: a file sent to someone else carries its own revision and the copy it was
// based on, so a comparison can tell who changed what.

/// The realistic workspace with one more person: "my" plan, changed since the base.
fn changed_since_base() -> Workspace {
    let mut w = realistic_workspace();
    apply(
        &mut w,
        Action::AddPerson {
            name: "New Analyst".into(),
            side: Side::Provider,
            group: StakeholderGroup::ProjectManager,
            capacity: Hours(2000),
        },
    );
    w
}

fn realistic_base() -> Base {
    Base {
        revision: "18c2f00a1b2-0000beef".into(),
        workspace: realistic_workspace(),
    }
}

#[test]
fn a_sent_workspace_reads_back_with_its_revision_and_base() {
    let mine = changed_since_base();
    let base = realistic_base();
    let text = to_json_sent(&mine, Some("2026-12-01T12:00:00Z"), "sent-1", Some(&base));
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.kind, DocumentKind::Workspace);
    assert_eq!(loaded.workspace, mine);
    assert_eq!(loaded.revision.as_deref(), Some("sent-1"));
    assert_eq!(loaded.base, Some(base));
    assert_eq!(loaded.base_note, None);
    assert_eq!(loaded.saved_at.as_deref(), Some("2026-12-01T12:00:00Z"));

    // Without a base: the revision only.
    let loaded = from_json(&to_json_sent(&mine, None, "sent-2", None)).unwrap();
    assert_eq!(loaded.revision.as_deref(), Some("sent-2"));
    assert_eq!((loaded.base, loaded.base_note), (None, None));
    assert_eq!(loaded.workspace, mine);
}

#[test]
fn a_sent_engagement_reads_back_with_its_revision_and_base() {
    let mine = changed_since_base();
    let id = engagement_named(&mine, "Website relaunch");
    let base = realistic_base();
    let text = engagement_to_json_sent(&mine, id, None, "sent-3", Some(&base)).unwrap();
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.kind, DocumentKind::Engagement);
    assert_eq!(loaded.workspace, engagement_workspace(&mine, id).unwrap());
    assert_eq!(loaded.revision.as_deref(), Some("sent-3"));
    // The base holds that engagement as it was, and nothing of the base's others.
    let base_part = engagement_workspace(&base.workspace, id).unwrap();
    assert_eq!(base.workspace.engagements.len(), 2);
    assert_eq!(base_part.engagements.len(), 1);
    assert_eq!(
        loaded.base,
        Some(Base {
            revision: base.revision.clone(),
            workspace: base_part,
        })
    );
    assert_eq!(loaded.base_note, None);
    assert!(
        !text.contains("Payroll migration"),
        "the other engagement stays out"
    );
    // A base without that engagement (it is new since): no base.
    let mut newer = mine.clone();
    apply(
        &mut newer,
        Action::CreateEngagement {
            name: "Brand new".into(),
            template: Template::InHouseProject,
        },
    );
    let new_id = engagement_named(&newer, "Brand new");
    let text = engagement_to_json_sent(&newer, new_id, None, "sent-5", Some(&base)).unwrap();
    let new_one = from_json(&text).unwrap();
    assert_eq!((new_one.base, new_one.base_note), (None, None));
    assert_eq!(new_one.revision.as_deref(), Some("sent-5"));
    // The same engagement as the plain export, apart from the envelope.
    let plain = from_json(&engagement_to_json(&mine, id, None).unwrap()).unwrap();
    assert_eq!(plain.workspace, loaded.workspace);
    assert!(engagement_to_json_sent(&mine, EngagementId(9999), None, "sent-4", None).is_none());
}

#[test]
fn files_without_a_revision_read_as_before() {
    let w = realistic_workspace();
    let id = engagement_named(&w, "Website relaunch");
    let texts = [
        to_json(&w, None),
        engagement_to_json(&w, id, None).unwrap(),
        engagement_document(&w, id).unwrap(),
        example(),
        fixture("v1-workspace.json"),
        fixture("v2-workspace.json"),
        fixture("v3-workspace.json"),
        fixture("v4-workspace.json"),
        fixture("v5-workspace.json"),
        fixture("v6-workspace.json"),
    ];
    for text in texts {
        let loaded = from_json(&text).unwrap();
        assert_eq!(
            (loaded.revision, loaded.base, loaded.base_note),
            (None, None, None)
        );
    }
    // The plain writers write neither field.
    for text in [
        to_json(&w, None),
        engagement_to_json(&w, id, None).unwrap(),
        engagement_document(&w, id).unwrap(),
    ] {
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert!(doc.get("revision").is_none() && doc.get("base").is_none());
    }
}

#[test]
fn fields_a_reader_does_not_know_are_ignored_so_older_readers_read_sent_files() {
    // What an older reader does with `revision` and `base`, this one does with any
    // field it does not know, however it is shaped.
    let mut doc: Value = serde_json::from_str(&example()).unwrap();
    doc["later"] = serde_json::json!({"revision": 5, "workspace": {"people": 3}});
    doc["later_too"] = serde_json::json!([1, "two", null]);
    let loaded = from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
    assert_eq!(loaded.workspace, from_json(&example()).unwrap().workspace);
}

/// The example with `base` set to `base`.
fn example_with_base(base: Value) -> String {
    let mut doc: Value = serde_json::from_str(&example()).unwrap();
    doc["revision"] = Value::from("theirs-1");
    doc["base"] = base;
    serde_json::to_string_pretty(&doc).unwrap()
}

/// The example's workspace with one literal piece of its text replaced.
fn example_workspace_with(from: &str, to: &str) -> Value {
    let doc: Value = serde_json::from_str(&example_with(from, to)).unwrap();
    doc["workspace"].clone()
}

fn example_workspace() -> Value {
    let doc: Value = serde_json::from_str(&example()).unwrap();
    doc["workspace"].clone()
}

/// Reading `text` gives the example's workspace intact, no base and a note in words.
fn assert_base_refused(what: &str, text: &str) -> String {
    let loaded = from_json(text).unwrap_or_else(|e| panic!("{what}: the file was refused: {e}"));
    assert_eq!(
        loaded.workspace,
        from_json(&example()).unwrap().workspace,
        "{what}"
    );
    assert_eq!(loaded.base, None, "{what}");
    let note = loaded
        .base_note
        .unwrap_or_else(|| panic!("{what}: no note"));
    assert!(
        note.starts_with("The copy this file was based on could not be read ("),
        "{what}: {note}"
    );
    assert!(
        note.ends_with("so only differences can be shown, not who changed what."),
        "{what}: {note}"
    );
    if let Some(why) = parser_language(&note) {
        panic!("{what}: the note has {why}: {note}");
    }
    for word in [
        "Some", "None", "serde", "Value", "Object", "null", "revision",
    ] {
        assert!(
            !note.contains(word),
            "{what}: the note says {word:?}: {note}"
        );
    }
    assert!(note.chars().count() < 600, "{what}: {note}");
    note
}

#[test]
fn a_hostile_base_leaves_the_file_readable_with_a_note() {
    use serde_json::json;
    let ok = "mine-1";
    let huge = "a".repeat(100_000);
    let cases: Vec<(&str, Value, &str)> = vec![
        ("a number", json!(5), "form"),
        ("a text", json!("base"), "form"),
        ("a list", json!([example_workspace()]), "form"),
        (
            "no revision",
            json!({"workspace": example_workspace()}),
            "missing",
        ),
        (
            "a numeric revision",
            json!({"revision": 7, "workspace": example_workspace()}),
            "not one",
        ),
        (
            "an empty revision",
            json!({"revision": "", "workspace": example_workspace()}),
            "not one",
        ),
        (
            "a revision with spaces",
            json!({"revision": "one two", "workspace": example_workspace()}),
            "not one",
        ),
        (
            "a revision like a path",
            json!({"revision": "../../etc", "workspace": example_workspace()}),
            "not one",
        ),
        (
            "a revision of 65 characters",
            json!({"revision": "a".repeat(65), "workspace": example_workspace()}),
            "not one",
        ),
        (
            "a huge revision",
            json!({"revision": huge, "workspace": example_workspace()}),
            "not one",
        ),
        ("no workspace", json!({"revision": ok}), "no plan"),
        (
            "a workspace that is a number",
            json!({"revision": ok, "workspace": 3}),
            "problem",
        ),
        (
            "a workspace of the wrong shape",
            json!({"revision": ok, "workspace": {"people": 3}}),
            "problem",
        ),
        (
            "two Accountables",
            json!({"revision": ok, "workspace": example_workspace_with("\"role\": \"informed\"", "\"role\": \"accountable\"")}),
            "second Accountable",
        ),
        (
            "a dangling person",
            json!({"revision": ok, "workspace": example_workspace_with("\"person\": 2,", "\"person\": 99,")}),
            "one problem",
        ),
        (
            "a base inside the base",
            json!({"revision": ok, "workspace": example_workspace(), "base": {"revision": "x", "workspace": example_workspace()}}),
            "another copy",
        ),
    ];
    for (what, base, says) in cases {
        let note = assert_base_refused(what, &example_with_base(base));
        assert!(note.contains(says), "{what}: {note}");
    }
    // A base of the right shape still reads, so the cases above fail for their fault.
    let good = from_json(&example_with_base(
        json!({"revision": ok, "workspace": example_workspace()}),
    ))
    .unwrap();
    assert_eq!(
        good.base.unwrap().workspace,
        from_json(&example()).unwrap().workspace
    );
    assert_eq!(good.base_note, None);
    assert_eq!(good.revision.as_deref(), Some("theirs-1"));
}

#[test]
fn a_base_written_twice_or_with_a_field_twice_is_refused_with_a_note() {
    let good =
        example_with_base(serde_json::json!({"revision": "r-1", "workspace": example_workspace()}));
    assert!(from_json(&good).unwrap().base.is_some());
    // A field written twice inside the base.
    let text = good.replacen(
        "\"revision\": \"r-1\",",
        "\"revision\": \"r-1\", \"revision\": \"r-2\",",
        1,
    );
    assert_ne!(text, good);
    let note = assert_base_refused("a field twice", &text);
    assert!(note.contains("written twice"), "{note}");
    // The base itself twice.
    let doc: Value = serde_json::from_str(&good).unwrap();
    let base = serde_json::to_string(&doc["base"]).unwrap();
    let text = good.replacen("\"format\":", &format!("\"base\": {base}, \"format\":"), 1);
    assert_ne!(text, good);
    let note = assert_base_refused("the base twice", &text);
    assert!(note.contains("twice"), "{note}");
}

#[test]
fn a_bad_revision_of_the_file_itself_is_ignored() {
    let mut doc: Value = serde_json::from_str(&example()).unwrap();
    let example_workspace = from_json(&example()).unwrap().workspace;
    for bad in [
        Value::from(5),
        Value::from(""),
        Value::from("not an id"),
        Value::from("x".repeat(65)),
        Value::Null,
        serde_json::json!({"id": "a"}),
    ] {
        doc["revision"] = bad.clone();
        let loaded = from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        assert_eq!(loaded.revision, None, "{bad}");
        assert_eq!(loaded.workspace, example_workspace);
        assert_eq!((loaded.base, loaded.base_note), (None, None));
    }
    doc["revision"] = Value::from("x".repeat(64));
    let loaded = from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
    assert_eq!(loaded.revision, Some("x".repeat(64)));
    // Written twice: neither is trusted.
    let text = to_json_sent(&example_workspace, None, "first-1", None).replacen(
        "\"revision\": \"first-1\",",
        "\"revision\": \"first-1\", \"revision\": \"second-2\",",
        1,
    );
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.revision, None);
    assert_eq!(loaded.workspace, example_workspace);
}

#[test]
fn an_older_document_has_its_base_upgraded_too() {
    let mut doc: Value = serde_json::from_str(&fixture("v1-workspace.json")).unwrap();
    assert_eq!(doc["version"], 1);
    doc["revision"] = Value::from("v1-sent");
    doc["base"] = serde_json::json!({"revision": "v1-base", "workspace": doc["workspace"].clone()});
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.migrated_from, Some(1));
    assert_eq!(loaded.revision.as_deref(), Some("v1-sent"));
    let base = loaded.base.expect("the base reads");
    assert_eq!(base.revision, "v1-base");
    // Upgraded through the same steps: equal to the upgraded document.
    assert_eq!(base.workspace, loaded.workspace);
    assert_eq!(
        base.workspace,
        from_json(&fixture("v1-workspace.json")).unwrap().workspace
    );

    // A field written twice inside an older document's base does not refuse the file
    // (the older document's own check for fields written twice skips the base).
    let twice = text.replacen(
        "\"revision\": \"v1-base\"",
        "\"revision\": \"v1-base\", \"revision\": \"v1-base\"",
        1,
    );
    assert_ne!(twice, text);
    let loaded = from_json(&twice).unwrap();
    assert_eq!(loaded.base, None);
    assert!(loaded.base_note.unwrap().contains("written twice"));
    // ...while one in the document itself still does.
    // (The base is written first, its keys being in order, so the document's own
    // `next_id` is the last one.)
    let at = text.rfind("\"next_id\":").unwrap();
    let twice = format!("{}\"next_id\": 1, {}", &text[..at], &text[at..]);
    assert!(matches!(from_json(&twice), Err(LoadError::BadContent(_))));

    // A base the upgrade refuses: the file still reads.
    let mut doc: Value = serde_json::from_str(&fixture("v2-currencies-workspace.json")).unwrap();
    let mut base_workspace = doc["workspace"].clone();
    let jpy = base_workspace["engagements"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["currency"] == "JPY")
        .expect("the fixture has a yen engagement");
    jpy["sponsor_value"]["expected_budget"] = Value::from(120_000_050);
    doc["base"] = serde_json::json!({"revision": "v2-base", "workspace": base_workspace});
    let loaded = from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
    assert_eq!(loaded.migrated_from, Some(2));
    assert_eq!(loaded.base, None);
    let note = loaded.base_note.unwrap();
    assert!(note.contains("brought up to date"), "{note}");
    assert!(parser_language(&note).is_none(), "{note}");
}

#[test]
fn a_kept_base_reads_back() {
    let base = realistic_base();
    let text = base_to_json(&base);
    assert!(!text.contains('\n'), "kept compact");
    assert_eq!(base_from_json(&text), Some(base.clone()));
    // Corrupt, cut off, or without a revision: nothing.
    assert_eq!(base_from_json(""), None);
    assert_eq!(base_from_json("{\"format\": 5}"), None);
    assert_eq!(base_from_json(&text[..text.len() / 2]), None);
    assert_eq!(base_from_json(&to_json(&base.workspace, None)), None);
    assert!(is_revision("18c2f00a1b2-0000beef"));
    assert!(!is_revision("a b") && !is_revision("") && !is_revision(&"a".repeat(65)));
}

#[test]
fn a_sent_link_document_carries_its_revision_but_no_base() {
    let w = changed_since_base();
    let id = engagement_named(&w, "Website relaunch");
    let text = engagement_document_sent(&w, id, "link-1").unwrap();
    assert!(!text.contains('\n'), "compact, as a link carries it");
    let loaded = from_json(&text).unwrap();
    assert_eq!(loaded.revision.as_deref(), Some("link-1"));
    assert_eq!((loaded.base, loaded.base_note), (None, None));
    let plain = from_json(&engagement_document(&w, id).unwrap()).unwrap();
    assert_eq!(loaded.workspace, plain.workspace);
    assert_eq!(loaded.kind, DocumentKind::Engagement);
    assert!(engagement_document_sent(&w, EngagementId(9999), "link-2").is_none());
    // Only the revision is added to what a link held before.
    assert_eq!(
        text.len(),
        engagement_document(&w, id).unwrap().len() + ",\"revision\":\"link-1\"".len()
    );
}
