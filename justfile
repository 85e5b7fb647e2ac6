# Shortcuts; never required (the README commands are plain cargo).

# Run the whole test suite.
test:
    cargo test --workspace

# Rebuild assembled artifacts (needs binutils-ia64-linux-gnu).
rebuild:
    tools/rebuild.sh

# Decoder throughput.
bench-decode:
    cargo bench -p ia64-isa --bench decode

# Compare the decoder with objdump on random bundles.
objdiff *ARGS:
    cargo run --release -p ia64-objdiff --bin objdiff -- {{ARGS}}

# Lints as CI would want them.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings
