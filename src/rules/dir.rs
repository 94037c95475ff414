//! Reading user pack files from a directory.

use std::path::Path;

use super::{PackError, PackSource};

/// Reads every `*.yaml`/`*.yml` file under `dir` (recursively, sorted).
pub fn load_dir(dir: &Path) -> Result<Vec<PackSource>, PackError> {
    let io_error = |path: &Path, e: std::io::Error| {
        let file = path.display().to_string();
        PackError::at(&file, "", 0, 0, format!("cannot read rule directory: {e}"))
    };
    if !dir.is_dir() {
        return Err(io_error(
            dir,
            std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory"),
        ));
    }
    let mut paths: Vec<_> = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .build()
        .flatten()
        .map(ignore::DirEntry::into_path)
        .filter(|p| {
            p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).map_err(|e| io_error(&path, e))?;
            let file = path.display().to_string();
            let text = String::from_utf8(bytes).map_err(|e| {
                let offset = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                PackError::at(&file, &lossy, offset, 1, "invalid UTF-8 in rule pack")
            })?;
            Ok(PackSource { file, text })
        })
        .collect()
}
