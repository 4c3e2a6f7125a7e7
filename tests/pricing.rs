//! Pricing: worked examples from published pricing formulas, every refusal, the
//! approval state machine, and how copies, imports and removals treat pricing.

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
    let gone = source.person("Gus", StakeholderGroup::Sponsor);
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
    assert!(!line.has_delivery_input());
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
    pr.worksheets[0].target_margin = Bps::HUNDRED_PERCENT;
    pr.deal = Some(WorksheetId(12_345));
    let problems = p.w.validate().unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"engagements[0].pricing.worksheets[0].lines[1].hours.9999"));
    assert!(paths.contains(&"engagements[0].pricing.worksheets[0].target_margin"));
    assert!(paths.contains(&"engagements[0].pricing.deal"));
}

#[test]
fn an_approved_worksheet_is_locked_until_it_is_reopened() {
    let (mut p, ws, _, _) = priced_plan();
    let sponsor = p.person("Sam", StakeholderGroup::Sponsor);
    p.ok(PricingAction::Submit { worksheet: ws });
    p.ok(PricingAction::Approve {
        worksheet: ws,
        by: sponsor,
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
