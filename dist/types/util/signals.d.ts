/** Signals that stop a farmer: running tasks go back to `toprocess` (Slurm's warning is USR1). */
export declare const STOP_SIGNALS: readonly NodeJS.Signals[];
/** The signal that drains a farmer: no new tasks, running ones finish. */
export declare const DRAIN_SIGNAL: NodeJS.Signals;
/** Every signal the farmer acts on; task launchers ignore them and give tasks the default back. */
export declare const FARMER_SIGNALS: readonly NodeJS.Signals[];
