//! CPU core: architectural state, Register Stack Engine, executor (see docs/architecture.md).
