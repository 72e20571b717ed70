/**
 * Replaces a file whole or not at all: write a temp file beside it, fsync it, rename it over the
 * old one. A reader (another farmer, another job sharing the workdir) never sees half a file,
 * and a crash leaves the old one. Files are created 0644: never writable by others, whatever
 * the umask. The temp file is created fresh (O_EXCL|O_NOFOLLOW): nothing planted at its name is
 * written through.
 */
export declare function writeFileAtomic(path: string, chunks: Iterable<string> | string, mode?: number): void;
