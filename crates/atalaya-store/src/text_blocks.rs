//! Event text in blocks. A first load keeps each event's row narrow: the text nothing
//! filters or aggregates on (measures, sources with their quotes, tags, the origin's
//! source id) goes into `event_text`, deflated per `BLOCK_EVENTS` events, and the row
//! points at its block and slot. SQLite then writes about half the bytes (the WAL and
//! its checkpoint write everything twice), which is most of a first load's storing time.
//!
//! Every other write (an upsert that changes an event, news coding, merges) stores the
//! text in the row and clears the pointer, so blocks are never rewritten: a block id,
//! once committed, names the same bytes for the life of the database file (ids come
//! from AUTOINCREMENT and are never reused), which is what lets readers cache blocks by
//! id. Deleted or updated events leave holes in their blocks.
//!
//! A block's data: the raw length (u32 LE), then raw deflate of the slots, each slot four
//! fields (measures, sources, tags, source id), each a u32 LE length and UTF-8 bytes.

use std::sync::Arc;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use rusqlite::{Connection, OptionalExtension};
use rustc_hash::FxHashMap as HashMap;

use crate::StoreError;

/// Events per block: with deflate's 32 KiB window, 128 synthetic events (~22 KB of text)
/// keep 90% of the compression of 256 while a reader that needs one event inflates half
/// as much.
pub(crate) const BLOCK_EVENTS: usize = 128;

/// Fields per slot.
const FIELDS: usize = 4;

/// Where an event's text lives when it is not in the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextRef {
    pub block: i64,
    pub slot: u32,
}

/// Fills blocks during a first load, in the writer's transaction.
pub(crate) struct BlockWriter {
    next: i64,
    raw: Vec<u8>,
    slots: u32,
    compress: Compress,
    out: Vec<u8>,
}

impl BlockWriter {
    /// Starts the blocks of a first load. The events table is empty, so every stored block
    /// is all holes: they are removed (their ids stay used).
    pub fn start(conn: &Connection) -> Result<BlockWriter, StoreError> {
        conn.execute_batch("DELETE FROM event_text")?;
        let seq: Option<i64> = conn
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'event_text'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(BlockWriter {
            next: seq.unwrap_or(0) + 1,
            raw: Vec::with_capacity(64 * 1024),
            slots: 0,
            compress: Compress::new(Compression::fast(), false),
            out: Vec::with_capacity(32 * 1024),
        })
    }

    /// Adds one event's text fields (measures, sources, tags, source id); writes the block
    /// when it is full.
    pub fn push(
        &mut self,
        conn: &Connection,
        fields: [&str; FIELDS],
    ) -> Result<TextRef, StoreError> {
        if self.slots as usize == BLOCK_EVENTS {
            self.flush(conn)?;
        }
        for f in fields {
            self.raw.extend_from_slice(&(f.len() as u32).to_le_bytes());
            self.raw.extend_from_slice(f.as_bytes());
        }
        let r = TextRef {
            block: self.next,
            slot: self.slots,
        };
        self.slots += 1;
        Ok(r)
    }

    /// Writes the block being filled, if it holds anything.
    pub fn flush(&mut self, conn: &Connection) -> Result<(), StoreError> {
        if self.slots == 0 {
            return Ok(());
        }
        self.out.clear();
        self.out
            .extend_from_slice(&(self.raw.len() as u32).to_le_bytes());
        // Deflate's worst case is a few bytes per 16 KiB over the input.
        self.out
            .reserve(self.raw.len() + self.raw.len() / 1000 + 64);
        self.compress.reset();
        let status = self
            .compress
            .compress_vec(&self.raw, &mut self.out, FlushCompress::Finish)
            .map_err(|e| StoreError::Invalid(format!("compressing event text: {e}")))?;
        if status != Status::StreamEnd {
            return Err(StoreError::Invalid(
                "compressing event text: the output buffer was too small".into(),
            ));
        }
        conn.prepare_cached("INSERT INTO event_text (block, data) VALUES (?1, ?2)")?
            .execute(rusqlite::params![self.next, self.out])?;
        self.next += 1;
        self.raw.clear();
        self.slots = 0;
        Ok(())
    }
}

/// One inflated block: its bytes and where each slot starts.
struct Block {
    raw: Vec<u8>,
    slots: Vec<u32>,
}

impl Block {
    fn decode(id: i64, data: &[u8]) -> Result<Block, StoreError> {
        let bad = |m: &str| StoreError::Invalid(format!("event text block {id}: {m}"));
        let (len, stream) = data
            .split_first_chunk::<4>()
            .ok_or_else(|| bad("shorter than its header"))?;
        let len = u32::from_le_bytes(*len) as usize;
        let mut raw = Vec::with_capacity(len);
        let status = Decompress::new(false)
            .decompress_vec(stream, &mut raw, FlushDecompress::Finish)
            .map_err(|e| bad(&e.to_string()))?;
        if status != Status::StreamEnd || raw.len() != len {
            return Err(bad("its data does not inflate to its stated length"));
        }
        let mut slots = Vec::with_capacity(BLOCK_EVENTS);
        let mut at = 0;
        while at < raw.len() {
            slots.push(at as u32);
            for _ in 0..FIELDS {
                at = field_end(&raw, at).ok_or_else(|| bad("a field runs past the end"))?;
            }
        }
        Ok(Block { raw, slots })
    }

    /// The four text fields of `slot`.
    fn fields(&self, slot: u32) -> Option<[&str; FIELDS]> {
        let mut at = *self.slots.get(slot as usize)? as usize;
        let mut out = [""; FIELDS];
        for f in &mut out {
            let end = field_end(&self.raw, at)?;
            *f = std::str::from_utf8(&self.raw[at + 4..end]).ok()?;
            at = end;
        }
        Some(out)
    }
}

/// The end of the length-prefixed field at `at`.
fn field_end(raw: &[u8], at: usize) -> Option<usize> {
    let len = u32::from_le_bytes(raw.get(at..at + 4)?.try_into().ok()?) as usize;
    let end = at + 4 + len;
    (end <= raw.len()).then_some(end)
}

/// Inflated blocks, the most recently used kept: a page of events from one state touches
/// one block per event, and the next page (or the same page asked again) mostly the same.
pub(crate) struct BlockCache {
    blocks: HashMap<i64, (u64, Arc<Block>)>,
    clock: u64,
    capacity: usize,
}

impl Default for BlockCache {
    fn default() -> Self {
        // ~22 KB per synthetic block: about 6 MB at most.
        BlockCache::with_capacity(256)
    }
}

impl BlockCache {
    pub fn with_capacity(capacity: usize) -> BlockCache {
        BlockCache {
            blocks: HashMap::default(),
            clock: 0,
            capacity: capacity.max(1),
        }
    }

    /// Calls `f` with the text fields of `r`.
    pub fn with_fields<T>(
        &mut self,
        conn: &Connection,
        r: TextRef,
        f: impl FnOnce([&str; FIELDS]) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.clock += 1;
        let block = match self.blocks.get_mut(&r.block) {
            Some((stamp, b)) => {
                *stamp = self.clock;
                b.clone()
            }
            None => {
                let data: Vec<u8> = conn
                    .prepare_cached("SELECT data FROM event_text WHERE block = ?1")?
                    .query_row([r.block], |row| row.get(0))
                    .optional()?
                    .ok_or_else(|| {
                        StoreError::Invalid(format!("event text block {} is missing", r.block))
                    })?;
                let b = Arc::new(Block::decode(r.block, &data)?);
                if self.blocks.len() >= self.capacity {
                    let oldest = self
                        .blocks
                        .iter()
                        .min_by_key(|(_, (stamp, _))| *stamp)
                        .map(|(&id, _)| id);
                    if let Some(id) = oldest {
                        self.blocks.remove(&id);
                    }
                }
                self.blocks.insert(r.block, (self.clock, b.clone()));
                b
            }
        };
        let fields = block.fields(r.slot).ok_or_else(|| {
            StoreError::Invalid(format!(
                "event text block {} has no readable slot {}",
                r.block, r.slot
            ))
        })?;
        f(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE event_text (block INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL);",
        )
        .unwrap();
        c
    }

    #[test]
    fn slots_read_back_across_blocks_and_ids_are_never_reused() {
        let c = conn();
        let mut w = BlockWriter::start(&c).unwrap();
        let texts: Vec<[String; 4]> = (0..BLOCK_EVENTS * 2 + 5)
            .map(|i| {
                [
                    format!("{{\"fatalities\":{i}}}"),
                    format!("[{{\"doc\":\"d\",\"quote\":\"ñandú {i}\"}}]"),
                    if i % 3 == 0 {
                        "[\"x\"]".into()
                    } else {
                        "[]".into()
                    },
                    format!("SRC-{i}"),
                ]
            })
            .collect();
        let refs: Vec<TextRef> = texts
            .iter()
            .map(|t| w.push(&c, [&t[0], &t[1], &t[2], &t[3]]).unwrap())
            .collect();
        w.flush(&c).unwrap();
        assert_eq!(refs[0], TextRef { block: 1, slot: 0 });
        assert_eq!(refs[BLOCK_EVENTS], TextRef { block: 2, slot: 0 });
        assert_eq!(refs.last().unwrap().block, 3);
        let mut cache = BlockCache::with_capacity(2);
        for (t, r) in texts.iter().zip(&refs).rev() {
            let got = cache
                .with_fields(&c, *r, |f| Ok(f.map(str::to_string)))
                .unwrap();
            assert_eq!(&got, t);
        }
        // A new first load removes the old blocks but never reuses their ids.
        let mut w = BlockWriter::start(&c).unwrap();
        assert_eq!(w.push(&c, ["", "", "", ""]).unwrap().block, 4);
        let n: i64 = c
            .query_row("SELECT count(*) FROM event_text", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn damaged_blocks_are_errors_naming_the_block() {
        let c = conn();
        c.execute(
            "INSERT INTO event_text (block, data) VALUES (7, x'10000000ffff')",
            [],
        )
        .unwrap();
        let err = BlockCache::default()
            .with_fields(&c, TextRef { block: 7, slot: 0 }, |_| Ok(()))
            .unwrap_err();
        assert!(err.to_string().contains("event text block 7"), "{err}");
        let err = BlockCache::default()
            .with_fields(&c, TextRef { block: 8, slot: 0 }, |_| Ok(()))
            .unwrap_err();
        assert!(err.to_string().contains("block 8 is missing"), "{err}");
    }
}
