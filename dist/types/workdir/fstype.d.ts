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
/** The name for a statfs f_type. */
export declare function magicName(fType: number): string;
/** Whether a filesystem type (as in /proc/mounts, or a magic name) is shared between nodes. */
export declare function scopeOf(type: string): FsInfo['scope'];
export interface MountEntry {
    source: string;
    mountpoint: string;
    type: string;
}
/** /proc/mounts: `source mountpoint type options 0 0`, with space, tab, newline, backslash as octal escapes. */
export declare function parseMounts(text: string): MountEntry[];
/** The mount a path lives on: the last-mounted one with the longest matching mount point. */
export declare function mountOf(path: string, mounts: MountEntry[]): MountEntry | undefined;
/**
 * Combines the two sources: f_type is the truth for the family (a bind mount or a namespace can
 * make /proc/mounts misleading); /proc/mounts adds the FUSE subtype and the source when it agrees.
 */
export declare function describeFilesystem(fType: number | undefined, mount: MountEntry | undefined): FsInfo;
/** The filesystem of `dir`, or of its nearest existing parent when it does not exist yet. */
export declare function detectFilesystem(dir: string, mountsFile?: string): FsInfo;
/** One line for people: `fuse.glusterfs (localhost:/vol on /mnt/a), shared between nodes`. */
export declare function formatFilesystem(fs: FsInfo): string;
