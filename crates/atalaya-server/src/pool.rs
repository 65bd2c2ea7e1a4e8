//! A fixed set of open stores reused across requests. SQLite in WAL mode lets them read at
//! the same time (and while an import writes). At most `size` requests use the store at
//! once; the others wait their turn without holding a thread, so a burst neither opens
//! connections (each with a cold page cache) nor runs more queries than there are cores to
//! serve them.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use atalaya_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::error::ApiError;

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    pub fn new(path: PathBuf, size: usize) -> Result<Pool, StoreError> {
        let first = Store::open(&path)?;
        let size = size.max(1);
        Ok(Pool {
            path,
            idle: Mutex::new(vec![first]),
            permits: Arc::new(Semaphore::new(size)),
        })
    }

    /// Runs `f` on a store, on the blocking threads, once a store is free.
    pub async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(ApiError::internal)?;
        let pool = self.clone();
        tokio::task::spawn_blocking(move || {
            // The permit is held until the work ends, even if the request gave up waiting.
            let _permit = permit;
            pool.with(f)
        })
        .await
        .map_err(ApiError::internal)?
    }

    fn with<T>(&self, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let taken = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let store = match taken {
            Some(s) => s,
            None => Store::open(&self.path)?,
        };
        let out = f(&store);
        // Never more stores than permits: every one opened is kept.
        self.idle
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(store);
        out
    }
}
