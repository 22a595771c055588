//! Writing files so that a crash or a full disk never leaves half of one behind.

use std::io::Write;
use std::path::Path;

/// Write to a temporary file beside `path`, flush it to disk, then rename it into place, so
/// that `path` is never a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp_name = path.file_name().unwrap_or_default().to_owned();
    tmp_name.push(".partial");
    let tmp = path.with_file_name(tmp_name);
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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
/// Returns how many were written.
pub fn export(
    store: &mut crate::store::Store,
    ids: &[crate::store::SubmissionId],
    path: &Path,
) -> Result<usize, ExportError> {
    let records = store.export(ids)?;
    let bytes = crate::exchange::write(
        crate::store::now(),
        store.machine().to_owned(),
        records.clone(),
    );
    write_atomically(path, &bytes).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })?;
    store.mark_exported(&records)?;
    Ok(records.len())
}
