//! The full-screen interface, in The Elm Architecture: one [`App`] state, one [`Action`] enum,
//! one [`update`], and drawing from `&App` that does no I/O. Keymaps are data (`keymap.rs`)
//! and feed both key handling and the on-screen hints.

pub mod action;
pub mod app;
pub mod fill;
pub mod keymap;
pub mod results;
pub mod screens;
pub mod style;
mod terminal;
mod update;
pub mod widgets;

pub use action::Action;
pub use app::{App, Options};
pub use update::{open_selected_results, update};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use std::io;

/// Run the interface until the user quits. The terminal is restored on every way out.
pub fn run(app: &mut App) -> io::Result<()> {
    let mut guard = terminal::TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    while !app.quit {
        guard.terminal.draw(|frame| screens::draw(frame, app))?;
        if !event::poll(app::TICK)? {
            update(app, Action::Tick);
            continue;
        }
        let action = match event::read()? {
            Event::Key(key)
                if key.kind != KeyEventKind::Release
                    && key.code == KeyCode::Char('c')
                    && key.modifiers == KeyModifiers::CONTROL =>
            {
                Some(Action::Quit)
            }
            Event::Key(key) => keymap::action_for(app.mode(), key),
            Event::Paste(text) => Some(Action::Paste(text)),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        };
        if let Some(action) = action {
            update(app, action);
        }
    }
    Ok(())
}
