//! The unfinished customer, saved to disk as the clerk types and restored after a crash or kill.
//! Writes are atomic (temp file + rename) so a kill mid-write never leaves half a draft. The
//! draft holds only form fields: never the API key.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};

use thiserror::Error;

use crate::domain::CustomerDraft;

#[derive(Debug, Error)]
pub enum DraftError {
    #[error(
        "The unfinished customer could not be saved to {path}: {source}. Your typing is still in the window."
    )]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "The saved unfinished customer at {path} could not be read ({detail}); starting with an empty form."
    )]
    Read { path: String, detail: String },
}

#[derive(Debug, Clone)]
pub struct DraftStore {
    path: PathBuf,
}

impl DraftStore {
    /// `$XDG_DATA_HOME/sourcehub-desk/draft.json` (or the platform's equivalent).
    pub fn default_location() -> Option<DraftStore> {
        let dirs = directories::ProjectDirs::from("in", "Sourcehub", "sourcehub-desk")?;
        Some(DraftStore::at(dirs.data_dir().join("draft.json")))
    }

    pub fn at(path: impl Into<PathBuf>) -> DraftStore {
        DraftStore { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load(&self) -> Result<Option<CustomerDraft>, DraftError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(DraftError::Read {
                    path: self.path.display().to_string(),
                    detail: e.to_string(),
                });
            }
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| DraftError::Read {
                path: self.path.display().to_string(),
                detail: e.to_string(),
            })
    }

    pub fn save(&self, draft: &CustomerDraft) -> Result<(), DraftError> {
        let err = |source| DraftError::Write {
            path: self.path.display().to_string(),
            source,
        };
        crate::atomic_file::write_json(&self.path, draft).map_err(err)
    }

    pub fn clear(&self) -> Result<(), DraftError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(DraftError::Write {
                path: self.path.display().to_string(),
                source,
            }),
        }
    }

    /// A writer thread: the UI sends the latest draft (or `None` to clear) and never waits on
    /// the disk. Bursts of keystrokes collapse into one write of the newest draft.
    pub fn spawn_writer(self) -> Sender<Option<CustomerDraft>> {
        let (tx, rx) = channel::<Option<CustomerDraft>>();
        std::thread::spawn(move || {
            while let Ok(mut next) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    next = newer;
                }
                let result = match &next {
                    Some(d) if *d != CustomerDraft::default() => self.save(d),
                    _ => self.clear(),
                };
                if let Err(e) = result {
                    log::warn!("{e}");
                }
            }
        });
        tx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_load_clear_round_trip() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = DraftStore::at(dir.path().join("nested").join("draft.json"));
        assert!(store.load().expect("load").is_none());
        let draft = CustomerDraft {
            company_name: "Arun Store".into(),
            gstin: "29AAACC1206D2ZB".into(),
            ..CustomerDraft::default()
        };
        store.save(&draft).expect("save");
        assert_eq!(store.load().expect("load"), Some(draft));
        assert!(
            !store.path().with_extension("json.tmp").exists(),
            "temp file renamed away"
        );
        store.clear().expect("clear");
        assert!(store.load().expect("load").is_none());
        store.clear().expect("clearing twice is fine");
    }

    #[test]
    fn a_corrupt_draft_is_reported_not_fatal() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("draft.json");
        std::fs::write(&path, "{not json").expect("write");
        let err = DraftStore::at(&path).load().expect_err("corrupt");
        assert!(
            err.to_string().contains("starting with an empty form"),
            "{err}"
        );
    }
}
