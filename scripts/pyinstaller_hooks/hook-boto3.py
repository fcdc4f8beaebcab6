"""Lean replacement of pyinstaller-hooks-contrib's hook-boto3: the S3 client and its resource
model only (the share uses ``boto3.client("s3")``), not DynamoDB's, EC2's and the others'."""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("boto3.s3")
datas = [(src, dest) for src, dest in collect_data_files("boto3") if "/data/s3/" in src.replace("\\", "/")]
