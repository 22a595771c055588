//! `anketa data`: the survey's data for Excel (CSV) or SPSS (CSV and a syntax file that reads
//! it with its labels and missing values, as LimeSurvey exports for SPSS). Every file is
//! written whole or not at all.

use super::report::{Which, write_file};
use super::{Cli, open};
use crate::dataset::{Case, Cell, NOT_APPLICABLE, NOT_ASKED, NOT_AVAILABLE, Sheet, sheets};
use crate::exchange::InstitutionKind;
use crate::i18n::Lang;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For Excel: UTF-8 with a BOM; `;` and a decimal comma in Latvian (what a Latvian Excel
    /// expects), `,` and a point in English.
    Csv,
    /// For SPSS: CSV with `,` and a decimal point, and an `.sps` syntax file per data file.
    Spss,
    /// One Excel workbook: the submissions, a sheet per roster, and the codebook.
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct Data {
    #[command(flatten)]
    which: Which,
    #[arg(long, value_enum)]
    format: Format,
    /// The submissions' file; each roster's goes beside it (`FILE-services.csv`), and the
    /// codebook (`FILE-codebook.csv`).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

pub(super) fn data(cli: &Cli, args: &Data) -> anyhow::Result<ExitCode> {
    let (q, _, store) = match open::definition_and_store(cli)? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    let chosen = args.which.scope().chosen(&store, &q)?;
    let cases: Vec<Case> = chosen
        .iter()
        .map(|(s, response)| Case {
            uid: &s.uid,
            institution: &s.institution,
            reg_no: s.reg_no.as_deref(),
            sector: s.sector.as_deref(),
            kind: match s.kind {
                InstitutionKind::Ministry => "ministry",
                InstitutionKind::Institution => "institution",
            },
            year: s.year,
            status: s.status.as_str(),
            response,
        })
        .collect();
    let tables = sheets(&q, &cases);
    if args.format == Format::Xlsx {
        write_file(&args.output, &workbook(&tables)?)?;
        println!("{}", args.output.display());
        return Ok(ExitCode::SUCCESS);
    }
    let lang = match args.format {
        Format::Spss => Lang::En,
        _ => cli.lang,
    };
    let bom = args.format == Format::Csv;
    // Every file is made first, then written.
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for sheet in &tables {
        let path = beside(&args.output, &sheet.name, "csv");
        files.push((path.clone(), table(lang, bom, sheet)?));
        if args.format == Format::Spss {
            files.push((beside(&path, "", "sps"), syntax(&path, sheet)));
        }
    }
    files.push((
        beside(&args.output, "codebook", "csv"),
        codebook(lang, bom, &tables)?,
    ));
    for (done, (path, bytes)) in files.iter().enumerate() {
        if let Err(e) = write_file(path, bytes) {
            // A set of files is used together: none is left of a set that is not whole.
            for (written, _) in &files[..done] {
                let _ = std::fs::remove_file(written);
            }
            return Err(e);
        }
    }
    for (path, _) in &files {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `FILE` with `-part` added to its name (none for the submissions) and extension `ext`.
fn beside(path: &Path, part: &str, ext: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "data".into());
    let name = if part.is_empty() {
        format!("{stem}.{ext}")
    } else {
        format!("{stem}-{part}.{ext}")
    };
    path.with_file_name(name)
}

fn writer(lang: Lang, bom: bool, out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let delimiter = match lang {
        Lang::Lv => b';',
        Lang::En => b',',
    };
    csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out)
}

fn number(lang: Lang, n: f64) -> String {
    let text = crate::expr::format_number(n);
    match lang {
        Lang::Lv => text.replace('.', ","),
        Lang::En => text,
    }
}

fn table(lang: Lang, bom: bool, sheet: &Sheet) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut w = writer(lang, bom, &mut out);
        w.write_record(sheet.columns.iter().map(|c| c.name.as_str()))?;
        for row in &sheet.rows {
            w.write_record(row.iter().map(|cell| match cell {
                Cell::Empty => String::new(),
                Cell::Number(n) => number(lang, *n),
                Cell::Text(t) => t.clone(),
            }))?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// Every variable of every table with its words and its values' words.
fn codebook(lang: Lang, bom: bool, sheets: &[Sheet]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut w = writer(lang, bom, &mut out);
        w.write_record(["table", "variable", "label", "value", "value label"])?;
        for sheet in sheets {
            for c in &sheet.columns {
                w.write_record([sheet.name.as_str(), &c.name, &c.label, "", ""])?;
                for (code, words) in &c.values {
                    w.write_record(["", "", "", &code.to_string(), words.as_str()])?;
                }
            }
        }
        w.flush()?;
    }
    Ok(out)
}

/// The workbook: a sheet of the submissions ("dati"), one per roster, and the codebook
/// ("kodi"); the header row frozen, columns as wide as their names, numbers as numbers.
fn workbook(sheets: &[Sheet]) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format as Style, Workbook};
    let mut book = Workbook::new();
    let bold = Style::new().set_bold();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(if sheet.name.is_empty() {
            "dati"
        } else {
            &sheet.name
        })?;
        for (col, c) in sheet.columns.iter().enumerate() {
            let col = u16::try_from(col)?;
            ws.write_string_with_format(0, col, &c.name, &bold)?;
            ws.set_column_width(col, (c.name.chars().count().max(8) + 2) as f64)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r + 1)?;
            for (col, cell) in row.iter().enumerate() {
                let col = u16::try_from(col)?;
                match cell {
                    Cell::Empty => {}
                    Cell::Number(n) => {
                        ws.write_number(r, col, *n)?;
                    }
                    Cell::Text(t) => {
                        ws.write_string(r, col, t)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    let ws = book.add_worksheet();
    ws.set_name("kodi")?;
    for (col, title) in ["table", "variable", "label", "value", "value label"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, col as u16, *title, &bold)?;
    }
    ws.set_column_width(2, 80)?;
    ws.set_column_width(4, 40)?;
    let mut r = 1u32;
    for sheet in sheets {
        for c in &sheet.columns {
            ws.write_string(r, 0, &sheet.name)?;
            ws.write_string(r, 1, &c.name)?;
            ws.write_string(r, 2, &c.label)?;
            r += 1;
            for (code, words) in &c.values {
                ws.write_number(r, 3, *code as f64)?;
                ws.write_string(r, 4, words)?;
                r += 1;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(book.save_to_buffer()?)
}

/// SPSS syntax that reads the data file `data` and labels it.
fn syntax(data: &Path, sheet: &Sheet) -> Vec<u8> {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''").replace('\n', " "));
    let file = data
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut out = String::from("* Encoding: UTF-8.\n* Written by anketa.\nSET UNICODE=ON.\n");
    out.push_str(&format!(
        "GET DATA /TYPE=TXT /FILE={} /ENCODING='UTF8' /DELCASE=LINE /DELIMITERS=\",\"\n  /QUALIFIER='\"' /ARRANGEMENT=DELIMITED /FIRSTCASE=2 /VARIABLES=\n",
        quote(&file)
    ));
    for c in &sheet.columns {
        let format = if c.numeric { "F12.2" } else { "A2000" };
        out.push_str(&format!("  {} {format}\n", c.name));
    }
    out.push_str(".\nVARIABLE LABELS\n");
    let labels: Vec<String> = sheet
        .columns
        .iter()
        .map(|c| format!("  {} {}", c.name, quote(&c.label)))
        .collect();
    out.push_str(&labels.join("\n  /"));
    out.push_str(".\n");
    let valued: Vec<String> = sheet
        .columns
        .iter()
        .filter(|c| !c.values.is_empty())
        .map(|c| {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|(code, words)| format!("{code} {}", quote(words)))
                .collect();
            format!("  {} {}", c.name, values.join(" "))
        })
        .collect();
    let numeric: Vec<&str> = sheet
        .columns
        .iter()
        .filter(|c| c.numeric && c.name != "year")
        .map(|c| c.name.as_str())
        .collect();
    if !numeric.is_empty() {
        out.push_str("ADD VALUE LABELS\n");
        out.push_str(&format!(
            "  {} {} 'Dati nav pieejami' {} 'Neattiecas' {} 'Nav jautāts'.\n",
            numeric.join(" "),
            NOT_AVAILABLE,
            NOT_APPLICABLE,
            NOT_ASKED
        ));
        out.push_str(&format!(
            "MISSING VALUES {} ({}, {}, {}).\n",
            numeric.join(" "),
            NOT_ASKED,
            NOT_APPLICABLE,
            NOT_AVAILABLE
        ));
    }
    if !valued.is_empty() {
        out.push_str("ADD VALUE LABELS\n");
        out.push_str(&valued.join("\n  /"));
        out.push_str(".\n");
    }
    out.push_str("EXECUTE.\n");
    out.into_bytes()
}
