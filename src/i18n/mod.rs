//! The program's own words, Latvian by default and English with `--lang en`: the interface's
//! phrases, counted nouns with Latvian plural forms, numbers as each language writes them, and
//! Latvian alphabetical order. Question text is the definition's and never goes through here.

mod cli;
mod report;
mod results;
mod review;
mod words;

pub use cli::{Say, import_report, say};
pub use report::{R, counted_statuses, counted_year, rw};
pub use results::{Res, res, towards_level};
pub use review::{answer_text, correction_note, flag_text, place_name, query_status, refusal};
pub use words::{T, finding_message, status, tr};

use clap::ValueEnum;
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Lang {
    #[default]
    Lv,
    En,
}

/// Nouns that are counted on screen, each with its forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Error,
    Warning,
    Question,
    FollowUp,
    Submission,
    Institution,
    Service,
    Answer,
    Point,
    Section,
    Check,
    Theme,
    Problem,
    AnswerableItem,
    ScoredItem,
    Byte,
    /// A review query: support staff's request to clarify an answer.
    Query,
}

impl Noun {
    /// Latvian (one, other, zero) and English (one, other).
    fn forms(self) -> ([&'static str; 3], [&'static str; 2]) {
        match self {
            Noun::Error => (["kļūda", "kļūdas", "kļūdu"], ["error", "errors"]),
            Noun::Warning => (
                ["brīdinājums", "brīdinājumi", "brīdinājumu"],
                ["warning", "warnings"],
            ),
            Noun::Question => (
                ["jautājums", "jautājumi", "jautājumu"],
                ["question", "questions"],
            ),
            Noun::FollowUp => (
                ["papildjautājums", "papildjautājumi", "papildjautājumu"],
                ["follow-up", "follow-ups"],
            ),
            Noun::Submission => (
                ["iesniegums", "iesniegumi", "iesniegumu"],
                ["submission", "submissions"],
            ),
            Noun::Institution => (
                ["iestāde", "iestādes", "iestāžu"],
                ["institution", "institutions"],
            ),
            Noun::Service => (
                ["pakalpojums", "pakalpojumi", "pakalpojumu"],
                ["service", "services"],
            ),
            Noun::Answer => (["atbilde", "atbildes", "atbilžu"], ["answer", "answers"]),
            Noun::Point => (["punkts", "punkti", "punktu"], ["point", "points"]),
            Noun::Section => (["sadaļa", "sadaļas", "sadaļu"], ["section", "sections"]),
            Noun::Check => (["pārbaude", "pārbaudes", "pārbaužu"], ["check", "checks"]),
            Noun::Theme => (["tēma", "tēmas", "tēmu"], ["theme", "themes"]),
            Noun::Problem => (
                ["problēma", "problēmas", "problēmu"],
                ["problem", "problems"],
            ),
            Noun::AnswerableItem => (
                ["atbildes lauks", "atbilžu lauki", "atbilžu lauku"],
                ["answerable item", "answerable items"],
            ),
            Noun::ScoredItem => (
                ["vērtēts rādītājs", "vērtēti rādītāji", "vērtētu rādītāju"],
                ["scored item", "scored items"],
            ),
            Noun::Byte => (["baits", "baiti", "baitu"], ["byte", "bytes"]),
            Noun::Query => (
                ["precizējums", "precizējumi", "precizējumu"],
                ["query", "queries"],
            ),
        }
    }
}

/// The form of `noun` that goes with `n`, without the number.
///
/// Latvian has three (CLDR): "one" for 1, 21, 31 … but not 11; "zero" (the genitive plural)
/// for 0, 10, 20 … and 11–19; "other" for the rest: 1 kļūda, 2 kļūdas, 10 kļūdu, 11 kļūdu,
/// 21 kļūda.
pub fn noun(lang: Lang, n: u64, noun: Noun) -> &'static str {
    let (lv, en) = noun.forms();
    match lang {
        Lang::Lv => {
            let (last, last_two) = (n % 10, n % 100);
            if last == 0 || (11..=19).contains(&last_two) {
                lv[2]
            } else if last == 1 {
                lv[0]
            } else {
                lv[1]
            }
        }
        Lang::En if n == 1 => en[0],
        Lang::En => en[1],
    }
}

/// "1 kļūda", "10 kļūdu", "2 errors".
pub fn count(lang: Lang, n: usize, what: Noun) -> String {
    format!("{n} {}", noun(lang, n as u64, what))
}

/// A number with `decimals` places as the language writes it: a decimal comma in Latvian, a
/// point in English. A value that rounds to zero never shows as "-0,0".
pub fn decimal(lang: Lang, value: f64, decimals: usize) -> String {
    let mut text = format!("{value:.decimals$}");
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text.remove(0);
    }
    match lang {
        Lang::Lv => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A figure as a person reads it in a table: whole numbers whole, others with two decimals,
/// thousands apart — by a space in Latvian ("20 829 997,5"), a comma in English.
pub fn figure(lang: Lang, value: f64) -> String {
    let text = decimal(lang, value, if value.fract() == 0.0 { 0 } else { 2 });
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let point = match lang {
        Lang::Lv => ',',
        Lang::En => '.',
    };
    let (whole, fraction) = rest.split_at(rest.find(point).unwrap_or(rest.len()));
    let separator = match lang {
        Lang::Lv => ' ',
        Lang::En => ',',
    };
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}{fraction}")
}

/// Compare two texts in Latvian alphabetical order (Č after C, Ģ after G, Š after S …), with
/// the Unicode collation algorithm and CLDR's Latvian tailoring.
pub fn compare_lv(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// The bytes that order as [`compare_lv`] orders their texts, for an index to keep a list in
/// Latvian order. They change with the collation data (CLDR, Unicode, the crate): keep
/// [`sort_keys_version`] beside them and recompute them when it differs.
pub fn sort_key_lv(text: &str) -> Vec<u8> {
    let mut key = Vec::new();
    let Ok(()) = collator().write_sort_key_to(text, &mut key);
    key
}

/// What the sort keys of [`sort_key_lv`] are made by: the key of a text with every Latvian
/// letter and its neighbours, in hexadecimal. New collation data that orders them otherwise
/// gives another.
pub fn sort_keys_version() -> String {
    sort_key_lv("Aa Āā Bb Cc Čč Dd Ee Ēē Ff Gg Ģģ Hh Ii Īī Jj Kk Ķķ Ll Ļļ Mm Nn Ņņ Oo Pp Rr Ss Šš Tt Uu Ūū Vv Zz Žž 0 9 - .")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn collator() -> &'static icu_collator::CollatorBorrowed<'static> {
    use std::sync::OnceLock;
    static COLLATOR: OnceLock<icu_collator::CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        let latvian = icu_locale_core::locale!("lv");
        icu_collator::Collator::try_new(latvian.into(), Default::default())
            .expect("Latvian collation data is compiled in")
    })
}

/// `text` folded for searching: lower case, without diacritics ("Kuldīgas" → "kuldigas").
pub fn search_key(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_order_as_the_collation_does() {
        let names = [
            "Zemgales",
            "Ādažu",
            "Adažu",
            "Čiekurkalna",
            "Cēsu",
            "ādažu",
            "Šķēdes",
            "Sigulda",
        ];
        for a in names {
            for b in names {
                assert_eq!(
                    sort_key_lv(a).cmp(&sort_key_lv(b)),
                    compare_lv(a, b),
                    "{a} ~ {b}"
                );
            }
        }
    }

    #[test]
    fn latvian_plurals_follow_cldr() {
        let lv = |n| count(Lang::Lv, n, Noun::Error);
        assert_eq!(lv(0), "0 kļūdu");
        assert_eq!(lv(1), "1 kļūda");
        assert_eq!(lv(2), "2 kļūdas");
        assert_eq!(lv(10), "10 kļūdu");
        assert_eq!(lv(11), "11 kļūdu");
        assert_eq!(lv(19), "19 kļūdu");
        assert_eq!(lv(21), "21 kļūda");
        assert_eq!(lv(22), "22 kļūdas");
        assert_eq!(lv(111), "111 kļūdu");
        assert_eq!(count(Lang::En, 1, Noun::Error), "1 error");
        assert_eq!(count(Lang::En, 0, Noun::Error), "0 errors");
    }

    #[test]
    fn latvian_order_puts_each_letter_after_its_base() {
        let mut names = vec![
            "Valsts", "Ģimenes", "Gaujas", "Čiekuri", "Cēsu", "Šauļi", "Zaļā", "Žagari", "Ābeles",
            "Bauska",
        ];
        names.sort_by(|a, b| compare_lv(a, b));
        assert_eq!(
            names,
            [
                "Ābeles", "Bauska", "Cēsu", "Čiekuri", "Gaujas", "Ģimenes", "Šauļi", "Valsts",
                "Zaļā", "Žagari"
            ]
        );
    }

    #[test]
    fn figures_keep_their_thousands_apart() {
        assert_eq!(figure(Lang::Lv, 20_829_997.0), "20 829 997");
        assert_eq!(figure(Lang::Lv, 13_914.49), "13 914,49");
        assert_eq!(figure(Lang::Lv, -1234.5), "-1 234,50");
        assert_eq!(figure(Lang::Lv, 343.0), "343");
        assert_eq!(figure(Lang::En, 1_234_567.25), "1,234,567.25");
        assert_eq!(figure(Lang::En, 999.0), "999");
    }

    #[test]
    fn numbers_never_show_a_negative_zero() {
        assert_eq!(decimal(Lang::Lv, -0.04, 1), "0,0");
        assert_eq!(decimal(Lang::Lv, -0.0, 1), "0,0");
        assert_eq!(decimal(Lang::Lv, -1.25, 1), "-1,2");
        assert_eq!(decimal(Lang::En, 66.2069, 2), "66.21");
    }

    #[test]
    fn search_ignores_case_and_diacritics() {
        assert_eq!(
            search_key("Kuldīgas novada pašvaldība"),
            "kuldigas novada pasvaldiba"
        );
    }
}
