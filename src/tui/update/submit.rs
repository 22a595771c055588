//! "Pārbaudīt un iesniegt": refused while errors remain, warnings acknowledged, the file saved.

use super::*;

pub(super) fn export_to(app: &mut App, path: PathBuf) {
    let fill = fill_ref(app);
    let submission = fill.submission.id;
    let written = (|| -> Result<(), String> {
        let records = app.store.export(&[submission]).map_err(|e| e.to_string())?;
        let bytes = exchange::write(
            crate::store::now(),
            app.store.machine().to_owned(),
            records.clone(),
        );
        crate::files::write_atomically(&path, &bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        app.store.mark_exported(&records).map_err(|e| e.to_string())
    })();
    match written {
        Ok(()) => {
            let text = format!("{}: {}", app.tr(T::Exported), path.display());
            app.info(text);
        }
        Err(e) => {
            let text = format!("{}: {e}", app.tr(T::ExportFailed));
            app.error(text);
        }
    }
}

/// (roster id, instance key) of a finding; empty outside rosters.
pub(super) fn finding_place(fill: &Fill, finding: &Finding) -> (String, String) {
    let item = &fill.q.items[finding.location.item];
    match (item.roster, finding.location.instance) {
        (Some(r), Some(i)) => (
            fill.q.rosters[r].id.clone(),
            fill.eval
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
pub(super) fn submit(app: &mut App) {
    flush(app);
    let fill = fill_ref(app);
    if fill.read_only() {
        let text = app.tr(T::ReadOnly);
        app.error(text);
        return;
    }
    if fill.submit_errors().next().is_some() {
        let text = app.tr(T::SubmitRefused);
        app.error(text);
        app.overlay = Some(Overlay::Problems { cursor: 0 });
        return;
    }
    let acknowledged = match app.store.acknowledged(fill.submission.id) {
        Ok(a) => a,
        Err(e) => {
            app.error(e.to_string());
            return;
        }
    };
    let open_warning = fill.eval.findings.iter().enumerate().find(|(_, f)| {
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
            app.tr(T::AcknowledgeTitle).to_owned(),
            "",
        );
        let code = &fill.q.items[finding.location.item].code;
        p.detail = Some(format!(
            "{code}: {}\n{}",
            crate::i18n::finding_message(app.opts.lang, finding),
            app.tr(T::AcknowledgeComment)
        ));
        app.overlay = Some(Overlay::Prompt(Box::new(p)));
        return;
    }
    app.overlay = Some(Overlay::Confirm {
        purpose: Confirming::Submit,
        text: app.tr(T::ConfirmSubmit).to_owned(),
    });
}
