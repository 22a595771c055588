//! Adding, renaming, deleting and reordering a roster's instances (services).

use super::*;

pub(super) fn roster_action(app: &mut App, action: Action) {
    let fill = fill_mut(app);
    let Some(roster) = fill.roster() else {
        fill.focus = Focus::Sections;
        return;
    };
    let count = fill.eval.instances(roster).len();
    let free = fill.q.rosters[roster].from.is_none();
    let editable = free && !fill.read_only();
    match action {
        Action::Up => fill.instance = fill.instance.saturating_sub(1),
        Action::Down => fill.instance = (fill.instance + 1).min(count.saturating_sub(1)),
        Action::Back | Action::Left => fill.focus = Focus::Sections,
        Action::Enter | Action::Right if count > 0 => match fill.visible_questions().first() {
            Some(&first) => {
                fill.question = first;
                fill.cursor = 0;
                fill.focus = Focus::Question;
                remember_position(app);
            }
            None => {
                let text = app.tr(T::SectionEnd);
                app.info(text);
            }
        },
        Action::AddInstance if editable => {
            app.overlay = Some(Overlay::Prompt(Box::new(prompt(
                Prompting::AddInstance,
                app.tr(T::AddInstanceTitle).to_owned(),
                "",
            ))));
        }
        Action::RenameInstance if editable && count > 0 => {
            let instance = &fill.eval.instances(roster)[fill.instance];
            let (key, label) = (instance.key.clone(), instance.label.clone());
            app.overlay = Some(Overlay::Prompt(Box::new(prompt(
                Prompting::RenameInstance(key),
                app.tr(T::RenameInstanceTitle).to_owned(),
                &label,
            ))));
        }
        Action::DeleteInstance if editable && count > 0 => {
            let instance = &fill.eval.instances(roster)[fill.instance];
            let (key, label) = (instance.key.clone(), instance.label.clone());
            let text = format!("{}\n„{label}”", app.tr(T::DeleteInstanceQuestion));
            app.overlay = Some(Overlay::Confirm {
                purpose: Confirming::DeleteInstance(key),
                text,
            });
        }
        Action::MoveInstanceUp | Action::MoveInstanceDown if editable && count > 1 => {
            let from = fill.instance;
            let to = if action == Action::MoveInstanceUp {
                from.saturating_sub(1)
            } else {
                (from + 1).min(count - 1)
            };
            if to != from {
                move_instance(app, roster, from, to);
            }
        }
        Action::AddInstance
        | Action::RenameInstance
        | Action::DeleteInstance
        | Action::MoveInstanceUp
        | Action::MoveInstanceDown
            if fill.read_only() =>
        {
            let text = app.tr(T::ReadOnly);
            app.error(text);
        }
        _ => {}
    }
}

pub(super) fn move_instance(app: &mut App, roster: usize, from: usize, to: usize) {
    let fill = fill_mut(app);
    let roster_id = fill.q.rosters[roster].id.clone();
    let key = fill.eval.instances(roster)[from].key.clone();
    let submission = fill.submission.id;
    match app.store.move_instance(submission, &roster_id, &key, to) {
        Ok(()) => {
            let fill = fill_mut(app);
            if let Some(list) = fill.response.rosters.get_mut(&roster_id)
                && let Some(pos) = list.iter().position(|i| i.key == key)
            {
                let moved = list.remove(pos);
                list.insert(to.min(list.len()), moved);
            }
            fill.reevaluate();
            fill.instance = to;
        }
        Err(e) => app.error(e.to_string()),
    }
}
