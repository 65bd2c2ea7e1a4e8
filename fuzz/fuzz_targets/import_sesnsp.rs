#![no_main]
use atalaya_store::import::Format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| atalaya_fuzz::import(Format::Sesnsp, data));
