//! The words of the consultant's results — the leaders, the comparison, the next level — and of
//! the hand-out written from them, in both languages.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Res {
    /// The hand-out's heading over the e-index.
    ResultsOf,
    Year,
    /// Beside a step: what is answered now, and what to answer.
    Now,
    Give,
    NotAnsweredNow,
    /// A list of the best: "Līderi".
    Leaders,
    /// The top 15 of the seed's leaders (seed 003 line 643).
    TopFifteen,
    Difference,
    /// The questions where two institutions' points differ most.
    DifferMost,
    /// A step's points: "+3,0 p.".
    PointsShort,
    ThresholdsMarked,
    /// The scatter: the e-index against an indicator, the institution highlighted.
    AgainstIndicator,
    ThisInstitution,
    Others,
    /// The hand-out's index page and its columns.
    CohortIndex,
    HandoutWritten,
    HandoutFailed,
    Theme,
    /// The hand-out's foot: what made it.
    MadeBy,
    NoFigure,
}

pub fn res(lang: Lang, r: Res) -> &'static str {
    let (lv, en) = match r {
        Res::ResultsOf => (
            "E-indeksa pašnovērtējuma rezultāti",
            "E-index self-assessment results",
        ),
        Res::Year => ("Gads", "Year"),
        Res::Now => ("tagad", "now"),
        Res::Give => ("ieteicamā atbilde", "answer to give"),
        Res::NotAnsweredNow => ("nav atbildēts", "not answered"),
        Res::Leaders => ("Līderi", "Leaders"),
        Res::TopFifteen => ("15 labākie", "top 15"),
        Res::Difference => ("starpība", "difference"),
        Res::DifferMost => (
            "Jautājumi, kuros punkti atšķiras visvairāk",
            "Questions where the points differ most",
        ),
        Res::PointsShort => ("p.", "pt"),
        Res::ThresholdsMarked => (
            "Svītras: kur sākas 2.–5. līmenis",
            "Marks: where levels 2–5 start",
        ),
        Res::AgainstIndicator => ("E-indekss un", "E-index and"),
        Res::ThisInstitution => ("šī iestāde", "this institution"),
        Res::Others => ("citas iestādes", "other institutions"),
        Res::CohortIndex => ("Iestāžu rezultāti", "The institutions' results"),
        Res::HandoutWritten => ("Rezultātu izdruka saglabāta", "Results hand-out saved"),
        Res::HandoutFailed => (
            "Rezultātu izdruku nevarēja saglabāt",
            "The results hand-out could not be saved",
        ),
        Res::Theme => ("Tēma", "Theme"),
        Res::MadeBy => ("Sagatavots ar programmu „anketa”", "Made with anketa"),
        Res::NoFigure => ("nav datu", "no figure"),
    };
    match lang {
        Lang::Lv => lv,
        Lang::En => en,
    }
}

/// The heading of a theme's next level, in the seed's words (seed 003 lines 4347, 4629):
/// "Priekšnosacījumi virzībai uz 3. līmeni".
pub fn towards_level(lang: Lang, level: u8) -> String {
    match lang {
        Lang::Lv => format!("Priekšnosacījumi virzībai uz {level}. līmeni"),
        Lang::En => format!("What it takes to reach level {level}"),
    }
}
