"""Helpers shared by the SMB tests: a share configuration for the test Samba server and a
folder of the share that belongs to one test."""

from __future__ import annotations

import uuid
from pathlib import Path


def share_config_class():
    from pole_desktop.sync.config import ShareConfig

    return ShareConfig


def own_folder(samba, prefix: str = "t") -> str:
    """Create a fresh folder at the root of the share (directly on disk) and return its name."""
    name = f"{prefix}-{uuid.uuid4().hex[:10]}"
    (Path(samba.root_dir) / name).mkdir(parents=True)
    return name


def smb_config(samba, folder: str, **overrides):
    values = dict(kind="smb", server=samba.host, port=samba.port, share=samba.share, folder=folder,
                  user=samba.user)
    values.update(overrides)
    return share_config_class()(**values)
