//! Answers of `/api/v1/series` and `/api/v1/map.svg` kept for the requests that repeat them.
//! A dashboard's first and heaviest views (the map; every state, every month of every year:
//! thousands of points) are asked for again and again by its users, and rebuilding one costs milliseconds of store reads and JSON;
//! sending a kept copy costs microseconds.
//!
//! An answer is keyed by the parsed request and the store's data version
//! (`Store::data_version`, which every write moves), so it is exactly what the store would
//! give now; the version is read on each request. The cache holds at most `max_bytes` of
//! answers, the least recently used leaving first; 0 turns it off.

use std::collections::VecDeque;
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
    /// (request, data version, answer), least recently used first.
    list: VecDeque<(String, i64, Bytes)>,
    bytes: usize,
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
        let mut e = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let i = e
            .list
            .iter()
            .position(|(k, v, _)| *v == version && k == key)?;
        let hit = e.list.remove(i).expect("found above");
        let answer = hit.2.clone();
        e.list.push_back(hit);
        Some(answer)
    }

    fn put(&self, key: String, version: i64, answer: Bytes) {
        // One answer may take a quarter of the cache at most, so a few huge ones cannot
        // push out everything else.
        if answer.len() > self.max_bytes / 4 {
            return;
        }
        let mut e = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        // Answers of older data are never asked for again: drop them at once.
        let before = e.list.len();
        e.list.retain(|(k, v, _)| *v == version || k != &key);
        if e.list.len() != before {
            e.bytes = e.list.iter().map(|(_, _, a)| a.len()).sum();
        }
        if e.list.iter().any(|(k, v, _)| *v == version && k == &key) {
            return;
        }
        e.bytes += answer.len();
        e.list.push_back((key, version, answer));
        while e.bytes > self.max_bytes {
            let Some((_, _, old)) = e.list.pop_front() else {
                break;
            };
            e.bytes -= old.len();
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
        assert_eq!(c.inner.lock().unwrap().list.len(), 1);
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
        let keys: Vec<String> = c
            .inner
            .lock()
            .unwrap()
            .list
            .iter()
            .map(|e| e.0.clone())
            .collect();
        assert_eq!(keys, ["c", "d", "a", "e"]);
        assert_eq!(c.inner.lock().unwrap().bytes, 40);
        // 11 bytes is over a quarter of 40: sent, not kept.
        c.get_or_build("f".into(), 1, answer(&"y".repeat(11)))
            .unwrap();
        assert_eq!(c.inner.lock().unwrap().list.len(), 4);
        // Off: nothing is kept.
        let off = AnswerCache::new(0);
        off.get_or_build("a".into(), 1, answer("a")).unwrap();
        off.get_or_build("a".into(), 1, answer("a")).unwrap();
        assert_eq!(off.built(), 2);
    }
}
