//! Machine: memory, address spaces, vCPUs, ELF loading (see docs/architecture.md).
