//! "Pārbaudīt un iesniegt": refused while errors remain, warnings acknowledged, the file saved.

use super::*;

pub(super) fn export_to(fill: &Fill, turn: &mut Turn, path: PathBuf) {
    match turn.fx.export(fill.submission.id, &path) {
        Ok(()) => turn.info(format!("{}: {}", turn.tr(T::Exported), path.display())),
        Err(e) => turn.error(format!("{}: {e}", turn.tr(T::ExportFailed))),
    }
}

/// (roster id, instance key) of a finding; empty outside rosters.
pub(super) fn finding_place(fill: &Fill, finding: &Finding) -> (String, String) {
    let item = &fill.q.items[finding.location.item];
    match (item.roster, finding.location.instance) {
        (Some(r), Some(i)) => (
            fill.q.rosters[r].id.clone(),
            fill.eval()
                .instances(r)
                .get(i)
                .map(|s| s.key.clone())
                .unwrap_or_default(),
        ),
        _ => (String::new(), String::new()),
    }
}

/// "Pārbaudīt un iesniegt": refuse while errors remain, have every warning acknowledged,
/// then confirm.
pub(super) fn submit(fill: &mut Fill, turn: &mut Turn) {
    flush(fill, turn);
    if fill.read_only() {
        turn.error(turn.tr(read_only_notice(fill)));
        return;
    }
    // A returned submission goes back once every query is answered.
    if fill.submission.status == Status::Returned
        && let Err(r) = crate::review::may_resubmit(&fill.q, fill.eval(), &fill.queries)
    {
        refused(turn, &r);
        return;
    }
    if fill.submit_errors().next().is_some() {
        turn.error(turn.tr(T::SubmitRefused));
        *turn.overlay = Some(Overlay::Problems { cursor: 0 });
        return;
    }
    let acknowledged = match turn.fx.acknowledged(fill.submission.id) {
        Ok(a) => a,
        Err(e) => {
            turn.error(e.to_string());
            return;
        }
    };
    let open_warning = fill.eval().findings.iter().enumerate().find(|(_, f)| {
        let rules::FindingKind::Check { name, .. } = &f.kind else {
            return false;
        };
        let (roster, instance) = finding_place(fill, f);
        f.severity == crate::questionnaire::Severity::Warning
            && fill.is_respondents(f)
            && !acknowledged.contains(&(name.clone(), roster, instance))
    });
    if let Some((index, finding)) = open_warning {
        let mut p = prompt(
            Prompting::Acknowledge(index),
            turn.tr(T::AcknowledgeTitle).to_owned(),
            "",
        );
        let code = &fill.q.items[finding.location.item].code;
        p.detail = Some(format!(
            "{code}: {}\n{}",
            crate::i18n::finding_message(turn.opts.lang, finding),
            turn.tr(T::AcknowledgeComment)
        ));
        *turn.overlay = Some(Overlay::Prompt(Box::new(p)));
        return;
    }
    *turn.overlay = Some(Overlay::Confirm {
        purpose: Confirming::Submit,
        text: turn.tr(T::ConfirmSubmit).to_owned(),
    });
}

/// Keep the respondent's explanation of the warning at `index`, then go on submitting.
pub(super) fn acknowledge(fill: &mut Fill, turn: &mut Turn, index: usize, comment: &str) {
    let finding = &fill.eval().findings[index];
    let rules::FindingKind::Check { name, .. } = &finding.kind else {
        return;
    };
    let (roster, instance) = finding_place(fill, finding);
    let key = AnswerKey::in_roster(&roster, &instance, "");
    match turn
        .fx
        .acknowledge(fill.submission.id, name, key, comment, fill.person)
    {
        Ok(()) => submit(fill, turn),
        Err(e) => turn.error(e.to_string()),
    }
}

/// The submission is handed in: offer to save its file.
pub(super) fn mark_submitted(fill: &mut Fill, turn: &mut Turn) {
    decide(fill, turn, Status::Submitted, T::SubmittedExportTo);
}

/// Move the submission on to `status`, then offer to save its file for the other side.
pub(super) fn decide(fill: &mut Fill, turn: &mut Turn, status: Status, export_title: T) {
    let (submission, person) = (fill.submission.id, fill.person);
    if let Err(e) = turn.fx.set_status(submission, status, person) {
        turn.error(e.to_string());
        return;
    }
    fill.submission.status = status;
    // The file of a step of the review names it: the respondent's, as before, has no suffix.
    let step = match status {
        Status::Submitted | Status::Draft => String::new(),
        other => format!("-{}", other.as_str()),
    };
    let name = format!(
        "anketa-{}-{}{step}.json",
        crate::exchange::slug(&fill.submission.institution),
        fill.submission.year
    );
    let path = turn.opts.export_dir.join(name);
    *turn.overlay = Some(Overlay::Prompt(Box::new(prompt(
        Prompting::ExportPath,
        turn.tr(export_title).to_owned(),
        &path.display().to_string(),
    ))));
}
