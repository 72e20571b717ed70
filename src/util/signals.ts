/** Signals that stop a farmer: running tasks go back to `toprocess` (Slurm's warning is USR1). */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR1'];
/** The signal that drains a farmer: no new tasks, running ones finish. */
export const DRAIN_SIGNAL: NodeJS.Signals = 'SIGUSR2';
/** Every signal the farmer acts on; task launchers ignore them and give tasks the default back. */
export const FARMER_SIGNALS: readonly NodeJS.Signals[] = [...STOP_SIGNALS, DRAIN_SIGNAL];
