"""Where the database file lives: a sync folder or a network filesystem is risky for it."""

from __future__ import annotations

import os
import re
from pathlib import Path

# Folder names of the sync services known to copy files while programs have them open.
_SYNC_FOLDERS = (
    ("dropbox", "Dropbox"),
    ("onedrive", "OneDrive"),
    ("icloud drive", "iCloud Drive"),
    ("icloud~", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
)
_NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "sshfs",
                        "afs", "ncpfs", "9p", "davfs", "glusterfs", "ceph"}
# FUSE filesystems that are local disks, not network or sync mounts.
_LOCAL_FUSE = {"fuse.fuse-overlayfs", "fuse.lxcfs", "fuse.portal", "fuse.gvfsd-fuse",
               "fuse.ntfs-3g", "fuse.ntfs", "fuse.exfat", "fuse.appimagefuse"}


def sync_folder(path: Path, mounts: str | None = None) -> str | None:
    """What makes `path` risky for a live database (a sync folder, a network
    filesystem), in words, or None. `mounts` is /proc/mounts' text (read when None)."""
    resolved = Path(os.path.realpath(path))
    for part in resolved.parts:
        folded = part.casefold()
        for marker, service in _SYNC_FOLDERS:
            if folded.startswith(marker):
                return f"a {service} folder"
    fstype = _filesystem_type(resolved, mounts)
    if fstype and (fstype.split(".")[0] in _NETWORK_FILESYSTEMS
                   or fstype.removeprefix("fuse.") in _NETWORK_FILESYSTEMS
                   or (fstype.startswith("fuse") and fstype not in _LOCAL_FUSE)):
        return f"a network or synced filesystem ({fstype})"
    return None


def _filesystem_type(path: Path, mounts: str | None) -> str | None:
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None  # not Linux: the folder names above are all we can check
    best, fstype = -1, None
    text = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and len(point) > best:
            best, fstype = len(point), fields[2]
    return fstype
