//! Physical line numbers for rows. The csv crate's own count cannot serve: it counts the
//! `\n` of a CRLF terminator only when it reads the next record, and blank lines likewise,
//! so the position it gives for a row's start is early after every CRLF row (what Excel
//! and Python's csv module write) and after blank lines. Here the line breaks are found as
//! the bytes pass to the CSV reader, and a row's first line is derived from where it ends.

use std::collections::VecDeque;
use std::io::{self, Read};

/// Counts line breaks as a text editor shows them: `\n`, `\r\n` (one break) and a lone `\r`.
pub struct LineBreaks<R> {
    inner: R,
    /// Offset of the next byte `inner` yields.
    offset: u64,
    /// Offsets of breaks read but not yet passed by a query, ascending. Queries follow
    /// the CSV reader, which is at most its buffer behind, so this stays small.
    pending: VecDeque<u64>,
    /// Breaks before the first of `pending`.
    passed: u64,
    /// A `\r` ended the last chunk: whether it is a break depends on the next byte.
    open_cr: Option<u64>,
}

impl<R: Read> LineBreaks<R> {
    pub fn new(inner: R) -> Self {
        LineBreaks {
            inner,
            offset: 0,
            pending: VecDeque::new(),
            passed: 0,
            open_cr: None,
        }
    }

    /// Line breaks at offsets before `offset`. Calls must not go backwards.
    pub fn before(&mut self, offset: u64) -> u64 {
        while self.pending.front().is_some_and(|&b| b < offset) {
            self.pending.pop_front();
            self.passed += 1;
        }
        self.passed
    }

    /// The physical line (1-based) on which a record starts, given the offsets where the
    /// CSV reader started and stopped reading it and the record's fields. The reader stops
    /// right after the byte that ends the record (`\n`, the `\r` of a `\r\n`, or the file's
    /// last byte), so the record's last line is the one holding that byte; breaks inside
    /// its quoted fields lead back to its first. Leading blank lines and the `\n` left over
    /// from the previous row's `\r\n` lie before the record and are not counted back.
    pub fn record_start(&mut self, start: u64, end: u64, fields: &csv::ByteRecord) -> u64 {
        let before_start = self.before(start);
        let before_last = self.before(end.saturating_sub(1));
        // Only when breaks lie within what was read can the fields hold any: plain LF rows
        // need no scan of their text.
        let inside: u64 = if before_last > before_start {
            fields.iter().map(breaks_in).sum()
        } else {
            0
        };
        1 + before_last - inside.min(before_last)
    }
}

/// Line breaks inside one field's text, by the same rule.
pub fn breaks_in(text: &[u8]) -> u64 {
    let mut n = 0;
    for i in memchr::memchr2_iter(b'\r', b'\n', text) {
        if text[i] == b'\n' || text.get(i + 1) != Some(&b'\n') {
            n += 1;
        }
    }
    n
}

impl<R: Read> Read for LineBreaks<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let start = self.offset;
        self.offset += n as u64;
        if n == 0 {
            // A `\r` as the very last byte is a break.
            if let Some(cr) = self.open_cr.take() {
                self.pending.push_back(cr);
            }
            return Ok(0);
        }
        for i in memchr::memchr2_iter(b'\r', b'\n', &buf[..n]) {
            let at = start + i as u64;
            if let Some(cr) = self.open_cr.take() {
                // The `\n` of a `\r\n` makes the break; a `\r` followed by anything else is one.
                if !(buf[i] == b'\n' && at == cr + 1) {
                    self.pending.push_back(cr);
                }
            }
            if buf[i] == b'\r' {
                self.open_cr = Some(at);
            } else {
                self.pending.push_back(at);
            }
        }
        // A `\r` not at the chunk's end was followed by some other byte: a break.
        if let Some(cr) = self.open_cr {
            if cr + 1 < self.offset {
                self.pending.push_back(cr);
                self.open_cr = None;
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Yields one byte per read, so every break and `\r\n` straddles a chunk boundary.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.split_first() {
                Some((&b, rest)) if !buf.is_empty() => {
                    buf[0] = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    /// Each record's first field and start line, as the import driver computes them.
    fn starts<R: Read>(input: R) -> Vec<(String, u64)> {
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(LineBreaks::new(input));
        let mut rec = csv::ByteRecord::new();
        let mut out = Vec::new();
        loop {
            let start = csv.position().byte();
            if !csv.read_byte_record(&mut rec).unwrap() {
                break;
            }
            let end = csv.position().byte();
            let line = csv.get_mut().record_start(start, end, &rec);
            out.push((String::from_utf8_lossy(&rec[0]).into_owned(), line));
        }
        out
    }

    fn check(input: &[u8], want: &[(&str, u64)]) {
        let want: Vec<(String, u64)> = want.iter().map(|(s, l)| (s.to_string(), *l)).collect();
        assert_eq!(starts(input), want, "{:?}", String::from_utf8_lossy(input));
        assert_eq!(starts(Trickle(input)), want, "byte by byte");
    }

    #[test]
    fn rows_start_on_the_line_an_editor_shows() {
        let plain = [("h", 1), ("a", 2), ("b", 3), ("c", 4)];
        check(b"h\na\nb\nc\n", &plain);
        check(b"h\r\na\r\nb\r\nc\r\n", &plain);
        check(b"h\ra\rb\rc\r", &plain);
        check(b"h\r\na\r\nb\r\nc", &plain);
        // Blank lines are skipped by the reader and counted here.
        check(
            b"h\n\na\n\n\nb\r\n\r\nc",
            &[("h", 1), ("a", 3), ("b", 6), ("c", 8)],
        );
        // Quoted fields with breaks: the row is reported at its first line.
        let multi = [("h", 1), ("a", 2), ("b\nb2", 3), ("c", 5)];
        check(b"h\na\n\"b\nb2\"\nc\n", &multi);
        check(b"h\r\na\r\n\"b\nb2\"\r\nc\r\n", &multi);
        check(
            b"h\na\n\"b\r\nb2\"\nc\n",
            &[("h", 1), ("a", 2), ("b\r\nb2", 3), ("c", 5)],
        );
        check(
            b"h\r\na\r\n\"b\r\n\r\nb3\",\"x\ry\"\r\nc\r\n",
            &[("h", 1), ("a", 2), ("b\r\n\r\nb3", 3), ("c", 7)],
        );
    }

    #[test]
    fn breaks_in_fields_count_crlf_once() {
        assert_eq!(breaks_in(b""), 0);
        assert_eq!(breaks_in(b"a\nb"), 1);
        assert_eq!(breaks_in(b"a\r\nb"), 1);
        assert_eq!(breaks_in(b"a\rb\r"), 2);
        assert_eq!(breaks_in(b"\r\n\n\r"), 3);
    }
}
