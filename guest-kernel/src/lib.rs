//! Guest kernel: tasks, syscalls, signals, tracing engines, RSE coherence (see docs/architecture.md).
