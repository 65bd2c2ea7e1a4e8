#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| atalaya_fuzz::numbers_dates(data));
