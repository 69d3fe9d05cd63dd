//! Writing the app's own files (draft, recent submissions, lookup cache) so that a kill in the
//! middle never leaves half a file: write a temp file beside it, then rename over it.

use std::path::Path;

use serde::Serialize;

/// Serialises `value` as JSON to `path` through `path.json.tmp` + rename, creating the folder.
pub fn write_json(path: &Path, value: &impl Serialize) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let bytes = serde_json::to_vec(value)?;
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
