/**
 * PyTaskFarmer serialises its workdir changes with `flock` on a lock file: `WORKDIR/lock`, or,
 * when $SCRATCH (else $TMP, else $TMPDIR) is set, `<that>/<md5 of the absolute workdir>_lock`.
 * It does not know our journals, so a PyTaskFarmer started on a workdir our farmers are using
 * would pop tasks they hold. While a farmer of ours runs it holds a shared flock on the file(s)
 * PyTaskFarmer would use: our farmers share it, PyTaskFarmer's exclusive lock waits (and gives
 * up after its own 10 s) instead of corrupting the workdir.
 */
export declare function pyTaskFarmerLocks(dir: string, env?: NodeJS.ProcessEnv): string[];
export interface PyLock {
    /** Resolves once the locks are held (or could not be: no perl, a read-only area). */
    ready: Promise<number>;
    release(): void;
}
export declare function holdPyTaskFarmerLocks(paths: string[]): PyLock;
