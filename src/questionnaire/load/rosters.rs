//! Rosters and the instances a section with a roster requires.

use super::{BuildScope, Builder, raw};
use crate::expr::ItemId;
use crate::questionnaire::{AnswerType, Item, Roster, Section, Selection};
use std::collections::HashMap;

impl Builder<'_> {
    /// Establishes the rosters, each with the question its instances come from (which must
    /// list them: urls or multi, outside rosters). Needs every code registered.
    pub(super) fn rosters(&mut self, raw: &[raw::Roster], items: &[Item]) -> Vec<Roster> {
        raw.iter()
            .map(|r| {
                let from = r.from.as_ref().and_then(|from| {
                    let Some(&id) = self.by_code.get(from.get_ref()) else {
                        self.error(from.span(), format!("unknown question code `{}`", from.get_ref()));
                        return None;
                    };
                    let item = &items[id];
                    let fits = matches!(item.answer, AnswerType::Urls { .. } | AnswerType::Multi(_));
                    if !fits || item.roster.is_some() {
                        self.error(
                            from.span(),
                            format!("a roster comes from a urls or multi question outside rosters; `{}` is not one", from.get_ref()),
                        );
                        return None;
                    }
                    Some(id)
                });
                Roster {
                    id: r.id.get_ref().clone(),
                    title: r.title.clone(),
                    item: r.item.clone(),
                    from,
                    placeholder: r.placeholder.clone(),
                }
            })
            .collect()
    }

    /// Establishes each section's `required_instances`, which must rank the instances of the
    /// section's roster by one of its number questions.
    pub(super) fn selections(
        &mut self,
        raw: &[raw::Section],
        sections: &[Section],
        scope: &BuildScope,
    ) -> Vec<Option<Selection>> {
        raw.iter()
            .zip(sections)
            .map(|(s, section)| self.selection(s, section, scope.items, scope.by_code))
            .collect()
    }

    fn selection(
        &mut self,
        s: &raw::Section,
        section: &Section,
        items: &[Item],
        by_code: &HashMap<String, ItemId>,
    ) -> Option<Selection> {
        let raw = s.required_instances.as_ref()?;
        let Some(roster) = section.roster else {
            self.error(
                raw.span(),
                "required_instances applies only to a section with a roster",
            );
            return None;
        };
        let sel = raw.get_ref();
        if !(sel.share > 0.0 && sel.share <= 1.0) {
            self.error(
                raw.span(),
                "required_instances.share must be above 0 and at most 1",
            );
        }
        let top_by = sel.top_by.get_ref();
        match by_code.get(top_by) {
            Some(&id)
                if items[id].roster == Some(roster)
                    && matches!(
                        items[id].answer,
                        AnswerType::Integer(_) | AnswerType::Number(_)
                    ) =>
            {
                Some(Selection {
                    top_by: id,
                    share: sel.share,
                    min: sel.min,
                })
            }
            _ => {
                self.error(
                    sel.top_by.span(),
                    format!(
                        "top_by must be a number question of the same roster; `{top_by}` is not"
                    ),
                );
                None
            }
        }
    }
}
