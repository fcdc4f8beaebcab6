"""One module per printed document; each exposes ``render_X(data, meta) -> bytes``."""
