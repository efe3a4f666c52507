//! `check --fix`: the file side of fixing. The fixing itself is the analysis' one engine
//! ([`crate::analysis::fix`]), shared with the editor's fix-all; this module writes its result
//! back atomically.

use std::fs;
use std::io::{self, Write as _};
use std::path::Path;

pub use crate::analysis::fix::AppliedFix;

/// Replaces the file at `path` with `bytes` atomically: a temporary file in the same folder,
/// renamed over the original, with the original's permissions. A symlink is followed, so the
/// link stays a link.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let permissions = fs::metadata(&target)?.permissions();
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.as_file().set_permissions(permissions)?;
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
            write_atomically(&link, "\u{feff}new\r\n".as_bytes()).unwrap();
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
        write_atomically(&path, "\u{feff}new\r\n".as_bytes()).unwrap();
        assert_eq!(fs::read(&path).unwrap(), "\u{feff}new\r\n".as_bytes());
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert!(names.len() <= 2, "{names:?}");
    }
}
