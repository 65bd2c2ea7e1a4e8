//! A stable content hash (FNV-1a, 64 bit): tells an unchanged re-imported row from a
//! revised one. Std's hasher may change between Rust releases; stored hashes must not.

pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so ("ab","c") and ("a","bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    /// As SQLite's signed INTEGER.
    pub fn finish(&self) -> i64 {
        self.0 as i64
    }
}
