import type { Runner, RunnerOptions, TempdirOption } from './types.js';
/** `type: 'podman-hpc'` in a configuration file (schemas/config.schema.json). */
export interface PodmanRunnerConfig extends RunnerOptions {
    type: 'podman-hpc';
    image: string;
    volumes?: string[];
    gpu?: boolean;
    tempdir?: TempdirOption;
    args?: string[];
    executable?: string;
}
/**
 * NERSC's podman-hpc: each task in its own container,
 * `podman-hpc run --rm --name NAME [--gpu] -v… -e… IMAGE /bin/bash -c "SETUP && TASK"`.
 *
 * A container is not a child of the podman client: killing the client's process group stops
 * the client, and podman forwards SIGTERM, but a SIGKILLed client leaves its container
 * running. So every attempt's container has a name, and after an attempt that did not
 * succeed the runner removes it by force (`rm -f --ignore`, a no-op if it is gone already).
 */
export declare function podmanRunner(name: string, cfg: PodmanRunnerConfig): Runner;
