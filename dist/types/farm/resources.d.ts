/** What a farmer was asked for (from flags, config keys or Action inputs). */
export interface ResourceRequest {
    /** Workers asked for; undefined: as many as the resources allow (or the machine's CPUs). */
    workers?: number;
    gpusPerWorker?: number;
    /** Comma-separated GPU ids (indices or UUIDs); else found in the environment. */
    gpus?: string;
    cpusPerWorker?: number;
}
/** What the machine tells, asked only when needed. */
export interface ResourceProbes {
    env: NodeJS.ProcessEnv;
    /** The `Cpus_allowed_list` of this process (e.g. `0-3,8`), or undefined if unknown. */
    cpuMask: () => string | undefined;
    /** `nvidia-smi -L`'s output, or undefined without nvidia-smi. */
    nvidiaSmi: () => string | undefined;
}
/** One worker slot's share: environment for its tasks, and the cores its launcher is bound to. */
export interface SlotResources {
    env: Record<string, string>;
    /** A CPU list for taskset (`3,4`), when the slot is bound. */
    cpus?: string;
}
export interface ResourcePlan {
    /** Workers the resources call for (undefined when none were asked: the farm decides). */
    workers?: number;
    /** One entry per slot; empty when no resources were asked for. */
    slots: SlotResources[];
}
/** Where the GPU list is read from, in order; the first one set wins. */
export declare const GPU_VARIABLES: string[];
/** Splits the machine's GPUs and cores among the slots; a UsageError (exit 2) for what cannot be met. */
export declare function planResources(req: ResourceRequest, probes: ResourceProbes): ResourcePlan;
/**
 * A slot's GPU variables. On NVIDIA (and wherever ROCm is not in use) all four hold the slot's
 * ids. ROCm applies HIP_VISIBLE_DEVICES (and CUDA_VISIBLE_DEVICES, its alias) on top of
 * ROCR_VISIBLE_DEVICES, as indices among the devices ROCR left: so where the farmer itself runs
 * under ROCR_VISIBLE_DEVICES, ROCR gets the ids and the other two count 0…N-1 within them.
 */
export declare function gpuEnv(ids: string[], amd: boolean): Record<string, string>;
interface Found {
    ids: string[];
    /** Where they came from, for error messages. */
    source: string;
}
/** The GPU list: `--gpus`, else the first GPU variable set, else `nvidia-smi -L`. */
export declare function findGpus(given: string | undefined, probes: ResourceProbes): Found;
/** `0,1,2` or UUIDs; duplicates and empty entries are errors (two workers would share a GPU). */
export declare function parseGpuList(text: string, source: string): string[];
/** The indices of `nvidia-smi -L`'s `GPU <n>: <name> (UUID: …)` lines (MIG lines are indented and skipped). */
export declare function parseNvidiaSmi(out: string): string[];
/** A kernel CPU list (`0-3,8,10-11`) as ascending CPU numbers. */
export declare function parseCpuList(text: string): number[];
/** The `Cpus_allowed_list:` value of a /proc/<pid>/status text, or undefined. */
export declare function cpusAllowed(status: string): string | undefined;
export {};
