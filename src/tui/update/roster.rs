//! Adding, renaming, deleting and reordering a roster's instances (services).

use super::*;

pub(super) fn roster_action(fill: &mut Fill, turn: &mut Turn, action: Action) {
    let Some(roster) = fill.roster() else {
        fill.focus = Focus::Sections;
        return;
    };
    let count = fill.eval().instances(roster).len();
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
                remember_position(fill, turn);
            }
            None => turn.info(turn.tr(T::SectionEnd)),
        },
        Action::AddInstance if editable => {
            *turn.overlay = Some(Overlay::Prompt(Box::new(prompt(
                Prompting::AddInstance,
                turn.tr(T::AddInstanceTitle).to_owned(),
                "",
            ))));
        }
        Action::RenameInstance if editable && count > 0 => {
            let instance = &fill.eval().instances(roster)[fill.instance];
            *turn.overlay = Some(Overlay::Prompt(Box::new(prompt(
                Prompting::RenameInstance(instance.key.clone()),
                turn.tr(T::RenameInstanceTitle).to_owned(),
                &instance.label,
            ))));
        }
        Action::DeleteInstance if editable && count > 0 => {
            let instance = &fill.eval().instances(roster)[fill.instance];
            let text = format!(
                "{}\n„{}”",
                turn.tr(T::DeleteInstanceQuestion),
                instance.label
            );
            *turn.overlay = Some(Overlay::Confirm {
                purpose: Confirming::DeleteInstance(instance.key.clone()),
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
                move_instance(fill, turn, roster, from, to);
            }
        }
        Action::AddInstance
        | Action::RenameInstance
        | Action::DeleteInstance
        | Action::MoveInstanceUp
        | Action::MoveInstanceDown
            if fill.read_only() =>
        {
            turn.error(turn.tr(read_only_notice(fill)));
        }
        _ => {}
    }
}

fn move_instance(fill: &mut Fill, turn: &mut Turn, roster: usize, from: usize, to: usize) {
    let roster_id = fill.q.rosters[roster].id.clone();
    let key = fill.eval().instances(roster)[from].key.clone();
    let place = (fill.submission.id, roster_id.as_str(), key.as_str());
    match turn.fx.move_instance(place, to) {
        Ok(()) => {
            fill.sheet.change(|response| {
                if let Some(list) = response.rosters.get_mut(&roster_id)
                    && let Some(pos) = list.iter().position(|i| i.key == key)
                {
                    let moved = list.remove(pos);
                    list.insert(to.min(list.len()), moved);
                }
            });
            fill.instance = to;
        }
        Err(e) => turn.error(e.to_string()),
    }
}

pub(super) fn add_instance(fill: &mut Fill, turn: &mut Turn, label: String) {
    let Some((roster, roster_id)) = fill.roster_id() else {
        return;
    };
    match turn
        .fx
        .add_instance(fill.submission.id, &roster_id, &label, fill.person)
    {
        Ok(key) => {
            fill.sheet.change(|response| {
                response
                    .rosters
                    .entry(roster_id)
                    .or_default()
                    .push(Instance {
                        key,
                        label,
                        ..Instance::default()
                    })
            });
            fill.instance = fill.eval().instances(roster).len() - 1;
        }
        Err(e) => turn.error(e.to_string()),
    }
}

pub(super) fn rename_instance(fill: &mut Fill, turn: &mut Turn, key: &str, label: String) {
    let Some((_, roster_id)) = fill.roster_id() else {
        return;
    };
    let place = (fill.submission.id, roster_id.as_str(), key);
    match turn.fx.rename_instance(place, &label, fill.person) {
        Ok(()) => fill
            .sheet
            .change(|response| response.instance_mut(&roster_id, key).label = label),
        Err(e) => turn.error(e.to_string()),
    }
}

pub(super) fn delete_instance(fill: &mut Fill, turn: &mut Turn, key: &str) {
    let Some((roster, roster_id)) = fill.roster_id() else {
        return;
    };
    let place = (fill.submission.id, roster_id.as_str(), key);
    match turn.fx.remove_instance(place, fill.person) {
        Ok(()) => {
            fill.sheet.change(|response| {
                if let Some(list) = response.rosters.get_mut(&roster_id) {
                    list.retain(|i| i.key != key);
                }
            });
            let count = fill.eval().instances(roster).len();
            fill.instance = fill.instance.min(count.saturating_sub(1));
        }
        Err(e) => turn.error(e.to_string()),
    }
}
