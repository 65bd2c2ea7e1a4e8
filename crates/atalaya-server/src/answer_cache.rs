//! Answers of `/api/v1/series`, `/api/v1/map.svg`, `/api/v1/stats` and `/api/v1/alerts` kept
//! for the requests that repeat them.
//! A dashboard's first and heaviest views (the map; every state, every month of every year:
//! thousands of points) are asked for again and again by its users, and rebuilding one costs milliseconds of store reads and JSON;
//! sending a kept copy costs microseconds.
//!
//! An answer is keyed by the parsed request and the store's data version
//! (`Store::data_version`, which every write moves), so it is exactly what the store would
//! give now; the version is read on each request. The cache holds at most `max_bytes` of
//! answers, the least recently used leaving first; 0 turns it off.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use axum::body::Bytes;

pub struct AnswerCache {
    max_bytes: usize,
    inner: Mutex<Entries>,
    built: AtomicU64,
}

#[derive(Default)]
struct Entries {
    /// One answer per request: the newest data version's.
    map: HashMap<String, Entry>,
    bytes: usize,
    /// Counts uses, to find the least recently used when the cache is full.
    clock: u64,
}

struct Entry {
    version: i64,
    answer: Bytes,
    used: u64,
}

impl AnswerCache {
    pub fn new(max_bytes: usize) -> AnswerCache {
        AnswerCache {
            max_bytes,
            inner: Mutex::new(Entries::default()),
            built: AtomicU64::new(0),
        }
    }

    /// The answer to `key` at `version`: the kept one, or `build`'s (kept if it fits).
    pub fn get_or_build<E>(
        &self,
        key: String,
        version: i64,
        build: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Bytes, E> {
        if let Some(hit) = self.get(&key, version) {
            return Ok(hit);
        }
        self.built.fetch_add(1, Ordering::Relaxed);
        let answer = Bytes::from(build()?);
        self.put(key, version, answer.clone());
        Ok(answer)
    }

    fn get(&self, key: &str, version: i64) -> Option<Bytes> {
        if self.max_bytes == 0 {
            return None;
        }
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let e = &mut *guard;
        e.clock += 1;
        let entry = e.map.get_mut(key).filter(|x| x.version == version)?;
        entry.used = e.clock;
        Some(entry.answer.clone())
    }

    fn put(&self, key: String, version: i64, answer: Bytes) {
        // One answer may take a quarter of the cache at most, so a few huge ones cannot
        // push out everything else.
        if answer.len() > self.max_bytes / 4 {
            return;
        }
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let e = &mut *guard;
        // An answer of older data is never asked for again: the new one replaces it.
        if let Some(old) = e.map.get(&key) {
            if old.version > version {
                return;
            }
            e.bytes -= old.answer.len();
        }
        e.clock += 1;
        e.bytes += answer.len();
        e.map.insert(
            key,
            Entry {
                version,
                answer,
                used: e.clock,
            },
        );
        // Full: the least recently used leave (a scan, but only when an answer was built,
        // which costs far more).
        while e.bytes > self.max_bytes {
            let Some(oldest) = e
                .map
                .iter()
                .min_by_key(|(_, x)| x.used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(x) = e.map.remove(&oldest) {
                e.bytes -= x.answer.len();
            }
        }
    }

    /// How many answers were built from the store (not sent from the cache).
    pub fn built(&self) -> u64 {
        self.built.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(text: &str) -> impl FnOnce() -> Result<Vec<u8>, ()> {
        let v = text.as_bytes().to_vec();
        move || Ok(v)
    }

    #[test]
    fn an_answer_is_built_once_per_request_and_data_version() {
        let c = AnswerCache::new(1000);
        assert_eq!(
            &c.get_or_build("q".into(), 1, answer("a")).unwrap()[..],
            b"a"
        );
        assert_eq!(
            &c.get_or_build("q".into(), 1, answer("b")).unwrap()[..],
            b"a"
        );
        assert_eq!(c.built(), 1);
        // New data: built again, and the old answer is gone.
        assert_eq!(
            &c.get_or_build("q".into(), 2, answer("c")).unwrap()[..],
            b"c"
        );
        assert_eq!(c.inner.lock().unwrap().map.len(), 1);
        assert_eq!(c.built(), 2);
        // A failed build keeps nothing.
        assert!(c.get_or_build("r".into(), 2, || Err(())).is_err());
        assert_eq!(
            &c.get_or_build("r".into(), 2, answer("d")).unwrap()[..],
            b"d"
        );
        assert_eq!(c.built(), 4);
    }

    #[test]
    fn the_least_recently_used_leave_when_full_and_huge_answers_are_not_kept() {
        let c = AnswerCache::new(40);
        let ten = "x".repeat(10);
        for k in ["a", "b", "c", "d"] {
            c.get_or_build(k.into(), 1, answer(&ten)).unwrap();
        }
        // "a" is used again, so "b" is the oldest when "e" arrives.
        c.get_or_build("a".into(), 1, answer("?")).unwrap();
        c.get_or_build("e".into(), 1, answer(&ten)).unwrap();
        let keys = |c: &AnswerCache| {
            let mut k: Vec<String> = c.inner.lock().unwrap().map.keys().cloned().collect();
            k.sort();
            k
        };
        assert_eq!(keys(&c), ["a", "c", "d", "e"]);
        assert_eq!(c.inner.lock().unwrap().bytes, 40);
        // 11 bytes is over a quarter of 40: sent, not kept.
        c.get_or_build("f".into(), 1, answer(&"y".repeat(11)))
            .unwrap();
        assert_eq!(keys(&c), ["a", "c", "d", "e"]);
        // Off: nothing is kept.
        let off = AnswerCache::new(0);
        off.get_or_build("a".into(), 1, answer("a")).unwrap();
        off.get_or_build("a".into(), 1, answer("a")).unwrap();
        assert_eq!(off.built(), 2);
    }
}
