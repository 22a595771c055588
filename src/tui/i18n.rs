//! The program's own words, Latvian by default and English with `--lang en`. Question text is
//! the definition's and never goes through here.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Lang {
    #[default]
    Lv,
    En,
}

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
    Hint,
    NoHint,
    NotAvailable,
    NotAnswered,
    Answer,
    Options,
    Editing,
    Errors,
    Warnings,
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
        T::Hint => ("Skaidrojums", "Explanation"),
        T::NoHint => (
            "Šim jautājumam nav skaidrojuma.",
            "This question has no explanation.",
        ),
        T::NotAvailable => ("Dati nav pieejami", "Data not available"),
        T::NotAnswered => ("nav atbildēts", "not answered"),
        T::Answer => ("Atbilde", "Answer"),
        T::Options => ("Atbilžu varianti", "Options"),
        T::Editing => ("Rakstot", "Typing"),
        T::Errors => ("kļūdas", "errors"),
        T::Warnings => ("brīdinājumi", "warnings"),
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

/// Program words for engine findings that are not a definition's own check messages.
pub fn finding_message(lang: Lang, finding: &crate::rules::Finding) -> String {
    use crate::rules::{FindingKind, Invalid};
    if lang == Lang::Lv {
        return finding.message();
    }
    let n = crate::expr::format_number;
    match &finding.kind {
        FindingKind::Check { message, .. } => message.clone(),
        FindingKind::Missing => "A required question is not answered".to_owned(),
        FindingKind::Invalid(invalid) => match invalid {
            Invalid::WrongType => "The answer does not fit the question".to_owned(),
            Invalid::NotAnOption(c) => format!("{c} is not one of the options"),
            Invalid::ExclusiveWithOthers(c) => format!("Option {c} cannot be chosen with others"),
            Invalid::BelowMin(m) => format!("The value must not be below {}", n(*m)),
            Invalid::AboveMax(m) => format!("The value must not be above {}", n(*m)),
            Invalid::NotWhole => "A whole number is needed".to_owned(),
            Invalid::NotAvailableNotAllowed => {
                "“Data not available” is not an answer here".to_owned()
            }
            Invalid::TooLong(m) => format!("The text is longer than {m} characters"),
            Invalid::TooManyItems(m) => format!("More than {m} addresses"),
            Invalid::NotAnAddress(a) => format!("“{a}” is not a web address (http:// or https://)"),
        },
    }
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
