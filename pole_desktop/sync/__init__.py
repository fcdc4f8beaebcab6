"""End-of-day sync with the head-office share (see SYNC.md and ARCHITECTURE.md)."""
