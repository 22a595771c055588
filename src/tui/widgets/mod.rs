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
