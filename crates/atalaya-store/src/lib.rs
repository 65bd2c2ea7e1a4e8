//! The embedded event store: one SQLite file holding events, actors, official indicator
//! series, kingpin interventions and catalogs, with aggregates kept in step on every write.
//! Importers, exporters and the query layer live here; analyses read through `query`.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub mod articles;
pub mod check;
pub mod export;
pub mod export_parquet;
pub mod hash;
pub mod import;
pub mod news;
pub mod query;
mod raw;
pub mod reader;
pub mod review;
pub mod schema;
pub mod shared_data;
pub mod synth;
mod text_blocks;
pub mod write;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Schema(String),
    #[error("{0}")]
    Invalid(String),
    /// A first load (see `write::Writer`) found the same event id twice in its file; the
    /// import is redone row by row, where the second occurrence updates the first.
    #[error("the file repeats an event id")]
    RepeatedId,
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Process-wide SQLite settings, applied once before the first connection. Memory
/// statistics take a global mutex on every SQLite allocation; nothing here reads them.
fn configure_sqlite() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config is called before any connection is opened by this process
        // (Store::open is the only opener and calls this first); if SQLite was already
        // initialised it returns SQLITE_MISUSE and changes nothing.
        unsafe {
            rusqlite::ffi::sqlite3_config(
                rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
                0 as std::os::raw::c_int,
            );
        }
    });
}

/// How long a connection waits for another's lock before failing.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    /// Inflated event text blocks, shared by this store's reads (see `text_blocks`).
    pub(crate) blocks: std::sync::Mutex<text_blocks::BlockCache>,
}

impl Store {
    /// Opens the database at `path`, creating it and applying migrations as needed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        configure_sqlite();
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // 16 KiB pages (only takes effect when the file is new): fewer, fuller B-tree pages
        // for rows of a few hundred bytes; measured ~10% faster bulk imports than 4 KiB.
        conn.pragma_update(None, "page_size", 16384)?;
        // WAL: readers (the server) keep reading while an import writes; a killed import
        // leaves only uncommitted frames, which the next open ignores.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 64 MiB page cache: keeps the uid index hot during large imports.
        conn.pragma_update(None, "cache_size", -65536)?;
        let before = schema::migrate(&mut conn)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            blocks: Default::default(),
        };
        if before > 0 && before < schema::REVIEW_VERSION {
            review::requeue_unreviewed(&mut store)?;
        }
        Ok(store)
    }

    /// An in-memory store, for tests and one-off pipelines.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: PathBuf::from(":memory:"),
            blocks: Default::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read-only access for analyses that need SQL the query layer does not offer.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
