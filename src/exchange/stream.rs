//! Submission files read and written a record at a time, so that a file of ten thousand
//! submissions never needs memory for more than one of them. The checksum covers the file's
//! canonical form — the whole file as a `serde_json::Value` (keys in alphabetical order),
//! compact, without the checksum — and is built up piece by piece on both sides.

use super::{FORMAT, FileError, SubmissionRecord, VERSION, hex};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use std::cell::Cell;
use std::io::{BufRead, Read};
use std::rc::Rc;

/// The most one submission may take in a file. A legitimate one, with hundreds of services
/// and a long history, is a few megabytes; the limit keeps a hostile file (or `/dev/zero`)
/// from filling the memory, while a file may hold any number of submissions.
pub const MAX_SUBMISSION_BYTES: u64 = 64 * 1024 * 1024;

/// A submission file written as it goes, a record at a time: exporting ten thousand
/// submissions holds one of them in memory, not the file. The checksum is taken over the
/// canonical form that [`read`] verifies — the file as a `serde_json::Value` (keys in
/// alphabetical order), compact, without the checksum — built up piece by piece.
pub struct Writer<W: std::io::Write> {
    out: W,
    canonical: Sha256,
    records: usize,
}

impl<W: std::io::Write> Writer<W> {
    pub fn new(mut out: W, exported_at: &str, machine: &str) -> std::io::Result<Writer<W>> {
        let quoted = |s: &str| serde_json::to_string(s).map_err(std::io::Error::other);
        let (exported_at, machine, format) =
            (quoted(exported_at)?, quoted(machine)?, quoted(FORMAT)?);
        let mut canonical = Sha256::new();
        canonical.update(format!(
            "{{\"exported_at\":{exported_at},\"format\":{format},\"machine\":{machine},\"submissions\":["
        ));
        write!(
            out,
            "{{\n  \"format\": {format},\n  \"version\": {VERSION},\n  \"exported_at\": {exported_at},\n  \"machine\": {machine},\n  \"submissions\": ["
        )?;
        Ok(Writer {
            out,
            canonical,
            records: 0,
        })
    }

    pub fn add(&mut self, record: &SubmissionRecord) -> std::io::Result<()> {
        let value = serde_json::to_value(record).map_err(std::io::Error::other)?;
        if self.records > 0 {
            self.canonical.update(b",");
            self.out.write_all(b",")?;
        }
        serde_json::to_writer(Digesting(&mut self.canonical), &value)
            .map_err(std::io::Error::other)?;
        // Laid out as serde_json lays out the whole file: each record two levels in. Its text
        // holds no newline but those between its lines (JSON escapes the rest).
        let pretty = serde_json::to_vec_pretty(record).map_err(std::io::Error::other)?;
        for line in pretty.split(|&b| b == b'\n') {
            self.out.write_all(b"\n    ")?;
            self.out.write_all(line)?;
        }
        self.records += 1;
        Ok(())
    }

    /// The checksum and the end of the file; gives back what it was written to.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.canonical.update(format!("],\"version\":{VERSION}}}"));
        let checksum = hex(&self.canonical.finalize());
        let close = if self.records > 0 { "\n  ]" } else { "]" };
        write!(
            self.out,
            "{close},\n  \"checksum\": \"sha256:{checksum}\"\n}}\n"
        )?;
        Ok(self.out)
    }
}

/// Bytes written into a digest.
struct Digesting<'a>(&'a mut Sha256);

impl std::io::Write for Digesting<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a file says besides its submissions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub version: u32,
    pub exported_at: String,
    /// The machine id of the database the file was written from.
    pub machine: String,
    pub checksum: String,
}

/// Read a submission file from `input`, handing each submission to `each` as soon as it is
/// read and checked (JSON, format, version, structure, size). The checksum can only be
/// verified at the end: a caller that stores what it is handed must undo it when this
/// returns an error (the store's import does all of it in one transaction). Answers are
/// checked against their questionnaire separately, see [`super::check_answers`].
pub fn read_each<E: From<FileError>>(
    input: impl Read,
    mut each: impl FnMut(&Header, SubmissionRecord) -> Result<(), E>,
) -> Result<Header, E> {
    let counts = Rc::new(Cell::new(Counts::default()));
    let mut counted = Counted {
        inner: std::io::BufReader::new(input),
        counts: Rc::clone(&counts),
    };
    // Notepad writes a byte-order mark before the JSON; it says nothing.
    if counted
        .inner
        .fill_buf()
        .is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF"))
    {
        counted.inner.consume(3);
    }
    let mut reading = Reading {
        each: &mut each,
        stopped: None,
        parts: Parts::default(),
        header: None,
        canonical: Sha256::new(),
        records: 0,
        counts: Rc::clone(&counts),
    };
    let mut json = serde_json::Deserializer::from_reader(counted);
    let parsed =
        de::Deserializer::deserialize_map(&mut json, &mut reading).and_then(|()| json.end());
    if let Some(stopped) = reading.stopped.take() {
        return Err(stopped);
    }
    if let Err(e) = parsed {
        let ours = reading.parts.header().is_ok();
        return Err(E::from(refusal(&e, counts.get(), ours)));
    }
    reading.finish()
}

/// A serde_json error outside any submission, as the file's problem; `ours` once the file
/// has said it is a submission file.
fn refusal(e: &serde_json::Error, counts: Counts, ours: bool) -> FileError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io if counts.record > MAX_SUBMISSION_BYTES => FileError::SubmissionTooLarge {
            max: MAX_SUBMISSION_BYTES,
        },
        Category::Io => FileError::Unreadable(super::strip_position(&e.to_string())),
        Category::Syntax | Category::Eof => FileError::NotJson {
            line: e.line(),
            column: e.column(),
            message: super::strip_position(&e.to_string()),
        },
        Category::Data if ours => FileError::Structure {
            line: e.line(),
            column: e.column(),
            message: super::strip_position(&e.to_string()),
        },
        // Not an object, or an object of another kind.
        Category::Data => FileError::NotSubmissionFile,
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    lines: u64,
    /// Bytes read since the current submission began.
    record: u64,
}

/// The input, counting lines (to say where a submission's problem is) and the bytes of the
/// submission being read (to stop at [`MAX_SUBMISSION_BYTES`] without reading further).
struct Counted<R> {
    inner: R,
    counts: Rc<Cell<Counts>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut counts = self.counts.get();
        counts.lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        counts.record += n as u64;
        self.counts.set(counts);
        if counts.record > MAX_SUBMISSION_BYTES {
            return Err(std::io::Error::other("a submission is over the size limit"));
        }
        Ok(n)
    }
}

/// The file's fields besides its submissions, as they come, in any order.
#[derive(Default)]
struct Parts {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
    exported_at: Option<serde_json::Value>,
    machine: Option<serde_json::Value>,
    checksum: Option<serde_json::Value>,
    /// The first field the format does not have.
    unknown: Option<String>,
    /// Whether the submissions were seen, and those kept until the fields above were (in a
    /// file whose fields some program reordered), each with the lines read after it.
    submissions: bool,
    waiting: Vec<(Box<RawValue>, u64)>,
}

impl Parts {
    /// The header, once the fields the submissions need are there and right; else why not.
    fn header(&self) -> Result<Header, FileError> {
        if self.format.as_ref().is_none_or(|f| f != FORMAT) {
            return Err(FileError::NotSubmissionFile);
        }
        let version = match &self.version {
            None => {
                return Err(FileError::UnsupportedVersion {
                    found: "(none)".into(),
                });
            }
            Some(v) => match v.as_u64().filter(|v| (1..=u64::from(VERSION)).contains(v)) {
                Some(n) => n as u32,
                None => {
                    return Err(FileError::UnsupportedVersion {
                        found: v.to_string(),
                    });
                }
            },
        };
        if let Some(field) = &self.unknown {
            return Err(structure(format!("unknown field `{field}`")));
        }
        let text = |value: &Option<serde_json::Value>, field: &str| match value {
            Some(serde_json::Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(structure(format!("`{field}` is not a string"))),
            None => Err(structure(format!("missing field `{field}`"))),
        };
        Ok(Header {
            version,
            exported_at: text(&self.exported_at, "exported_at")?,
            machine: text(&self.machine, "machine")?,
            checksum: match &self.checksum {
                None => String::new(),
                Some(_) => text(&self.checksum, "checksum")?,
            },
        })
    }
}

fn structure(message: String) -> FileError {
    FileError::Structure {
        line: 1,
        column: 1,
        message,
    }
}

struct Reading<'f, E, F> {
    each: &'f mut F,
    /// The caller's or the file's refusal, carried out through serde as a bare error.
    stopped: Option<E>,
    parts: Parts,
    /// Set when the submissions begin: from then on they are handed on as they come.
    header: Option<Header>,
    canonical: Sha256,
    records: usize,
    counts: Rc<Cell<Counts>>,
}

impl<E: From<FileError>, F: FnMut(&Header, SubmissionRecord) -> Result<(), E>> Reading<'_, E, F> {
    fn stop<T, S: de::Error>(&mut self, why: impl Into<E>) -> Result<T, S> {
        self.stopped = Some(why.into());
        Err(S::custom("refused"))
    }

    /// Start the submissions: the canonical form up to them.
    fn begin(&mut self, header: &Header) {
        let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
        self.canonical.update(format!(
            "{{\"exported_at\":{},\"format\":{},\"machine\":{},\"submissions\":[",
            quoted(&header.exported_at),
            quoted(FORMAT),
            quoted(&header.machine)
        ));
        self.header = Some(header.clone());
    }

    fn finish(mut self) -> Result<Header, E> {
        let header = self.parts.header()?;
        if !self.parts.submissions {
            return Err(structure("missing field `submissions`".into()).into());
        }
        if self.header.is_none() {
            self.begin(&header);
            for (raw, lines) in std::mem::take(&mut self.parts.waiting) {
                self.record(&raw, lines)?;
            }
        }
        if self.parts.checksum.is_none() {
            return Err(FileError::NoChecksum.into());
        }
        let version = self.parts.version.as_ref().map(|v| v.to_string());
        let mut canonical = self.canonical;
        canonical.update(format!("],\"version\":{}}}", version.unwrap_or_default()));
        if format!("sha256:{}", hex(&canonical.finalize())) != header.checksum {
            return Err(FileError::ChecksumMismatch.into());
        }
        Ok(header)
    }

    /// One submission, as the file holds it, with the lines read up to its end: into the
    /// checksum, checked, handed on.
    fn record(&mut self, raw: &RawValue, lines: u64) -> Result<(), E> {
        let header = self.header.clone().unwrap_or_default();
        let value: serde_json::Value =
            serde_json::from_str(raw.get()).map_err(|e| FileError::Unreadable(e.to_string()))?;
        if self.records > 0 {
            self.canonical.update(b",");
        }
        self.records += 1;
        serde_json::to_writer(Digesting(&mut self.canonical), &value)
            .map_err(|e| FileError::Unreadable(e.to_string()))?;
        // From its text, not from the value: serde refuses a field given twice there, and
        // says where in the file a problem is.
        let mut record: SubmissionRecord = serde_json::from_str(raw.get()).map_err(|e| {
            let newlines = raw.get().bytes().filter(|&b| b == b'\n').count() as u64;
            let start = lines.saturating_sub(newlines) as usize;
            FileError::Structure {
                line: start + e.line(),
                column: e.column(),
                message: super::strip_position(&e.to_string()),
            }
        })?;
        super::upgrade(&mut record, header.version)?;
        (self.each)(&header, record)
    }
}

impl<'de, E, F> Visitor<'de> for &mut Reading<'_, E, F>
where
    E: From<FileError>,
    F: FnMut(&Header, SubmissionRecord) -> Result<(), E>,
{
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an anketa submission file")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "format" => &mut self.parts.format,
                "version" => &mut self.parts.version,
                "exported_at" => &mut self.parts.exported_at,
                "machine" => &mut self.parts.machine,
                "checksum" => &mut self.parts.checksum,
                "submissions" if !self.parts.submissions => {
                    self.parts.submissions = true;
                    // Handed on as they come once the file has said what it is; kept until
                    // then in a file whose fields come in another order.
                    if let Ok(header) = self.parts.header() {
                        self.begin(&header);
                    }
                    map.next_value_seed(Records(&mut *self))?;
                    continue;
                }
                "submissions" => return self.stop(duplicate(&key)),
                _ => {
                    self.parts.unknown.get_or_insert(key);
                    map.next_value::<de::IgnoredAny>()?;
                    continue;
                }
            };
            if slot.is_some() {
                // A reader that takes the first of two would see another file.
                return self.stop(duplicate(&key));
            }
            *slot = Some(map.next_value()?);
        }
        Ok(())
    }
}

fn duplicate(field: &str) -> FileError {
    structure(format!("the field `{field}` is given twice"))
}

/// The `submissions` array, read one element at a time.
struct Records<'r, 'f, E, F>(&'r mut Reading<'f, E, F>);

impl<'de, E, F> DeserializeSeed<'de> for Records<'_, '_, E, F>
where
    E: From<FileError>,
    F: FnMut(&Header, SubmissionRecord) -> Result<(), E>,
{
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, E, F> Visitor<'de> for Records<'_, '_, E, F>
where
    E: From<FileError>,
    F: FnMut(&Header, SubmissionRecord) -> Result<(), E>,
{
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of submissions")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let reading = self.0;
        loop {
            let mut counts = reading.counts.get();
            counts.record = 0;
            reading.counts.set(counts);
            let Some(raw) = seq.next_element::<Box<RawValue>>()? else {
                return Ok(());
            };
            let lines = reading.counts.get().lines;
            if reading.header.is_none() {
                reading.parts.waiting.push((raw, lines));
                continue;
            }
            if let Err(e) = reading.record(&raw, lines) {
                return reading.stop(e);
            }
        }
    }
}
