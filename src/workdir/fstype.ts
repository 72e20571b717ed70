import { readFileSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * What filesystem a workdir is on, and whether other nodes can see it. The kernel's statfs
 * f_type says the family (NFS, Lustre, FUSE, tmpfs…); /proc/mounts names the FUSE kind
 * (fuse.glusterfs) and the source. The parsing is pure; `detectFilesystem` does the I/O.
 */
export interface FsInfo {
  /** `nfs`, `lustre`, `gpfs`, `fuse.glusterfs`, `tmpfs`, `ext4`…, or `unknown (0x1234)`. */
  type: string;
  /** shared: other nodes may see it; local: this node's disk; memory: this node's RAM (tmpfs); unknown. */
  scope: 'shared' | 'local' | 'memory' | 'unknown';
  /** The mount holding the workdir, and what is mounted there (server:/export, device). */
  mountpoint?: string;
  source?: string;
}

/** statfs f_type magic numbers (linux/magic.h and the filesystems' own headers). */
const MAGIC: Record<number, string> = {
  0x6969: 'nfs',
  0x0bd00bd0: 'lustre',
  0x47504653: 'gpfs',
  0x65735546: 'fuse',
  0x01021994: 'tmpfs',
  0x858458f6: 'ramfs',
  0xef53: 'ext4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x2fc12fc1: 'zfs',
  0x794c7630: 'overlay',
  0x00c36400: 'ceph',
  0x19830326: 'beegfs',
  0xff534d42: 'cifs',
  0xfe534d42: 'smb2',
  0xaad7aaea: 'panfs',
  0x01021997: '9p',
};

const SHARED =
  /^(nfs4?|lustre|gpfs|ceph|beegfs|cifs|smb[23]?|panfs|9p|fuse\.(glusterfs|ceph.*|sshfs|s3fs|gcsfuse|beegfs|lustre|juicefs|cvmfs.*)|glusterfs|afs|orangefs|pvfs2)$/;
const LOCAL = /^(ext[234]|xfs|btrfs|zfs|overlay|f2fs|reiserfs|jfs|vfat|exfat|ntfs.*|fuseblk)$/;
const MEMORY = /^(tmpfs|ramfs|devtmpfs)$/;

/** The name for a statfs f_type. */
export function magicName(fType: number): string {
  return MAGIC[fType >>> 0] ?? `unknown (0x${(fType >>> 0).toString(16)})`;
}

/** Whether a filesystem type (as in /proc/mounts, or a magic name) is shared between nodes. */
export function scopeOf(type: string): FsInfo['scope'] {
  if (MEMORY.test(type)) return 'memory';
  if (SHARED.test(type)) return 'shared';
  if (LOCAL.test(type)) return 'local';
  return 'unknown';
}

export interface MountEntry {
  source: string;
  mountpoint: string;
  type: string;
}

/** /proc/mounts: `source mountpoint type options 0 0`, with space, tab, newline, backslash as octal escapes. */
export function parseMounts(text: string): MountEntry[] {
  const unescape = (s: string) =>
    s.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f.length < 3 || !f[1]) continue;
    out.push({ source: unescape(f[0]), mountpoint: unescape(f[1]), type: f[2] });
  }
  return out;
}

/** The mount a path lives on: the last-mounted one with the longest matching mount point. */
export function mountOf(path: string, mounts: MountEntry[]): MountEntry | undefined {
  let best: MountEntry | undefined;
  for (const m of mounts) {
    const mp = m.mountpoint;
    const under = mp === '/' || path === mp || path.startsWith(mp.endsWith('/') ? mp : mp + '/');
    if (under && (!best || mp.length >= best.mountpoint.length)) best = m;
  }
  return best;
}

/**
 * Combines the two sources: f_type is the truth for the family (a bind mount or a namespace can
 * make /proc/mounts misleading); /proc/mounts adds the FUSE subtype and the source when it agrees.
 */
export function describeFilesystem(fType: number | undefined, mount: MountEntry | undefined): FsInfo {
  const magic = fType === undefined ? undefined : magicName(fType);
  let type = magic ?? mount?.type ?? 'unknown';
  const agrees =
    mount &&
    (!magic ||
      mount.type === magic ||
      mount.type.startsWith(`${magic}.`) ||
      (magic === 'nfs' && mount.type === 'nfs4') ||
      (magic === 'ext4' && /^ext[23]$/.test(mount.type)));
  if (agrees) type = mount.type;
  const info: FsInfo = { type, scope: scopeOf(type) };
  if (agrees) Object.assign(info, { mountpoint: mount.mountpoint, source: mount.source });
  return info;
}

/** The filesystem of `dir`, or of its nearest existing parent when it does not exist yet. */
export function detectFilesystem(dir: string, mountsFile = '/proc/mounts'): FsInfo {
  let p = resolve(dir);
  let fType: number | undefined;
  for (;;) {
    try {
      fType = statfsSync(p).type;
      break;
    } catch {
      if (dirname(p) === p) break;
      p = dirname(p);
    }
  }
  let mounts: MountEntry[] = [];
  try {
    mounts = parseMounts(readFileSync(mountsFile, 'utf8'));
  } catch {
    // not Linux: f_type alone
  }
  return describeFilesystem(fType, mountOf(p, mounts));
}

/** One line for people: `fuse.glusterfs (localhost:/vol on /mnt/a), shared between nodes`. */
export function formatFilesystem(fs: FsInfo): string {
  const where = fs.source && fs.mountpoint ? ` (${fs.source} on ${fs.mountpoint})` : '';
  const scope = {
    shared: 'shared between nodes',
    local: "this node's own disk",
    memory: "this node's memory",
    unknown: 'not known to be shared',
  }[fs.scope];
  return `${fs.type}${where}, ${scope}`;
}
