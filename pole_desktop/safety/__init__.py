"""Data safety: encryption at rest, keys, backups, GDPR (export, erasure), retention.

Core only — no Qt here. See ARCHITECTURE.md, "Data safety".
"""
