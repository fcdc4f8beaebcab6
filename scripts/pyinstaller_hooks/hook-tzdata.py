"""Faster replacement of pyinstaller-hooks-contrib's hook-tzdata (used by build_installer.spec).

The stock hook lists the ~600 ``tzdata.zoneinfo.*`` packages as hidden imports: the module graph then
spends half a minute per Analysis on empty ``__init__`` files. Here the whole package is collected
as files instead (zone files and their ``__init__.py``); PyInstaller's importer falls back to the
file system for packages that are not in the archive, so ``zoneinfo.ZoneInfo("Europe/Paris")`` still
finds ``tzdata`` where there is no system time-zone database (Windows). The self-test checks it.
"""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("tzdata", include_py_files=True)
hiddenimports: list[str] = []
