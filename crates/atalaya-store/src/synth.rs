//! Synthetic ACLED events for benchmarks (being written).
