//! Widgets: one file each. They draw from borrowed state and never change it.

pub mod choices;
pub mod dialog;
pub mod field;
pub mod footer;
pub mod matrix;
pub mod question;
pub mod roster;
pub mod sections;
pub mod table;

/// `text` cut to `width` characters with "…" where it was cut, padded with spaces to `width`.
pub fn fit(text: &str, width: usize) -> String {
    let count = text.chars().count();
    let mut out: String = if count <= width {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{}…", kept.trim_end())
    };
    let pad = width.saturating_sub(out.chars().count());
    out.push_str(&" ".repeat(pad));
    out
}

/// `text` broken into lines of at most `width` characters at spaces (a word longer than a
/// line is broken inside), so that nothing is cut off.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let mut word: Vec<char> = word.chars().collect();
            if used > 0 && used + 1 + word.len() > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            // Only at the start of a line can a word be longer than the line.
            while word.len() > width {
                let rest = word.split_off(width);
                lines.push(word.into_iter().collect());
                word = rest;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            used += word.len();
            line.extend(word.iter());
        }
        lines.push(line);
    }
    lines
}

/// A bordered block titled in `style`.
pub fn titled(title: &str, style: ratatui::style::Style) -> ratatui::widgets::Block<'static> {
    ratatui::widgets::Block::bordered()
        .title(ratatui::text::Line::styled(format!(" {title} "), style))
}

/// A list with row `selected` highlighted and scrolled into view.
pub fn selectable(
    frame: &mut ratatui::Frame,
    items: Vec<ratatui::widgets::ListItem>,
    block: Option<ratatui::widgets::Block>,
    selected: usize,
    highlight: ratatui::style::Style,
    area: ratatui::layout::Rect,
) {
    let mut list = ratatui::widgets::List::new(items).highlight_style(highlight);
    if let Some(block) = block {
        list = list.block(block);
    }
    let mut state = ratatui::widgets::ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut state);
}

/// [`selectable`] over `len` one-line rows, of which only those in view are made by `row`:
/// a list of thousands costs a screenful a frame. It scrolls as [`selectable`] does.
pub fn selectable_rows<'a>(
    frame: &mut ratatui::Frame,
    len: usize,
    row: impl Fn(usize) -> ratatui::widgets::ListItem<'a>,
    block: Option<ratatui::widgets::Block>,
    selected: usize,
    highlight: ratatui::style::Style,
    area: ratatui::layout::Rect,
) {
    let height = block.as_ref().map_or(area, |b| b.inner(area)).height as usize;
    let first = (selected + 1).saturating_sub(height.max(1));
    let items = (first..len.min(first + height)).map(row).collect();
    selectable(frame, items, block, selected - first, highlight, area);
}

/// A rectangle of at most `width` × `height`, centred in `area`.
/// The rectangle of a window over the screen (problems, queries, texts), cleared to draw in.
pub fn window(frame: &mut ratatui::Frame, area: ratatui::layout::Rect) -> ratatui::layout::Rect {
    let rect = centered(
        area,
        area.width.saturating_sub(4).max(40),
        area.height.saturating_sub(4),
    );
    frame.render_widget(ratatui::widgets::Clear, rect);
    rect
}

pub fn centered(area: ratatui::layout::Rect, width: u16, height: u16) -> ratatui::layout::Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    ratatui::layout::Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
