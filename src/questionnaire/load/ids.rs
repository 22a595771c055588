//! The first pass: the ids of the questionnaire, its parts, rosters and sections.

use super::Builder;
use super::raw;
use crate::diag::Diagnostic;
use std::collections::HashMap;
use toml::Spanned;

/// The index of every part and roster by its id.
pub(super) struct Ids {
    pub parts: HashMap<String, usize>,
    /// The part ids in the order the definition declares them, each once, for messages that
    /// list them.
    pub part_names: Vec<String>,
    pub rosters: HashMap<String, usize>,
}

impl Builder<'_> {
    /// Checks the questionnaire's id, and that parts, rosters and sections each have unique
    /// ids; establishes [`Ids`] for the sections to name their part and roster by.
    pub(super) fn ids(&mut self, raw: &raw::File) -> Ids {
        let id_ok = raw
            .id
            .get_ref()
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !raw.id.get_ref().is_empty();
        if !id_ok {
            self.error(raw.id.span(), "id may hold only a-z, 0-9 and -");
        }
        let parts = self.parts(&raw.parts);
        let mut part_names: Vec<String> = Vec::new();
        for p in &raw.parts {
            if !part_names.contains(p.id.get_ref()) {
                part_names.push(p.id.get_ref().clone());
            }
        }
        let roster_ids = self.unique_ids(raw.rosters.iter().map(|r| &r.id), "roster");
        if raw.sections.is_empty() {
            self.diagnostics.push(Diagnostic::whole_file(
                self.map.file,
                "the definition has no [[sections]]",
            ));
        }
        self.unique_ids(raw.sections.iter().map(|s| &s.id), "section");
        Ids {
            parts,
            part_names,
            rosters: roster_ids,
        }
    }

    fn parts(&mut self, raw: &[raw::Part]) -> HashMap<String, usize> {
        if raw.is_empty() {
            self.diagnostics.push(Diagnostic::whole_file(
                self.map.file,
                "the definition has no [[parts]]; add at least one (id, title, filled_by)",
            ));
        }
        self.unique_ids(raw.iter().map(|p| &p.id), "part")
    }

    fn unique_ids<'r>(
        &mut self,
        ids: impl Iterator<Item = &'r Spanned<String>>,
        what: &str,
    ) -> HashMap<String, usize> {
        let mut seen = HashMap::new();
        for (index, id) in ids.enumerate() {
            if seen.insert(id.get_ref().clone(), index).is_some() {
                self.error(id.span(), format!("duplicate {what} id `{}`", id.get_ref()));
            }
        }
        seen
    }
}
