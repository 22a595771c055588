//! The answer tables as CSV for Excel: a row per line of every table, per group; UTF-8 with a
//! BOM, `;` and a decimal comma in Latvian.

use crate::i18n::{Lang, R, decimal, rw};
use crate::report::Report;
use crate::report::lines::{amount, code, label, lines, share, written};

/// The rows of every group's tables (one group named "" without `--by`).
pub(super) fn csv(lang: Lang, groups: &[(String, &Report)]) -> anyhow::Result<Vec<u8>> {
    // Excel reads UTF-8 only after a BOM.
    let mut out = "\u{feff}".as_bytes().to_vec();
    let separator = match lang {
        Lang::Lv => b';',
        Lang::En => b',',
    };
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(separator)
            .from_writer(&mut out);
        w.write_record(rw(lang, R::CsvHeader).split(';'))?;
        for (group, t) in groups
            .iter()
            .flat_map(|(g, r)| r.tables.iter().map(move |t| (g, t)))
        {
            let row = t.row.clone().unwrap_or_default();
            let base = t.asked.to_string();
            for line in lines(t) {
                w.write_record([
                    group.as_str(),
                    t.code.as_str(),
                    &row,
                    &code(t, line).map(|c| c.to_string()).unwrap_or_default(),
                    label(lang, t, line),
                    &written(lang, amount(t, line)),
                    &share(t, line)
                        .map(|s| decimal(lang, s, 2))
                        .unwrap_or_default(),
                    &base,
                ])?;
            }
        }
        w.flush()?;
    }
    Ok(out)
}
