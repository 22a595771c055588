//! A roster's instances (services, websites) with their progress and, where the 20 % rule
//! applies, which ones must be filled.

use super::sections::section_line;
use crate::i18n::T;
use crate::tui::model::{App, Fill, Focus};
use crate::tui::style::Palette;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{ListItem, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, fill: &Fill, area: Rect, palette: Palette) {
    let section_index = fill.section_index();
    let section = &fill.q.sections[section_index];
    let Some(roster) = section.roster else {
        return;
    };
    let def = &fill.q.rosters[roster];
    let title = format!("{} — {}", section.title, def.title);
    let block = super::titled(&title, palette.title());
    let inner = block.inner(area);
    let instances = fill.eval().instances(roster);
    if instances.is_empty() {
        frame.render_widget(block, area);
        let text = if def.from.is_none() {
            app.tr(T::NoInstances).to_owned()
        } else {
            let source = &fill.q.items[def.from.unwrap_or_default()].code;
            format!("— {source}")
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, palette.muted())).wrap(Wrap { trim: false }),
            inner,
        );
        return;
    }
    let width = inner.width as usize;
    // Only the rows on screen are made: an institution may have thousands of services.
    let row = |i: usize| {
        let p = fill.progress(section_index, Some(i));
        let mut name = instances[i].name().to_owned();
        if section.required_instances.is_some() && fill.eval().instance_required(section_index, i) {
            name = format!("★ {name} ({})", app.tr(T::FormRequired));
        }
        ListItem::new(section_line(
            &format!("{}. {name}", i + 1),
            p,
            width,
            palette,
        ))
    };
    let highlight = if fill.focus == Focus::Roster {
        palette.selected()
    } else {
        palette.title()
    };
    let selected = fill.instance.min(instances.len() - 1);
    super::selectable_rows(
        frame,
        instances.len(),
        row,
        Some(block),
        selected,
        highlight,
        area,
    );
}
