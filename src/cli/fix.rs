//! `check --fix`: the file side of fixing. The fixing itself is the analysis' one engine
//! ([`crate::analysis::fix`]), shared with the editor's fix-all; this module writes its result
//! back atomically, and only if the file still holds what was read: an edit saved while `--fix`
//! ran is never overwritten ([`write_atomically`]).

use std::fmt;
use std::fs;
use std::io::{self, Write as _};
use std::path::Path;

pub use crate::analysis::fix::AppliedFix;

/// Why fixes were not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file no longer holds what was read: someone saved it while the fixes were made.
    Changed,
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(err: io::Error) -> WriteError {
        WriteError::Io(err)
    }
}

impl WriteError {
    /// Why the fixes were not written, in `lang`.
    pub fn render(&self, lang: crate::analysis::Lang) -> String {
        match self {
            WriteError::Changed => t!(lang, "fix-changed-on-disk"),
            WriteError::Io(err) => t!(lang, "fix-cannot-write", error = err.to_string()),
        }
    }
}

/// In the default language (Chinese); [`WriteError::render`] for another.
impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::analysis::Lang::default()))
    }
}

/// Replaces the file at `path` with `bytes` atomically, if it still holds `read` (the bytes
/// the fixes were made from): a temporary file in the same folder, renamed over the original,
/// with the original's permissions. A symlink is followed, so the link stays a link.
///
/// The file is compared just before the rename, after the slow part (writing and syncing the
/// temporary file); `before_check` runs right before the comparison (tests change the file
/// there). Comparing the contents, not the modification time, also catches a same-size save
/// within the file system's time resolution.
pub fn write_atomically(
    path: &Path,
    read: &[u8],
    bytes: &[u8],
    before_check: impl FnOnce(),
) -> Result<(), WriteError> {
    let target = fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let permissions = fs::metadata(&target)?.permissions();
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.as_file().set_permissions(permissions)?;
    before_check();
    if fs::read(&target)? != read {
        // Dropping `temp` removes it.
        return Err(WriteError::Changed);
    }
    temp.persist(&target).map_err(|err| err.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn atomic_write_keeps_permissions_and_follows_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
            let link = dir.path().join("link.md");
            std::os::unix::fs::symlink(&path, &link).unwrap();
            write_atomically(&link, b"old", "\u{feff}new\r\n".as_bytes(), || {}).unwrap();
            assert!(fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        #[cfg(not(unix))]
        write_atomically(&path, b"old", "\u{feff}new\r\n".as_bytes(), || {}).unwrap();
        assert_eq!(fs::read(&path).unwrap(), "\u{feff}new\r\n".as_bytes());
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert!(names.len() <= 2, "{names:?}");
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        fs::write(&path, "总计 | 3 |\n").unwrap();
        // Saved by an editor between the read and the write: same length, other contents.
        let saved = "总计 | 4 |\n";
        let err = write_atomically(&path, "总计 | 3 |\n".as_bytes(), b"fixed", || {
            fs::write(&path, saved).unwrap()
        })
        .unwrap_err();
        assert!(matches!(err, WriteError::Changed), "{err:?}");
        assert!(
            err.render(crate::analysis::Lang::En)
                .starts_with("changed on disk"),
            "{err}"
        );
        assert!(
            err.to_string().starts_with("ogi-lint 修正期间文件被改动过"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), saved);
        // The temporary file is gone.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // Unchanged: replaced.
        write_atomically(&path, saved.as_bytes(), b"fixed", || {}).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "fixed");
        // Deleted meanwhile: an error, and nothing is written.
        let err = write_atomically(&path, b"fixed", b"again", || {
            fs::remove_file(&path).unwrap()
        })
        .unwrap_err();
        assert!(matches!(err, WriteError::Io(_)), "{err:?}");
        assert!(!path.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
