//! Diagnostics that point into a definition file: `file:line:col: message`, with the offending
//! line and a caret under the text, the way compilers do it.

use std::fmt;
use std::ops::Range;

/// One problem found in a definition file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based, counted in characters, not bytes.
    pub col: usize,
    pub message: String,
    /// The source line, for the caret display; empty when unknown.
    pub snippet: String,
    /// How many characters the caret underlines (at least 1).
    pub width: usize,
}

impl Diagnostic {
    /// A problem with the file as a whole (unreadable, empty, too large).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: 0,
            col: 0,
            message: message.into(),
            snippet: String::new(),
            width: 1,
        }
    }

    /// The short form, one line: `file:line:col: message`.
    pub fn short(&self) -> String {
        if self.line == 0 {
            format!("{}: {}", self.file, self.message)
        } else {
            format!("{}:{}:{}: {}", self.file, self.line, self.col, self.message)
        }
    }
}

impl fmt::Display for Diagnostic {
    /// The short form, then the line with a caret under the offending text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())?;
        if self.line > 0 && !self.snippet.is_empty() {
            let gutter = self.line.to_string().len();
            write!(
                f,
                "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}{}",
                "",
                self.line,
                self.snippet,
                "",
                " ".repeat(self.col.saturating_sub(1)),
                "^".repeat(self.width.max(1)),
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// A definition file's text with its name, able to turn byte offsets into positions.
pub struct SourceMap<'a> {
    pub file: &'a str,
    pub text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceMap {
            file,
            text,
            line_starts,
        }
    }

    /// A diagnostic at a byte range of the file.
    pub fn at(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let line_index = self.line_starts.partition_point(|&s| s <= start) - 1;
        let line_start = self.line_starts[line_index];
        let line_end = self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |i| line_start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let col = self.text[line_start..start].chars().count() + 1;
        let end = floor_char_boundary(self.text, span.end.clamp(start, line_end));
        let width = self.text[start..end].chars().count().max(1);
        Diagnostic {
            file: self.file.to_owned(),
            line: line_index + 1,
            col,
            message: message.into(),
            snippet: line_text.to_owned(),
            width,
        }
    }

    /// Where the content of the TOML string at `span` starts, when offsets into the string's
    /// value are also offsets into the file (no escapes). Otherwise `None`, and a caller points
    /// at the whole string instead of inside it.
    pub fn string_content_start(&self, span: &Range<usize>, value: &str) -> Option<usize> {
        let raw = self.text.get(span.clone())?;
        let opening = ["\"\"\"", "'''", "\"", "'"]
            .into_iter()
            .find(|q| raw.starts_with(q))?;
        let mut start = span.start + opening.len();
        if opening.len() == 3 && self.text[start..].starts_with('\n') {
            start += 1;
        } else if opening.len() == 3 && self.text[start..].starts_with("\r\n") {
            start += 2;
        }
        (self.text.get(start..start + value.len()) == Some(value)).then_some(start)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a = 1\nšķ = \"ž X\"\n";
        let map = SourceMap::new("q.toml", text);
        let x = text.find('X').unwrap();
        let d = map.at(x..x + 1, "unknown code X");
        assert_eq!((d.line, d.col), (2, 9));
        assert_eq!(d.short(), "q.toml:2:9: unknown code X");
        assert!(d.to_string().ends_with("2 | šķ = \"ž X\"\n  |         ^"));
    }

    #[test]
    fn string_content_offsets_only_without_escapes() {
        let text = "a = \"P1 = 2\"\nb = \"x\\ty\"\n";
        let map = SourceMap::new("q.toml", text);
        assert_eq!(map.string_content_start(&(4..12), "P1 = 2"), Some(5));
        assert_eq!(map.string_content_start(&(17..24), "x\ty"), None);
    }
}
