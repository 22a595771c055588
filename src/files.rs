//! Writing files so that a crash or a full disk never leaves half of one behind.

use crate::exchange::{SubmissionRecord, Writer};
use crate::store::ExportSink;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Write to a temporary file beside `path`, flush it to disk, then rename it into place, so
/// that `path` is never a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = partial(path);
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        put_in_place(file, &tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The temporary file a file is written as before it is renamed into place.
fn partial(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".partial");
    path.with_file_name(name)
}

fn put_in_place(file: File, tmp: &Path, path: &Path) -> std::io::Result<()> {
    file.sync_all()?;
    std::fs::rename(tmp, path)
}

/// Why submissions were not exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("{}: {source}", path.display())]
    Write {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Write the submissions `ids` into a submission file at `path`, whole or not at all, and
/// remember that they were exported (the next import knows what the other side has seen).
/// The file is written as the submissions are read, one at a time: its size takes no memory.
/// Returns how many were written.
pub fn export(
    store: &mut crate::store::Store,
    ids: &[crate::store::SubmissionId],
    path: &Path,
) -> Result<usize, ExportError> {
    let tmp = partial(path);
    let mut sink = FileSink {
        writer: None,
        tmp: &tmp,
        path,
    };
    let writer = File::create(&tmp)
        .and_then(|file| Writer::new(BufWriter::new(file), &crate::store::now(), store.machine()));
    sink.writer = Some(writer.map_err(|e| sink.failed(e))?);
    let result = store.export_with(ids, &mut sink);
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

struct FileSink<'a> {
    writer: Option<Writer<BufWriter<File>>>,
    tmp: &'a Path,
    path: &'a Path,
}

impl FileSink<'_> {
    fn failed(&self, source: std::io::Error) -> ExportError {
        ExportError::Write {
            path: self.path.to_owned(),
            source,
        }
    }
}

impl ExportSink for FileSink<'_> {
    type Error = ExportError;

    fn add(&mut self, record: &SubmissionRecord) -> Result<(), ExportError> {
        let Some(writer) = self.writer.as_mut() else {
            return Ok(());
        };
        writer.add(record).map_err(|e| self.failed(e))
    }

    fn done(&mut self) -> Result<(), ExportError> {
        let Some(writer) = self.writer.take() else {
            return Ok(());
        };
        (|| {
            let file = writer.finish()?.into_inner().map_err(|e| e.into_error())?;
            put_in_place(file, self.tmp, self.path)
        })()
        .map_err(|e| self.failed(e))
    }

    fn undo(&mut self) {
        let _ = std::fs::remove_file(self.path);
    }
}
