//! The full-screen interface, in The Elm Architecture: one [`App`] state (`model/`), one
//! [`Action`] enum, one [`update`] that asks the world for what it needs through [`Effects`],
//! and drawing from `&App` that does no I/O (`view/`). Keymaps are data (`keymap.rs`) and feed
//! both key handling and the on-screen hints. `docs/tui.md` maps where things live.

pub mod action;
pub mod effects;
pub mod keymap;
pub mod model;
pub mod style;
mod terminal;
mod update;
pub mod view;

pub use action::Action;
pub use effects::Effects;
pub use model::{App, Options, START_ROWS};
pub use update::{open_inbox, open_selected_results, update};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use std::io;
use std::time::Instant;

/// Run the interface until the user quits. The terminal is restored on every way out. This
/// loop is the edge: it reads the keyboard and the clock and hands both to `update`.
pub fn run(app: &mut App, fx: &mut dyn Effects) -> io::Result<()> {
    let mut guard = terminal::TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    update(
        app,
        Action::Resize(size.width, size.height),
        Instant::now(),
        fx,
    );
    // Drawing computes the whole frame: an idle interface must not, or it keeps a core busy
    // over a large cohort.
    let mut changed = true;
    while !app.quit {
        if changed {
            guard.terminal.draw(|frame| view::draw(frame, app))?;
        }
        if !event::poll(model::TICK)? {
            changed = update(app, Action::Tick, Instant::now(), fx);
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
            Event::Key(key) => keymap::action_for(app.mode(), app.opts.role, key),
            Event::Paste(text) => Some(Action::Paste(text)),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        };
        changed = match action {
            Some(action) => update(app, action, Instant::now(), fx),
            None => false,
        };
    }
    Ok(())
}
