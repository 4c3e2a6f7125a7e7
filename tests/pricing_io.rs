//! Host tests of the pricing spreadsheet exchange (src/model/pricing/csv.rs and
//! paste.rs): the CSV export of a worksheet and the reading of rows pasted from a
//! spreadsheet.
#![cfg(not(target_arch = "wasm32"))]

use engagement_planner::model::pricing::{
    compute, BillingType, PricingAction, SellingStyle, WorksheetField,
};
use engagement_planner::model::pricing_io::*;
use engagement_planner::model::units::Bps;
use engagement_planner::model::*;
use std::collections::BTreeMap;

fn apply(w: &mut Workspace, action: Action) {
    let shown = format!("{action:?}");
    w.apply(action)
        .unwrap_or_else(|e| panic!("{shown} was refused: {e}"));
}

fn pricing(w: &mut Workspace, engagement: EngagementId, action: PricingAction) {
    apply(w, Action::Pricing { engagement, action });
}

/// An engagement in `code` with two roles (Consultant 60/100, Designer 40/80 per hour)
/// and one worksheet; returns the workspace, the engagement and the worksheet.
fn priced(code: &str) -> (Workspace, EngagementId, WorksheetId, [RateRoleId; 2]) {
    let mut w = Workspace::default();
    let e = EngagementId(w.next_id);
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "Acme rollout".into(),
            template: Template::ContractedVendor,
        },
    );
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: e,
            edit: EngagementEdit::Currency(code.into()),
        },
    );
    let cur = currency(code);
    let scale = 10i64.pow(cur.decimals);
    let consultant = RateRoleId(w.next_id);
    pricing(
        &mut w,
        e,
        PricingAction::AddRateRole {
            name: "Consultant".into(),
            cost_rate: Money(60 * scale),
            bill_rate: Money(100 * scale),
        },
    );
    let designer = RateRoleId(w.next_id);
    pricing(
        &mut w,
        e,
        PricingAction::AddRateRole {
            name: "Designer".into(),
            cost_rate: Money(40 * scale),
            bill_rate: Money(80 * scale),
        },
    );
    let ws = WorksheetId(w.next_id);
    pricing(
        &mut w,
        e,
        PricingAction::AddWorksheet {
            name: "Base".into(),
            style: SellingStyle::Consultative,
        },
    );
    (w, e, ws, [consultant, designer])
}

fn add_line(
    w: &mut Workspace,
    e: EngagementId,
    ws: WorksheetId,
    name: &str,
    billing: BillingType,
    hours: &[(RateRoleId, u32)],
) -> LineId {
    let line = LineId(w.next_id);
    pricing(
        w,
        e,
        PricingAction::AddLine {
            worksheet: ws,
            name: name.into(),
            billing,
        },
    );
    for &(role, h) in hours {
        pricing(
            w,
            e,
            PricingAction::EditLine {
                worksheet: ws,
                line,
                edit: pricing_line_hours(role, h),
            },
        );
    }
    line
}

fn pricing_line_hours(role: RateRoleId, h: u32) -> engagement_planner::model::pricing::LineEdit {
    engagement_planner::model::pricing::LineEdit::Hours(role, Hours::from_whole(h))
}

fn csv_of(w: &Workspace, e: EngagementId, ws: WorksheetId) -> String {
    let eng = w.engagement(e).unwrap();
    let sheet = eng.pricing.worksheets.iter().find(|s| s.id == ws).unwrap();
    worksheet_csv(
        sheet,
        &eng.pricing.rate_card,
        &w.people,
        &currency(&eng.currency),
        w.default_target_margin,
    )
}

/// Splits RFC 4180 text into records of fields (quoted fields may hold commas, quotes
/// and line breaks), checking that every record ends with CRLF.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    assert!(text.ends_with("\r\n"), "the last record ends with CRLF");
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                other => field.push(other),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR is always followed by LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            '\n' => panic!("a bare LF outside quotes: {text:?}"),
            other => field.push(other),
        }
    }
    records
}

fn column(records: &[Vec<String>], name: &str) -> usize {
    records[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name:?} in {:?}", records[0]))
}

#[test]
fn csv_has_a_header_one_row_per_line_and_a_total() {
    let (mut w, e, ws, [consultant, designer]) = priced("EUR");
    add_line(
        &mut w,
        e,
        ws,
        "Discovery",
        BillingType::FixedFee,
        &[(consultant, 10), (designer, 5)],
    );
    add_line(
        &mut w,
        e,
        ws,
        "Build",
        BillingType::TimeAndMaterials,
        &[(consultant, 20)],
    );
    let text = csv_of(&w, e, ws);
    let records = read_csv(&text);
    assert_eq!(records.len(), 4, "header, two lines, total: {text}");
    assert_eq!(
        &records[0][..5],
        &[
            "Line",
            "Billing type",
            "Consultant hours",
            "Designer hours",
            "Discount %"
        ]
    );
    assert!(records.iter().all(|r| r.len() == records[0].len()));
    assert_eq!(records[1][0], "Discovery");
    assert_eq!(records[1][1], "Fixed fee");
    assert_eq!(records[1][2], "10");
    assert_eq!(records[1][3], "5");
    assert_eq!(records[2][1], "Time and materials");
    assert_eq!(records[3][0], "Total");
    assert_eq!(records[3][2], "30", "total consultant hours");

    // Amounts: plain decimals with the currency's two decimals.
    let list = column(&records, "List price (EUR)");
    let cost = column(&records, "Cost (EUR)");
    // Discovery: 10 × 100 + 5 × 80 = 1,400.00 list; 10 × 60 + 5 × 40 = 800.00 cost.
    assert_eq!(records[1][list], "1400.00");
    assert_eq!(records[1][cost], "800.00");
    assert_eq!(records[2][list], "2000.00");
    assert_eq!(records[3][list], "3400.00");
    assert_eq!(records[3][cost], "2000.00");
    let margin = column(&records, "Margin %");
    // (3400 − 2000) ÷ 3400 = 41.18 %
    assert_eq!(records[3][margin], "41.18");
}

#[test]
fn csv_shows_the_agreed_fee_and_the_cap_and_prices_with_them() {
    let (mut w, e, ws, [consultant, _]) = priced("EUR");
    let fixed = add_line(
        &mut w,
        e,
        ws,
        "Discovery",
        BillingType::FixedFee,
        &[(consultant, 10)],
    );
    let capped = add_line(
        &mut w,
        e,
        ws,
        "Build",
        BillingType::TimeAndMaterials,
        &[(consultant, 20)],
    );
    add_line(
        &mut w,
        e,
        ws,
        "Support",
        BillingType::TimeAndMaterials,
        &[(consultant, 1)],
    );
    for (line, edit) in [
        (fixed, LineEdit::Fee(Some(Money(120_000)))),
        (capped, LineEdit::Cap(Some(Money(150_000)))),
    ] {
        pricing(
            &mut w,
            e,
            PricingAction::EditLine {
                worksheet: ws,
                line,
                edit,
            },
        );
    }
    let records = read_csv(&csv_of(&w, e, ws));
    assert!(records.iter().all(|r| r.len() == records[0].len()));
    let fee = column(&records, "Agreed fee (EUR)");
    let cap = column(&records, "Not-to-exceed cap (EUR)");
    let list = column(&records, "List price (EUR)");
    assert_eq!(fee, column(&records, "Discount %") + 1, "after the inputs");
    assert_eq!(
        (&records[1][fee][..], &records[1][cap][..]),
        ("1200.00", "")
    );
    assert_eq!(
        (&records[2][fee][..], &records[2][cap][..]),
        ("", "1500.00")
    );
    assert_eq!((&records[3][fee][..], &records[3][cap][..]), ("", ""));
    // The fee replaces 10 h × 100; the cap holds 20 h × 100 to 1,500.
    assert_eq!(records[1][list], "1200.00");
    assert_eq!(records[2][list], "1500.00");
    assert_eq!(records[4][list], "2800.00");
    // Copied back from a spreadsheet, the terms columns are read past.
    let rates = rates_of(&w, e);
    let tsv: String = records[..records.len() - 1]
        .iter()
        .map(|r| r.join("\t") + "\n")
        .collect();
    let p = parse_pasted(&tsv, &rates);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.lines.len(), 3);
}

#[test]
fn csv_target_price_uses_the_workspace_default_target_margin() {
    let (mut w, e, ws, [consultant, _]) = priced("EUR");
    add_line(
        &mut w,
        e,
        ws,
        "Discovery",
        BillingType::FixedFee,
        &[(consultant, 10)],
    );
    let target = |w: &Workspace| {
        let records = read_csv(&csv_of(w, e, ws));
        let at = column(&records, "Target price (EUR)");
        records.last().unwrap()[at].clone()
    };
    // No target margin anywhere: no target price.
    assert_eq!(target(&w), "");
    apply(
        &mut w,
        Action::SetDefaultTargetMargin {
            target: Some(Bps::percent(25)),
        },
    );
    // Cost 600 at the default 25 %: 800.
    assert_eq!(target(&w), "800.00");
}

#[test]
fn csv_totals_are_the_model_totals() {
    let (mut w, e, ws, [consultant, designer]) = priced("EUR");
    for i in 0..7 {
        add_line(
            &mut w,
            e,
            ws,
            &format!("Line {i}"),
            BillingType::FixedFee,
            &[(consultant, 3 + i), (designer, 7 * i + 1)],
        );
    }
    pricing(
        &mut w,
        e,
        PricingAction::SetWorksheetField {
            worksheet: ws,
            field: WorksheetField::GlobalDiscount,
            value: Bps(733),
        },
    );
    let eng = w.engagement(e).unwrap();
    let sheet = &eng.pricing.worksheets[0];
    let figures = compute(sheet, &eng.pricing.rate_card);
    let records = read_csv(&csv_of(&w, e, ws));
    let net = column(&records, "Net price (EUR)");
    let total = records.last().unwrap();
    assert_eq!(total[net], plain_money(figures.total.net_price, 2));
    let sum: i64 = records[1..records.len() - 1]
        .iter()
        .map(|r| {
            let (whole, frac) = r[net].split_once('.').unwrap();
            whole.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap()
        })
        .sum();
    assert_eq!(
        Money(sum),
        figures.total.net_price,
        "the lines add up to the total"
    );
}

#[test]
fn csv_amounts_follow_the_currency_decimals() {
    for (code, expected) in [("JPY", "1400"), ("BHD", "1400.000"), ("USD", "1400.00")] {
        let (mut w, e, ws, [consultant, designer]) = priced(code);
        add_line(
            &mut w,
            e,
            ws,
            "Discovery",
            BillingType::FixedFee,
            &[(consultant, 10), (designer, 5)],
        );
        let records = read_csv(&csv_of(&w, e, ws));
        let list = column(&records, &format!("List price ({code})"));
        assert_eq!(records[1][list], expected, "{code}");
    }
}

#[test]
fn csv_quotes_and_neutralises_text_but_never_numbers() {
    let (mut w, e, ws, [consultant, _]) = priced("EUR");
    add_line(
        &mut w,
        e,
        ws,
        "Design, \"phase\" 1\nand 2",
        BillingType::FixedFee,
        &[(consultant, 1)],
    );
    add_line(
        &mut w,
        e,
        ws,
        "=HYPERLINK(\"x\")",
        BillingType::FixedFee,
        &[],
    );
    add_line(
        &mut w,
        e,
        ws,
        "-5",
        BillingType::NonBillable,
        &[(consultant, 2)],
    );
    add_line(&mut w, e, ws, "@SUM(A1)", BillingType::FixedFee, &[]);
    add_line(&mut w, e, ws, "+1", BillingType::FixedFee, &[]);
    let text = csv_of(&w, e, ws);
    assert!(
        text.contains("\"Design, \"\"phase\"\" 1\nand 2\""),
        "a field with a comma, quotes and a line break is quoted: {text}"
    );
    let records = read_csv(&text);
    assert_eq!(records[1][0], "Design, \"phase\" 1\nand 2");
    assert_eq!(records[2][0], "'=HYPERLINK(\"x\")");
    assert_eq!(records[3][0], "'-5");
    assert_eq!(records[4][0], "'@SUM(A1)");
    assert_eq!(records[5][0], "'+1");
    // The non-billable line has cost but no price: a negative margin, written as a
    // plain negative number, not neutralised.
    let gm = column(&records, "Gross margin (EUR)");
    assert_eq!(records[3][gm], "-120.00");
    for record in &records[1..] {
        for field in &record[2..] {
            assert!(
                !field.starts_with('\''),
                "numbers are never prefixed: {record:?}"
            );
        }
    }
}

#[test]
fn text_fields_and_plain_numbers() {
    assert_eq!(text_field("plain"), "plain");
    assert_eq!(text_field("a,b"), "\"a,b\"");
    assert_eq!(text_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(text_field("=1+2"), "'=1+2");
    assert_eq!(text_field("=a,b"), "\"'=a,b\"");
    assert_eq!(text_field(""), "");
    assert_eq!(plain_money(Money(-5), 2), "-0.05");
    assert_eq!(plain_money(Money(123_456), 2), "1234.56");
    assert_eq!(plain_money(Money(123_456), 0), "123456");
    assert_eq!(plain_money(Money(123_456), 3), "123.456");
    assert_eq!(plain_percent(Bps(1250)), "12.50");
    assert_eq!(plain_percent(Bps(-5)), "-0.05");
}

#[test]
fn file_names_come_from_the_engagement_and_worksheet() {
    assert_eq!(
        csv_file_name("Acme: rollout 2025", "Base (what-if)"),
        "acme-rollout-2025-base-what-if.csv"
    );
    assert_eq!(csv_file_name("///", "  "), "pricing.csv");
    assert_eq!(csv_file_name("Café", "Zürich"), "café-zürich.csv");
}

// ===== Paste =============================================================================

fn rates_of(w: &Workspace, e: EngagementId) -> Vec<engagement_planner::model::pricing::RateRole> {
    w.engagement(e).unwrap().pricing.rate_card.clone()
}

#[test]
fn pasted_rows_without_header_follow_the_rate_card_order() {
    let (w, e, _, [consultant, designer]) = priced("EUR");
    let rates = rates_of(&w, e);
    let p = parse_pasted(
        "Discovery\tFixed fee\t10\t5\t10\r\nBuild\tT&M\t20\t\t\r\n\r\nSupport\tnon-billable\t1.5\n",
        &rates,
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert!(!p.header);
    assert_eq!(p.lines.len(), 3);
    assert_eq!(p.lines[0].name, "Discovery");
    assert_eq!(p.lines[0].billing, BillingType::FixedFee);
    assert_eq!(
        p.lines[0].hours,
        BTreeMap::from([
            (consultant, Hours::from_whole(10)),
            (designer, Hours::from_whole(5))
        ])
    );
    assert_eq!(p.lines[0].discount, Bps(1000));
    assert_eq!(p.lines[1].billing, BillingType::TimeAndMaterials);
    assert_eq!(
        p.lines[1].hours,
        BTreeMap::from([(consultant, Hours::from_whole(20))])
    );
    assert_eq!(p.lines[2].billing, BillingType::NonBillable);
    assert_eq!(p.lines[2].hours[&consultant], Hours(150));
    assert_eq!(p.lines[2].discount, Bps(0));
}

#[test]
fn a_header_row_matches_columns_by_name_in_any_order() {
    let (w, e, _, [consultant, designer]) = priced("EUR");
    let rates = rates_of(&w, e);
    let p = parse_pasted(
        "Designer hours\tName\tdiscount %\tConsultant\tBilling type\tCost (EUR)\n4\tQA\t5 %\t2\tFixed fee\t999\n",
        &rates,
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert!(p.header);
    assert_eq!(p.lines.len(), 1);
    let l = &p.lines[0];
    assert_eq!(l.name, "QA");
    assert_eq!(l.billing, BillingType::FixedFee);
    assert_eq!(l.discount, Bps(500));
    assert_eq!(l.hours[&designer], Hours::from_whole(4));
    assert_eq!(l.hours[&consultant], Hours::from_whole(2));
}

#[test]
fn errors_name_the_row_and_column() {
    let (w, e, _, _) = priced("EUR");
    let rates = rates_of(&w, e);
    let p = parse_pasted(
        "Name\tBilling type\tConsultant\tDesigner\tDiscount\nA\tFixed fee\t-3\t2\t0\nB\tbarter\t1\tx\t120\n\tFixed fee\t1\t1\t0\n",
        &rates,
    );
    assert!(
        p.lines.is_empty(),
        "no row with an error is read: {:?}",
        p.lines
    );
    let said: Vec<String> = p.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(p.errors[0].row, 2);
    assert_eq!(p.errors[0].column, "Consultant");
    assert!(
        said[0].starts_with("Row 2, column “Consultant”:"),
        "{said:?}"
    );
    assert!(said[0].contains("negative"), "{said:?}");
    assert!(
        said.iter()
            .any(|s| s.starts_with("Row 3, column “Billing type”:") && s.contains("barter")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|s| s.starts_with("Row 3, column “Designer”:") && s.contains("not a number")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|s| s.starts_with("Row 3, column “Discount”:") && s.contains("100")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|s| s.starts_with("Row 4, column “Name”:")),
        "{said:?}"
    );
}

#[test]
fn unknown_header_columns_and_too_many_cells_are_errors() {
    let (w, e, _, _) = priced("EUR");
    let rates = rates_of(&w, e);
    let p = parse_pasted("Name\tArchitect\nA\t3\n", &rates);
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert_eq!(p.errors[0].column, "Architect");
    assert!(p.errors[0].message.contains("Consultant, Designer"));

    let p = parse_pasted("A\tFixed fee\t1\t2\t3\t4\n", &rates);
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert_eq!(p.errors[0].row, 1);
    assert_eq!(p.errors[0].column, "column 6");
}

/// Found by fuzzing (`fuzz/fuzz_targets/paste.rs`): a name of invisible characters only
/// (a NUL copied out of a spreadsheet, zero-width spaces) was read without an error and
/// then refused by the model as a whole, naming no row.
#[test]
fn a_line_name_of_only_invisible_characters_is_an_error_naming_its_row() {
    let (mut w, e, ws, _) = priced("EUR");
    let rates = rates_of(&w, e);
    let p = parse_pasted(
        "Build\tFixed fee\t1\n\u{c}\u{0}\u{0}\tFixed fee\t2\n\u{200b}\u{2060}\t\t3\n",
        &rates,
    );
    let errors: Vec<String> = p.errors.iter().map(ToString::to_string).collect();
    let message = "the name has only invisible characters (such as zero-width spaces): type one that can be read.";
    assert_eq!(
        errors,
        [2, 3].map(|row| format!("Row {row}, column “Name”: {message}")),
    );
    assert_eq!(p.lines.len(), 1, "the readable row is read");
    // What the paste reads is what the model takes.
    pricing(
        &mut w,
        e,
        PricingAction::PasteLines {
            worksheet: ws,
            lines: p.lines,
        },
    );
}

/// Found by fuzzing (`fuzz/fuzz_targets/paste.rs`): under a header without a Name column
/// every row was read as a line with no name, which the paste panel previewed.
#[test]
fn a_header_without_a_name_column_reads_no_line() {
    let (w, e, _, _) = priced("EUR");
    let rates = rates_of(&w, e);
    let p = parse_pasted("Billing type\tConsultant\nFixed fee\t3\nT&M\t4\n", &rates);
    let errors: Vec<String> = p.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        errors,
        ["Row 1, column “Name”: the header has no Name column."]
    );
    assert!(p.header);
    assert_eq!(p.lines, []);
}

#[test]
fn quoted_cells_as_spreadsheets_copy_them() {
    let (w, e, _, [consultant, _]) = priced("EUR");
    let rates = rates_of(&w, e);
    let p = parse_pasted(
        "\"Design\n(two lines), \"\"v2\"\"\"\tFixed fee\t3\n",
        &rates,
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.lines[0].name, "Design\n(two lines), \"v2\"");
    assert_eq!(p.lines[0].hours[&consultant], Hours::from_whole(3));
}

#[test]
fn blank_text_is_nothing_and_the_export_reads_back() {
    let (mut w, e, ws, [consultant, designer]) = priced("EUR");
    let rates = rates_of(&w, e);
    assert!(parse_pasted(" \n\t\n", &rates).is_empty());

    // The export, opened in a spreadsheet and copied back as tab-separated rows, reads
    // back to the same lines (the total row left out).
    add_line(
        &mut w,
        e,
        ws,
        "-minus",
        BillingType::TimeAndMaterials,
        &[(consultant, 3), (designer, 4)],
    );
    let records = read_csv(&csv_of(&w, e, ws));
    let tsv: String = records[..records.len() - 1]
        .iter()
        .map(|r| r.join("\t") + "\n")
        .collect();
    let p = parse_pasted(&tsv, &rates);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.lines.len(), 1);
    assert_eq!(
        p.lines[0].name, "-minus",
        "the formula guard is taken off again"
    );
    let own = parse_pasted("'Til done\tFixed fee\t1\n", &rates);
    assert_eq!(
        own.lines[0].name, "'Til done",
        "an apostrophe of the name's own stays"
    );
    assert_eq!(p.lines[0].hours[&designer], Hours::from_whole(4));

    // And pasting them is one action that adds every line.
    let before = w.engagement(e).unwrap().pricing.worksheets[0].lines.len();
    pricing(
        &mut w,
        e,
        PricingAction::PasteLines {
            worksheet: ws,
            lines: p.lines,
        },
    );
    assert_eq!(
        w.engagement(e).unwrap().pricing.worksheets[0].lines.len(),
        before + 1
    );
}

#[test]
fn billing_words() {
    for (text, b) in [
        ("Fixed fee", BillingType::FixedFee),
        ("FIXED", BillingType::FixedFee),
        ("T&M", BillingType::TimeAndMaterials),
        ("time & materials", BillingType::TimeAndMaterials),
        ("", BillingType::TimeAndMaterials),
        ("Non-billable", BillingType::NonBillable),
    ] {
        assert_eq!(parse_billing(text), Some(b), "{text:?}");
    }
    assert_eq!(parse_billing("barter"), None);
}

#[test]
fn csv_names_the_delivery_estimator_and_the_delivery_hours_of_each_line() {
    let (mut w, e, ws, [consultant, designer]) = priced("EUR");
    let estimator = PersonId(w.next_id);
    apply(
        &mut w,
        Action::AddPerson {
            name: "Lee, \"the estimator\"".into(),
            side: Side::Provider,
            group: StakeholderGroup::Performer,
            capacity: Hours::from_whole(40),
        },
    );
    let estimated = add_line(
        &mut w,
        e,
        ws,
        "Build",
        BillingType::TimeAndMaterials,
        &[(consultant, 10)],
    );
    add_line(
        &mut w,
        e,
        ws,
        "Design",
        BillingType::FixedFee,
        &[(designer, 5)],
    );
    for edit in [
        engagement_planner::model::pricing::LineEdit::Estimator(Some(estimator)),
        engagement_planner::model::pricing::LineEdit::DeliveryHours(consultant, Hours(1_250)),
        engagement_planner::model::pricing::LineEdit::DeliveryHours(designer, Hours(300)),
    ] {
        pricing(
            &mut w,
            e,
            PricingAction::EditLine {
                worksheet: ws,
                line: estimated,
                edit,
            },
        );
    }
    let text = csv_of(&w, e, ws);
    let records = read_csv(&text);
    assert!(
        records.iter().all(|r| r.len() == records[0].len()),
        "{text}"
    );
    let who = column(&records, "Delivery estimator");
    let c = column(&records, "Consultant delivery hours");
    let d = column(&records, "Designer delivery hours");
    assert_eq!(
        (who + 1, who + 2),
        (c, d),
        "the estimator, then a column per role in rate-card order"
    );
    assert!(
        who > column(&records, "Not-to-exceed cap (EUR)")
            && who < column(&records, "Expense cost (EUR)"),
        "after the billing terms, before the computed columns"
    );
    assert_eq!(records[1][who], "Lee, \"the estimator\"");
    assert!(
        text.contains("\"Lee, \"\"the estimator\"\"\""),
        "quoted: {text}"
    );
    assert_eq!(
        (records[1][c].as_str(), records[1][d].as_str()),
        ("12.5", "3")
    );
    // A line without an estimate leaves the three cells empty.
    assert_eq!(
        (
            records[2][who].as_str(),
            records[2][c].as_str(),
            records[2][d].as_str()
        ),
        ("", "", "")
    );
    // The total row sums the delivery hours per role.
    let total = records.last().unwrap();
    assert_eq!(
        (total[who].as_str(), total[c].as_str(), total[d].as_str()),
        ("", "12.5", "3")
    );
    // Pasting the export back reads past the delivery columns.
    let tsv: String = records[..records.len() - 1]
        .iter()
        .map(|r| r.join("\t") + "\n")
        .collect();
    let p = parse_pasted(&tsv, &rates_of(&w, e));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.lines.len(), 2);
    assert_eq!(p.lines[0].hours[&consultant], Hours::from_whole(10));
}
