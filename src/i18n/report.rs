//! The answer tables' words (`anketa report`), in both languages.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum R {
    Questionnaire,
    Counted,
    AllYears,
    Year,
    NoAnswer,
    NotAsked,
    Answers,
    NotAvailable,
    NotApplicable,
    Sum,
    Mean,
    Median,
    Min,
    Max,
    /// A multiple choice's shares are of those asked: they can sum to over 100 %.
    OverHundred,
    /// Roster items: over all instances, from how many submissions.
    OverInstances,
    Submissions,
    /// n = 0: nothing to count, nothing divided.
    NothingToCount,
    CsvHeader,
    NoSector,
    /// `--format xlsx` to the terminal: a workbook is written to a file.
    XlsxNeedsFile,
    /// The workbook's sheets.
    TablesSheet,
    TextsSheet,
    /// The columns of all the submissions, beside the groups'.
    Whole,
    CodeColumn,
    /// A table's question, then its lines' words.
    ItemColumn,
    OptionColumn,
    CountColumn,
    ShareColumn,
    GroupColumn,
    QuestionColumn,
    TextColumn,
}

pub fn rw(lang: Lang, r: R) -> &'static str {
    let (lv, en) = match r {
        R::Questionnaire => ("Anketa", "Questionnaire"),
        R::Counted => ("Skaitīti", "Counted"),
        R::AllYears => ("visi gadi", "all years"),
        R::Year => ("gads", "year"),
        R::NoAnswer => ("nav atbildes", "no answer"),
        R::NotAsked => ("nav jautāts", "not asked"),
        R::Answers => ("atbildes", "answers"),
        R::NotAvailable => ("dati nav pieejami", "data not available"),
        R::NotApplicable => ("neattiecas", "not applicable"),
        R::Sum => ("summa", "sum"),
        R::Mean => ("vidēji", "mean"),
        R::Median => ("mediāna", "median"),
        R::Min => ("min.", "min"),
        R::Max => ("maks.", "max"),
        R::OverHundred => (
            "daļa no jautātajiem; var būt vairākas atbildes, summa var pārsniegt 100 %",
            "share of those asked; several answers possible, the shares can sum to over 100 %",
        ),
        R::OverInstances => ("pa visiem", "over all"),
        R::Submissions => ("iesniegumiem", "submissions"),
        R::NothingToCount => (
            "Nav neviena iesnieguma, ko skaitīt (n = 0).",
            "No submission to count (n = 0).",
        ),
        R::CsvHeader => (
            "grupa;kods;rinda;atbildes kods;atbilde;skaits vai vērtība;daļa %;bāze",
            "group;code;row;option code;answer;count or value;share %;base",
        ),
        R::NoSector => ("(resors nav norādīts)", "(no sector given)"),
        R::XlsxNeedsFile => (
            "--format xlsx raksta Excel darbgrāmatu, kas nav teksts terminālim: norādiet failu ar -o FAILS.xlsx",
            "--format xlsx writes an Excel workbook, which is no text for a terminal: name a file with -o FILE.xlsx",
        ),
        R::TablesSheet => ("tabulas", "tables"),
        R::TextsSheet => ("teksti", "texts"),
        R::Whole => ("visi", "all"),
        R::CodeColumn => ("kods", "code"),
        R::ItemColumn => ("jautājums, atbilde", "question, answer"),
        R::OptionColumn => ("atbildes kods", "option code"),
        R::CountColumn => ("skaits", "count"),
        R::ShareColumn => ("daļa", "share"),
        R::GroupColumn => ("grupa", "group"),
        R::QuestionColumn => ("jautājums", "question"),
        R::TextColumn => ("teksts", "text"),
    };
    match lang {
        Lang::Lv => lv,
        Lang::En => en,
    }
}

/// The statuses counted, as a list ("iesniegts, pieņemts").
pub fn counted_statuses(lang: Lang, statuses: &[crate::exchange::Status]) -> String {
    statuses
        .iter()
        .map(|s| super::status(lang, *s))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The year counted ("2024. gads"), or every year.
pub fn counted_year(lang: Lang, year: Option<i32>) -> String {
    year.map_or_else(
        || rw(lang, R::AllYears).to_owned(),
        |y| format!("{y}. {}", rw(lang, R::Year)),
    )
}
