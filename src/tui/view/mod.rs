//! Drawing: one file per screen, and the widgets they are built of. Everything here takes
//! `&App` and only draws; it imports the model, the palette, the words and the keymap, and
//! nothing that changes state.

mod fill;
mod help;
mod inbox;
mod problems;
mod report;
mod results;
mod review;
mod start;
pub mod widgets;

use super::model::{App, Overlay, Screen};
use super::style::Palette;
use crate::i18n::T;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use widgets::{dialog, footer};

/// Below this the interface says so instead of drawing a mangled screen.
pub const MIN_SIZE: (u16, u16) = (60, 18);

/// Draw the whole interface.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let palette = Palette {
        color: app.opts.color,
    };
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(frame, app, area);
        return;
    }
    let [body, notice, keys] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match &app.screen {
        Screen::Start(start) => start::draw(frame, app, start, body, palette),
        Screen::Inbox(inbox) => inbox::draw(frame, app, inbox, body, palette),
        Screen::Fill(fill) => fill::draw(frame, app, fill, body, palette),
        Screen::Results(view) => results::draw(frame, app, view, body, palette),
        Screen::Report(view) => report::draw(frame, app, view, body, palette),
    }
    footer::draw_notice(frame, app, notice, palette);
    footer::draw_keys(frame, app, keys, palette);
    match &app.overlay {
        Some(Overlay::Help(scroll)) => help::draw(frame, app, *scroll, area, palette),
        Some(Overlay::Problems { cursor }) => problems::draw(frame, app, *cursor, area, palette),
        Some(Overlay::Prompt(prompt)) => dialog::draw_prompt(frame, prompt, area, palette),
        Some(Overlay::Confirm { text, .. }) => {
            dialog::draw_confirm(frame, app, text, area, palette)
        }
        Some(Overlay::Queries { cursor }) => {
            review::draw_queries(frame, app, *cursor, area, palette)
        }
        Some(Overlay::Text {
            title,
            lines,
            scroll,
        }) => review::draw_text(frame, app.tr(*title), lines, *scroll, area, palette),
        None => {}
    }
}

fn too_small(frame: &mut Frame, app: &App, area: Rect) {
    let text = vec![
        Line::from(app.tr(T::TooSmall)),
        Line::from(format!(
            "{}×{} → {}×{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        )),
    ];
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(Block::new()),
        area,
    );
}
