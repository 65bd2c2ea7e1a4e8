//! A prepared statement whose text values are bound in place (`SQLITE_STATIC`) instead of
//! copied: rusqlite binds every text with `SQLITE_TRANSIENT`, a malloc and a copy per value,
//! which in a first load cost more than SQLite's B-tree insert of the row. The only
//! `unsafe` of the writer lives here.

use std::ffi::{c_int, CStr};
use std::marker::PhantomData;

use rusqlite::{ffi, Connection};

/// One SQL value, borrowed for the duration of one `RawStatement::execute`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
}

impl<'a> From<Option<&'a str>> for Value<'a> {
    fn from(v: Option<&'a str>) -> Self {
        v.map_or(Value::Null, Value::Text)
    }
}

/// A statement prepared outside rusqlite's cache, tied to its connection by `'c` so it
/// cannot outlive it.
pub(crate) struct RawStatement<'c> {
    db: *mut ffi::sqlite3,
    stmt: *mut ffi::sqlite3_stmt,
    params: usize,
    _conn: PhantomData<&'c Connection>,
}

impl<'c> RawStatement<'c> {
    pub(crate) fn prepare(conn: &'c Connection, sql: &str) -> Result<Self, rusqlite::Error> {
        let len = c_int::try_from(sql.len())
            .map_err(|_| error(std::ptr::null_mut(), ffi::SQLITE_TOOBIG))?;
        let mut stmt = std::ptr::null_mut();
        // SAFETY: `conn` is open and borrowed for 'c, longer than the statement lives (it is
        // finalized on drop); `sql` is valid for `len` bytes during the call.
        let (db, rc) = unsafe {
            let db = conn.handle();
            let rc = ffi::sqlite3_prepare_v2(
                db,
                sql.as_ptr().cast(),
                len,
                &mut stmt,
                std::ptr::null_mut(),
            );
            (db, rc)
        };
        if rc != ffi::SQLITE_OK {
            let err = error(db, rc);
            // SAFETY: finalizing a null or failed statement is a no-op.
            unsafe { ffi::sqlite3_finalize(stmt) };
            return Err(err);
        }
        if stmt.is_null() {
            // Only whitespace or a comment: nothing to run.
            return Err(rusqlite::Error::InvalidQuery);
        }
        // SAFETY: a live statement.
        let params = unsafe { ffi::sqlite3_bind_parameter_count(stmt) } as usize;
        Ok(RawStatement {
            db,
            stmt,
            params,
            _conn: PhantomData,
        })
    }

    /// Binds `values` to ?1, ?2, … (exactly as many as the statement has), steps it to the
    /// end and returns the number of rows it changed. The values are released before this
    /// returns, whatever happened.
    pub(crate) fn execute<'v>(
        &mut self,
        values: impl IntoIterator<Item = Value<'v>>,
    ) -> Result<usize, rusqlite::Error> {
        let mut rc = ffi::SQLITE_OK;
        let mut n = 0usize;
        for v in values {
            n += 1;
            if n > self.params {
                rc = ffi::SQLITE_RANGE;
                break;
            }
            let i = n as c_int;
            // SAFETY: `stmt` is live and `i` within its parameter count. Text is bound
            // SQLITE_STATIC: it points into `values`, which outlive this call, and every
            // binding is cleared below before the call returns.
            rc = unsafe {
                match v {
                    Value::Null => ffi::sqlite3_bind_null(self.stmt, i),
                    Value::Int(x) => ffi::sqlite3_bind_int64(self.stmt, i, x),
                    Value::Real(x) => ffi::sqlite3_bind_double(self.stmt, i, x),
                    // An empty &str may hold a dangling pointer, and SQLite reads a null one as
                    // NULL: bind a real empty string instead.
                    Value::Text("") => {
                        ffi::sqlite3_bind_text(self.stmt, i, c"".as_ptr(), 0, ffi::SQLITE_STATIC())
                    }
                    Value::Text(s) => match c_int::try_from(s.len()) {
                        Ok(len) => ffi::sqlite3_bind_text(
                            self.stmt,
                            i,
                            s.as_ptr().cast(),
                            len,
                            ffi::SQLITE_STATIC(),
                        ),
                        Err(_) => ffi::SQLITE_TOOBIG,
                    },
                }
            };
            if rc != ffi::SQLITE_OK {
                break;
            }
        }
        if rc == ffi::SQLITE_OK && n != self.params {
            rc = ffi::SQLITE_RANGE;
        }
        if rc == ffi::SQLITE_OK {
            // SAFETY: a live statement with every parameter bound.
            rc = match unsafe { ffi::sqlite3_step(self.stmt) } {
                ffi::SQLITE_DONE => ffi::SQLITE_OK,
                ffi::SQLITE_ROW => ffi::SQLITE_MISUSE,
                other => other,
            };
        }
        // The message must be read before the reset, which replaces it.
        let result = if rc == ffi::SQLITE_OK {
            // SAFETY: an open connection.
            Ok(unsafe { ffi::sqlite3_changes64(self.db) } as usize)
        } else {
            Err(error(self.db, rc))
        };
        // SAFETY: a live statement; clearing drops every pointer into `values`.
        unsafe {
            ffi::sqlite3_reset(self.stmt);
            ffi::sqlite3_clear_bindings(self.stmt);
        }
        result
    }
}

impl Drop for RawStatement<'_> {
    fn drop(&mut self) {
        // SAFETY: prepared on a connection still open (borrowed for 'c), finalized once.
        unsafe {
            ffi::sqlite3_finalize(self.stmt);
        }
    }
}

/// A rusqlite error for code `rc` of a call on `db` (null: from the code alone), the same
/// error rusqlite's own calls return.
fn error(db: *mut ffi::sqlite3, rc: c_int) -> rusqlite::Error {
    let message = (!db.is_null())
        .then(|| {
            // SAFETY: `db` is open; sqlite3_errmsg returns a NUL-terminated string it owns,
            // copied here before any other call on the connection.
            unsafe {
                let m = ffi::sqlite3_errmsg(db);
                (!m.is_null()).then(|| CStr::from_ptr(m).to_string_lossy().into_owned())
            }
        })
        .flatten();
    rusqlite::Error::SqliteFailure(ffi::Error::new(rc), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t (a TEXT UNIQUE, b INTEGER, c REAL, d TEXT NOT NULL)")
            .unwrap();
        c
    }

    type Row = (Option<String>, Option<i64>, Option<f64>, String);

    fn rows(c: &Connection) -> Vec<Row> {
        c.prepare("SELECT a, b, c, d FROM t ORDER BY rowid")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn binds_every_kind_of_value_and_reuses_the_statement() {
        let c = table();
        let mut st = RawStatement::prepare(
            &c,
            "INSERT INTO t VALUES (?1, ?2, ?3, ?4), (?5, ?6, ?7, ?8)",
        )
        .unwrap();
        for k in 0..3 {
            // Owned strings dropped right after the call: nothing may point into them later.
            let (a, d) = (format!("ñandú {k}"), "x".repeat(k * 1000));
            let n = st
                .execute([
                    Value::Text(&a),
                    Value::Int(k as i64),
                    Value::Real(0.5),
                    Value::Text(&d),
                    Value::Null,
                    Value::Null,
                    Value::Null,
                    Value::Text(""),
                ])
                .unwrap();
            assert_eq!(n, 2);
        }
        let got = rows(&c);
        assert_eq!(got.len(), 6);
        assert_eq!(
            got[2],
            (Some("ñandú 1".into()), Some(1), Some(0.5), "x".repeat(1000))
        );
        // An empty text is stored as '', not NULL.
        assert_eq!(got[3], (None, None, None, String::new()));
    }

    #[test]
    fn reports_constraint_errors_with_sqlites_message_and_stays_usable() {
        let c = table();
        let mut st = RawStatement::prepare(&c, "INSERT INTO t VALUES (?1, ?2, ?3, ?4)").unwrap();
        let row = |a| {
            [
                Value::Text(a),
                Value::Int(1),
                Value::Real(1.0),
                Value::Text("d"),
            ]
        };
        st.execute(row("a")).unwrap();
        match st.execute(row("a")) {
            Err(rusqlite::Error::SqliteFailure(e, Some(m))) => {
                assert_eq!(e.code, rusqlite::ErrorCode::ConstraintViolation);
                assert!(m.contains("UNIQUE"), "{m}");
            }
            other => panic!("expected a constraint violation, got {other:?}"),
        }
        st.execute(row("b")).unwrap();
        assert_eq!(rows(&c).len(), 2);
    }

    #[test]
    fn refuses_a_wrong_number_of_values() {
        let c = table();
        let mut st = RawStatement::prepare(&c, "INSERT INTO t VALUES (?1, ?2, ?3, ?4)").unwrap();
        assert!(st.execute([Value::Text("a")]).is_err());
        assert!(st.execute([Value::Null; 5]).is_err());
        assert!(rows(&c).is_empty());
        assert!(RawStatement::prepare(&c, "INSERT INTO nowhere VALUES (1)").is_err());
    }
}
