//! Pricing: worked examples from published pricing formulas, every refusal, the
//! approval state machine, and how copies, imports and removals treat pricing.
#![cfg(not(target_arch = "wasm32"))]

use engagement_planner::model::pricing::LINE_HOURS_MAX;
use engagement_planner::model::units::MONEY_LIMIT;
use engagement_planner::model::*;

// ---------------------------------------------------------------------------------
// Building plans
// ---------------------------------------------------------------------------------

struct Plan {
    w: Workspace,
    e: EngagementId,
}

impl Plan {
    fn new() -> Plan {
        let mut w = Workspace::default();
        w.apply(Action::CreateEngagement {
            name: "Shop relaunch".into(),
            template: Template::ContractedVendor,
        })
        .unwrap();
        let e = w.engagements[0].id;
        Plan { w, e }
    }

    fn act(&mut self, action: PricingAction) -> Result<(), ModelError> {
        self.w.apply(Action::Pricing {
            engagement: self.e,
            action,
        })
    }

    fn ok(&mut self, action: PricingAction) {
        self.act(action).unwrap();
        assert_eq!(self.w.validate(), Ok(()));
    }

    /// Applies an action that must be refused, checks nothing changed, and returns the
    /// refusal's message.
    fn refused(&mut self, action: PricingAction) -> String {
        let before = self.w.clone();
        let err = self.act(action).unwrap_err();
        assert_eq!(self.w, before, "a refused action changed the workspace");
        err.to_string()
    }

    fn pricing(&self) -> &Pricing {
        &self.w.engagement(self.e).unwrap().pricing
    }

    fn person(&mut self, name: &str, group: StakeholderGroup) -> PersonId {
        self.w
            .apply(Action::AddPerson {
                name: name.into(),
                side: Side::Provider,
                group,
                capacity: Hours::from_whole(40),
            })
            .unwrap();
        self.w.people.last().unwrap().id
    }

    /// A sponsor of this engagement: in the Sponsor group, with a role in it (Informed
    /// on engagement management).
    fn sponsor(&mut self, name: &str) -> PersonId {
        let p = self.person(name, StakeholderGroup::Sponsor);
        self.give_role(p, FunctionKind::EngagementManagement, Raci::Informed);
        p
    }

    fn give_role(&mut self, person: PersonId, kind: FunctionKind, role: Raci) {
        let function = self
            .w
            .engagement(self.e)
            .unwrap()
            .function_of_kind(kind)
            .unwrap()
            .id;
        self.w
            .apply(Action::Assign {
                engagement: self.e,
                person,
                function,
                role,
                hours: Hours(0),
            })
            .unwrap();
    }

    fn need(&mut self, title: &str) -> NeedId {
        self.w
            .apply(Action::AddNeed {
                engagement: self.e,
                title: title.into(),
            })
            .unwrap();
        self.w.engagement(self.e).unwrap().needs.last().unwrap().id
    }

    fn role(&mut self, name: &str, cost: i64, bill: i64) -> RateRoleId {
        self.ok(PricingAction::AddRateRole {
            name: name.into(),
            cost_rate: Money(cost),
            bill_rate: Money(bill),
        });
        self.pricing().rate_card.last().unwrap().id
    }

    fn worksheet(&mut self, name: &str, style: SellingStyle) -> WorksheetId {
        self.ok(PricingAction::AddWorksheet {
            name: name.into(),
            style,
        });
        self.pricing().worksheets.last().unwrap().id
    }

    fn line(&mut self, ws: WorksheetId, name: &str, billing: BillingType) -> LineId {
        self.ok(PricingAction::AddLine {
            worksheet: ws,
            name: name.into(),
            billing,
        });
        self.pricing()
            .worksheet(ws)
            .unwrap()
            .lines
            .last()
            .unwrap()
            .id
    }

    fn edit(&mut self, ws: WorksheetId, line: LineId, edit: LineEdit) {
        self.ok(PricingAction::EditLine {
            worksheet: ws,
            line,
            edit,
        });
    }

    fn hours(&mut self, ws: WorksheetId, line: LineId, role: RateRoleId, h: u32) {
        self.edit(ws, line, LineEdit::Hours(role, Hours::from_whole(h)));
    }

    fn expense(&mut self, ws: WorksheetId, line: LineId, cost: i64, markup: Bps) -> ExpenseId {
        self.ok(PricingAction::AddExpense {
            worksheet: ws,
            line,
            name: "Travel".into(),
            cost: Money(cost),
            markup,
        });
        let ws = self.pricing().worksheet(ws).unwrap();
        ws.line(line).unwrap().expenses.last().unwrap().id
    }

    fn field(&mut self, ws: WorksheetId, field: WorksheetField, value: Bps) {
        self.ok(PricingAction::SetWorksheetField {
            worksheet: ws,
            field,
            value,
        });
    }

    fn figures(&self, ws: WorksheetId) -> WorksheetFigures {
        let p = self.pricing();
        compute(p.worksheet(ws).unwrap(), &p.rate_card)
    }
}

/// Two roles, a collaborative worksheet with two lines, an estimator and a need.
fn priced_plan() -> (Plan, WorksheetId, PersonId, NeedId) {
    let mut p = Plan::new();
    let dana = p.person("Dana", StakeholderGroup::FunctionalManager);
    let need = p.need("Faster checkout");
    let dev = p.role("Developer", 6_000, 12_000);
    let lead = p.role("Lead", 9_000, 16_000);
    let ws = p.worksheet("Base", SellingStyle::Collaborative);
    let build = p.line(ws, "Build", BillingType::FixedFee);
    p.hours(ws, build, dev, 100);
    p.hours(ws, build, lead, 20);
    p.edit(ws, build, LineEdit::Estimator(Some(dana)));
    p.edit(
        ws,
        build,
        LineEdit::DeliveryHours(dev, Hours::from_whole(130)),
    );
    p.edit(ws, build, LineEdit::Need(Some(need)));
    p.expense(ws, build, 50_000, Bps::percent(10));
    let support = p.line(ws, "Support", BillingType::TimeAndMaterials);
    p.hours(ws, support, dev, 10);
    p.ok(PricingAction::SetDeal {
        worksheet: Some(ws),
    });
    (p, ws, dana, need)
}

// ---------------------------------------------------------------------------------
// Copies, imports and removals
// ---------------------------------------------------------------------------------

/// Every pricing id of an engagement.
fn pricing_ids(p: &Pricing) -> Vec<u32> {
    let mut ids: Vec<u32> = p.rate_card.iter().map(|r| r.id.0).collect();
    for ws in &p.worksheets {
        ids.push(ws.id.0);
        for l in &ws.lines {
            ids.push(l.id.0);
            ids.extend(l.expenses.iter().map(|x| x.id.0));
        }
    }
    ids
}

#[test]
fn duplicating_an_engagement_renumbers_its_pricing_and_keeps_the_figures() {
    let (mut p, ws, dana, _) = priced_plan();
    p.w.apply(Action::DuplicateEngagement {
        engagement: p.e,
        name: "Copy".into(),
    })
    .unwrap();
    assert_eq!(p.w.validate(), Ok(()));
    let source = &p.w.engagements[0];
    let copy = &p.w.engagements[1];
    let (a, b) = (pricing_ids(&source.pricing), pricing_ids(&copy.pricing));
    assert_eq!(a.len(), b.len());
    assert!(
        b.iter().all(|id| !a.contains(id)),
        "ids are shared: {a:?} {b:?}"
    );
    // References point into the copy: roles of its rate card, its own needs, the deal.
    let cp = &copy.pricing;
    let line = &cp.worksheets[0].lines[0];
    assert!(line.hours.keys().all(|r| cp.rate_role(*r).is_some()));
    assert!(line
        .delivery_hours
        .keys()
        .all(|r| cp.rate_role(*r).is_some()));
    assert_eq!(line.need, Some(copy.needs[0].id));
    assert_eq!(line.estimator, Some(dana));
    assert_eq!(cp.deal, Some(cp.worksheets[0].id));
    let original = compute(
        source.pricing.worksheet(ws).unwrap(),
        &source.pricing.rate_card,
    );
    let copied = compute(&cp.worksheets[0], &cp.rate_card);
    assert_eq!(original.total, copied.total);
}

#[test]
fn importing_an_engagement_maps_estimators_needs_and_approvers() {
    let (mut source, ws, dana, _) = priced_plan();
    let em = source.person("Erin", StakeholderGroup::EngagementManager);
    let gone = source.sponsor("Gus");
    source
        .w
        .apply(Action::EditEngagement {
            engagement: source.e,
            edit: EngagementEdit::EngagementManager(Some(em)),
        })
        .unwrap();
    source.ok(PricingAction::Submit { worksheet: ws });
    source.ok(PricingAction::Reject {
        worksheet: ws,
        by: gone,
        note: "Too cheap".into(),
    });
    source.ok(PricingAction::Submit { worksheet: ws });
    source.ok(PricingAction::Approve {
        worksheet: ws,
        by: em,
        date: "2025-03-01".into(),
    });
    // The sponsor who rejected it leaves the roster; the log still records the step.
    source
        .w
        .apply(Action::RemovePerson { person: gone })
        .unwrap();
    assert_eq!(source.w.validate(), Ok(()));

    // The target already has people, so the imported ids all move.
    let mut target = Plan::new();
    target.person("Someone else", StakeholderGroup::Performer);
    let erin_here = target.person("Erin", StakeholderGroup::EngagementManager);
    target
        .w
        .apply(Action::ImportEngagements {
            from: source.w.clone(),
        })
        .unwrap();
    assert_eq!(target.w.validate(), Ok(()));
    let imported = target.w.engagements.last().unwrap();
    let dana_here = target
        .w
        .people
        .iter()
        .find(|p| p.name == "Dana")
        .unwrap()
        .id;
    assert_ne!(dana_here, dana);
    let p = &imported.pricing;
    let ws = &p.worksheets[0];
    assert_eq!(ws.lines[0].estimator, Some(dana_here));
    assert_eq!(ws.lines[0].need, Some(imported.needs[0].id));
    assert!(ws.lines[0].hours.keys().all(|r| p.rate_role(*r).is_some()));
    assert_eq!(ws.approval, Approval::Approved { by: erin_here });
    let deciders: Vec<Option<PersonId>> = ws.log.iter().map(|e| e.by).collect();
    // The removed sponsor becomes an id that names nobody on this roster.
    let rejected_by = deciders[1].unwrap();
    assert!(target.w.person(rejected_by).is_none());
    assert_eq!(
        deciders,
        vec![None, Some(rejected_by), None, Some(erin_here)]
    );
    assert_eq!(p.deal, Some(ws.id));
}

#[test]
fn removing_a_person_or_a_need_clears_the_lines_that_name_them() {
    let (mut p, ws, dana, need) = priced_plan();
    p.w.apply(Action::RemovePerson { person: dana }).unwrap();
    p.w.apply(Action::RemoveNeed {
        engagement: p.e,
        need,
    })
    .unwrap();
    assert_eq!(p.w.validate(), Ok(()));
    let line = &p.pricing().worksheet(ws).unwrap().lines[0];
    assert_eq!((line.estimator, line.need), (None, None));
    // The estimate itself stays; without an estimator it is no longer the cost basis.
    assert!(!line.delivery_hours.is_empty());
    assert!(!line.has_estimate());
}

#[test]
fn a_template_starts_without_pricing_and_an_old_engagement_reads_as_empty() {
    let p = Plan::new();
    assert_eq!(p.pricing(), &Pricing::default());
    let json = serde_json::to_value(&p.w.engagements[0]).unwrap();
    let mut old = json.clone();
    old.as_object_mut().unwrap().remove("pricing");
    let read: Engagement = serde_json::from_value(old).unwrap();
    assert_eq!(read, p.w.engagements[0]);
}

#[test]
fn validate_names_the_path_of_a_bad_pricing_reference() {
    let (mut p, _, _, _) = priced_plan();
    let pr = &mut p.w.engagements[0].pricing;
    pr.worksheets[0].lines[1]
        .hours
        .insert(RateRoleId(9_999), Hours(100));
    pr.worksheets[0].target_margin = Some(Bps::HUNDRED_PERCENT);
    pr.worksheets[0].lines[0].fee = Some(Money(MONEY_LIMIT.0 + 1));
    pr.deal = Some(WorksheetId(12_345));
    let problems = p.w.validate().unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"engagements[0].pricing.worksheets[0].lines[1].hours.9999"));
    assert!(paths.contains(&"engagements[0].pricing.worksheets[0].target_margin"));
    assert!(paths.contains(&"engagements[0].pricing.worksheets[0].lines[0].fee"));
    assert!(paths.contains(&"engagements[0].pricing.deal"));
}

#[test]
fn an_approved_worksheet_is_locked_until_it_is_reopened() {
    let (mut p, ws, _, _) = priced_plan();
    let sponsor = p.sponsor("Sam");
    p.ok(PricingAction::Submit { worksheet: ws });
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: sponsor,
        date: "2025-03-01".into(),
    });
    let before = p.figures(ws);
    assert_eq!(
        p.refused(PricingAction::SetWorksheetField {
            worksheet: ws,
            field: WorksheetField::GlobalDiscount,
            value: Bps::percent(5),
        }),
        "Base is approved and locked: reopen it first."
    );
    p.ok(PricingAction::Reopen {
        worksheet: ws,
        by: sponsor,
        note: "Client asked for a discount".into(),
    });
    p.field(ws, WorksheetField::GlobalDiscount, Bps::percent(5));
    assert!(p.figures(ws).total.net_price < before.total.net_price);
}

// ---------------------------------------------------------------------------------
// Worked examples
// ---------------------------------------------------------------------------------

/// One role, one worksheet, one fixed-fee line with `hours` of that role.
fn one_line(cost_rate: i64, bill_rate: i64, hours: u32) -> (Plan, WorksheetId, LineId) {
    let mut p = Plan::new();
    let role = p.role("Consultant", cost_rate, bill_rate);
    let ws = p.worksheet("Base", SellingStyle::Consultative);
    let line = p.line(ws, "Work", BillingType::FixedFee);
    p.hours(ws, line, role, hours);
    (p, ws, line)
}

#[test]
fn margin_and_markup_are_two_views_of_one_gross_margin() {
    // Cost 750, price 1,000: a 25 % margin on the price is a 33.33 % markup on cost.
    let (p, ws, _) = one_line(750, 1_000, 100);
    let t = p.figures(ws).total;
    assert_eq!((t.cost, t.net_price), (Money(75_000), Money(100_000)));
    assert_eq!(t.gross_margin, Money(25_000));
    assert_eq!(t.margin, Some(Bps(2_500)));
    assert_eq!(t.markup, Some(Bps(3_333)));
    // And the other way round: a 50 % markup is a 33.33 % margin.
    let (p, ws, _) = one_line(1_000, 1_500, 100);
    let t = p.figures(ws).total;
    assert_eq!(t.markup, Some(Bps(5_000)));
    assert_eq!(t.margin, Some(Bps(3_333)));
    // A price at cost: 0 % both ways; no price at all: no margin; no cost: no markup.
    let (p, ws, _) = one_line(1_000, 1_000, 1);
    assert_eq!(p.figures(ws).total.margin, Some(Bps(0)));
    assert_eq!(p.figures(ws).total.markup, Some(Bps(0)));
    let (p, ws, _) = one_line(1_000, 0, 1);
    assert_eq!(p.figures(ws).total.margin, None);
    assert_eq!(p.figures(ws).total.markup, Some(Bps(-10_000)));
    let (p, ws, _) = one_line(0, 1_000, 1);
    assert_eq!(p.figures(ws).total.markup, None);
    assert_eq!(p.figures(ws).total.margin, Some(Bps(10_000)));
}

#[test]
fn the_price_for_a_target_margin_is_cost_over_one_minus_the_margin() {
    // Cost 750 at a 25 % target margin: 750 ÷ 0.75 = 1,000.
    let (mut p, ws, _) = one_line(750, 900, 100);
    p.field(ws, WorksheetField::TargetMargin, Bps::percent(25));
    let t = p.figures(ws).total;
    assert_eq!(t.target_price, Some(Money(100_000)));
    // Not 750 × 1.25 = 937.50, which would leave only a 20 % margin.
    assert_ne!(t.target_price, Some(Money(93_750)));
    // 0 % target: the cost itself; 99.99 %: ten thousand times the cost.
    p.field(ws, WorksheetField::TargetMargin, Bps(0));
    assert_eq!(p.figures(ws).total.target_price, Some(Money(75_000)));
    p.field(ws, WorksheetField::TargetMargin, Bps(9_999));
    assert_eq!(
        p.figures(ws).total.target_price,
        Some(Money(75_000 * 10_000))
    );
}

#[test]
fn a_new_worksheet_has_no_target_margin_until_someone_sets_one() {
    let (mut p, ws, _) = one_line(750, 900, 100);
    let sheet = p.pricing().worksheet(ws).unwrap();
    assert_eq!(sheet.target_margin, None);
    assert_eq!(sheet.field(WorksheetField::TargetMargin), None);
    assert_eq!(p.figures(ws).total.target_price, None);
    // 0 % is a target like any other, once someone sets it.
    p.field(ws, WorksheetField::TargetMargin, Bps(0));
    assert_eq!(
        p.pricing().worksheet(ws).unwrap().target_margin,
        Some(Bps(0))
    );
    assert_eq!(p.figures(ws).total.target_price, Some(Money(75_000)));
    p.ok(PricingAction::ClearTargetMargin { worksheet: ws });
    assert_eq!(p.pricing().worksheet(ws).unwrap().target_margin, None);
    // A copy keeps what its source has.
    p.field(ws, WorksheetField::TargetMargin, Bps::percent(25));
    p.ok(PricingAction::DuplicateWorksheet {
        worksheet: ws,
        name: "What if".into(),
    });
    assert_eq!(
        p.pricing().worksheets[1].target_margin,
        Some(Bps::percent(25))
    );
}

#[test]
fn the_default_target_margin_prices_every_worksheet_without_its_own() {
    let (mut p, ws, _) = one_line(750, 900, 100);
    let other = p.worksheet("Scenario", SellingStyle::Consultative);
    p.field(other, WorksheetField::TargetMargin, Bps::percent(40));
    p.w.apply(Action::SetDefaultTargetMargin {
        target: Some(Bps::percent(25)),
    })
    .unwrap();
    assert_eq!(p.w.validate(), Ok(()));
    let with_default = |p: &Plan, id| {
        let pr = p.pricing();
        compute_with_default(
            pr.worksheet(id).unwrap(),
            &pr.rate_card,
            p.w.default_target_margin,
        )
    };
    // Cost 750 at the default 25 %: 1,000.
    assert_eq!(
        with_default(&p, ws).total.target_price,
        Some(Money(100_000))
    );
    assert_eq!(
        p.pricing()
            .worksheet(ws)
            .unwrap()
            .target(p.w.default_target_margin),
        Some(Bps::percent(25))
    );
    // Its own target wins over the default, and `compute` alone knows only its own.
    assert_eq!(
        p.pricing()
            .worksheet(other)
            .unwrap()
            .target(p.w.default_target_margin),
        Some(Bps::percent(40))
    );
    assert_eq!(p.figures(ws).total.target_price, None);
    // Out of range is refused with the range; clearing it is allowed.
    let before = p.w.clone();
    let err =
        p.w.apply(Action::SetDefaultTargetMargin {
            target: Some(Bps::HUNDRED_PERCENT),
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The default target margin must be at least 0 % and below 100 %."
    );
    assert_eq!(p.w, before);
    p.w.apply(Action::SetDefaultTargetMargin { target: None })
        .unwrap();
    assert_eq!(with_default(&p, ws).total.target_price, None);
}

#[test]
fn the_blended_bill_rate_is_weighted_by_hours() {
    // 10 h at 100 and 30 h at 200: 175 an hour, not the simple average of 150.
    let mut p = Plan::new();
    let junior = p.role("Junior", 5_000, 10_000);
    let senior = p.role("Senior", 12_000, 20_000);
    let ws = p.worksheet("Base", SellingStyle::Consultative);
    let one = p.line(ws, "Analysis", BillingType::TimeAndMaterials);
    p.hours(ws, one, junior, 10);
    let two = p.line(ws, "Design", BillingType::FixedFee);
    p.hours(ws, two, senior, 30);
    let f = p.figures(ws);
    assert_eq!(f.total.blended_bill_rate, Some(Money(17_500)));
    assert_eq!(f.lines[0].blended_bill_rate, Some(Money(10_000)));
    assert_eq!(f.lines[1].blended_bill_rate, Some(Money(20_000)));
    // The same on one line with both roles.
    p.hours(ws, one, senior, 30);
    p.ok(PricingAction::RemoveLine {
        worksheet: ws,
        line: two,
    });
    assert_eq!(
        p.figures(ws).lines[0].blended_bill_rate,
        Some(Money(17_500))
    );
    // Non-billable hours do not dilute it.
    let internal = p.line(ws, "Internal review", BillingType::NonBillable);
    p.hours(ws, internal, junior, 100);
    let f = p.figures(ws);
    assert_eq!(f.total.blended_bill_rate, Some(Money(17_500)));
    assert_eq!(f.lines[1].blended_bill_rate, None);
    assert_eq!(f.total.hours, Hours::from_whole(140));
}

#[test]
fn the_line_discount_comes_first_then_the_global_discount() {
    // List 1,000; 10 % off the line leaves 900; 5 % off the whole is 45: net 855,
    // not the 850 of adding the two percentages.
    let (mut p, ws, line) = one_line(500, 1_000, 100);
    p.edit(ws, line, LineEdit::Discount(Bps::percent(10)));
    p.field(ws, WorksheetField::GlobalDiscount, Bps::percent(5));
    let t = p.figures(ws).total;
    assert_eq!(t.list_price, Money(100_000));
    assert_eq!(t.line_discount, Money(10_000));
    assert_eq!(t.global_discount, Money(4_500));
    assert_eq!(t.discount, Money(14_500));
    assert_eq!(t.net_price, Money(85_500));
    assert_eq!(t.gross_margin, Money(35_500));
}

#[test]
fn the_global_discount_is_shared_by_the_lines_in_proportion() {
    let mut p = Plan::new();
    let role = p.role("Consultant", 0, 1);
    let ws = p.worksheet("Base", SellingStyle::Consultative);
    for (name, h) in [("A", 100), ("B", 200), ("C", 700)] {
        let l = p.line(ws, name, BillingType::FixedFee);
        p.hours(ws, l, role, h);
    }
    p.field(ws, WorksheetField::GlobalDiscount, Bps(1_001));
    let f = p.figures(ws);
    // 10.01 % of 10.00 is 1.001, rounded once to 1.00; the lines' exact shares are
    // 0.1001, 0.2002 and 0.7007: 10, 20 and 70 after the largest remainders.
    let shares: Vec<Money> = f.lines.iter().map(|l| l.global_discount).collect();
    assert_eq!(shares, vec![Money(10), Money(20), Money(70)]);
    assert_eq!(f.total.global_discount, Money(100));
}

#[test]
fn commission_on_margin_feels_a_discount_more_than_commission_on_revenue() {
    // Cost 600, price 1,000, 10 % commission: 40 on the margin, 100 on revenue.
    let (mut p, ws, line) = one_line(600, 1_000, 100);
    p.field(ws, WorksheetField::CommissionRate, Bps::percent(10));
    let t = p.figures(ws).total;
    assert_eq!(t.commission_on_margin, Money(4_000));
    assert_eq!(t.commission_on_revenue, Money(10_000));
    // A 10 % discount takes 10 % off the revenue commission but 25 % off the margin
    // commission: the margin falls from 400 to 300.
    p.edit(ws, line, LineEdit::Discount(Bps::percent(10)));
    let t = p.figures(ws).total;
    assert_eq!(t.commission_on_margin, Money(3_000));
    assert_eq!(t.commission_on_revenue, Money(9_000));
    // Sold below cost: no commission on a negative margin, but still on revenue.
    p.edit(ws, line, LineEdit::Discount(Bps::percent(50)));
    let t = p.figures(ws).total;
    assert_eq!(t.gross_margin, Money(-10_000));
    assert_eq!(t.commission_on_margin, Money(0));
    assert_eq!(t.commission_on_revenue, Money(5_000));
}

#[test]
fn contingencies_add_to_the_cost_and_to_the_price() {
    let (mut p, ws, _) = one_line(1_000, 2_000, 100);
    p.field(ws, WorksheetField::CostContingency, Bps::percent(10));
    p.field(ws, WorksheetField::BillableContingency, Bps::percent(5));
    let t = p.figures(ws).total;
    assert_eq!(t.labour_cost, Money(100_000));
    assert_eq!(t.cost_contingency, Money(10_000));
    assert_eq!(t.cost, Money(110_000));
    assert_eq!(t.labour_price, Money(200_000));
    assert_eq!(t.billable_contingency, Money(10_000));
    assert_eq!(t.list_price, Money(210_000));
    assert_eq!(t.gross_margin, Money(100_000));
}

#[test]
fn expenses_cost_what_they_cost_and_are_billed_with_their_markup() {
    let (mut p, ws, line) = one_line(1_000, 2_000, 10);
    p.expense(ws, line, 50_000, Bps::percent(20));
    p.expense(ws, line, 333, Bps::percent(50));
    p.field(ws, WorksheetField::CostContingency, Bps::percent(10));
    let t = p.figures(ws).total;
    // Labour 100 + expenses 503.33 = 603.33; 10 % contingency 60.333 → 60.33.
    assert_eq!(t.expense_cost, Money(50_333));
    assert_eq!(t.cost_contingency, Money(6_033));
    assert_eq!(t.cost, Money(10_000 + 50_333 + 6_033));
    // 500 × 1.2 = 600 and 3.33 × 1.5 = 4.995: 604.995, rounded once to 605.00.
    assert_eq!(t.expense_price, Money(60_500));
    assert_eq!(t.list_price, Money(20_000 + 60_500));
}

#[test]
fn a_non_billable_line_costs_but_is_not_billed() {
    let (mut p, ws, line) = one_line(1_000, 2_000, 10);
    p.expense(ws, line, 5_000, Bps::percent(20));
    p.edit(ws, line, LineEdit::Billing(BillingType::NonBillable));
    let f = p.figures(ws);
    let t = f.total;
    assert_eq!(t.cost, Money(15_000));
    assert_eq!((t.list_price, t.net_price), (Money(0), Money(0)));
    assert_eq!(t.gross_margin, Money(-15_000));
    assert_eq!((t.margin, t.blended_bill_rate), (None, None));
    assert_eq!(f.lines[0].list_price, Money(0));
}

#[test]
fn collaborative_lines_cost_on_delivery_hours_and_show_the_variance() {
    let (p, ws, _, _) = priced_plan();
    let f = p.figures(ws);
    let build = &f.lines[0];
    assert!(build.delivery_input);
    // Sales: 100 h developer + 20 h lead; delivery: 130 h developer.
    assert_eq!(build.hours, Hours::from_whole(120));
    assert_eq!(build.delivery_hours, Hours::from_whole(130));
    assert_eq!(build.hours_variance.to_string(), "+10");
    // Cost on delivery's hours: 130 × 60 + 500 expenses.
    assert_eq!(build.cost, Money(130 * 6_000 + 50_000));
    assert_eq!(build.sales_cost, Money(100 * 6_000 + 20 * 9_000 + 50_000));
    assert_eq!(
        build.cost_variance,
        Money(build.cost.0 - build.sales_cost.0)
    );
    // The price stays on the sales hours.
    assert_eq!(build.labour_price, Money(100 * 12_000 + 20 * 16_000));
    // A line without an estimate costs on its sales hours.
    let support = &f.lines[1];
    assert!(!support.delivery_input);
    assert_eq!(support.cost, support.sales_cost);
    assert_eq!(support.hours_variance.to_string(), "0");
}

// ---------------------------------------------------------------------------------
// Fixed fee and time and materials
// ---------------------------------------------------------------------------------

/// One role at cost 80 and bill 120 an hour, a collaborative worksheet with one line
/// of 100 h billed `billing`, and a delivery estimator (who has given no hours yet).
fn billed(billing: BillingType) -> (Plan, WorksheetId, LineId, RateRoleId) {
    let mut p = Plan::new();
    let dana = p.person("Dana", StakeholderGroup::FunctionalManager);
    let role = p.role("Consultant", 8_000, 12_000);
    let ws = p.worksheet("Base", SellingStyle::Collaborative);
    let line = p.line(ws, "Build", billing);
    p.hours(ws, line, role, 100);
    p.edit(ws, line, LineEdit::Estimator(Some(dana)));
    (p, ws, line, role)
}

/// The line's price, cost and gross margin, in whole currency units.
fn price_cost_margin(p: &Plan, ws: WorksheetId) -> (i64, i64, i64) {
    let t = p.figures(ws).total;
    (t.net_price.0 / 100, t.cost.0 / 100, t.gross_margin.0 / 100)
}

#[test]
fn fixed_fee_price_does_not_change_with_hours() {
    // 100 h × 120 = 12,000.
    let (mut p, ws, line, role) = billed(BillingType::FixedFee);
    assert_eq!(price_cost_margin(&p, ws), (12_000, 8_000, 4_000));
    // Delivery expects 150 h: the fee quoted on the sales hours stands, the cost rises.
    p.edit(
        ws,
        line,
        LineEdit::DeliveryHours(role, Hours::from_whole(150)),
    );
    assert_eq!(price_cost_margin(&p, ws), (12_000, 12_000, 0));
    // Once the fee is agreed, not even the sales hours move it.
    p.edit(ws, line, LineEdit::Fee(Some(Money(1_200_000))));
    p.hours(ws, line, role, 150);
    assert_eq!(price_cost_margin(&p, ws), (12_000, 12_000, 0));
    let f = p.figures(ws).lines[0];
    // At the rates 150 h would be 18,000: the fee takes 6,000 off.
    assert_eq!(f.labour_price, Money(1_800_000));
    assert_eq!(f.price_adjustment, Money(-600_000));
    assert_eq!(f.list_price, Money(1_200_000));
    // An agreed fee above the estimate is the price too; clearing it goes back to
    // the estimate.
    p.edit(ws, line, LineEdit::Fee(Some(Money(2_000_000))));
    assert_eq!(price_cost_margin(&p, ws).0, 20_000);
    p.edit(ws, line, LineEdit::Fee(None));
    assert_eq!(price_cost_margin(&p, ws).0, 18_000);
}

#[test]
fn fixed_fee_overrun_lowers_the_margin() {
    let (p, ws, _, _) = billed(BillingType::FixedFee);
    let pr = p.pricing();
    let sheet = pr.worksheet(ws).unwrap();
    // 50 % more hours: 150 h instead of 100.
    let effect = overrun_effect(sheet, &pr.rate_card, Bps::percent(50));
    assert_eq!(effect.rows.len(), 1);
    let row = effect.rows[0];
    assert_eq!((row.basis, row.lines), (PriceBasis::FixedFee, 1));
    assert_eq!(row.estimate.hours, Hours::from_whole(100));
    assert_eq!(row.overrun.hours, Hours::from_whole(150));
    assert_eq!(row.estimate.price, Money(1_200_000));
    assert_eq!(row.overrun.price, Money(1_200_000));
    assert_eq!(row.estimate.cost, Money(800_000));
    assert_eq!(row.overrun.cost, Money(1_200_000));
    assert_eq!(row.estimate.margin, Some(Bps(3_333)));
    assert_eq!(row.overrun.gross_margin, Money(0));
    assert_eq!(effect.with_overrun, row.overrun);
    // With no overrun, the estimate is what `compute` says.
    let none = overrun_effect(sheet, &pr.rate_card, Bps::ZERO);
    assert_eq!(none.estimate, none.with_overrun);
    let t = p.figures(ws).total;
    assert_eq!(
        (
            none.estimate.price,
            none.estimate.cost,
            none.estimate.gross_margin
        ),
        (t.net_price, t.cost, t.gross_margin)
    );
}

#[test]
fn time_and_materials_price_is_hours_times_rate() {
    // 100 h × 120 = 12,000, like the fixed fee so far…
    let (mut p, ws, line, role) = billed(BillingType::TimeAndMaterials);
    assert_eq!(price_cost_margin(&p, ws), (12_000, 8_000, 4_000));
    // …but every hour the work takes is billed: delivery's 150 h are 18,000.
    p.edit(
        ws,
        line,
        LineEdit::DeliveryHours(role, Hours::from_whole(150)),
    );
    assert_eq!(price_cost_margin(&p, ws), (18_000, 12_000, 6_000));
    let f = p.figures(ws).lines[0];
    assert_eq!(f.labour_price, Money(1_800_000));
    assert_eq!(f.blended_bill_rate, Some(Money(12_000)));
    // An overrun of 50 % on those 150 h: 225 h, 27,000 billed, the margin % kept.
    let pr = p.pricing();
    let effect = overrun_effect(pr.worksheet(ws).unwrap(), &pr.rate_card, Bps::percent(50));
    let row = effect.rows[0];
    assert_eq!(row.basis, PriceBasis::TimeAndMaterials);
    assert_eq!(row.overrun.hours, Hours::from_whole(225));
    assert_eq!(row.overrun.price, Money(2_700_000));
    assert_eq!(row.overrun.cost, Money(1_800_000));
    assert_eq!(row.overrun.margin, row.estimate.margin);
}

#[test]
fn time_and_materials_cap_limits_the_price() {
    let (mut p, ws, line, role) = billed(BillingType::TimeAndMaterials);
    p.edit(ws, line, LineEdit::Cap(Some(Money(1_500_000))));
    // Under the cap, hours × rate.
    assert_eq!(price_cost_margin(&p, ws), (12_000, 8_000, 4_000));
    let pr = p.pricing();
    let sheet = pr.worksheet(ws).unwrap();
    // 20 % more hours still fit under the cap: 14,400.
    let effect = overrun_effect(sheet, &pr.rate_card, Bps::percent(20));
    let row = effect.rows[0];
    assert_eq!(row.basis, PriceBasis::CappedTimeAndMaterials);
    assert_eq!(
        (row.overrun.price, row.overrun.capped),
        (Money(1_440_000), 0)
    );
    // 50 % more: 18,000 at the rates, held to the 15,000 cap; the cost still rises.
    let effect = overrun_effect(sheet, &pr.rate_card, Bps::percent(50));
    let row = effect.rows[0];
    assert_eq!(row.overrun.price, Money(1_500_000));
    assert_eq!(row.overrun.cost, Money(1_200_000));
    assert_eq!(row.overrun.capped, 1);
    assert_eq!(row.estimate.capped, 0);
    // The same with delivery's estimate of 150 h: the cap takes 3,000 off.
    p.edit(
        ws,
        line,
        LineEdit::DeliveryHours(role, Hours::from_whole(150)),
    );
    assert_eq!(price_cost_margin(&p, ws), (15_000, 12_000, 3_000));
    let f = p.figures(ws).lines[0];
    assert_eq!(f.price_adjustment, Money(-300_000));
    // A discount comes off the capped price; without the cap, 18,000 again.
    p.edit(ws, line, LineEdit::Discount(Bps::percent(10)));
    assert_eq!(price_cost_margin(&p, ws).0, 13_500);
    p.edit(ws, line, LineEdit::Discount(Bps::ZERO));
    p.edit(ws, line, LineEdit::Cap(None));
    assert_eq!(price_cost_margin(&p, ws).0, 18_000);
}

#[test]
fn approving_agrees_each_fixed_fee_at_its_estimate() {
    let (mut p, ws, line, role) = billed(BillingType::FixedFee);
    let negotiated = p.line(ws, "Training", BillingType::FixedFee);
    p.hours(ws, negotiated, role, 10);
    p.edit(ws, negotiated, LineEdit::Fee(Some(Money(100_000))));
    let support = p.line(ws, "Support", BillingType::TimeAndMaterials);
    p.hours(ws, support, role, 5);
    let sam = p.sponsor("Sam");
    let before = p.figures(ws);
    p.ok(PricingAction::Submit { worksheet: ws });
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: sam,
        date: "2025-03-01".into(),
    });
    // Approving changes no figure, but fixes the fees: the estimate's, or the one
    // already agreed. Time and materials has no fee.
    assert_eq!(p.figures(ws), before);
    let fees: Vec<Option<Money>> = p
        .pricing()
        .worksheet(ws)
        .unwrap()
        .lines
        .iter()
        .map(|l| l.fee)
        .collect();
    assert_eq!(
        fees,
        vec![Some(Money(1_200_000)), Some(Money(100_000)), None]
    );
    // Reopened for more hours, the agreed fee stands.
    p.ok(PricingAction::Reopen {
        worksheet: ws,
        by: sam,
        note: "Scope grew".into(),
    });
    p.hours(ws, line, role, 150);
    assert_eq!(p.figures(ws).lines[0].net_price, Money(1_200_000));
}

#[test]
fn an_agreed_fee_or_a_cap_belongs_to_its_billing_type() {
    let (mut p, ws, line, _) = billed(BillingType::TimeAndMaterials);
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::Fee(Some(Money(100))),
        }),
        "Only a fixed-fee line has an agreed fee: \u{201c}Build\u{201d} is billed time and materials."
    );
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::Cap(Some(Money(-1))),
        }),
        "The cap cannot be negative."
    );
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::Cap(Some(Money(MONEY_LIMIT.0 + 1))),
        }),
        "That amount is out of range."
    );
    p.edit(ws, line, LineEdit::Cap(Some(Money(100))));
    // Billed another way, the cap is kept but not used, and cannot be set.
    p.edit(ws, line, LineEdit::Billing(BillingType::FixedFee));
    assert_eq!(price_cost_margin(&p, ws).0, 12_000);
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::Cap(Some(Money(100))),
        }),
        "Only a time-and-materials line has a not-to-exceed cap: \u{201c}Build\u{201d} is billed as a fixed fee."
    );
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::Fee(Some(Money(-5))),
        }),
        "The agreed fee cannot be negative."
    );
    p.edit(ws, line, LineEdit::Billing(BillingType::NonBillable));
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::Fee(Some(Money(5))),
        }),
        "Only a fixed-fee line has an agreed fee: \u{201c}Build\u{201d} is not billed."
    );
    // Clearing is always allowed; back on time and materials, the cap applies again.
    p.edit(ws, line, LineEdit::Fee(None));
    p.edit(ws, line, LineEdit::Billing(BillingType::TimeAndMaterials));
    assert_eq!(price_cost_margin(&p, ws).0, 1);
    // A fee beyond what the planner holds is refused with the worksheet's name.
    p.edit(ws, line, LineEdit::Billing(BillingType::FixedFee));
    p.edit(ws, line, LineEdit::Fee(Some(MONEY_LIMIT)));
    let other = p.line(ws, "More", BillingType::FixedFee);
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line: other,
            edit: LineEdit::Fee(Some(Money(1))),
        }),
        "That would take the figures of Base beyond the largest amount the planner handles (10^15 minor units)."
    );
}

#[test]
fn an_overrun_shows_each_way_of_billing_side_by_side() {
    let mut p = Plan::new();
    let role = p.role("Consultant", 8_000, 12_000);
    let ws = p.worksheet("Base", SellingStyle::Consultative);
    for (name, billing) in [
        ("Fixed", BillingType::FixedFee),
        ("Open", BillingType::TimeAndMaterials),
        ("Capped", BillingType::TimeAndMaterials),
        ("Internal", BillingType::NonBillable),
    ] {
        let l = p.line(ws, name, billing);
        p.hours(ws, l, role, 100);
    }
    let capped = p.pricing().worksheet(ws).unwrap().lines[2].id;
    p.edit(ws, capped, LineEdit::Cap(Some(Money(1_300_000))));
    p.field(ws, WorksheetField::GlobalDiscount, Bps::percent(10));
    let pr = p.pricing();
    let effect = overrun_effect(pr.worksheet(ws).unwrap(), &pr.rate_card, Bps::percent(20));
    let rows: Vec<(PriceBasis, i64, i64, i64, i64)> = effect
        .rows
        .iter()
        .map(|r| {
            (
                r.basis,
                r.estimate.price.0 / 100,
                r.overrun.price.0 / 100,
                r.estimate.gross_margin.0 / 100,
                r.overrun.gross_margin.0 / 100,
            )
        })
        .collect();
    // 10 % off every price; 120 h cost 9,600 instead of 8,000.
    assert_eq!(
        rows,
        vec![
            (PriceBasis::FixedFee, 10_800, 10_800, 2_800, 1_200),
            (PriceBasis::TimeAndMaterials, 10_800, 12_960, 2_800, 3_360),
            (
                PriceBasis::CappedTimeAndMaterials,
                10_800,
                11_700,
                2_800,
                2_100
            ),
            (PriceBasis::NonBillable, 0, 0, -8_000, -9_600),
        ]
    );
    // The rows add up to the worksheet, whose estimate is `compute`'s.
    let sum = |get: fn(&OverrunRow) -> Money| effect.rows.iter().map(|r| get(r).0).sum::<i64>();
    assert_eq!(sum(|r| r.overrun.price), effect.with_overrun.price.0);
    assert_eq!(sum(|r| r.overrun.cost), effect.with_overrun.cost.0);
    assert_eq!(effect.estimate.price, p.figures(ws).total.net_price);
    // The overrun is held to 0–1,000 %.
    let pr = p.pricing();
    let sheet = pr.worksheet(ws).unwrap();
    assert_eq!(
        overrun_effect(sheet, &pr.rate_card, Bps(-5)).overrun,
        Bps::ZERO
    );
    assert_eq!(
        overrun_effect(sheet, &pr.rate_card, Bps(200_000)).overrun,
        Bps(100_000)
    );
}

#[test]
fn currencies_without_cents_and_with_three_decimals() {
    // JPY has no minor unit: amounts are whole yen.
    let mut p = Plan::new();
    p.w.apply(Action::EditEngagement {
        engagement: p.e,
        edit: EngagementEdit::Currency("JPY".into()),
    })
    .unwrap();
    let yen = currency(&p.w.engagements[0].currency);
    let role = p.role("Consultant", 3_333, 10_000);
    let ws = p.worksheet("Base", SellingStyle::Consultative);
    let line = p.line(ws, "Work", BillingType::FixedFee);
    p.edit(ws, line, LineEdit::Hours(role, Hours(150)));
    let t = p.figures(ws).total;
    // 1.5 h × ¥3,333 = ¥4,999.5: half away from zero, ¥5,000.
    assert_eq!(t.cost, Money(5_000));
    assert_eq!(format_money(t.net_price, &yen), "\u{a5}15,000");
    assert_eq!(parse_money("\u{a5}15,000", &yen), Ok(Money(15_000)));
    assert!(parse_money("15,000.5", &yen).is_err());

    // KWD has three decimals: 2.5 h × KWD 1.234 = KWD 3.085.
    let kwd = currency("KWD");
    let (p, ws, _) = one_line(1_234, 1_234, 0);
    let mut p = p;
    let role = p.pricing().rate_card[0].id;
    let line = p.pricing().worksheets[0].lines[0].id;
    p.edit(ws, line, LineEdit::Hours(role, Hours(250)));
    let t = p.figures(ws).total;
    assert_eq!(t.cost, Money(3_085));
    assert_eq!(format_money(t.cost, &kwd), "KWD 3.085");
    assert_eq!(parse_money("3.085 KWD", &kwd), Ok(Money(3_085)));
    assert_eq!(
        parse_money("3.0855", &kwd),
        Err(UnitError::TooManyDecimals(3))
    );
}

#[test]
fn rounding_is_half_away_from_zero_exactly_at_the_boundary() {
    // 0.5 h at 1 minor unit an hour is half a unit: it rounds up to 1; 0.49 h to 0.
    let (mut p, ws, line) = one_line(1, 1, 0);
    let role = p.pricing().rate_card[0].id;
    p.edit(ws, line, LineEdit::Hours(role, Hours(50)));
    assert_eq!(p.figures(ws).total.cost, Money(1));
    p.edit(ws, line, LineEdit::Hours(role, Hours(49)));
    assert_eq!(p.figures(ws).total.cost, Money(0));
    // A 10 % discount of 0.15 is 0.015: rounds to 0.02, leaving 0.13.
    let (mut p, ws, line) = one_line(0, 15, 1);
    p.edit(ws, line, LineEdit::Discount(Bps::percent(10)));
    let t = p.figures(ws).total;
    assert_eq!((t.line_discount, t.net_price), (Money(2), Money(13)));
    // A margin of half a basis point rounds away from zero, both ways: 1 on 20,000
    // is 0.5 bp; -1 on 20,000 is -0.5 bp.
    let (mut p, ws, _) = one_line(19_999, 20_000, 1);
    assert_eq!(p.figures(ws).total.margin, Some(Bps(1)));
    let role = p.pricing().rate_card[0].id;
    p.ok(PricingAction::EditRateRole {
        role,
        edit: RateRoleEdit::CostRate(Money(20_001)),
    });
    assert_eq!(p.figures(ws).total.margin, Some(Bps(-1)));
}

// ---------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------

#[test]
fn amounts_and_percentages_out_of_range_are_refused_with_a_reason() {
    let (mut p, ws, line) = one_line(1_000, 2_000, 10);
    let role = p.pricing().rate_card[0].id;
    assert_eq!(
        p.refused(PricingAction::AddRateRole {
            name: "Negative".into(),
            cost_rate: Money(-1),
            bill_rate: Money(10),
        }),
        "The cost rate cannot be negative."
    );
    assert_eq!(
        p.refused(PricingAction::EditRateRole {
            role,
            edit: RateRoleEdit::BillRate(Money(-5)),
        }),
        "The bill rate cannot be negative."
    );
    assert_eq!(
        p.refused(PricingAction::EditRateRole {
            role,
            edit: RateRoleEdit::BillRate(Money(MONEY_LIMIT.0 + 1)),
        }),
        "That amount is out of range."
    );
    for (field, bad, message) in [
        (
            WorksheetField::TargetMargin,
            Bps::HUNDRED_PERCENT,
            "The target margin must be at least 0 % and below 100 %.",
        ),
        (
            WorksheetField::TargetMargin,
            Bps(-1),
            "The target margin must be at least 0 % and below 100 %.",
        ),
        (
            WorksheetField::GlobalDiscount,
            Bps(10_001),
            "The global discount must be from 0 % to 100 %.",
        ),
        (
            WorksheetField::CostContingency,
            Bps(100_001),
            "The cost contingency must be from 0 % to 1,000 %.",
        ),
        (
            WorksheetField::BillableContingency,
            Bps(-100),
            "The billable contingency must be from 0 % to 1,000 %.",
        ),
        (
            WorksheetField::CommissionRate,
            Bps(10_001),
            "The commission rate must be from 0 % to 100 %.",
        ),
    ] {
        let got = p.refused(PricingAction::SetWorksheetField {
            worksheet: ws,
            field,
            value: bad,
        });
        assert_eq!(got, message);
    }
    // The highest allowed values are accepted.
    for field in WorksheetField::ALL {
        p.field(ws, field, field.max());
        p.field(ws, field, Bps::ZERO);
    }
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::Discount(Bps(10_001)),
        }),
        "The line discount must be from 0 % to 100 %."
    );
    assert_eq!(
        p.refused(PricingAction::AddExpense {
            worksheet: ws,
            line,
            name: "Hotel".into(),
            cost: Money(100),
            markup: Bps(1_000_001),
        }),
        "The markup must be from 0 % to 10,000 %."
    );
    assert_eq!(
        p.refused(PricingAction::AddExpense {
            worksheet: ws,
            line,
            name: "Hotel".into(),
            cost: Money(-100),
            markup: Bps(0),
        }),
        "The expense cost cannot be negative."
    );
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::Hours(role, Hours(LINE_HOURS_MAX.0 + 1)),
        }),
        "100000.01 hours is too many for one role on one line (at most 100,000): split the work into several lines."
    );
    p.edit(ws, line, LineEdit::Hours(role, LINE_HOURS_MAX));
    assert_eq!(
        p.refused(PricingAction::AddLine {
            worksheet: ws,
            name: "  ".into(),
            billing: BillingType::FixedFee,
        }),
        "The line name cannot be empty."
    );
}

#[test]
fn a_roles_markup_is_its_bill_rate_over_its_cost_rate_rounded_half_away_from_zero() {
    let role = |cost: i64, bill: i64| RateRole {
        id: RateRoleId(1),
        name: "Consultant".into(),
        cost_rate: Money(cost),
        bill_rate: Money(bill),
    };
    assert_eq!(role(1_000, 2_000).markup(), Some(Bps::HUNDRED_PERCENT));
    assert_eq!(role(8_000, 12_000).markup(), Some(Bps::percent(50)));
    // 1 ÷ 3 = 33.333… %, 2 ÷ 3 = 66.666… %: rounded to the basis point.
    assert_eq!(role(30_000, 40_000).markup(), Some(Bps(3_333)));
    assert_eq!(role(30_000, 50_000).markup(), Some(Bps(6_667)));
    // Billed below cost: a negative markup.
    assert_eq!(role(2_000, 1_000).markup(), Some(Bps(-5_000)));
    // An hour that costs nothing has no markup, and one too large to state has none.
    assert_eq!(role(0, 2_000).markup(), None);
    assert_eq!(role(1, MONEY_LIMIT.0).markup(), None);
}

#[test]
fn letters_and_negative_percentages_are_refused_when_typed() {
    assert_eq!(Bps::parse("ten"), Err(UnitError::NotANumber));
    assert_eq!(Bps::parse("12.5x"), Err(UnitError::NotANumber));
    assert_eq!(Bps::parse("-3"), Err(UnitError::Negative));
    assert_eq!(Bps::parse("12.345"), Err(UnitError::TooManyDecimals(2)));
    assert_eq!(UnitError::NotANumber.to_string(), "not a number");
    assert_eq!(Bps::parse("100 %"), Ok(Bps::HUNDRED_PERCENT));
    assert_eq!(Hours::parse("-2"), Err(UnitError::Negative));
}

#[test]
fn figures_beyond_the_money_limit_are_refused() {
    // The highest rate on the most hours one line can have is far beyond 10^15.
    let (mut p, ws, line) = one_line(1_000, 2_000, 1);
    p.ok(PricingAction::AddRateRole {
        name: "Priceless".into(),
        cost_rate: MONEY_LIMIT,
        bill_rate: MONEY_LIMIT,
    });
    let role = p.pricing().rate_card[1].id;
    let message = p.refused(PricingAction::EditLine {
        worksheet: ws,
        line,
        edit: LineEdit::Hours(role, LINE_HOURS_MAX),
    });
    assert_eq!(
        message,
        "That would take the figures of Base beyond the largest amount the planner handles (10^15 minor units)."
    );
}

#[test]
fn references_must_exist_and_a_used_role_cannot_go() {
    let (mut p, ws, _, _) = priced_plan();
    let build = p.pricing().worksheets[0].lines[0].id;
    let dev = p.pricing().rate_card[0].id;
    assert_eq!(
        p.refused(PricingAction::RemoveRateRole { role: dev }),
        "Developer is still used by the line \u{201c}Build\u{201d} of Base: remove its hours there first."
    );
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line: build,
            edit: LineEdit::Hours(RateRoleId(9_999), Hours(100)),
        }),
        "Rate card role 9999 no longer exists."
    );
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line: build,
            edit: LineEdit::Need(Some(NeedId(9_999))),
        }),
        "Client need 9999 no longer exists."
    );
    assert_eq!(
        p.refused(PricingAction::EditLine {
            worksheet: ws,
            line: build,
            edit: LineEdit::Estimator(Some(PersonId(9_999))),
        }),
        "Person 9999 no longer exists."
    );
    assert_eq!(
        p.refused(PricingAction::SetDeal {
            worksheet: Some(WorksheetId(9_999)),
        }),
        "Worksheet 9999 no longer exists."
    );
    assert_eq!(
        p.refused(PricingAction::RemoveLine {
            worksheet: ws,
            line: LineId(9_999),
        }),
        "Line 9999 no longer exists."
    );
    assert_eq!(
        p.refused(PricingAction::RemoveExpense {
            worksheet: ws,
            line: build,
            expense: ExpenseId(9_999),
        }),
        "Expense 9999 no longer exists."
    );
    // An unused role can go.
    let spare = p.role("Spare", 1, 1);
    p.ok(PricingAction::RemoveRateRole { role: spare });
}

#[test]
fn a_paste_is_taken_whole_or_not_at_all() {
    let (mut p, ws, _) = one_line(1_000, 2_000, 1);
    let role = p.pricing().rate_card[0].id;
    let row = |name: &str, h: u32| PastedLine {
        name: name.into(),
        billing: BillingType::TimeAndMaterials,
        hours: [(role, Hours::from_whole(h))].into_iter().collect(),
        discount: Bps::ZERO,
    };
    let bad = PastedLine {
        hours: [(role, Hours(LINE_HOURS_MAX.0 + 1))].into_iter().collect(),
        ..row("Too much", 0)
    };
    p.refused(PricingAction::PasteLines {
        worksheet: ws,
        lines: vec![row("One", 1), bad, row("Three", 3)],
    });
    p.ok(PricingAction::PasteLines {
        worksheet: ws,
        lines: vec![row("One", 1), row("Two", 0), row("Three", 3)],
    });
    let lines = &p.pricing().worksheet(ws).unwrap().lines;
    let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Work", "One", "Two", "Three"]);
    // A row of 0 h keeps no entry, as an edit to 0 h would not.
    assert!(lines[2].hours.is_empty());
}

// ---------------------------------------------------------------------------------
// Approval
// ---------------------------------------------------------------------------------

#[test]
fn only_the_engagement_manager_or_a_sponsor_of_this_engagement_decides_the_deal() {
    let (mut p, ws, dana, _) = priced_plan();
    let pat = p.person("Pat", StakeholderGroup::Performer);
    let other_em = p.person("Olga", StakeholderGroup::EngagementManager);
    let erin = p.person("Erin", StakeholderGroup::Sales);
    let sam = p.sponsor("Sam");
    p.w.apply(Action::EditEngagement {
        engagement: p.e,
        edit: EngagementEdit::EngagementManager(Some(erin)),
    })
    .unwrap();
    p.ok(PricingAction::Submit { worksheet: ws });
    let only = "only Erin (engagement manager) or Sam (sponsor) may decide the final deal.";
    for (who, reason) in [
        (pat, "Pat is a Performer"),
        (dana, "Dana is a Functional manager"),
        (
            other_em,
            "Olga is an engagement manager, not this engagement's",
        ),
    ] {
        assert_eq!(
            p.refused(PricingAction::Approve {
                worksheet: ws,
                by: who,
                date: "2025-03-01".into(),
            }),
            format!("{reason}: {only}")
        );
        p.refused(PricingAction::Reject {
            worksheet: ws,
            by: who,
            note: String::new(),
        });
    }
    // The named engagement manager (whatever their group), when nobody holds
    // engagement management, decides.
    p.ok(PricingAction::Reject {
        worksheet: ws,
        by: erin,
        note: "Margin too thin".into(),
    });
    p.ok(PricingAction::Submit { worksheet: ws });
    // So does a sponsor of this engagement.
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: sam,
        date: "2025-03-01".into(),
    });
    let sheet = p.pricing().worksheet(ws).unwrap();
    assert_eq!(sheet.approval, Approval::Approved { by: sam });
    assert!(matches!(
        p.act(PricingAction::Reopen {
            worksheet: ws,
            by: pat,
            note: String::new(),
        }),
        Err(ModelError::NotApprover { .. })
    ));
}

#[test]
fn sponsor_of_another_engagement_cannot_approve_the_deal() {
    let (mut p, ws, _, _) = priced_plan();
    // Gus sponsors another engagement of the portfolio, not this one.
    let gus = p.person("Gus", StakeholderGroup::Sponsor);
    p.w.apply(Action::CreateEngagement {
        name: "Data migration".into(),
        template: Template::InHouseProject,
    })
    .unwrap();
    let other = p.w.engagements.last().unwrap();
    let (other_id, other_em) = (
        other.id,
        other
            .function_of_kind(FunctionKind::EngagementManagement)
            .unwrap()
            .id,
    );
    p.w.apply(Action::Assign {
        engagement: other_id,
        person: gus,
        function: other_em,
        role: Raci::Accountable,
        hours: Hours(0),
    })
    .unwrap();
    let erin = p.person("Erin", StakeholderGroup::EngagementManager);
    p.give_role(erin, FunctionKind::EngagementManagement, Raci::Accountable);
    p.ok(PricingAction::Submit { worksheet: ws });
    assert_eq!(
        p.refused(PricingAction::Approve { worksheet: ws, by: gus, date: "2025-03-01".into() }),
        "Gus is a sponsor without a role in this engagement (a sponsor has a say once they have one): only Erin (engagement manager) may decide the final deal."
    );
    let e = p.w.engagement(p.e).unwrap();
    assert!(!e.is_sponsor_of(&p.w, gus));
    assert!(!e.may_decide_final_deal(&p.w, gus));
    // Once Gus has a role here, Gus is a sponsor of this engagement and may decide.
    p.give_role(gus, FunctionKind::Delivery, Raci::Informed);
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: gus,
        date: "2025-03-01".into(),
    });
}

#[test]
fn pm_who_is_engagement_manager_can_approve() {
    let (mut p, ws, _, _) = priced_plan();
    let robin = p.person("Robin", StakeholderGroup::ProjectManager);
    p.w.apply(Action::EditEngagement {
        engagement: p.e,
        edit: EngagementEdit::Pm(Some(robin)),
    })
    .unwrap();
    p.ok(PricingAction::Submit { worksheet: ws });
    // Not yet: engagement management has not fallen to Robin.
    assert_eq!(
        p.refused(PricingAction::Approve { worksheet: ws, by: robin, date: "2025-03-01".into() }),
        "Robin is a Project manager, and nobody may decide the final deal yet: make someone Accountable for engagement management, or give a sponsor a role in this engagement, on the Roles view."
    );
    // The PM accepts engagement management by default and is the engagement manager.
    let em =
        p.w.engagement(p.e)
            .unwrap()
            .function_of_kind(FunctionKind::EngagementManagement)
            .unwrap()
            .id;
    p.w.apply(Action::SetPmAcceptance {
        engagement: p.e,
        function: em,
        accepted: true,
    })
    .unwrap();
    let e = p.w.engagement(p.e).unwrap();
    assert_eq!(e.engagement_managers(), vec![robin]);
    assert_eq!(
        e.final_deal_deciders(&p.w),
        vec![(robin, DealDecider::EngagementManager)]
    );
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: robin,
        date: "2025-03-01".into(),
    });
    // A PM made Accountable for engagement management decides just the same.
    p.ok(PricingAction::Reopen {
        worksheet: ws,
        by: robin,
        note: String::new(),
    });
    p.w.apply(Action::SetPmAcceptance {
        engagement: p.e,
        function: em,
        accepted: false,
    })
    .unwrap();
    p.give_role(robin, FunctionKind::EngagementManagement, Raci::Accountable);
    p.ok(PricingAction::Submit { worksheet: ws });
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: robin,
        date: "2025-03-01".into(),
    });
}

#[test]
fn a_named_authority_alone_decides_the_final_deal() {
    let (mut p, ws, _, _) = priced_plan();
    let erin = p.person("Erin", StakeholderGroup::EngagementManager);
    p.give_role(erin, FunctionKind::EngagementManagement, Raci::Accountable);
    let sam = p.sponsor("Sam");
    let deal =
        p.w.engagement(p.e)
            .unwrap()
            .decisions
            .iter()
            .find(|d| d.kind == DecisionKind::FinalDeal)
            .unwrap()
            .id;
    p.w.apply(Action::EditDecisionArea {
        engagement: p.e,
        decision: deal,
        edit: DecisionEdit::Authority(Some(sam)),
    })
    .unwrap();
    p.ok(PricingAction::Submit { worksheet: ws });
    assert_eq!(
        p.refused(PricingAction::Approve { worksheet: ws, by: erin, date: "2025-03-01".into() }),
        "Erin is not the named authority over the final deal: only Sam (named authority) may decide the final deal."
    );
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: sam,
        date: "2025-03-01".into(),
    });
    // Decided by majority instead, the engagement manager and the sponsors decide.
    p.w.apply(Action::EditDecisionArea {
        engagement: p.e,
        decision: deal,
        edit: DecisionEdit::Method(Some(DecisionMethod::Majority)),
    })
    .unwrap();
    p.ok(PricingAction::Reopen {
        worksheet: ws,
        by: erin,
        note: String::new(),
    });
}

#[test]
fn the_approval_steps_go_in_order_and_every_one_is_logged() {
    let (mut p, ws, _, _) = priced_plan();
    let sam = p.sponsor("Sam");
    assert_eq!(
        p.refused(PricingAction::Approve {
            worksheet: ws,
            by: sam,
            date: "2025-03-01".into(),
        }),
        "Base is a draft: only a submitted worksheet can be approved."
    );
    assert_eq!(
        p.refused(PricingAction::Reopen {
            worksheet: ws,
            by: sam,
            note: String::new(),
        }),
        "Base is a draft: only an approved worksheet can be reopened."
    );
    p.ok(PricingAction::Submit { worksheet: ws });
    assert_eq!(
        p.refused(PricingAction::Submit { worksheet: ws }),
        "Base is submitted: only a draft or a rejected worksheet can be submitted."
    );
    p.ok(PricingAction::Reject {
        worksheet: ws,
        by: sam,
        note: "Needs delivery input on support".into(),
    });
    assert_eq!(
        p.refused(PricingAction::Reject {
            worksheet: ws,
            by: sam,
            note: String::new(),
        }),
        "Base is rejected: only a submitted worksheet can be rejected."
    );
    // A rejected worksheet can still be edited, then submitted again.
    p.field(ws, WorksheetField::TargetMargin, Bps::percent(20));
    p.ok(PricingAction::Submit { worksheet: ws });
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: sam,
        date: "2025-03-01".into(),
    });
    // Locked: no edits, no rename, no removal, no rate change under it.
    let build = p.pricing().worksheets[0].lines[0].id;
    let dev = p.pricing().rate_card[0].id;
    for action in [
        PricingAction::RenameWorksheet {
            worksheet: ws,
            name: "X".into(),
        },
        PricingAction::SetStyle {
            worksheet: ws,
            style: SellingStyle::Consultative,
        },
        PricingAction::RemoveWorksheet { worksheet: ws },
        PricingAction::AddLine {
            worksheet: ws,
            name: "More".into(),
            billing: BillingType::FixedFee,
        },
        PricingAction::RemoveLine {
            worksheet: ws,
            line: build,
        },
        PricingAction::EditLine {
            worksheet: ws,
            line: build,
            edit: LineEdit::Hours(dev, Hours(100)),
        },
        PricingAction::PasteLines {
            worksheet: ws,
            lines: vec![],
        },
    ] {
        assert_eq!(
            p.refused(action),
            "Base is approved and locked: reopen it first."
        );
    }
    assert_eq!(
        p.refused(PricingAction::EditRateRole {
            role: dev,
            edit: RateRoleEdit::CostRate(Money(1)),
        }),
        "The rates of Developer price Base, which is approved and locked: reopen it first."
    );
    // Renaming a role changes no figure, and a copy of an approved deal is a draft.
    p.ok(PricingAction::EditRateRole {
        role: dev,
        edit: RateRoleEdit::Name("Engineer".into()),
    });
    p.ok(PricingAction::DuplicateWorksheet {
        worksheet: ws,
        name: "What if".into(),
    });
    let copy = &p.pricing().worksheets[1];
    assert_eq!((copy.approval, copy.log.len()), (Approval::Draft, 0));
    p.ok(PricingAction::Reopen {
        worksheet: ws,
        by: sam,
        note: "Scope grew".into(),
    });
    let sheet = p.pricing().worksheet(ws).unwrap();
    assert_eq!(sheet.approval, Approval::Draft);
    let steps: Vec<(ApprovalStep, Option<PersonId>, &str)> = sheet
        .log
        .iter()
        .map(|e| (e.step, e.by, e.note.as_str()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (ApprovalStep::Submitted, None, ""),
            (
                ApprovalStep::Rejected,
                Some(sam),
                "Needs delivery input on support"
            ),
            (ApprovalStep::Submitted, None, ""),
            (ApprovalStep::Approved, Some(sam), ""),
            (ApprovalStep::Reopened, Some(sam), "Scope grew"),
        ]
    );
}

// ---------------------------------------------------------------------------------
// Scenarios and styles
// ---------------------------------------------------------------------------------

#[test]
fn a_scenario_is_a_copy_with_new_ids_that_can_become_the_deal() {
    let (mut p, ws, _, _) = priced_plan();
    p.ok(PricingAction::DuplicateWorksheet {
        worksheet: ws,
        name: "Discounted".into(),
    });
    let copy = p.pricing().worksheets[1].clone();
    let base = p.pricing().worksheets[0].clone();
    assert_eq!(copy.lines.len(), base.lines.len());
    for (a, b) in base.lines.iter().zip(&copy.lines) {
        assert_ne!(a.id, b.id);
        assert_eq!((&a.hours, &a.delivery_hours), (&b.hours, &b.delivery_hours));
        assert!(a
            .expenses
            .iter()
            .zip(&b.expenses)
            .all(|(x, y)| x.id != y.id));
    }
    assert_eq!(p.figures(ws).total, p.figures(copy.id).total);
    p.field(copy.id, WorksheetField::GlobalDiscount, Bps::percent(10));
    assert!(p.figures(copy.id).total.net_price < p.figures(ws).total.net_price);
    p.ok(PricingAction::SetDeal {
        worksheet: Some(copy.id),
    });
    assert_eq!(p.pricing().deal_worksheet().unwrap().id, copy.id);
    p.ok(PricingAction::RemoveWorksheet { worksheet: copy.id });
    assert_eq!(p.pricing().deal, None);
    // With one worksheet left, it stands for the deal.
    assert_eq!(p.pricing().deal_worksheet().unwrap().id, ws);
}

#[test]
fn switching_style_and_back_loses_nothing() {
    let (mut p, ws, _, _) = priced_plan();
    let before = p.pricing().worksheet(ws).unwrap().clone();
    p.ok(PricingAction::SetStyle {
        worksheet: ws,
        style: SellingStyle::Consultative,
    });
    let switched = p.pricing().worksheet(ws).unwrap();
    assert_eq!(switched.lines, before.lines);
    p.ok(PricingAction::SetStyle {
        worksheet: ws,
        style: SellingStyle::Collaborative,
    });
    assert_eq!(p.pricing().worksheet(ws).unwrap(), &before);
}

/// The People view asks before removing anyone `refs_to_person` finds, and its
/// question lists `uses_of_person`: both come from `Engagement::person_refs`.
#[test]
fn removing_a_person_named_only_as_an_estimator_asks_first() {
    let (mut p, ws, _, _) = priced_plan();
    let ola = p.person("Ola", StakeholderGroup::Performer);
    let support = p.pricing().worksheets[0].lines[1].id;
    p.edit(ws, support, LineEdit::Estimator(Some(ola)));
    assert_eq!(p.w.refs_to_person(ola).count(), 1, "the view asks first");
    assert_eq!(
        p.w.uses_of_person(ola),
        vec!["estimator of \u{201c}Support\u{201d} (Base) in Shop relaunch".to_string()]
    );
    p.w.apply(Action::RemovePerson { person: ola }).unwrap();
    assert_eq!(p.pricing().worksheets[0].lines[1].estimator, None);
    assert!(p.w.uses_of_person(ola).is_empty());
}

#[test]
fn an_engagement_export_carries_the_people_its_pricing_names() {
    let (mut p, ws, _, _) = priced_plan();
    // Someone named only as an estimator, and a sponsor named only as approver.
    let only_estimator = p.person("Ola", StakeholderGroup::Performer);
    let only_approver = p.sponsor("Sam");
    let support = p.pricing().worksheets[0].lines[1].id;
    p.edit(ws, support, LineEdit::Estimator(Some(only_estimator)));
    p.ok(PricingAction::Submit { worksheet: ws });
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: only_approver,
        date: "2025-03-01".into(),
    });
    // The sponsor then leaves the engagement's roles: named only as approver now.
    let em_function =
        p.w.engagement(p.e)
            .unwrap()
            .function_of_kind(FunctionKind::EngagementManagement)
            .unwrap()
            .id;
    p.w.apply(Action::Unassign {
        engagement: p.e,
        person: only_approver,
        function: em_function,
        role: Raci::Informed,
    })
    .unwrap();
    let e = p.w.engagement(p.e).unwrap();
    let named = e.referenced_people();
    assert!(named.contains(&only_estimator) && named.contains(&only_approver));
    assert_eq!(
        p.w.uses_of_person(only_estimator),
        vec!["estimator of \u{201c}Support\u{201d} (Base) in Shop relaunch".to_string()]
    );
    let text = engagement_planner::storage::engagement_to_json(&p.w, p.e, None).unwrap();
    let exported = engagement_planner::storage::from_json(&text)
        .expect("the export is valid")
        .workspace;
    let names: Vec<&str> = exported.people.iter().map(|p| p.name.as_str()).collect();
    assert!(
        names.contains(&"Ola") && names.contains(&"Sam"),
        "{names:?}"
    );
}

/// An agreed fee sets a fixed-fee line's list price, but the price at the estimate
/// behind it (and so the fee's adjustment) must stay exact too: hours that would take
/// it beyond the largest amount the planner holds are refused, as they are without a
/// fee. Found by the property test of exact figures.
#[test]
fn an_agreed_fee_does_not_hide_an_estimate_beyond_the_money_limit() {
    let mut p = Plan::new();
    let role = p.role("Consultant", 1, 1_000_000_000_000);
    let ws = p.worksheet("Base", SellingStyle::Consultative);
    let line = p.line(ws, "Work", BillingType::FixedFee);
    p.hours(ws, line, role, 1);
    p.edit(ws, line, LineEdit::Fee(Some(Money(10_000))));
    let before = p.w.clone();
    let refused = p.act(PricingAction::EditLine {
        worksheet: ws,
        line,
        edit: LineEdit::Hours(role, Hours::from_whole(2_000)),
    });
    assert!(
        matches!(refused, Err(ModelError::FiguresOutOfRange(_))),
        "{refused:?}"
    );
    assert_eq!(p.w, before);
}

// ---------------------------------------------------------------------------------
// Delivery input and who decides, from the one rule of each
// ---------------------------------------------------------------------------------

#[test]
fn only_delivery_estimates_count_as_delivery_input() {
    let (mut p, ws, dana, _) = priced_plan();
    let build = p.pricing().worksheets[0].lines[0].id;
    let erin = p.person("Erin", StakeholderGroup::Sales);
    let gus = p.person("Gus", StakeholderGroup::Legal);
    let pat = p.person("Pat", StakeholderGroup::Performer);
    let robin = p.person("Robin", StakeholderGroup::ProjectManager);
    let delivery_people = |p: &Plan| p.w.engagement(p.e).unwrap().delivery_people(&p.w);
    let counts = |p: &Plan| {
        let line = &p.pricing().worksheet(ws).unwrap().lines[0];
        line.has_delivery_input(&delivery_people(p))
    };
    // The delivery groups count; sales and everyone else do not.
    assert_eq!(
        delivery_people(&p),
        [dana, pat, robin].into_iter().collect()
    );
    assert!(counts(&p), "Dana, a functional manager, estimated Build");
    p.edit(ws, build, LineEdit::Estimator(Some(erin)));
    assert!(!counts(&p));
    let e = p.w.engagement(p.e).unwrap();
    assert_eq!(
        e.not_delivery_reason(&p.w, erin).unwrap(),
        "Erin is in Sales, whose price delivery's estimate is there to check"
    );
    // The estimate is still recorded, and still the figures' cost basis.
    assert!(p.pricing().worksheets[0].lines[0].has_estimate());
    assert!(p.figures(ws).lines[0].delivery_input);
    // Leading delivery here makes someone outside the delivery groups count…
    p.edit(ws, build, LineEdit::Estimator(Some(gus)));
    assert!(!counts(&p));
    p.give_role(gus, FunctionKind::Delivery, Raci::Accountable);
    assert!(counts(&p));
    // …but never a salesperson, even one who is Responsible for delivery.
    p.give_role(erin, FunctionKind::Delivery, Raci::Responsible);
    p.edit(ws, build, LineEdit::Estimator(Some(erin)));
    assert!(!counts(&p));
    assert!(!delivery_people(&p).contains(&erin));
    // Without hours an estimator is no input, whoever it is.
    p.edit(ws, build, LineEdit::Estimator(Some(pat)));
    assert!(counts(&p));
    p.edit(
        ws,
        build,
        LineEdit::DeliveryHours(p.pricing().rate_card[0].id, Hours(0)),
    );
    assert!(!counts(&p));
}

#[test]
fn a_named_engagement_manager_gives_way_to_whoever_holds_engagement_management() {
    let (mut p, ws, _, _) = priced_plan();
    let erin = p.person("Erin", StakeholderGroup::EngagementManager);
    let olga = p.person("Olga", StakeholderGroup::EngagementManager);
    p.w.apply(Action::EditEngagement {
        engagement: p.e,
        edit: EngagementEdit::EngagementManager(Some(erin)),
    })
    .unwrap();
    p.give_role(olga, FunctionKind::EngagementManagement, Raci::Accountable);
    p.ok(PricingAction::Submit { worksheet: ws });
    assert_eq!(
        p.refused(PricingAction::Approve { worksheet: ws, by: erin, date: "2025-03-01".into() }),
        "Erin is named engagement manager while Olga holds engagement management: only Olga (engagement manager) may decide the final deal."
    );
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: olga,
        date: "2025-03-01".into(),
    });
}

// ---------------------------------------------------------------------------------
// The final deal and pricing approval are one decision
// ---------------------------------------------------------------------------------

/// Approving is the final deal's decision: it is recorded in the final deal's log as a
/// proposal naming the worksheet, with the approver's approval, dated as the action says.
/// Rejecting and reopening keep working as before, in the worksheet's own log.
#[test]
fn approving_records_the_final_deal_decision_and_rejecting_or_reopening_keeps_working() {
    let (mut p, ws, _, _) = priced_plan();
    let sam = p.sponsor("Sam");
    let log_len = |p: &Plan| {
        p.w.engagement(p.e)
            .unwrap()
            .final_deal_area()
            .unwrap()
            .log
            .len()
    };
    p.ok(PricingAction::Submit { worksheet: ws });
    p.ok(PricingAction::Reject {
        worksheet: ws,
        by: sam,
        note: "Too high".into(),
    });
    assert_eq!(log_len(&p), 0);
    p.ok(PricingAction::Submit { worksheet: ws });
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: sam,
        date: "2025-04-02".into(),
    });
    let e = p.w.engagement(p.e).unwrap();
    let decided = e.deal_decision(&p.w, ws).expect("recorded in the log");
    assert_eq!(decided.text, "Approve the worksheet \u{201c}Base\u{201d}");
    assert_eq!(decided.date, "2025-04-02");
    assert_eq!(decided.worksheet, Some(ws));
    assert_eq!(
        decided
            .positions
            .iter()
            .map(|x| (x.person, x.stance))
            .collect::<Vec<_>>(),
        [(sam, Stance::For)]
    );
    p.ok(PricingAction::Reopen {
        worksheet: ws,
        by: sam,
        note: "Scope grew".into(),
    });
    assert_eq!(log_len(&p), 1, "the decision stays in the log");
    let e = p.w.engagement(p.e).unwrap();
    assert_eq!(
        e.deal_decision(&p.w, ws),
        None,
        "it no longer approves the worksheet"
    );
    let steps: Vec<ApprovalStep> = p
        .pricing()
        .worksheet(ws)
        .unwrap()
        .log
        .iter()
        .map(|x| x.step)
        .collect();
    assert_eq!(
        steps,
        [
            ApprovalStep::Submitted,
            ApprovalStep::Rejected,
            ApprovalStep::Submitted,
            ApprovalStep::Approved,
            ApprovalStep::Reopened
        ]
    );
}

/// The proposal recorded for an approval stays within a proposal's length, however long
/// the worksheet's name.
#[test]
fn an_approval_of_a_long_named_worksheet_is_recorded_within_a_proposals_length() {
    let (mut p, ws, _, _) = priced_plan();
    let sam = p.sponsor("Sam");
    let long = "Q".repeat(200);
    p.ok(PricingAction::RenameWorksheet {
        worksheet: ws,
        name: long.clone(),
    });
    p.ok(PricingAction::Submit { worksheet: ws });
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: sam,
        date: "2025-04-02".into(),
    });
    let e = p.w.engagement(p.e).unwrap();
    let text = &e.deal_decision(&p.w, ws).unwrap().text;
    assert_eq!(text.chars().count(), 200);
    assert!(
        text.starts_with("Approve the worksheet \u{201c}QQQ"),
        "{text}"
    );
    assert!(text.ends_with("Q\u{2026}\u{201d}"), "{text}");
    // A name that just fits is kept whole.
    p.ok(PricingAction::Reopen {
        worksheet: ws,
        by: sam,
        note: String::new(),
    });
    let fits = "Q".repeat(176);
    p.ok(PricingAction::RenameWorksheet {
        worksheet: ws,
        name: fits.clone(),
    });
    p.ok(PricingAction::Submit { worksheet: ws });
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: sam,
        date: "2025-04-03".into(),
    });
    let e = p.w.engagement(p.e).unwrap();
    assert_eq!(
        e.deal_decision(&p.w, ws).unwrap().text,
        format!("Approve the worksheet \u{201c}{fits}\u{201d}")
    );
}
