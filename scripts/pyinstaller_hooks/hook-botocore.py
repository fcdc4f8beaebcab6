"""Lean replacement of pyinstaller-hooks-contrib's hook-botocore (used by build_installer.spec).

The stock hook collects botocore's whole ``data`` folder: the API models of ~450 AWS services
(~30 MB). The S3 share (``pole_desktop/sync/s3.py``) needs only S3's model and the shared files
(endpoints, partitions, retry rules, default configuration) and the CA bundle botocore ships.
"""

from PyInstaller.utils.hooks import collect_data_files

hiddenimports = ["html.parser"]
_KEEP = ("data/s3/", "data/_retry.json", "data/endpoints.json", "data/partitions.json",
         "data/sdk-default-configuration.json", "cacert.pem")
datas = [
    (src, dest)
    for src, dest in collect_data_files("botocore")
    if any(part in src.replace("\\", "/") for part in (f"botocore/{k}" for k in _KEEP))
]
