//! The interface's phrases, in both languages.

use super::Lang;

/// Every phrase of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    AppTitle,
    Saved,
    NotSaved,
    Sections,
    Submissions,
    NewSubmission,
    NoSubmissions,
    Institution,
    RegNo,
    Sector,
    Kind,
    Ministry,
    InstitutionKind,
    Year,
    YourName,
    Create,
    FieldRequired,
    YearInvalid,
    YearDigitsOnly,
    Hint,
    NoHint,
    NotAvailable,
    NotAnswered,
    Answer,
    TextAnswer,
    PasteNotANumber,
    /// The text typed into a number field is not a number (yet).
    NotANumber,
    /// Leaving a number field whose text is not a number.
    TypeANumber,
    ExcludesOthers,
    OpensFollowUp,
    Required,
    LeftWithProblems,
    Options,
    TickOptions,
    Editing,
    Problems,
    NoProblems,
    Help,
    HelpTitle,
    HelpIntro,
    HiddenAnswersNote,
    Instances,
    NoInstances,
    AddInstanceTitle,
    RenameInstanceTitle,
    DeleteInstanceQuestion,
    FormRequired,
    Yes,
    No,
    Cancel,
    TooSmall,
    SectionEnd,
    Computed,
    ReadOnly,
    SubmitRefused,
    AcknowledgeTitle,
    AcknowledgeComment,
    ConfirmSubmit,
    SubmittedExportTo,
    Exported,
    ExportFailed,
    QuitSaved,
    Row,
    DefinitionChanged,
    // Key hints.
    KeyMove,
    KeyNextQuestion,
    KeyPrevQuestion,
    KeyChoose,
    KeyConfirmNext,
    KeyToggle,
    KeyEdit,
    KeyDone,
    KeyBack,
    KeyOpen,
    KeyHint,
    KeyProblems,
    KeyHelp,
    KeySubmit,
    KeyQuit,
    KeyNotAvailable,
    KeyNotApplicable,
    NotApplicableAnswer,
    KeyClear,
    KeyAdd,
    KeyRename,
    KeyDelete,
    KeyReorder,
    KeyJump,
    KeyClose,
    KeyNewline,
    KeyNextField,
    KeyConfirm,
    KeyRowOption,
    KeyScroll,
    Pending,
    HiddenKept,
    Unscored,
    CannotScore,
    NoSectionsForRole,
    Results,
    KeyResults,
    EIndex,
    Level,
    Rank,
    Percentile,
    Median,
    Themes,
    NotApplicable,
    Indicators,
    LostPoints,
    NextLevel,
    TopLevel,
    NoSuggestions,
    Cohort,
    LevelDistribution,
    BySector,
    ByKind,
    BySize,
    SectorUnknown,
    Compare,
    KeyCompare,
    KeyCohort,
    Demo,
    Points,
    Weight,
    Bonus,
    EditingText,
    StatusDraft,
    StatusSubmitted,
    StatusReturned,
    StatusAccepted,
}

pub fn tr(lang: Lang, t: T) -> &'static str {
    let (lv, en) = match t {
        T::AppTitle => ("anketa", "anketa"),
        T::Saved => ("saglabāts", "saved"),
        T::NotSaved => ("NAV SAGLABĀTS", "NOT SAVED"),
        T::Sections => ("Sadaļas", "Sections"),
        T::Submissions => ("Iesniegumi", "Submissions"),
        T::NewSubmission => ("+ Jauns iesniegums", "+ New submission"),
        T::NoSubmissions => ("Vēl nav neviena iesnieguma.", "No submissions yet."),
        T::Institution => ("Iestāde", "Institution"),
        T::RegNo => ("Reģistrācijas nr.", "Registration no."),
        T::Sector => ("Resors", "Ministry sector"),
        T::Kind => ("Veids", "Type"),
        T::Ministry => ("ministrija", "ministry"),
        T::InstitutionKind => ("iestāde", "institution"),
        T::Year => ("Pārskata gads", "Reporting year"),
        T::YourName => ("Jūsu vārds", "Your name"),
        T::Create => ("Izveidot", "Create"),
        T::FieldRequired => (
            "Jānorāda iestāde un jūsu vārds",
            "Institution and your name are required",
        ),
        T::YearInvalid => (
            "Pārskata gadam jābūt no 2000 līdz 2100",
            "The reporting year must be 2000–2100",
        ),
        T::YearDigitsOnly => (
            "Pārskata gadu raksta tikai ar cipariem, piemēram, 2024",
            "The reporting year is written in figures only, such as 2024",
        ),
        T::Hint => ("Skaidrojums", "Explanation"),
        T::NoHint => (
            "Šim jautājumam nav skaidrojuma.",
            "This question has no explanation.",
        ),
        T::NotAvailable => ("Dati nav pieejami", "Data not available"),
        T::NotAnswered => ("nav atbildēts", "not answered"),
        T::Answer => ("Atbilde", "Answer"),
        T::ExcludesOthers => ("izslēdz pārējās", "excludes the others"),
        T::OpensFollowUp => ("atvērs papildu jautājumu", "opens a follow-up question"),
        T::Required => ("obligāts", "required"),
        T::LeftWithProblems => ("Jautājumā palika kļūda", "The question left has an error"),
        T::NotANumber => ("Nav skaitlis", "Not a number"),
        T::TypeANumber => (
            "Ievadiet skaitli, piemēram, 120 vai 12,5",
            "Type a number, such as 120 or 12.5",
        ),
        T::PasteNotANumber => (
            "Ielīmētais nav viens skaitlis, nekas netika saglabāts",
            "What was pasted is not one number; nothing was stored",
        ),
        T::TextAnswer => (
            "Teksta atbilde (burti ir atbilde, komandas — funkciju taustiņos)",
            "Text answer (letters are the answer; commands are on function keys)",
        ),
        T::Options => ("Atbilžu varianti", "Options"),
        T::TickOptions => (
            "Vairākas atbildes (Space atzīmē, Enter — gatavs)",
            "Several answers (Space ticks, Enter: done)",
        ),
        T::Editing => ("Rakstot", "Typing"),
        T::Problems => ("Problēmas", "Problems"),
        T::NoProblems => ("Kļūdu un brīdinājumu nav.", "No errors or warnings."),
        T::Help => ("palīdzība", "help"),
        T::HelpTitle => ("Palīdzība — taustiņi", "Help — keys"),
        T::HelpIntro => (
            "Katra atbilde tiek saglabāta, tiklīdz to ievadāt. Var iziet jebkurā brīdī un turpināt vēlāk.",
            "Every answer is saved as soon as you give it. You can quit at any time and continue later.",
        ),
        T::HiddenAnswersNote => (
            "Ja jautājums tiek paslēpts (mainot citu atbildi), tā atbilde tiek saglabāta, bet netiek pārbaudīta un netiek vērtēta.",
            "When a question becomes hidden (another answer changed), its answer is kept but neither checked nor scored.",
        ),
        T::Instances => ("Pakalpojumi", "Services"),
        T::NoInstances => (
            "Saraksts ir tukšs. Pievienojiet ar „a”.",
            "The list is empty. Add one with “a”.",
        ),
        T::AddInstanceTitle => ("Pievienot — nosaukums", "Add — name"),
        T::RenameInstanceTitle => ("Pārdēvēt — nosaukums", "Rename — name"),
        T::DeleteInstanceQuestion => (
            "Dzēst šo ierakstu un visas tā atbildes?",
            "Delete this entry and all its answers?",
        ),
        T::FormRequired => ("jāaizpilda", "required"),
        T::Yes => ("Jā", "Yes"),
        T::No => ("Nē", "No"),
        T::Cancel => ("Atcelt", "Cancel"),
        T::TooSmall => ("Logs ir par mazu", "The window is too small"),
        T::SectionEnd => ("Sadaļas beigas", "End of section"),
        T::Computed => ("Aprēķināts", "Computed"),
        T::ReadOnly => (
            "Iesniegums ir iesniegts; to var labot tikai pēc atgriešanas.",
            "This submission has been submitted; it can be changed only after it is returned.",
        ),
        T::SubmitRefused => (
            "Nevar iesniegt: vispirms izlabojiet kļūdas.",
            "Cannot submit: fix the errors first.",
        ),
        T::AcknowledgeTitle => ("Apstipriniet brīdinājumu", "Acknowledge the warning"),
        T::AcknowledgeComment => ("Komentārs (nav obligāts)", "Comment (optional)"),
        T::ConfirmSubmit => (
            "Pārbaudīt un iesniegt: iesniegt tagad?",
            "Check and submit: submit now?",
        ),
        T::SubmittedExportTo => (
            "Iesniegts. Saglabāt iesnieguma failu:",
            "Submitted. Save the submission file to:",
        ),
        T::Exported => ("Fails saglabāts", "File saved"),
        T::ExportFailed => ("Failu neizdevās saglabāt", "Could not save the file"),
        T::QuitSaved => ("Visas atbildes ir saglabātas.", "All answers are saved."),
        T::Row => ("Rinda", "Row"),
        T::DefinitionChanged => (
            "Anketa kopš aizpildīšanas ir mainīta; iesniegums tiek rādīts ar versiju, ar kuru tas aizpildīts.",
            "The questionnaire changed since this was filled; it is shown with the version it was filled with.",
        ),
        T::KeyMove => ("pārvietoties", "move"),
        T::KeyNextQuestion => ("nākamais", "next"),
        T::KeyPrevQuestion => ("iepriekšējais", "previous"),
        T::KeyChoose => ("izvēlēties", "choose"),
        T::KeyConfirmNext => ("gatavs, tālāk", "done, next"),
        T::KeyToggle => ("atzīmēt", "tick"),
        T::KeyEdit => ("rakstīt", "type"),
        T::KeyDone => ("gatavs", "done"),
        T::KeyBack => ("atpakaļ", "back"),
        T::KeyOpen => ("atvērt", "open"),
        T::KeyHint => ("skaidrojums", "explanation"),
        T::KeyProblems => ("problēmas", "problems"),
        T::KeyHelp => ("palīdzība", "help"),
        T::KeySubmit => ("pārbaudīt un iesniegt", "check and submit"),
        T::KeyQuit => ("iziet", "quit"),
        T::KeyNotAvailable => ("dati nav pieejami", "not available"),
        T::KeyNotApplicable => ("neattiecas", "not applicable"),
        T::NotApplicableAnswer => ("Neattiecas", "Not applicable"),
        T::KeyClear => ("dzēst atbildi", "clear answer"),
        T::KeyAdd => ("pievienot", "add"),
        T::KeyRename => ("pārdēvēt", "rename"),
        T::KeyDelete => ("dzēst", "delete"),
        T::KeyReorder => ("pārvietot", "reorder"),
        T::KeyJump => ("pāriet", "go to"),
        T::KeyClose => ("aizvērt", "close"),
        T::KeyNewline => ("jauna rinda", "new line"),
        T::KeyNextField => ("nākamais lauks", "next field"),
        T::KeyConfirm => ("apstiprināt", "confirm"),
        T::KeyRowOption => ("izvēle rindā", "choice in row"),
        T::KeyScroll => ("ritināt", "scroll"),
        T::Pending => ("rakstāt…", "typing…"),
        T::NoSectionsForRole => (
            "Šajā anketā nav sadaļu, ko aizpilda respondents; eksperta daļai palaidiet ar --expert.",
            "This questionnaire has no sections for respondents; start with --expert for the expert part.",
        ),
        T::Unscored => (
            "Šai anketai nav vērtēšanas modeļa: punkti un līmeņi netiek aprēķināti.",
            "This questionnaire has no scoring model: no points or levels are computed.",
        ),
        T::CannotScore => (
            "Šo iesniegumu nevar novērtēt.",
            "This submission cannot be scored.",
        ),
        T::Results => ("Rezultāti", "Results"),
        T::KeyResults => ("rezultāti", "results"),
        T::EIndex => ("E-indekss", "E-index"),
        T::Level => ("līmenis", "level"),
        T::Rank => ("vieta", "rank"),
        T::Percentile => ("procentile", "percentile"),
        T::Median => ("mediāna", "median"),
        T::Themes => ("Tēmas", "Themes"),
        T::NotApplicable => ("neattiecas", "not applicable"),
        T::Indicators => ("Rādītāji", "Indicators"),
        T::LostPoints => ("Kur zaudēti punkti", "Where the points went"),
        T::NextLevel => ("Nākamais līmenis", "Next level"),
        T::TopLevel => (
            "Augstākais līmenis sasniegts.",
            "The highest level is reached.",
        ),
        T::NoSuggestions => (
            "Ar atbilžu maiņu vien nākamo līmeni nesasniegt; skatiet ieteikumus.",
            "Changing answers alone does not reach the next level; see the advice.",
        ),
        T::Cohort => ("Salīdzinājums", "Comparison"),
        T::LevelDistribution => ("Brieduma līmeņu sadalījums", "Distribution of levels"),
        T::BySector => ("Pa resoriem", "By ministry sector"),
        T::ByKind => ("Pa veidiem", "By type"),
        T::BySize => (
            "Pa lieluma kvintilēm (pakalpojumu skaits)",
            "By size quintile (number of services)",
        ),
        T::SectorUnknown => ("resors nav zināms", "sector unknown"),
        T::Compare => ("salīdzina ar", "compared with"),
        T::KeyCompare => ("salīdzināt", "compare"),
        T::KeyCohort => ("salīdzinājums", "comparison"),
        T::Demo => ("demo dati", "demo data"),
        T::Points => ("p.", "p."),
        T::Weight => ("svars", "weight"),
        T::Bonus => ("papildpunkti", "bonus"),
        T::HiddenKept => (
            "paslēpts; atbilde saglabāta, bet netiek vērtēta",
            "hidden; the answer is kept but not counted",
        ),
        T::EditingText => ("Rakstot garāku tekstu", "Typing a longer text"),
        T::StatusDraft => ("melnraksts", "draft"),
        T::StatusSubmitted => ("iesniegts", "submitted"),
        T::StatusReturned => ("atgriezts", "returned"),
        T::StatusAccepted => ("pieņemts", "accepted"),
    };
    match lang {
        Lang::Lv => lv,
        Lang::En => en,
    }
}

/// What a finding says: a definition's own check message as written, or the program's words
/// for the engine's findings.
pub fn finding_message(lang: Lang, finding: &crate::rules::Finding) -> String {
    use crate::rules::{FindingKind, Invalid};
    let n = crate::expr::format_number;
    let invalid = match &finding.kind {
        FindingKind::Check { message, .. } => return message.clone(),
        FindingKind::Missing => {
            return pick(
                lang,
                "Nav atbildes uz obligātu jautājumu",
                "A required question is not answered",
            );
        }
        FindingKind::Invalid(invalid) => invalid,
    };
    match (lang, invalid) {
        (_, Invalid::WrongType) => pick(
            lang,
            "Atbildes veids neatbilst jautājumam",
            "The answer does not fit the question",
        ),
        (Lang::Lv, Invalid::NotAnOption(c)) => format!("{c} nav šī jautājuma atbilžu variants"),
        (Lang::En, Invalid::NotAnOption(c)) => format!("{c} is not one of the options"),
        (Lang::Lv, Invalid::ExclusiveWithOthers(c)) => {
            format!("Atbildi {c} nevar izvēlēties kopā ar citām")
        }
        (Lang::En, Invalid::ExclusiveWithOthers(c)) => {
            format!("Option {c} cannot be chosen with others")
        }
        (Lang::Lv, Invalid::BelowMin(m)) => format!("Vērtība nedrīkst būt mazāka par {}", n(*m)),
        (Lang::En, Invalid::BelowMin(m)) => format!("The value must not be below {}", n(*m)),
        (Lang::Lv, Invalid::AboveMax(m)) => format!("Vērtība nedrīkst būt lielāka par {}", n(*m)),
        (Lang::En, Invalid::AboveMax(m)) => format!("The value must not be above {}", n(*m)),
        (_, Invalid::NotWhole) => {
            pick(lang, "Jānorāda vesels skaitlis", "A whole number is needed")
        }
        (_, Invalid::NotAvailableNotAllowed) => pick(
            lang,
            "Šim jautājumam nevar atbildēt “Dati nav pieejami”",
            "“Data not available” is not an answer here",
        ),
        (_, Invalid::NotApplicableNotAllowed) => pick(
            lang,
            "Šim jautājumam nevar atbildēt “Neattiecas”",
            "“Not applicable” is not an answer here",
        ),
        (Lang::Lv, Invalid::TooLong(m)) => format!("Teksts ir garāks par {m} zīmēm"),
        (Lang::En, Invalid::TooLong(m)) => format!("The text is longer than {m} characters"),
        (Lang::Lv, Invalid::TooManyItems(m)) => format!("Norādītas vairāk nekā {m} adreses"),
        (Lang::En, Invalid::TooManyItems(m)) => format!("More than {m} addresses"),
        (Lang::Lv, Invalid::NotAnAddress(a)) => {
            format!("“{a}” nav tīmekļa adrese (http:// vai https://)")
        }
        (Lang::En, Invalid::NotAnAddress(a)) => {
            format!("“{a}” is not a web address (http:// or https://)")
        }
    }
}

fn pick(lang: Lang, lv: &str, en: &str) -> String {
    match lang {
        Lang::Lv => lv,
        Lang::En => en,
    }
    .to_owned()
}

/// A submission's status in words.
pub fn status(lang: Lang, status: crate::exchange::Status) -> &'static str {
    use crate::exchange::Status;
    tr(
        lang,
        match status {
            Status::Draft => T::StatusDraft,
            Status::Submitted => T::StatusSubmitted,
            Status::Returned => T::StatusReturned,
            Status::Accepted => T::StatusAccepted,
        },
    )
}
