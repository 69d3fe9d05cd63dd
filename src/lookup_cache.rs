//! Lookups cached on disk per environment (base URL), so the dropdowns are full the moment the
//! app starts and are refreshed in the background (stale-while-revalidate). The cache holds
//! only the public lookup lists: never a key.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::api::types::{Area, PostalCode, SalesAgent};

#[derive(Debug, Error)]
pub enum CacheError {
    #[error("The saved lookups at {path} could not be read ({detail}); they will be loaded again.")]
    Read { path: String, detail: String },
    #[error(
        "The lookups could not be saved to {path} ({detail}); they will be loaded again next time."
    )]
    Write { path: String, detail: String },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CachedLookups {
    pub base_url: String,
    /// Seconds since the Unix epoch.
    pub saved_at: u64,
    pub areas: Vec<Area>,
    pub postal_codes: Vec<PostalCode>,
    pub agents: Vec<SalesAgent>,
}

#[derive(Debug, Clone)]
pub struct LookupCache {
    dir: PathBuf,
}

impl LookupCache {
    /// `$XDG_CACHE_HOME/sourcehub-desk/` (or the platform's equivalent).
    pub fn default_location() -> Option<LookupCache> {
        let dirs = directories::ProjectDirs::from("in", "Sourcehub", "sourcehub-desk")?;
        Some(LookupCache::at(dirs.cache_dir()))
    }

    pub fn at(dir: impl Into<PathBuf>) -> LookupCache {
        LookupCache { dir: dir.into() }
    }

    /// One file per base URL; the name is a hash so a URL never becomes a path.
    pub fn path_for(&self, base_url: &str) -> PathBuf {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        base_url.trim().hash(&mut h);
        self.dir.join(format!("lookups-{:016x}.json", h.finish()))
    }

    pub fn exists(&self, base_url: &str) -> bool {
        self.path_for(base_url).is_file()
    }

    pub fn load(&self, base_url: &str) -> Result<Option<CachedLookups>, CacheError> {
        let path = self.path_for(base_url);
        let err = |detail: String| CacheError::Read {
            path: path.display().to_string(),
            detail,
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(err(e.to_string())),
        };
        let cached: CachedLookups =
            serde_json::from_slice(&bytes).map_err(|e| err(e.to_string()))?;
        // A hash collision or a hand-edited file must not show another server's lists.
        Ok(Some(cached).filter(|c| c.base_url.trim() == base_url.trim()))
    }

    /// Temp file + rename, so a kill mid-write leaves the old cache, not half a new one.
    pub fn save(&self, cached: &CachedLookups) -> Result<(), CacheError> {
        let path = self.path_for(&cached.base_url);
        let err = |detail: String| CacheError::Write {
            path: path.display().to_string(),
            detail,
        };
        crate::atomic_file::write_json(&path, cached).map_err(|e| err(e.to_string()))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_base_url_round_trip() {
        let dir = tempfile::tempdir().expect("temp");
        let cache = LookupCache::at(dir.path().join("c"));
        let a = "http://127.0.0.1:1/api";
        let b = "https://testwebservices.sourcehub.in/api";
        assert_ne!(cache.path_for(a), cache.path_for(b));
        assert!(cache.load(a).expect("missing is fine").is_none());
        let cached = CachedLookups {
            base_url: a.into(),
            saved_at: 42,
            agents: vec![SalesAgent {
                id: Some(12),
                name: Some("Lakshmi Narayan".into()),
            }],
            ..CachedLookups::default()
        };
        cache.save(&cached).expect("save");
        assert!(cache.exists(a));
        assert_eq!(cache.load(a).expect("load"), Some(cached));
        assert!(cache.load(b).expect("other env").is_none());
    }

    #[test]
    fn a_corrupt_cache_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("temp");
        let cache = LookupCache::at(dir.path());
        let url = "http://127.0.0.1:2/api";
        std::fs::write(cache.path_for(url), b"{\"areas\": [").expect("write");
        let e = cache.load(url).expect_err("corrupt");
        assert!(e.to_string().contains("loaded again"), "{e}");
    }
}
