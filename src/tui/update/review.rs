//! The review loop on screen: support staff's inbox, queries and their threads (both sides
//! answer them), corrections with a reason, the history of an answer, returning and
//! accepting. What the loop allows is [`crate::review`]'s to say, the same as for the commands.

use super::*;
use crate::exchange::{QueryRecord, QueryStatus, Role};
use crate::i18n::{answer_text, correction_note, place_name, refusal};
use crate::review;
use crate::store::{AuditEntry, Position};

pub(super) fn inbox_action(inbox: &mut InboxScreen, turn: &mut Turn, action: Action) {
    let shown = inbox.shown().len();
    match action {
        Action::Up => inbox.cursor = inbox.cursor.saturating_sub(1),
        Action::Down => inbox.cursor = (inbox.cursor + 1).min(shown.saturating_sub(1)),
        Action::Type(c) => {
            inbox.search.push(c);
            inbox.cursor = 0;
        }
        Action::Paste(text) => {
            inbox.search.extend(text.nfc().filter(|c| !c.is_control()));
            inbox.cursor = 0;
        }
        Action::EditText(TextEdit::DeleteBack) => {
            inbox.search.pop();
            inbox.cursor = 0;
        }
        Action::Back => {
            inbox.search.clear();
            inbox.clamp();
        }
        Action::NextFilter => {
            let at = inbox::FILTERS.iter().position(|f| *f == inbox.filter);
            inbox.filter = inbox::FILTERS[at.map_or(0, |i| (i + 1) % inbox::FILTERS.len())];
            inbox.cursor = 0;
        }
        Action::NextSort => {
            inbox.sort = inbox.sort.next();
            inbox.cursor = 0;
        }
        Action::Enter => {
            if let Some(row) = inbox.selected() {
                let summary = row.summary.clone();
                open_submission(turn, summary, None);
            }
        }
        Action::Help => *turn.overlay = Some(Overlay::Help(0)),
        _ => {}
    }
}

/// What happens first in a submission just opened: a respondent with queries waiting sees
/// them; support staff are told what they may change.
pub(super) fn on_opening(fill: &Fill, turn: &mut Turn) {
    if fill.reviewing() {
        if fill.submission.status != Status::Accepted {
            turn.info(turn.tr(T::ReviewOpened));
        }
        return;
    }
    if let Some(first) = fill.queries.iter().position(QueryRecord::is_open) {
        *turn.overlay = Some(Overlay::Queries { cursor: first });
        turn.info(turn.tr(T::ReturnedWithQueries));
    }
}

/// The keys of the review loop on the fill screen; `false` when the action is not one.
pub(super) fn review_action(fill: &mut Fill, turn: &mut Turn, action: &Action) -> bool {
    match action {
        Action::Queries => {
            flush(fill, turn);
            *turn.overlay = Some(Overlay::Queries { cursor: 0 });
        }
        Action::AskQuery => ask(fill, turn),
        Action::ReturnSubmission => {
            flush(fill, turn);
            match review::may_return(fill.submission.status, &fill.queries) {
                Ok(()) => confirm(turn, Confirming::Return, T::ConfirmReturn),
                Err(r) => refused(turn, &r),
            }
        }
        Action::AcceptSubmission => {
            flush(fill, turn);
            finish_correction(fill, turn);
            let verdict =
                review::may_accept(&fill.q, fill.submission.status, fill.eval(), &fill.queries);
            match verdict {
                Ok(()) => confirm(turn, Confirming::AcceptSubmission, T::ConfirmAccept),
                Err(r) => refused(turn, &r),
            }
        }
        Action::Correct => start_correction(fill, turn),
        Action::History => history(fill, turn),
        _ => return false,
    }
    true
}

/// Say why a step was refused, with everything still missing, in a window that scrolls.
pub(super) fn refused(turn: &mut Turn, r: &review::Refusal) {
    let lines = refusal(turn.opts.lang, r)
        .lines()
        .map(str::to_owned)
        .collect();
    text(turn, T::RefusedTitle, lines);
}

fn text(turn: &mut Turn, title: T, lines: Vec<String>) {
    *turn.overlay = Some(Overlay::Text {
        title,
        lines,
        scroll: 0,
    });
}

fn confirm(turn: &mut Turn, purpose: Confirming, text: T) {
    *turn.overlay = Some(Overlay::Confirm {
        purpose,
        text: turn.tr(text).to_owned(),
    });
}

/// Where a query asked now would point: the row or question under the cursor, the instance
/// under the roster's cursor, or (from the section list) the submission as a whole.
fn here(fill: &Fill) -> (String, String, String) {
    let instance = || {
        fill.instance_key(fill.current_instance())
            .unwrap_or_default()
    };
    match fill.focus {
        Focus::Sections => Default::default(),
        Focus::Roster => {
            let (roster, key) = instance();
            (roster, key, String::new())
        }
        Focus::Question => {
            let (roster, key) = instance();
            let question = &fill.q.questions[fill.question];
            let code = match question.kind {
                QuestionKind::Matrix | QuestionKind::Table => {
                    fill.q.items[fill.current_item()].code.clone()
                }
                _ => question.code.clone(),
            };
            (roster, key, code)
        }
    }
}

fn ask(fill: &mut Fill, turn: &mut Turn) {
    flush(fill, turn);
    if fill.submission.status == Status::Accepted {
        turn.error(turn.tr(T::AcceptedIsFinal));
        return;
    }
    let (roster, instance, code) = here(fill);
    let label = fill
        .current_instance()
        .filter(|_| !instance.is_empty())
        .and_then(|i| {
            fill.roster()
                .map(|r| fill.eval().instances(r)[i].name().to_owned())
        });
    let place = place_name(turn.opts.lang, &review::place(&code, label.as_deref()));
    let title = format!("{} — {place}", turn.tr(T::AskQueryTitle));
    *turn.overlay = Some(Overlay::Prompt(Box::new(prompt(
        Prompting::OpenQuery(roster, instance, code),
        title,
        "",
    ))));
}

pub(super) fn open_query(fill: &mut Fill, turn: &mut Turn, place: [String; 3], body: &str) {
    if body.is_empty() {
        return;
    }
    let [roster, instance, code] = &place;
    let key = AnswerKey::in_roster(roster, instance, code);
    match turn
        .fx
        .open_query(fill.submission.id, key, body, fill.person)
    {
        Ok(_) => {
            reload_queries(fill, turn);
            turn.info(turn.tr(T::QueryOpened));
        }
        Err(e) => turn.error(e.to_string()),
    }
}

fn reload_queries(fill: &mut Fill, turn: &mut Turn) {
    match turn.fx.queries(fill.submission.id) {
        Ok(queries) => fill.queries = queries,
        Err(e) => turn.error(e.to_string()),
    }
}

pub(super) fn queries_action(fill: &mut Fill, turn: &mut Turn, cursor: usize, action: Action) {
    let count = fill.queries.len();
    let set = |turn: &mut Turn, cursor| *turn.overlay = Some(Overlay::Queries { cursor });
    let Some(query) = fill.queries.get(cursor) else {
        if matches!(action, Action::Close | Action::Enter) {
            *turn.overlay = None;
        }
        return;
    };
    let uid = query.uid.clone();
    let reviewer = fill.reviewing();
    let reply = |turn: &mut Turn, sets: Option<QueryStatus>, title: T| {
        *turn.overlay = Some(Overlay::Prompt(Box::new(prompt(
            Prompting::Reply(uid.clone(), sets),
            turn.tr(title).to_owned(),
            "",
        ))));
    };
    match action {
        Action::Up => set(turn, cursor.saturating_sub(1)),
        Action::Down => set(turn, (cursor + 1).min(count - 1)),
        Action::Enter => {
            *turn.overlay = None;
            go_to_query(fill, turn, cursor);
        }
        Action::Reply if fill.submission.status == Status::Accepted => {
            turn.error(turn.tr(T::AcceptedIsFinal));
        }
        Action::Reply if reviewer => reply(turn, None, T::ReplyTitle),
        // A closed query stays closed: the respondent's words join its thread.
        Action::Reply if query.status() == QueryStatus::Closed => reply(turn, None, T::ReplyTitle),
        Action::Reply => reply(turn, Some(QueryStatus::Answered), T::ReplyTitle),
        Action::CloseQuery if reviewer && query.status() != QueryStatus::Closed => {
            reply(turn, Some(QueryStatus::Closed), T::CloseQueryTitle);
        }
        Action::ReopenQuery if reviewer && query.status() != QueryStatus::Open => {
            reply(turn, Some(QueryStatus::Open), T::ReopenQueryTitle);
        }
        Action::Close => *turn.overlay = None,
        _ => {}
    }
}

pub(super) fn reply(
    fill: &mut Fill,
    turn: &mut Turn,
    uid: &str,
    sets: Option<QueryStatus>,
    body: &str,
) {
    // Closing may go without words; a reply or a reopening says something.
    if body.is_empty() && sets != Some(QueryStatus::Closed) {
        return;
    }
    let done = turn
        .fx
        .reply(fill.submission.id, uid, body, sets, fill.person);
    match done {
        Ok(()) => {
            reload_queries(fill, turn);
            let cursor = fill.queries.iter().position(|q| q.uid == uid).unwrap_or(0);
            *turn.overlay = Some(Overlay::Queries { cursor });
        }
        Err(e) => turn.error(e.to_string()),
    }
}

/// Go to the question a query is about (or its instance, or the section list).
fn go_to_query(fill: &mut Fill, turn: &mut Turn, index: usize) {
    let query = &fill.queries[index];
    let place = [&query.roster, &query.instance, &query.code].map(|s| s.clone());
    go_to_place(fill, turn, place);
}

/// Go to the plausibility flag at `index` of the flags (listed after the findings).
pub(super) fn jump_to_flag(fill: &mut Fill, turn: &mut Turn, index: usize) {
    let Some(flag) = fill.flags.get(index) else {
        return;
    };
    let place = [&flag.place.roster, &flag.place.instance, &flag.place.item].map(|s| s.clone());
    go_to_place(fill, turn, place);
}

/// Go to the question (or row) `code` in `roster`'s instance `instance`; to the roster's
/// list without a code, to the section list without either.
fn go_to_place(fill: &mut Fill, turn: &mut Turn, [roster, instance, code]: [String; 3]) {
    flush(fill, turn);
    let item = fill.q.item(&code).or_else(|| {
        fill.q
            .questions
            .iter()
            .find(|question| question.code == code)
            .map(|question| question.items.start)
    });
    let section = match (item, fill.q.roster(&roster)) {
        (Some(item), _) => fill.q.items[item].question,
        (None, Some(roster)) => match fill
            .q
            .sections
            .iter()
            .position(|s| s.roster == Some(roster))
        {
            Some(s) => fill.q.sections[s].questions.start,
            None => return,
        },
        (None, None) => {
            fill.focus = Focus::Sections;
            return;
        }
    };
    let position = Position {
        section: fill.q.sections[fill.q.questions[section].section]
            .id
            .clone(),
        instance,
        code: item
            .map(|i| fill.q.items[i].code.clone())
            .unwrap_or_default(),
    };
    fill.edit = None;
    fill.restore(&position);
    remember_position(fill, turn);
}

fn start_correction(fill: &mut Fill, turn: &mut Turn) {
    flush(fill, turn);
    if fill.submission.status != Status::Submitted {
        turn.error(turn.tr(T::CorrectOnlySubmitted));
        return;
    }
    if fill.focus != Focus::Question {
        turn.error(turn.tr(T::CorrectChooseQuestion));
        return;
    }
    if !fill.read_only() {
        turn.info(turn.tr(T::ExpertPartIsYours));
        return;
    }
    *turn.overlay = Some(Overlay::Prompt(Box::new(prompt(
        Prompting::CorrectionReason,
        turn.tr(T::CorrectionReasonTitle).to_owned(),
        "",
    ))));
}

pub(super) fn begin_correction(fill: &mut Fill, turn: &mut Turn, reason: String) {
    if reason.is_empty() {
        turn.error(turn.tr(T::CorrectionNeedsReason));
        return;
    }
    let before = fill.q.questions[fill.question]
        .items
        .clone()
        .map(|item| (item, fill.answer(item).cloned()))
        .collect();
    fill.correction = Some(Correction {
        question: fill.question,
        instance: fill.current_instance(),
        reason,
        before,
    });
    turn.info(turn.tr(T::Correcting));
}

/// The reason under which an answer to `item` in `instance` is being changed, if it is.
pub(super) fn correction_reason(
    fill: &Fill,
    item: ItemId,
    instance: Option<usize>,
) -> Option<&str> {
    fill.correction
        .as_ref()
        .filter(|c| c.question == fill.q.items[item].question && c.instance == instance)
        .map(|c| c.reason.as_str())
}

/// Once support staff leave the question they corrected (or accept, or quit), the respondent
/// is told what changed and why: in the query about it, which this closes, or in a new,
/// closed one.
pub(super) fn finish_correction(fill: &mut Fill, turn: &mut Turn) {
    if fill.pending.is_some() {
        return;
    }
    let Some(correction) = fill.correction.take() else {
        return;
    };
    let (saved_question, saved_instance) = (fill.question, fill.instance);
    fill.question = correction.question;
    if let Some(i) = correction.instance {
        fill.instance = i;
    }
    let lang = turn.opts.lang;
    let changes: Vec<(String, String, String)> = correction
        .before
        .iter()
        .filter_map(|(item, old)| {
            let new = fill.answer(*item);
            (new != old.as_ref()).then(|| {
                let answer = &fill.q.items[*item].answer;
                (
                    fill.q.items[*item].code.clone(),
                    answer_text(lang, answer, old.as_ref()),
                    answer_text(lang, answer, new),
                )
            })
        })
        .collect();
    let place = {
        let (roster, key) = fill.instance_key(correction.instance).unwrap_or_default();
        (
            roster,
            key,
            fill.q.questions[correction.question].code.clone(),
        )
    };
    let open = fill
        .queries_here()
        .find(|q| q.status() != QueryStatus::Closed)
        .map(|q| q.uid.clone());
    fill.question = saved_question;
    fill.instance = saved_instance;
    if changes.is_empty() {
        return;
    }
    let note = correction_note(lang, &changes, &correction.reason);
    let (submission, person) = (fill.submission.id, fill.person);
    let uid = match open {
        Some(uid) => Ok(uid),
        None => {
            let (roster, key, code) = &place;
            turn.fx.open_query(
                submission,
                AnswerKey::in_roster(roster, key, code),
                &note,
                person,
            )
        }
    };
    let closed = uid.and_then(|uid| {
        turn.fx
            .reply(submission, &uid, &note, Some(QueryStatus::Closed), person)
    });
    if let Err(e) = closed {
        turn.error(e.to_string());
    }
    reload_queries(fill, turn);
}

/// Who changed the current question's answers, when, from what to what, where and why.
fn history(fill: &mut Fill, turn: &mut Turn) {
    flush(fill, turn);
    let entries = match turn.fx.history(fill.submission.id) {
        Ok(entries) => entries,
        Err(e) => {
            turn.error(e.to_string());
            return;
        }
    };
    let lines: Vec<String> = entries
        .iter()
        .filter(|e| fill.is_here(&e.roster, &e.instance, &e.code))
        .filter_map(|e| history_line(fill, turn, e))
        .collect();
    let lines = if lines.is_empty() {
        vec![turn.tr(T::NoHistory).to_owned()]
    } else {
        lines
    };
    text(turn, T::HistoryTitle, lines);
}

/// A resubmitted submission opens, for support staff, on what its respondent changed since it
/// was returned.
pub(super) fn changes_since_return(fill: &Fill, turn: &mut Turn) {
    if fill.submission.status != Status::Submitted {
        return;
    }
    let Ok(entries) = turn.fx.history(fill.submission.id) else {
        return;
    };
    let Some(returned) = entries
        .iter()
        .rposition(|e| e.what == "status" && e.new_value.as_deref() == Some("returned"))
    else {
        return;
    };
    let mut lines = Vec::new();
    lines.extend(
        entries[returned..]
            .iter()
            .filter(|e| e.role == Some(Role::Respondent))
            .filter_map(|e| history_line(fill, turn, e)),
    );
    if !lines.is_empty() {
        text(turn, T::ChangesTitle, lines);
    }
}

/// One change to an answer as people read it: when, who, where, the question, old → new and
/// the reason. Other entries (statuses, queries) are not answers: `None`.
fn history_line(fill: &Fill, turn: &Turn, e: &AuditEntry) -> Option<String> {
    if e.what != "answer" {
        return None;
    }
    let lang = turn.opts.lang;
    let item = fill.q.item(&e.code)?;
    let answer = &fill.q.items[item].answer;
    let decode = |v: &Option<String>| -> Option<Value> {
        v.as_deref().and_then(|v| serde_json::from_str(v).ok())
    };
    let who = match (&e.person, e.role) {
        (Some(name), Some(Role::Support)) => format!("{name} ({})", turn.tr(T::RoleSupport)),
        (Some(name), _) => name.clone(),
        (None, _) => turn.tr(T::ByImport).to_owned(),
    };
    let instance = fill.q.roster(&e.roster).and_then(|r| {
        fill.eval()
            .instances(r)
            .iter()
            .find(|i| i.key == e.instance)
            .map(|i| i.name().to_owned())
    });
    let mut line = format!(
        "{} {who} [{}]: {} {} → {}",
        e.at.get(..16).unwrap_or(&e.at).replace('T', " "),
        e.machine,
        review::place(&e.code, instance.as_deref()),
        answer_text(lang, answer, decode(&e.old_value).as_ref()),
        answer_text(lang, answer, decode(&e.new_value).as_ref()),
    );
    if let Some(reason) = &e.reason {
        line.push_str(&format!(" — {reason}"));
    }
    Some(line)
}
