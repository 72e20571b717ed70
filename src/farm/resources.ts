/**
 * GPUs and cores per worker slot: where the farmer finds them, and how they are split into
 * fixed, disjoint sets, one per slot. Pure but for the probes passed in, so every rule is
 * unit-tested without a GPU or a Slurm job.
 */
import { UsageError } from '../util/errors.js';

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
export const GPU_VARIABLES = ['CUDA_VISIBLE_DEVICES', 'ROCR_VISIBLE_DEVICES', 'SLURM_STEP_GPUS', 'SLURM_JOB_GPUS'];

/** Splits the machine's GPUs and cores among the slots; a UsageError (exit 2) for what cannot be met. */
export function planResources(req: ResourceRequest, probes: ResourceProbes): ResourcePlan {
  checkCount('--gpus-per-worker', req.gpusPerWorker);
  checkCount('--cpus-per-worker', req.cpusPerWorker);
  checkCount('--proc', req.workers);
  if (req.gpus !== undefined && req.gpusPerWorker === undefined) {
    throw new UsageError('--gpus needs --gpus-per-worker (how many GPUs each worker gets)');
  }
  let gpus: Found | undefined;
  let cpus: Found | undefined;
  if (req.gpusPerWorker !== undefined) gpus = findGpus(req.gpus, probes);
  if (req.cpusPerWorker !== undefined) cpus = findCpus(probes);
  if (!gpus && !cpus) return { workers: req.workers, slots: [] };

  const fits = [
    gpus && Math.floor(gpus.ids.length / req.gpusPerWorker!),
    cpus && Math.floor(cpus.ids.length / req.cpusPerWorker!),
  ];
  const workers = req.workers ?? Math.min(...fits.filter((n): n is number => n !== undefined));
  if (gpus) need(workers, req.gpusPerWorker!, 'GPU', '--gpus-per-worker', gpus);
  if (cpus) need(workers, req.cpusPerWorker!, 'core', '--cpus-per-worker', cpus);

  const amd = Boolean(probes.env.ROCR_VISIBLE_DEVICES?.trim());
  const slots: SlotResources[] = [];
  for (let slot = 0; slot < workers; slot++) {
    const env: Record<string, string> = {};
    const s: SlotResources = { env };
    if (gpus)
      Object.assign(env, gpuEnv(gpus.ids.slice(slot * req.gpusPerWorker!, (slot + 1) * req.gpusPerWorker!), amd));
    if (cpus) {
      s.cpus = cpus.ids.slice(slot * req.cpusPerWorker!, (slot + 1) * req.cpusPerWorker!).join(',');
      env.TASKFARMER_CPUS = s.cpus;
      env.OMP_NUM_THREADS = String(req.cpusPerWorker);
    }
    slots.push(s);
  }
  return { workers, slots };
}

/**
 * A slot's GPU variables. On NVIDIA (and wherever ROCm is not in use) all four hold the slot's
 * ids. ROCm applies HIP_VISIBLE_DEVICES (and CUDA_VISIBLE_DEVICES, its alias) on top of
 * ROCR_VISIBLE_DEVICES, as indices among the devices ROCR left: so where the farmer itself runs
 * under ROCR_VISIBLE_DEVICES, ROCR gets the ids and the other two count 0…N-1 within them.
 */
export function gpuEnv(ids: string[], amd: boolean): Record<string, string> {
  const list = ids.join(',');
  const inner = amd ? ids.map((_, i) => i).join(',') : list;
  return { CUDA_VISIBLE_DEVICES: inner, ROCR_VISIBLE_DEVICES: list, HIP_VISIBLE_DEVICES: inner, TASKFARMER_GPUS: list };
}

interface Found {
  ids: string[];
  /** Where they came from, for error messages. */
  source: string;
}

function checkCount(flag: string, n: number | undefined): void {
  if (n !== undefined && !(Number.isInteger(n) && n >= 1)) {
    throw new UsageError(`${flag} must be a positive integer (got "${n}")`);
  }
}

function need(workers: number, per: number, what: string, flag: string, found: Found): void {
  if (workers * per <= found.ids.length && workers >= 1) return;
  if (workers < 1) {
    throw new UsageError(
      `${flag} ${per}: only ${found.ids.length} ${what}${found.ids.length === 1 ? ' is' : 's are'} available (${found.source}: ${found.ids.join(',')})`,
    );
  }
  const have = `${found.ids.length} ${what}${found.ids.length === 1 ? ' is' : 's are'} available (${found.source}: ${found.ids.join(',')})`;
  throw new UsageError(
    `${flag} ${per} with ${workers} worker${workers === 1 ? '' : 's'} needs ${Math.max(workers, 1) * per} ${what}s, but ${have}`,
  );
}

/** The GPU list: `--gpus`, else the first GPU variable set, else `nvidia-smi -L`. */
export function findGpus(given: string | undefined, probes: ResourceProbes): Found {
  if (given !== undefined) return { ids: parseGpuList(given, '--gpus'), source: '--gpus' };
  for (const name of GPU_VARIABLES) {
    const value = probes.env[name]?.trim();
    // Slurm writes NoDevFiles when a job has no GPU; an empty list hides every GPU.
    if (!value || value === 'NoDevFiles') continue;
    return { ids: parseGpuList(value, name), source: name };
  }
  const smi = probes.nvidiaSmi();
  const ids = smi === undefined ? [] : parseNvidiaSmi(smi);
  if (ids.length === 0) {
    throw new UsageError(
      `--gpus-per-worker: no GPUs found (give --gpus LIST, or set ${GPU_VARIABLES.join(', ')}; nvidia-smi -L ${smi === undefined ? 'is not available' : 'lists none'})`,
    );
  }
  return { ids, source: 'nvidia-smi -L' };
}

/** `0,1,2` or UUIDs; duplicates and empty entries are errors (two workers would share a GPU). */
export function parseGpuList(text: string, source: string): string[] {
  const ids = text.split(',').map((s) => s.trim());
  if (ids.some((s) => s === '' || /\s/.test(s)))
    throw new UsageError(`${source}: not a comma-separated GPU list (got "${text}")`);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new UsageError(`${source}: GPU ${id} is listed twice (got "${text}")`);
    seen.add(id);
  }
  return ids;
}

/** The indices of `nvidia-smi -L`'s `GPU <n>: <name> (UUID: …)` lines (MIG lines are indented and skipped). */
export function parseNvidiaSmi(out: string): string[] {
  const ids: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^GPU (\d+):/.exec(line);
    if (m) ids.push(m[1]);
  }
  return ids;
}

function findCpus(probes: ResourceProbes): Found {
  const mask = probes.cpuMask();
  if (mask === undefined) {
    throw new UsageError(
      "--cpus-per-worker: cannot read this process's CPU affinity (Cpus_allowed_list in /proc/self/status)",
    );
  }
  return { ids: parseCpuList(mask).map(String), source: "the farmer's CPU affinity" };
}

/** A kernel CPU list (`0-3,8,10-11`) as ascending CPU numbers. */
export function parseCpuList(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.trim().split(',')) {
    if (part === '') continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new UsageError(`not a CPU list: "${text}"`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    for (let c = lo; c <= hi; c++) out.add(c);
  }
  return [...out].sort((a, b) => a - b);
}

/** The `Cpus_allowed_list:` value of a /proc/<pid>/status text, or undefined. */
export function cpusAllowed(status: string): string | undefined {
  const m = /^Cpus_allowed_list:\s*(\S+)\s*$/m.exec(status);
  return m ? m[1] : undefined;
}
