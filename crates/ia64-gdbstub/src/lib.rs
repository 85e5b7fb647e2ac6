//! gdb remote protocol target (see docs/architecture.md).
