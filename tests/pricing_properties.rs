//! Properties of pricing: the identities every computed figure obeys, `compute` on
//! extreme worksheets, and `apply` of random pricing actions.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/pricing_actions.rs"]
mod pricing_actions;

use engagement_planner::model::pricing::{
    CONTINGENCY_MAX, DISCOUNT_MAX, LINE_HOURS_MAX, MARKUP_MAX, TARGET_MARGIN_MAX,
};
use engagement_planner::model::units::MONEY_LIMIT;
use engagement_planner::model::*;
use pricing_actions::{pricing_action, PRICING_OPS};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::{BTreeMap, BTreeSet};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Half away from zero, written independently of the model's own rounding.
fn round(n: i128, d: i128) -> i128 {
    let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
    let twice = 2 * n.abs() + d;
    let q = twice / (2 * d);
    if n < 0 {
        -q
    } else {
        q
    }
}

fn m(x: Money) -> i128 {
    i128::from(x.0)
}

/// The identities of one set of figures (a line or the total).
fn check_one(f: &Figures, what: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        m(f.net_price),
        m(f.cost) + m(f.gross_margin),
        "{}: net = cost + gm",
        what
    );
    prop_assert_eq!(m(f.net_price), m(f.list_price) - m(f.discount), "{}", what);
    prop_assert_eq!(
        m(f.discount),
        m(f.line_discount) + m(f.global_discount),
        "{}",
        what
    );
    prop_assert_eq!(
        m(f.cost),
        m(f.labour_cost) + m(f.expense_cost) + m(f.cost_contingency),
        "{}: cost breakdown",
        what
    );
    prop_assert_eq!(
        m(f.list_price),
        m(f.labour_price) + m(f.expense_price) + m(f.billable_contingency) + m(f.price_adjustment),
        "{}: price breakdown",
        what
    );
    prop_assert!(f.commission_on_margin.0 >= 0);
    prop_assert!(f.commission_on_margin.0 <= f.gross_margin.0.max(0));
    prop_assert_eq!(f.margin.is_none(), f.net_price.0 == 0);
    prop_assert_eq!(f.markup.is_none(), f.cost.0 == 0);
    if let (Some(margin), Some(markup)) = (f.margin, f.markup) {
        // Exactly: markup = margin ÷ (1 − margin) = gm ÷ (net − gm), rounded once (and
        // held at the bounds of a basis-point ratio, ±21,474,836.47 %, beyond them).
        let (gm, net) = (m(f.gross_margin), m(f.net_price));
        let bounded = |x: i128| x.clamp(i32::MIN.into(), i32::MAX.into());
        prop_assert_eq!(
            i128::from(margin.0),
            bounded(round(gm * 10_000, net)),
            "{}",
            what
        );
        prop_assert_eq!(
            i128::from(markup.0),
            bounded(round(gm * 10_000, net - gm)),
            "{}",
            what
        );
        // From the rounded margin, within a basis point of rounding (plus what the
        // margin's own half basis point becomes through 1 ÷ (1 − margin)²).
        let mg = i128::from(margin.0);
        if mg.abs() <= 5_000 {
            let from_margin = round(mg * 10_000, 10_000 - mg);
            let slack = 10_000 - mg - 1;
            let tolerance = 1 + 50_000_000 / (slack * slack);
            let diff = (i128::from(markup.0) - from_margin).abs();
            prop_assert!(
                diff <= tolerance,
                "{}: markup {} vs {} from margin {} (tolerance {})",
                what,
                markup.0,
                from_margin,
                margin.0,
                tolerance
            );
        }
    }
    Ok(())
}

/// Reads one amount of a set of figures.
type Field = fn(&Figures) -> i64;

/// Every identity of a worksheet's figures: each line, the total, and totals as sums.
fn check_figures(ws: &Worksheet, f: &WorksheetFigures) -> Result<(), TestCaseError> {
    prop_assert_eq!(f.lines.len(), ws.lines.len());
    for (i, line) in f.lines.iter().enumerate() {
        check_one(line, &format!("line {i}"))?;
        prop_assert_eq!(line.line, ws.lines[i].id);
    }
    check_one(&f.total, "total")?;
    let sum =
        |get: fn(&Figures) -> i64| -> i128 { f.lines.iter().map(|l| i128::from(get(l))).sum() };
    let additive: [(&str, Field); 18] = [
        ("cost", |f| f.cost.0),
        ("sales_cost", |f| f.sales_cost.0),
        ("list_price", |f| f.list_price.0),
        ("discount", |f| f.discount.0),
        ("net_price", |f| f.net_price.0),
        ("gross_margin", |f| f.gross_margin.0),
        ("delivery_cost", |f| f.delivery_cost.0),
        ("cost_variance", |f| f.cost_variance.0),
        ("labour_cost", |f| f.labour_cost.0),
        ("expense_cost", |f| f.expense_cost.0),
        ("cost_contingency", |f| f.cost_contingency.0),
        ("labour_price", |f| f.labour_price.0),
        ("expense_price", |f| f.expense_price.0),
        ("billable_contingency", |f| f.billable_contingency.0),
        ("price_adjustment", |f| f.price_adjustment.0),
        ("line_discount", |f| f.line_discount.0),
        ("global_discount", |f| f.global_discount.0),
        ("hours_variance", |f| f.hours_variance.0),
    ];
    for (name, get) in additive {
        prop_assert_eq!(
            i128::from(get(&f.total)),
            sum(get),
            "total {} = sum of lines",
            name
        );
    }
    prop_assert_eq!(sum(|f| i64::from(f.hours.0)), i128::from(f.total.hours.0));
    prop_assert_eq!(
        sum(|f| i64::from(f.delivery_hours.0)),
        i128::from(f.total.delivery_hours.0)
    );
    // The global discount is rounded once on the whole, then shared out.
    let after_lines: i128 = f
        .lines
        .iter()
        .map(|l| m(l.list_price) - m(l.line_discount))
        .sum();
    prop_assert_eq!(
        m(f.total.global_discount),
        round(after_lines * i128::from(ws.global_discount.0), 10_000)
    );
    Ok(())
}

// ---------------------------------------------------------------------------------
// Worksheets built directly, with extreme values
// ---------------------------------------------------------------------------------

/// Reads seeds one at a time, giving 0 when they run out.
struct Seeds<'a>(std::slice::Iter<'a, u32>);

impl Seeds<'_> {
    fn next(&mut self) -> u32 {
        self.0.next().copied().unwrap_or(0)
    }

    fn money(&mut self) -> Money {
        let s = self.next();
        match s % 6 {
            0 => MONEY_LIMIT,
            1 => Money(0),
            2 => Money(i64::from(s)),
            _ => Money(i64::from(s % 100_000)),
        }
    }

    fn bps(&mut self, max: Bps) -> Bps {
        let s = self.next();
        match s % 5 {
            0 => max,
            1 => Bps(0),
            _ => Bps((s / 5 % (max.0 as u32 + 1)) as i32),
        }
    }

    /// An agreed fee or a cap from one seed: none for most (and for 0), an ordinary
    /// amount for some, the limit for a few.
    fn terms(&mut self) -> Option<Money> {
        let s = self.next();
        match s % 8 {
            1 | 5 => Some(Money(i64::from(s / 8 % 100_000))),
            2 => Some(MONEY_LIMIT),
            _ => None,
        }
    }

    fn hours(&mut self) -> Hours {
        let s = self.next();
        match s % 5 {
            0 => LINE_HOURS_MAX,
            1 => Hours(1),
            _ => Hours(s % 100_000),
        }
    }
}

/// A workspace with one engagement whose pricing is built from the seeds: up to six
/// roles and a dozen lines, with rates, hours and percentages up to their limits.
fn built(seeds: &[u32]) -> Workspace {
    let mut w = Workspace::default();
    w.apply(Action::CreateEngagement {
        name: "Built".into(),
        template: Template::ContractedVendor,
    })
    .unwrap();
    w.apply(Action::AddPerson {
        name: "Estimator".into(),
        side: Side::Provider,
        group: StakeholderGroup::FunctionalManager,
        capacity: Hours::from_whole(40),
    })
    .unwrap();
    let estimator = w.people[0].id;
    let mut s = Seeds(seeds.iter());
    let mut id = w.next_id;
    let mut fresh = || {
        id += 1;
        id - 1
    };
    let rate_card: Vec<RateRole> = (0..1 + s.next() % 6)
        .map(|i| RateRole {
            id: RateRoleId(fresh()),
            name: format!("Role {i}"),
            cost_rate: s.money(),
            bill_rate: s.money(),
        })
        .collect();
    let hours_map = |s: &mut Seeds| -> BTreeMap<RateRoleId, Hours> {
        let mask = s.next();
        rate_card
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, r)| (r.id, s.hours()))
            .collect()
    };
    let mut lines = Vec::new();
    for i in 0..s.next() % 12 {
        let billing = [
            BillingType::FixedFee,
            BillingType::TimeAndMaterials,
            BillingType::NonBillable,
        ][(s.next() % 3) as usize];
        let line_id = LineId(fresh());
        let hours = hours_map(&mut s);
        let delivery_hours = hours_map(&mut s);
        let estimator = s.next().is_multiple_of(2).then_some(estimator);
        let discount = s.bps(DISCOUNT_MAX);
        // Agreed fees and caps on some lines, whatever their billing type (none once
        // the seeds run out).
        let fee = s.terms();
        let cap = s.terms();
        let expenses = (0..s.next() % 3)
            .map(|k| Expense {
                id: ExpenseId(fresh()),
                name: format!("Expense {k}"),
                cost: s.money(),
                markup: s.bps(MARKUP_MAX),
            })
            .collect();
        lines.push(LineItem {
            id: line_id,
            name: format!("Line {i}"),
            billing,
            fee,
            cap,
            hours,
            need: None,
            estimator,
            delivery_hours,
            discount,
            expenses,
        });
    }
    let worksheet = Worksheet {
        id: WorksheetId(fresh()),
        name: "Extreme".into(),
        style: SellingStyle::Collaborative,
        lines,
        cost_contingency: s.bps(CONTINGENCY_MAX),
        billable_contingency: s.bps(CONTINGENCY_MAX),
        global_discount: s.bps(DISCOUNT_MAX),
        target_margin: (!s.next().is_multiple_of(4)).then(|| s.bps(TARGET_MARGIN_MAX)),
        commission_rate: s.bps(Bps::HUNDRED_PERCENT),
        approval: Approval::Draft,
        log: Vec::new(),
    };
    w.engagements[0].pricing = Pricing {
        rate_card,
        worksheets: vec![worksheet],
        deal: None,
    };
    w.next_id = id;
    w
}

proptest! {
    #![proptest_config(config())]

    /// `compute` never panics, even on worksheets too large to be valid; on every
    /// valid one its figures obey every identity.
    #[test]
    fn compute_is_exact_on_valid_worksheets_and_never_panics(seeds in vec(any::<u32>(), 0..400)) {
        let w = built(&seeds);
        let p = &w.engagements[0].pricing;
        let f = compute(&p.worksheets[0], &p.rate_card);
        match w.validate() {
            Ok(()) => check_figures(&p.worksheets[0], &f)?,
            Err(problems) => {
                // The only way the builder goes wrong is figures beyond the limits.
                for problem in problems {
                    prop_assert!(problem.message.contains("exceed"), "{}", problem);
                }
            }
        }
    }

    /// The same on ordinary amounts, where every worksheet is valid.
    #[test]
    fn identities_hold_on_ordinary_worksheets(seeds in vec(0u32..1_000_000, 0..400)) {
        let w = built(&seeds.iter().map(|s| s * 6 + 3).collect::<Vec<_>>());
        prop_assert_eq!(w.validate(), Ok(()));
        let p = &w.engagements[0].pricing;
        check_figures(&p.worksheets[0], &compute(&p.worksheets[0], &p.rate_card))?;
    }

    /// Switching style and back gives the very same worksheet and figures.
    #[test]
    fn switching_style_and_back_loses_nothing(seeds in vec(any::<u32>(), 0..400)) {
        let mut w = built(&seeds);
        prop_assume!(w.validate().is_ok());
        let e = w.engagements[0].id;
        let before = w.clone();
        let worksheet = w.engagements[0].pricing.worksheets[0].id;
        for style in [SellingStyle::Consultative, SellingStyle::Collaborative] {
            w.apply(Action::Pricing { engagement: e, action: PricingAction::SetStyle { worksheet, style } })
                .unwrap();
        }
        prop_assert_eq!(&w, &before);
    }
}

// ---------------------------------------------------------------------------------
// Random pricing actions
// ---------------------------------------------------------------------------------

/// A workspace with an engagement manager, a sponsor, a performer, two needs, and
/// one small worksheet of two lines, the first with two expenses.
fn start() -> Workspace {
    let mut w = Workspace::default();
    let mut apply = |a: Action| w.apply(a).expect("fixture action");
    apply(Action::CreateEngagement {
        name: "Priced".into(),
        template: Template::ContractedVendor,
    });
    for (name, group) in [
        ("Erin", StakeholderGroup::EngagementManager),
        ("Sam", StakeholderGroup::Sponsor),
        ("Pat", StakeholderGroup::Performer),
    ] {
        apply(Action::AddPerson {
            name: name.into(),
            side: Side::Provider,
            group,
            capacity: Hours::from_whole(40),
        });
    }
    let e = w.engagements[0].id;
    let erin = w.people[0].id;
    let mut apply = |a: Action| w.apply(a).expect("fixture action");
    apply(Action::EditEngagement {
        engagement: e,
        edit: EngagementEdit::EngagementManager(Some(erin)),
    });
    for title in ["Checkout", "Search"] {
        apply(Action::AddNeed {
            engagement: e,
            title: title.into(),
        });
    }
    let mut pricing = |action| {
        apply(Action::Pricing {
            engagement: e,
            action,
        })
    };
    pricing(PricingAction::AddRateRole {
        name: "Dev".into(),
        cost_rate: Money(6_000),
        bill_rate: Money(11_000),
    });
    pricing(PricingAction::AddWorksheet {
        name: "Base".into(),
        style: SellingStyle::Consultative,
    });
    let p = &w.engagements[0].pricing;
    let (worksheet, role) = (p.worksheets[0].id, p.rate_card[0].id);
    let mut pricing = |action| {
        w.apply(Action::Pricing {
            engagement: e,
            action,
        })
        .expect("fixture action")
    };
    pricing(PricingAction::PasteLines {
        worksheet,
        lines: ["Build", "Run"]
            .map(|name| PastedLine {
                name: name.into(),
                billing: BillingType::FixedFee,
                hours: [(role, Hours::from_whole(10))].into_iter().collect(),
                discount: Bps::ZERO,
            })
            .to_vec(),
    });
    let line = w.engagements[0].pricing.worksheets[0].lines[0].id;
    let mut pricing = |action| {
        w.apply(Action::Pricing {
            engagement: e,
            action,
        })
        .expect("fixture action")
    };
    for cost in [Money(10_000), Money(2_500)] {
        pricing(PricingAction::AddExpense {
            worksheet,
            line,
            name: "Travel".into(),
            cost,
            markup: Bps::percent(10),
        });
    }
    w
}

fn step() -> impl Strategy<Value = (u32, [u32; 5])> {
    (0..PRICING_OPS, prop::array::uniform5(any::<u32>()))
}

/// Applies random pricing actions from `start()`, calling `check` on each outcome.
fn drive(
    steps: &[(u32, [u32; 5])],
    mut check: impl FnMut(
        &Workspace,
        &PricingAction,
        &Result<(), ModelError>,
        &Workspace,
    ) -> Result<(), TestCaseError>,
) -> Result<Workspace, TestCaseError> {
    let mut w = start();
    let e = w.engagements[0].id;
    for &(op, seeds) in steps {
        let action = pricing_action(&w, e, op, seeds);
        let before = w.clone();
        let result = w.apply(Action::Pricing {
            engagement: e,
            action: action.clone(),
        });
        check(&before, &action, &result, &w)?;
    }
    Ok(w)
}

proptest! {
    #![proptest_config(config())]

    /// A pricing action either succeeds and leaves a valid workspace whose figures
    /// obey every identity, or fails and leaves the workspace exactly as it was.
    #[test]
    fn apply_succeeds_validly_or_changes_nothing(steps in vec(step(), 0..60)) {
        drive(&steps, |before, action, result, after| {
            match result {
                Ok(()) => {
                    if let Err(problems) = after.validate() {
                        prop_assert!(false, "{action:?} left problems: {problems:?}");
                    }
                    let p = &after.engagements[0].pricing;
                    for ws in &p.worksheets {
                        check_figures(ws, &compute(ws, &p.rate_card))?;
                    }
                    // Approving agrees the fixed fees at the estimate: no figure moves.
                    if let PricingAction::Approve { worksheet, .. } = action {
                        let was = &before.engagements[0].pricing;
                        prop_assert_eq!(
                            compute(was.worksheet(*worksheet).unwrap(), &was.rate_card),
                            compute(p.worksheet(*worksheet).unwrap(), &p.rate_card)
                        );
                    }
                }
                Err(e) => {
                    prop_assert_eq!(before, after, "{:?} refused ({}) but changed the workspace", action, e);
                    prop_assert!(!e.to_string().is_empty());
                }
            }
            Ok(())
        })?;
    }

    /// An approved worksheet is locked: no pricing action but a reopen changes it.
    #[test]
    fn an_approved_worksheet_changes_only_through_reopen(steps in vec(step(), 0..60)) {
        drive(&steps, |before, action, result, after| {
            if result.is_ok() {
                for ws in &before.engagements[0].pricing.worksheets {
                    if !ws.approval.is_approved() || matches!(action, PricingAction::Reopen { .. }) {
                        continue;
                    }
                    let now = after.engagements[0].pricing.worksheet(ws.id);
                    prop_assert_eq!(Some(ws), now, "{:?} changed an approved worksheet", action);
                }
            }
            Ok(())
        })?;
    }
}

/// The generator reaches every pricing action and the main refusals, so a change to
/// it cannot quietly stop exercising them.
#[test]
fn generator_reaches_every_pricing_action_and_refusal() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let first_word = |text: String| {
        text.split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let mut ok = BTreeSet::new();
    let mut errors = BTreeSet::new();
    for _ in 0..300 {
        let steps = vec(step(), 0..60).new_tree(&mut runner).unwrap().current();
        drive(&steps, |_, action, result, _| {
            match result {
                Ok(()) => ok.insert(first_word(format!("{action:?}"))),
                Err(e) => errors.insert(first_word(format!("{e:?}"))),
            };
            Ok(())
        })
        .unwrap();
    }
    for variant in [
        "AddRateRole",
        "EditRateRole",
        "RemoveRateRole",
        "AddWorksheet",
        "RenameWorksheet",
        "SetStyle",
        "SetWorksheetField",
        "DuplicateWorksheet",
        "RemoveWorksheet",
        "SetDeal",
        "AddLine",
        "EditLine",
        "RemoveLine",
        "PasteLines",
        "AddExpense",
        "EditExpense",
        "RemoveExpense",
        "Submit",
        "Approve",
        "Reject",
        "Reopen",
        "ClearTargetMargin",
    ] {
        assert!(ok.contains(variant), "{variant} never succeeded");
    }
    for error in [
        "EmptyName",
        "TooLong",
        "MoneyOutOfRange",
        "NegativeAmount",
        "PercentOutOfRange",
        "TooManyLineHours",
        "UnknownRateRole",
        "UnknownWorksheet",
        "UnknownLine",
        "UnknownExpense",
        "UnknownPerson",
        "UnknownNeed",
        "RateRoleInUse",
        "Locked",
        "NotApprover",
        "ApprovalOrder",
        "FiguresOutOfRange",
        "NotForBilling",
    ] {
        assert!(errors.contains(error), "{error} never happened");
    }
}

// ---------------------------------------------------------------------------------
// Fixed fee, time and materials, and overruns
// ---------------------------------------------------------------------------------

/// The worksheet of `built(seeds)` with every line's hours of work multiplied: its
/// delivery hours where it has an estimate, else its sales hours.
fn with_more_work(w: &Workspace, factor: u32) -> Worksheet {
    let mut ws = w.engagements[0].pricing.worksheets[0].clone();
    for l in &mut ws.lines {
        let map = if l.has_estimate() {
            &mut l.delivery_hours
        } else {
            &mut l.hours
        };
        for h in map.values_mut() {
            *h = Hours(h.0.saturating_mul(factor));
        }
    }
    ws
}

proptest! {
    #![proptest_config(config())]

    /// A fixed-fee line's price does not follow the hours of work: its agreed fee, or
    /// the sales estimate, whatever delivery's hours or an overrun.
    #[test]
    fn fixed_fee_price_is_independent_of_the_hours_of_work(
        seeds in vec(0u32..1_000_000, 0..400),
        factor in 1u32..4,
        overrun in 0i32..=100_000,
    ) {
        let w = built(&seeds.iter().map(|s| s * 6 + 3).collect::<Vec<_>>());
        let p = &w.engagements[0].pricing;
        let ws = &p.worksheets[0];
        let before = compute(ws, &p.rate_card);
        // Only lines whose work is delivery's estimate keep their sales hours.
        let after = compute(&with_more_work(&w, factor), &p.rate_card);
        for ((l, a), b) in ws.lines.iter().zip(&before.lines).zip(&after.lines) {
            if l.billing == BillingType::FixedFee && (l.fee.is_some() || l.has_estimate()) {
                prop_assert_eq!(a.list_price, b.list_price, "{}", l.name);
            }
            if let (BillingType::FixedFee, Some(fee)) = (l.billing, l.fee) {
                prop_assert_eq!(a.list_price, fee);
            }
        }
        let effect = overrun_effect(ws, &p.rate_card, Bps(overrun));
        for row in effect.rows.iter().filter(|r| r.basis == PriceBasis::FixedFee) {
            prop_assert_eq!(row.estimate.list_price, row.overrun.list_price);
        }
    }

    /// A time-and-materials line with a not-to-exceed cap is never priced above it,
    /// whatever the hours.
    #[test]
    fn time_and_materials_price_never_exceeds_its_cap(
        seeds in vec(0u32..1_000_000, 0..400),
        factor in 1u32..4,
        overrun in 0i32..=100_000,
    ) {
        let w = built(&seeds.iter().map(|s| s * 6 + 3).collect::<Vec<_>>());
        let p = &w.engagements[0].pricing;
        let ws = &p.worksheets[0];
        for sheet in [ws.clone(), with_more_work(&w, factor)] {
            let f = compute(&sheet, &p.rate_card);
            for (l, lf) in sheet.lines.iter().zip(&f.lines) {
                if let (BillingType::TimeAndMaterials, Some(cap)) = (l.billing, l.cap) {
                    prop_assert!(lf.list_price <= cap, "{}: {:?} > {:?}", l.name, lf.list_price, cap);
                    prop_assert!(lf.net_price <= cap);
                    prop_assert!(lf.price_adjustment.0 <= 0);
                } else if l.billing == BillingType::TimeAndMaterials {
                    prop_assert_eq!(lf.price_adjustment, Money(0));
                }
            }
        }
        let caps: i64 = ws
            .lines
            .iter()
            .filter(|l| PriceBasis::of(l) == PriceBasis::CappedTimeAndMaterials)
            .filter_map(|l| l.cap.map(|c| c.0))
            .sum();
        let effect = overrun_effect(ws, &p.rate_card, Bps(overrun));
        for row in effect.rows.iter().filter(|r| r.basis == PriceBasis::CappedTimeAndMaterials) {
            prop_assert!(row.overrun.list_price.0 <= caps);
            prop_assert!(row.overrun.capped <= row.lines);
        }
    }

    /// An overrun never lowers a cost or a time-and-materials price; its rows add up
    /// to the worksheet, price = cost + margin holds in each, and no overrun is the
    /// estimate that `compute` gives.
    #[test]
    fn an_overrun_adds_cost_and_adds_up(
        seeds in vec(0u32..1_000_000, 0..400),
        overrun in 0i32..=100_000,
    ) {
        let w = built(&seeds.iter().map(|s| s * 6 + 3).collect::<Vec<_>>());
        let p = &w.engagements[0].pricing;
        let ws = &p.worksheets[0];
        let t = compute(ws, &p.rate_card).total;
        let effect = overrun_effect(ws, &p.rate_card, Bps(overrun));
        prop_assert_eq!(
            (effect.estimate.price, effect.estimate.cost, effect.estimate.gross_margin, effect.estimate.list_price),
            (t.net_price, t.cost, t.gross_margin, t.list_price)
        );
        let none = overrun_effect(ws, &p.rate_card, Bps::ZERO);
        prop_assert_eq!(none.estimate, none.with_overrun);
        for (outcome, rows) in [
            (effect.estimate, effect.rows.iter().map(|r| r.estimate).collect::<Vec<_>>()),
            (effect.with_overrun, effect.rows.iter().map(|r| r.overrun).collect()),
        ] {
            prop_assert_eq!(m(outcome.price), m(outcome.cost) + m(outcome.gross_margin));
            prop_assert_eq!(m(outcome.price), rows.iter().map(|o| m(o.price)).sum::<i128>());
            prop_assert_eq!(m(outcome.cost), rows.iter().map(|o| m(o.cost)).sum::<i128>());
            prop_assert_eq!(m(outcome.list_price), rows.iter().map(|o| m(o.list_price)).sum::<i128>());
        }
        prop_assert_eq!(effect.rows.iter().map(|r| r.lines).sum::<usize>(), ws.lines.len());
        for row in &effect.rows {
            prop_assert!(row.overrun.cost >= row.estimate.cost);
            prop_assert!(row.overrun.hours >= row.estimate.hours);
            if row.basis != PriceBasis::FixedFee {
                prop_assert!(row.overrun.list_price >= row.estimate.list_price);
            }
        }
    }

    /// Agreeing every fixed fee at its estimate changes no figure.
    #[test]
    fn agreeing_a_fee_at_the_estimate_changes_no_figure(seeds in vec(0u32..1_000_000, 0..400)) {
        let w = built(&seeds.iter().map(|s| s * 6 + 3).collect::<Vec<_>>());
        let p = &w.engagements[0].pricing;
        let mut ws = p.worksheets[0].clone();
        let before = compute(&ws, &p.rate_card);
        for (l, f) in ws.lines.iter_mut().zip(&before.lines) {
            if l.billing == BillingType::FixedFee {
                l.fee = Some(f.list_price);
            }
        }
        let after = compute(&ws, &p.rate_card);
        // Only the split of the list price between the rates and the fee may move.
        for (a, b) in before.lines.iter().zip(&after.lines) {
            prop_assert_eq!(
                (a.list_price, a.net_price, a.cost, a.gross_margin, a.target_price),
                (b.list_price, b.net_price, b.cost, b.gross_margin, b.target_price)
            );
        }
        prop_assert_eq!(before.total.net_price, after.total.net_price);
    }

    /// Setting the default target margin either succeeds, leaving a valid workspace
    /// whose worksheets without a target of their own are held to it, or is refused
    /// and changes nothing.
    #[test]
    fn the_default_target_margin_is_set_validly_or_not_at_all(
        seeds in vec(any::<u32>(), 0..400),
        target in prop::option::of(-100i32..10_100),
    ) {
        let mut w = built(&seeds);
        prop_assume!(w.validate().is_ok());
        let before = w.clone();
        let target = target.map(Bps);
        match w.apply(Action::SetDefaultTargetMargin { target }) {
            Ok(()) => {
                prop_assert_eq!(w.validate(), Ok(()));
                let p = &w.engagements[0].pricing;
                let ws = &p.worksheets[0];
                let expected = ws.target_margin.or(target);
                prop_assert_eq!(ws.target(w.default_target_margin), expected);
                let f = compute_with_default(ws, &p.rate_card, w.default_target_margin);
                prop_assert_eq!(f.total.target_price.is_some(), expected.is_some());
            }
            Err(_) => prop_assert_eq!(w, before),
        }
    }
}
