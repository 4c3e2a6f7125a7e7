//! Exact quantities: hours in hundredths and money in minor units.
//!
//! Hours and money never pass through floating point. Hours are kept as integer
//! hundredths of an hour (`3750` is 37.5 h); money as integer minor units of the
//! engagement's currency (cents for EUR or USD, yen for JPY, fils for KWD).
//!
//! # One rule for reading a number
//! Hours, money and percentages a person types are all read by [`parse_number`]: a
//! point is the decimal mark, and commas (or spaces, apostrophes, underscores) only
//! group the whole part in threes, so "1,200" is twelve hundred in every field and
//! "1,200.5" is twelve hundred and a half. A comma that does not group thousands
//! ("12,5", "1200,50") is refused with a message rather than guessed at: read as a
//! decimal in one field and as a separator in another, it would mean 12.5 here and 125
//! there. More decimals than the quantity holds are refused, never rounded silently.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Hours in integer hundredths of an hour.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Hours(pub u32);

pub use super::limits::HOURS_PER_WEEK;

impl Hours {
    /// Whole hours.
    pub const fn from_whole(h: u32) -> Hours {
        Hours(h * 100)
    }

    /// Hundredths of an hour.
    pub const fn hundredths(self) -> u32 {
        self.0
    }

    /// Parses "37", "37.5", "37.25" or "1,200" by [`parse_number`]'s rule, to the
    /// hundredth.
    pub fn parse(text: &str) -> Result<Hours, UnitError> {
        let value = parse_number(text, 2)?;
        if value < 0 {
            return Err(UnitError::Negative);
        }
        u32::try_from(value)
            .map(Hours)
            .map_err(|_| UnitError::TooLarge)
    }

    pub fn saturating_add(self, other: Hours) -> Hours {
        Hours(self.0.saturating_add(other.0))
    }
}

impl fmt::Display for Hours {
    /// "40", "37.5", "0.25": no trailing zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 100;
        let frac = self.0 % 100;
        if frac == 0 {
            write!(f, "{whole}")
        } else if frac.is_multiple_of(10) {
            write!(f, "{whole}.{}", frac / 10)
        } else {
            write!(f, "{whole}.{frac:02}")
        }
    }
}

/// An amount of money in integer minor units (cents).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

pub use super::limits::MONEY_LIMIT;

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn minor(self) -> i64 {
        self.0
    }

    /// Parses "1200", "1,200.50" or "1200.5" into minor units with `decimals` places,
    /// by [`parse_number`]'s rule. Negative amounts are refused: every amount in the
    /// model is a cost, a price or a budget.
    pub fn parse(text: &str, decimals: u32) -> Result<Money, UnitError> {
        let value = parse_number(text, decimals)?;
        if value < 0 {
            return Err(UnitError::Negative);
        }
        if value > MONEY_LIMIT.0 as i128 {
            return Err(UnitError::TooLarge);
        }
        Ok(Money(value as i64))
    }

    /// Formats with `decimals` places and thousands separators: "1,200.50".
    pub fn format(self, decimals: u32) -> String {
        let negative = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let scale = 10u64.pow(decimals);
        let whole = abs / scale;
        let frac = abs % scale;
        let digits = whole.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        let sign = if negative { "-" } else { "" };
        if decimals == 0 {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}.{frac:0width$}", width = decimals as usize)
        }
    }
}

/// A ratio in basis points: 1 % is 100 bps, 100 % is 10,000 bps. Margins, markups,
/// discounts, contingencies and commission rates are kept this way, never as floats.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Bps(pub i32);

impl Bps {
    pub const ZERO: Bps = Bps(0);
    /// 100 %.
    pub const HUNDRED_PERCENT: Bps = Bps(10_000);

    /// Whole percent: `Bps::percent(25)` is 25 %.
    pub const fn percent(p: i32) -> Bps {
        Bps(p * 100)
    }

    pub const fn bps(self) -> i32 {
        self.0
    }

    /// Parses a percentage with at most two decimals by [`parse_number`]'s rule:
    /// "12.5", "12.5 %", "12.50%", "1,000 %". Negative values are refused: every
    /// percentage a user types (discount, margin, contingency, markup, commission) is
    /// zero or more; each action checks its own upper bound.
    pub fn parse(text: &str) -> Result<Bps, UnitError> {
        let text = text.trim();
        let text = text.strip_suffix('%').unwrap_or(text);
        let value = parse_number(text, 2)?;
        if value < 0 {
            return Err(UnitError::Negative);
        }
        i32::try_from(value)
            .map(Bps)
            .map_err(|_| UnitError::TooLarge)
    }

    /// "12.50 %", "-3.25 %", "0.00 %".
    pub fn format(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02} %", abs / 100, abs % 100)
    }
}

impl fmt::Display for Bps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format())
    }
}

/// How a currency is written: its ISO 4217 code, its symbol and its minor-unit places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyInfo {
    pub code: String,
    pub symbol: String,
    pub decimals: u32,
}

/// Common ISO 4217 currencies: code, symbol, decimals of the minor unit.
const CURRENCIES: &[(&str, &str, u32)] = &[
    ("AED", "AED", 2),
    ("ARS", "$", 2),
    ("AUD", "A$", 2),
    ("BHD", "BHD", 3),
    ("BRL", "R$", 2),
    ("CAD", "C$", 2),
    ("CHF", "CHF", 2),
    ("CLP", "CLP", 0),
    ("CNY", "\u{a5}", 2),
    ("COP", "COP", 2),
    ("CZK", "K\u{10d}", 2),
    ("DKK", "kr", 2),
    ("EGP", "E\u{a3}", 2),
    ("EUR", "\u{20ac}", 2),
    ("GBP", "\u{a3}", 2),
    ("HKD", "HK$", 2),
    ("HUF", "Ft", 2),
    ("IDR", "Rp", 2),
    ("ILS", "\u{20aa}", 2),
    ("INR", "\u{20b9}", 2),
    ("ISK", "kr", 0),
    ("JOD", "JOD", 3),
    ("JPY", "\u{a5}", 0),
    ("KRW", "\u{20a9}", 0),
    ("KWD", "KWD", 3),
    ("MXN", "MX$", 2),
    ("MYR", "RM", 2),
    ("NGN", "\u{20a6}", 2),
    ("NOK", "kr", 2),
    ("NZD", "NZ$", 2),
    ("OMR", "OMR", 3),
    ("PHP", "\u{20b1}", 2),
    ("PLN", "z\u{142}", 2),
    ("RON", "lei", 2),
    ("SAR", "SAR", 2),
    ("SEK", "kr", 2),
    ("SGD", "S$", 2),
    ("THB", "\u{e3f}", 2),
    ("TND", "TND", 3),
    ("TRY", "\u{20ba}", 2),
    ("TWD", "NT$", 2),
    ("UAH", "\u{20b4}", 2),
    ("USD", "$", 2),
    ("VND", "\u{20ab}", 0),
    ("ZAR", "R", 2),
];

/// How to write amounts of a currency. Unknown codes are written with the code itself
/// as the symbol and two decimals.
pub fn currency(code: &str) -> CurrencyInfo {
    let code = code.trim();
    match CURRENCIES
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
    {
        Some(&(c, symbol, decimals)) => CurrencyInfo {
            code: c.to_string(),
            symbol: symbol.to_string(),
            decimals,
        },
        None => CurrencyInfo {
            code: code.to_string(),
            symbol: code.to_string(),
            decimals: 2,
        },
    }
}

/// "$1,200.50", "¥120,000", "KWD 1,200.500", "-€5.00": the symbol first, with a
/// space after a symbol made of letters only.
pub fn format_money(amount: Money, currency: &CurrencyInfo) -> String {
    let digits = Money(amount.0.saturating_abs()).format(currency.decimals);
    let sign = if amount.0 < 0 { "-" } else { "" };
    let space = if currency.symbol.chars().all(char::is_alphabetic) {
        " "
    } else {
        ""
    };
    format!("{sign}{}{space}{digits}", currency.symbol)
}

/// Parses an amount typed in a currency: the symbol or the code may come before or
/// after it ("$1,200.50", "1200.5 USD", "1,200.50"); more decimals than the currency
/// has are refused, as are negative amounts.
pub fn parse_money(text: &str, currency: &CurrencyInfo) -> Result<Money, UnitError> {
    let mut text = text.trim();
    for mark in [currency.code.as_str(), currency.symbol.as_str()] {
        if mark.is_empty() {
            continue;
        }
        if let Some(rest) = text.strip_prefix(mark) {
            text = rest.trim();
        } else if let Some(rest) = text.strip_suffix(mark) {
            text = rest.trim();
        }
    }
    Money::parse(text, currency.decimals)
}

fn is_separator(c: char) -> bool {
    matches!(c, ',' | '_' | '\'' | ' ' | '\u{a0}')
}

/// Whether every thousands separator is followed by exactly three characters of the
/// whole part, after a first group of one to three. "1200,50" is a decimal comma, not a
/// separator: dropping the comma would read it as 120050, a hundred times the amount
/// meant, so it is refused instead (as are "1234,567" and ",500").
fn grouped_in_thousands(text: &str) -> bool {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if frac.contains(is_separator) {
        return false;
    }
    let mut groups = whole.split(is_separator);
    let first = groups.next().unwrap_or("");
    let first = first.trim_start_matches(['-', '+']);
    let grouped = whole.contains(is_separator);
    !grouped || ((1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3))
}

/// Why a number typed by a user or found in a file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitError {
    Empty,
    NotANumber,
    TooManyDecimals(u32),
    Negative,
    TooLarge,
    /// A separator that does not group thousands, such as the comma of "1200,50".
    Grouping,
}

impl fmt::Display for UnitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitError::Empty => write!(f, "enter a number"),
            UnitError::NotANumber => write!(f, "not a number"),
            UnitError::TooManyDecimals(0) => write!(f, "whole numbers only"),
            UnitError::TooManyDecimals(n) => write!(f, "at most {n} decimal places"),
            UnitError::Negative => write!(f, "cannot be negative"),
            UnitError::TooLarge => write!(f, "too large"),
            UnitError::Grouping => write!(
                f,
                "use a point for decimals; commas only group thousands (1,200.50)"
            ),
        }
    }
}

impl std::error::Error for UnitError {}

/// The one rule for reading a number a person typed (hours, money, percentages): an
/// optionally signed decimal with a point as the decimal mark and at most `decimals`
/// places, returned as an integer scaled by 10^`decimals` ("1,200.5" with 2 places is
/// 120050). Commas, spaces, apostrophes and underscores are thousands separators and
/// are accepted only where they group the whole part in threes ("1,200", "1 234 567");
/// anywhere else ("12,5", "1200,50", "1.200,50") the text is refused with
/// [`UnitError::Grouping`], never read as a decimal comma.
pub fn parse_number(text: &str, decimals: u32) -> Result<i128, UnitError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(UnitError::Empty);
    }
    if !grouped_in_thousands(text) {
        return Err(UnitError::Grouping);
    }
    let body: String = text.chars().filter(|&c| !is_separator(c)).collect();
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body.strip_prefix('+').unwrap_or(&body)),
    };
    let (whole, frac) = match body.split_once('.') {
        Some((w, f)) => (w, f),
        None => (body, ""),
    };
    if whole.is_empty() && frac.is_empty() {
        return Err(UnitError::NotANumber);
    }
    if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(UnitError::NotANumber);
    }
    if frac.len() > decimals as usize {
        return Err(UnitError::TooManyDecimals(decimals));
    }
    if whole.len() > 20 {
        return Err(UnitError::TooLarge);
    }
    let whole_value: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| UnitError::TooLarge)?
    };
    let mut frac_value: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| UnitError::NotANumber)?
    };
    for _ in frac.len()..decimals as usize {
        frac_value *= 10;
    }
    let scaled = whole_value * 10i128.pow(decimals) + frac_value;
    Ok(if negative { -scaled } else { scaled })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_parse_and_display() {
        assert_eq!(Hours::parse("37.5"), Ok(Hours(3750)));
        assert_eq!(Hours::parse("37.25"), Ok(Hours(3725)));
        assert_eq!(Hours::parse(" 8 "), Ok(Hours(800)));
        assert_eq!(Hours::parse(".5"), Ok(Hours(50)));
        assert_eq!(Hours::parse("1.234"), Err(UnitError::TooManyDecimals(2)));
        assert_eq!(Hours::parse("-1"), Err(UnitError::Negative));
        assert_eq!(Hours::parse("abc"), Err(UnitError::NotANumber));
        assert_eq!(Hours::parse(""), Err(UnitError::Empty));
        assert_eq!(Hours::parse("."), Err(UnitError::NotANumber));
        assert_eq!(Hours::parse("99999999999"), Err(UnitError::TooLarge));
        assert_eq!(Hours(3750).to_string(), "37.5");
        assert_eq!(Hours(3725).to_string(), "37.25");
        assert_eq!(Hours(4000).to_string(), "40");
        assert_eq!(Hours(5).to_string(), "0.05");
    }

    #[test]
    fn money_parse_and_format() {
        assert_eq!(Money::parse("1,200.50", 2), Ok(Money(120_050)));
        assert_eq!(Money::parse("1200.5", 2), Ok(Money(120_050)));
        assert_eq!(Money::parse("1200", 0), Ok(Money(1200)));
        assert_eq!(Money::parse("12.5", 0), Err(UnitError::TooManyDecimals(0)));
        assert_eq!(Money::parse("-3", 2), Err(UnitError::Negative));
        assert_eq!(Money::parse("1e9", 2), Err(UnitError::NotANumber));
        assert_eq!(
            Money::parse("100000000000000000", 2),
            Err(UnitError::TooLarge)
        );
        // A decimal comma is refused, not read as a thousands separator.
        assert_eq!(Money::parse("1200,50", 2), Err(UnitError::Grouping));
        assert_eq!(Money::parse("12,5", 2), Err(UnitError::Grouping));
        assert_eq!(Money::parse("1.200,50", 2), Err(UnitError::Grouping));
        assert_eq!(Money::parse("1 234 567", 0), Ok(Money(1_234_567)));
        assert_eq!(Money::parse("-1,200", 0), Err(UnitError::Negative));
        for m in [0, 5, 120_050, 1_234_567_890, MONEY_LIMIT.0] {
            assert_eq!(Money::parse(&Money(m).format(2), 2), Ok(Money(m)));
            assert_eq!(Money::parse(&Money(m).format(0), 0), Ok(Money(m)));
        }
        assert_eq!(Money(120_050).format(2), "1,200.50");
        assert_eq!(Money(1_234_567).format(0), "1,234,567");
        assert_eq!(Money(5).format(2), "0.05");
        assert_eq!(Money(-120_050).format(2), "-1,200.50");
    }

    #[test]
    fn bps_parse_and_format() {
        assert_eq!(Bps::parse("12.5"), Ok(Bps(1_250)));
        assert_eq!(Bps::parse("12.5 %"), Ok(Bps(1_250)));
        assert_eq!(Bps::parse(" 33.33% "), Ok(Bps(3_333)));
        assert_eq!(Bps::parse("100"), Ok(Bps(10_000)));
        assert_eq!(Bps::parse("1.234"), Err(UnitError::TooManyDecimals(2)));
        assert_eq!(Bps::parse("-5"), Err(UnitError::Negative));
        assert_eq!(Bps::parse("abc"), Err(UnitError::NotANumber));
        assert_eq!(Bps::parse("%"), Err(UnitError::Empty));
        assert_eq!(Bps::parse("99999999"), Err(UnitError::TooLarge));
        assert_eq!(Bps(1_250).to_string(), "12.50 %");
        assert_eq!(Bps(-325).format(), "-3.25 %");
        assert_eq!(Bps(5).format(), "0.05 %");
    }

    /// The one parsing rule: hours, money and percentages read separators alike.
    #[test]
    fn hours_money_and_percentages_read_separators_the_same_way() {
        let eur = currency("EUR");
        // A comma groups thousands in all three.
        assert_eq!(Hours::parse("1,200"), Ok(Hours(120_000)));
        assert_eq!(parse_money("1,200", &eur), Ok(Money(120_000)));
        assert_eq!(Bps::parse("1,000 %"), Ok(Bps(100_000)));
        assert_eq!(Hours::parse("1 200.5"), Ok(Hours(120_050)));
        assert_eq!(Hours::parse("1\u{a0}200"), Ok(Hours(120_000)));
        assert_eq!(Hours::parse("10'000"), Ok(Hours(1_000_000)));
        assert_eq!(Hours::parse("1_000.25"), Ok(Hours(100_025)));
        // A point is the decimal mark in all three.
        assert_eq!(Hours::parse("1.5"), Ok(Hours(150)));
        assert_eq!(parse_money("1.5", &eur), Ok(Money(150)));
        assert_eq!(Bps::parse("1.5 %"), Ok(Bps(150)));
        assert_eq!(Hours::parse("1,200.75"), Ok(Hours(120_075)));
        assert_eq!(Bps::parse("12.5 %"), Ok(Bps(1_250)));
        // A comma that does not group thousands is refused by all three, not read as
        // a decimal mark by some and dropped by others.
        for text in [
            "12,5", "37,25", "1200,50", "1.200,50", "1234,567", ",500", "1,,200",
        ] {
            assert_eq!(Hours::parse(text), Err(UnitError::Grouping), "{text} h");
            assert_eq!(
                parse_money(text, &eur),
                Err(UnitError::Grouping),
                "{text} €"
            );
            assert_eq!(Bps::parse(text), Err(UnitError::Grouping), "{text} %");
        }
        assert_eq!(Bps::parse("12,5 %"), Err(UnitError::Grouping));
        assert_eq!(Hours::parse("1.5,0"), Err(UnitError::Grouping));
        // The one function all three use.
        assert_eq!(parse_number("1,200.5", 2), Ok(120_050));
        assert_eq!(parse_number(" -1,200 ", 0), Ok(-1_200));
        assert_eq!(parse_number("+7", 1), Ok(70));
        assert_eq!(parse_number("1,200.555", 3), Ok(1_200_555));
        assert_eq!(
            parse_number("1,200.555", 2),
            Err(UnitError::TooManyDecimals(2))
        );
        assert_eq!(parse_number("   ", 2), Err(UnitError::Empty));
        assert_eq!(parse_number("1,2a0", 2), Err(UnitError::NotANumber));
        assert!(UnitError::Grouping
            .to_string()
            .contains("point for decimals"));
    }

    #[test]
    fn currencies_format_with_their_symbol_and_decimals() {
        let usd = currency("USD");
        assert_eq!(format_money(Money(120_050), &usd), "$1,200.50");
        assert_eq!(format_money(Money(-500), &usd), "-$5.00");
        let jpy = currency("jpy");
        assert_eq!((jpy.code.as_str(), jpy.decimals), ("JPY", 0));
        assert_eq!(format_money(Money(120_000), &jpy), "\u{a5}120,000");
        let kwd = currency("KWD");
        assert_eq!(format_money(Money(1_200_500), &kwd), "KWD 1,200.500");
        assert_eq!(parse_money("KWD 1,200.5", &kwd), Ok(Money(1_200_500)));
        assert_eq!(parse_money("1200.5 KWD", &kwd), Ok(Money(1_200_500)));
        assert_eq!(parse_money("\u{a5}1,200", &jpy), Ok(Money(1_200)));
        assert_eq!(
            parse_money("12.5", &jpy),
            Err(UnitError::TooManyDecimals(0))
        );
        let odd = currency("XTS");
        assert_eq!((odd.symbol.as_str(), odd.decimals), ("XTS", 2));
        assert_eq!(format_money(Money(5), &odd), "XTS 0.05");
    }
}
