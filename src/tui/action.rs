//! Everything that can happen to the application, each variant one intent. Key presses become
//! actions through the keymaps (`keymap.rs`); [`super::update()`] is the only place that acts
//! on them.

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move the cursor up: the previous section, instance, option or row.
    Up,
    /// Move the cursor down: the next section, instance, option or row.
    Down,
    /// In a matrix row: choose the previous option. Elsewhere: go back one level.
    Left,
    /// In a matrix row: choose the next option. Elsewhere: open what is under the cursor.
    Right,
    /// Go to the next visible question (saving what is being typed).
    NextQuestion,
    /// Go to the previous visible question (saving what is being typed).
    PrevQuestion,
    /// In the new-submission form: the next field.
    NextField,
    /// In the new-submission form: the previous field.
    PrevField,
    /// Scroll the help a page down.
    PageDown,
    /// Scroll the help a page up.
    PageUp,
    /// In the results: from an institution's figures to the cohort, or back.
    NextTab,
    /// In the results: the other way round.
    PrevTab,
    /// Open what is under the cursor, choose the option under it, or start typing.
    Enter,
    /// Tick or choose the option under the cursor.
    Toggle,
    /// Leave the current level: stop typing, or go back to the roster or section list.
    Back,
    /// Type one character into the field being edited (or start editing a number with it).
    Type(char),
    /// Move the caret or delete in the text being typed.
    EditText(TextEdit),
    /// Start a new line in a multi-line answer.
    NewLine,
    /// Text pasted into the terminal; normalised to NFC before it is inserted.
    Paste(String),
    /// Answer the current number or table row "Dati nav pieejami", or undo that.
    ToggleNotAvailable,
    /// Answer the current number or table row "Neattiecas" (does not concern the
    /// institution), or undo that.
    ToggleNotApplicable,
    /// Remove the answer to the current question (or table row).
    Clear,
    /// Show or hide the question's explanation ("Skaidrojums").
    ToggleHint,
    /// Scroll a long question and its explanation down (showing the explanation).
    ScrollHintDown,
    /// Scroll a long question and its explanation back up.
    ScrollHintUp,
    /// Open the full key help.
    Help,
    /// Open the list of errors and warnings.
    Problems,
    /// Start "Pārbaudīt un iesniegt" (check and submit).
    Submit,
    /// Switch from filling to the results view (the answer tables, for a questionnaire
    /// without scoring).
    Results,
    /// Show the questionnaire's answer tables over the submissions handed in.
    Report,
    /// In the answer tables: count the next year only (after the earliest, every year).
    NextYear,
    /// Add an instance to the roster (a service).
    AddInstance,
    /// On the start list: open the form for a new submission, from wherever the cursor is.
    NewSubmission,
    /// Rename the roster instance under the cursor.
    RenameInstance,
    /// Delete the roster instance under the cursor (asks first).
    DeleteInstance,
    /// Move the roster instance under the cursor one place up.
    MoveInstanceUp,
    /// Move the roster instance under the cursor one place down.
    MoveInstanceDown,
    /// Answer "yes" to a question the program asked.
    Yes,
    /// Answer "no" to a question the program asked.
    No,
    /// Take what was typed into a prompt (a service's name, a comment, a file's path).
    Accept,
    /// Leave a prompt without taking what was typed.
    Cancel,
    /// Close the help or the list of problems.
    Close,
    /// Support staff: ask the respondent about the current question, row, instance or (from
    /// the section list) the submission as a whole.
    AskQuery,
    /// Show the submission's queries and their threads.
    Queries,
    /// Write a message in the thread of the query under the cursor (a respondent's answers
    /// it).
    Reply,
    /// Support staff: close the query under the cursor.
    CloseQuery,
    /// Support staff: open the query under the cursor again.
    ReopenQuery,
    /// Support staff: return the submission to its respondent.
    ReturnSubmission,
    /// Support staff: accept the submission.
    AcceptSubmission,
    /// Support staff: change a respondent's answer to the current question, with a reason.
    Correct,
    /// Show who changed the current question's answers, when, from what to what.
    History,
    /// In the inbox: show the next status only (or all). In the leaders: the ministries only,
    /// the other institutions only, or all.
    NextFilter,
    /// In the inbox: sort by the next column. In the leaders: sort by the next theme (or the
    /// e-index).
    NextSort,
    /// In the results: write the institution's hand-out (an HTML file to print).
    Handout,
    /// Time passes: saves what was typed if typing paused.
    Tick,
    /// The terminal changed size.
    Resize(u16, u16),
    /// Save everything and leave.
    Quit,
}

/// What a key does to the text being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEdit {
    Left,
    Right,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    /// The line above, in a multi-line answer.
    Up,
    /// The line below, in a multi-line answer.
    Down,
    Top,
    Bottom,
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    DeleteWordForward,
    DeleteToLineEnd,
    DeleteToLineStart,
    Undo,
    Redo,
}
