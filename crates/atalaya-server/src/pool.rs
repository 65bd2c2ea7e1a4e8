//! A few open stores reused across requests. SQLite in WAL mode lets them read at the same
//! time (and while an import writes); opening one per request would repeat the schema check.

use std::path::PathBuf;
use std::sync::Mutex;

use atalaya_store::{Store, StoreError};

/// More idle connections than cores buys nothing: blocking work runs on a bounded pool.
const MAX_IDLE: usize = 16;

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Pool {
    pub fn new(path: PathBuf) -> Result<Pool, StoreError> {
        let first = Store::open(&path)?;
        Ok(Pool {
            path,
            idle: Mutex::new(vec![first]),
        })
    }

    pub fn with<T>(&self, f: impl FnOnce(&Store) -> T) -> Result<T, StoreError> {
        let taken = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let store = match taken {
            Some(s) => s,
            None => Store::open(&self.path)?,
        };
        let out = f(&store);
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(store);
        }
        Ok(out)
    }
}
