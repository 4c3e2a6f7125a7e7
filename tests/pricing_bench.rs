//! Benchmark: how long `pricing::compute` takes on a 2,000-line worksheet, natively.
//! Prints figures, never passes or fails on them (target: under 1 ms). Run it in
//! release, as `scripts/bench` does:
//!
//! ```text
//! cargo test --release --test pricing_bench -- --ignored --nocapture
//! ```
#![cfg(not(target_arch = "wasm32"))]

use engagement_planner::model::*;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

const LINES: u32 = 2_000;
const ROLES: u32 = 12;
const RUNS: usize = 501;

/// A deterministic worksheet of `LINES` lines: three to five roles a line, delivery
/// estimates on two lines in three, expenses on every fourth, line discounts on every
/// fifth, a mix of billing types, contingencies and a global discount.
fn big_worksheet() -> (Worksheet, Vec<RateRole>) {
    let mut next = 1u32;
    let mut id = || {
        next += 1;
        next
    };
    let rates: Vec<RateRole> = (0..ROLES)
        .map(|r| RateRole {
            id: RateRoleId(id()),
            name: format!("Role {r}"),
            cost_rate: Money(4_000 + i64::from(r) * 731),
            bill_rate: Money(7_500 + i64::from(r) * 1_093),
        })
        .collect();
    let mut seed = 0x2545_f491_u64;
    let mut rand = move |n: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % u64::from(n)) as u32
    };
    let lines = (0..LINES)
        .map(|i| {
            let roles = 3 + rand(3);
            let start = rand(ROLES);
            let hours: BTreeMap<RateRoleId, Hours> = (0..roles)
                .map(|k| {
                    (
                        rates[((start + k) % ROLES) as usize].id,
                        Hours(100 + rand(20_000)),
                    )
                })
                .collect();
            let delivery_hours: BTreeMap<RateRoleId, Hours> = if i % 3 != 0 {
                hours
                    .iter()
                    .map(|(&r, h)| (r, Hours(h.0 + rand(2_000))))
                    .collect()
            } else {
                BTreeMap::new()
            };
            let expenses = if i % 4 == 0 {
                (0..2)
                    .map(|k| Expense {
                        id: ExpenseId(id()),
                        name: format!("Expense {k}"),
                        cost: Money(i64::from(rand(500_000))),
                        markup: Bps(i32::try_from(rand(2_500)).unwrap()),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            LineItem {
                id: LineId(id()),
                name: format!("Work package {i}"),
                billing: [
                    BillingType::FixedFee,
                    BillingType::TimeAndMaterials,
                    BillingType::FixedFee,
                    BillingType::NonBillable,
                ][(i % 4) as usize],
                // Agreed fees on every seventh line, caps on every ninth.
                fee: (i % 7 == 0).then(|| Money(i64::from(rand(5_000_000)))),
                cap: (i % 9 == 0).then(|| Money(i64::from(rand(5_000_000)))),
                hours,
                need: None,
                estimator: (i % 3 != 0).then_some(PersonId(1)),
                delivery_hours,
                discount: if i % 5 == 0 { Bps(750) } else { Bps(0) },
                expenses,
            }
        })
        .collect();
    let ws = Worksheet {
        id: WorksheetId(id()),
        name: "Benchmark".into(),
        style: SellingStyle::Collaborative,
        lines,
        cost_contingency: Bps(1_000),
        billable_contingency: Bps(500),
        global_discount: Bps(333),
        target_margin: Some(Bps(3_000)),
        commission_rate: Bps(750),
        approval: Approval::Draft,
        log: Vec::new(),
    };
    (ws, rates)
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
fn bench_pricing_recompute() {
    let (ws, rates) = big_worksheet();
    let roles: usize = ws.lines.iter().map(|l| l.hours.len()).sum();
    // Warm up, and check the figures are the worksheet's.
    let figures = compute(&ws, &rates);
    assert_eq!(figures.lines.len(), LINES as usize);
    for _ in 0..20 {
        black_box(compute(black_box(&ws), black_box(&rates)));
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(compute(black_box(&ws), black_box(&rates)));
            start.elapsed()
        })
        .collect();
    times.sort();
    let profile = if cfg!(debug_assertions) {
        "debug (use --release for real figures)"
    } else {
        "release"
    };
    println!(
        "pricing recompute, {LINES} lines ({roles} role entries, {} expenses), {RUNS} runs, {profile}:",
        ws.lines.iter().map(|l| l.expenses.len()).sum::<usize>()
    );
    println!(
        "  median {:.1} µs   min {:.1} µs   max {:.1} µs   (target: under 1,000 µs)",
        micros(times[RUNS / 2]),
        micros(times[0]),
        micros(times[RUNS - 1])
    );
    println!(
        "  net price {}   margin {}",
        format_money(figures.total.net_price, &currency("EUR")),
        figures
            .total
            .margin
            .map_or("—".to_string(), |m| m.to_string())
    );
}
