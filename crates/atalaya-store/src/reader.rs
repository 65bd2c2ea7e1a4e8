//! Opening input files: plain, gzip or bzip2 by extension, with a byte counter on the
//! compressed stream so long imports can show progress against the file size.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Counts bytes read from the underlying file.
pub struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

pub struct Opened {
    pub reader: Box<dyn Read + Send>,
    /// Bytes of the file read so far.
    pub position: Arc<AtomicU64>,
    /// The file's size on disk.
    pub size: u64,
}

/// Opens `path`, decompressing `.gz` (multi-member) and `.bz2` by extension.
pub fn open(path: &Path) -> io::Result<Opened> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    let position = Arc::new(AtomicU64::new(0));
    let counted = Counting {
        inner: file,
        count: position.clone(),
    };
    let name = path.to_string_lossy().to_ascii_lowercase();
    let reader: Box<dyn Read + Send> = if name.ends_with(".gz") {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(BufReader::new(counted)),
        ))
    } else if name.ends_with(".bz2") {
        Box::new(BufReader::with_capacity(
            1 << 16,
            bzip2::read::MultiBzDecoder::new(BufReader::new(counted)),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, counted))
    };
    Ok(Opened {
        reader,
        position,
        size,
    })
}
