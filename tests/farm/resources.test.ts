import { describe, expect, it } from 'vitest';
import { budgetSpent, failureBudget } from '../../src/farm/failure-budget.js';
import {
  cpusAllowed,
  parseCpuList,
  parseGpuList,
  parseNvidiaSmi,
  planResources,
  type ResourceProbes,
} from '../../src/farm/resources.js';
import { findDeadline, parseSlurmTimeLeft, percentile, WalltimeGuard } from '../../src/farm/walltime.js';

const probes = (env: NodeJS.ProcessEnv = {}, mask = '0-7', smi?: string): ResourceProbes => ({
  env,
  cpuMask: () => mask,
  nvidiaSmi: () => smi,
});

describe('CPU lists', () => {
  it('reads Cpus_allowed_list from /proc/<pid>/status', () => {
    const status = 'Name:\tnode\nCpus_allowed:\tff\nCpus_allowed_list:\t0-3,8,10-11\nMems_allowed:\t1\n';
    expect(cpusAllowed(status)).toBe('0-3,8,10-11');
    expect(cpusAllowed('Name:\tx\n')).toBeUndefined();
  });

  it('expands ranges, ascending and without repeats', () => {
    expect(parseCpuList('0-3,8,10-11')).toEqual([0, 1, 2, 3, 8, 10, 11]);
    expect(parseCpuList('5,1-2,2')).toEqual([1, 2, 5]);
    expect(() => parseCpuList('0-x')).toThrow(/not a CPU list/);
  });
});

describe('GPU lists', () => {
  it('keeps ids (indices or UUIDs) and refuses duplicates', () => {
    expect(parseGpuList('0, 1,GPU-a1b2', '--gpus')).toEqual(['0', '1', 'GPU-a1b2']);
    expect(() => parseGpuList('0,1,0', '--gpus')).toThrow('--gpus: GPU 0 is listed twice (got "0,1,0")');
    expect(() => parseGpuList('0,,1', 'CUDA_VISIBLE_DEVICES')).toThrow(/CUDA_VISIBLE_DEVICES: not a comma-separated/);
  });

  it('reads the indices of nvidia-smi -L, skipping MIG lines', () => {
    const out =
      'GPU 0: NVIDIA A100 (UUID: GPU-1)\n  MIG 1g.5gb Device 0: (UUID: MIG-1)\nGPU 1: NVIDIA A100 (UUID: GPU-2)\n';
    expect(parseNvidiaSmi(out)).toEqual(['0', '1']);
  });
});

describe('planResources', () => {
  it('gives each slot a fixed, disjoint set of GPUs, in every variable; -n defaults to GPUs/N', () => {
    const plan = planResources({ gpusPerWorker: 2 }, probes({ CUDA_VISIBLE_DEVICES: '4,5,6,7,8' }));
    expect(plan.workers).toBe(2);
    expect(plan.slots.map((s) => s.env.CUDA_VISIBLE_DEVICES)).toEqual(['4,5', '6,7']);
    for (const s of plan.slots) {
      for (const v of ['ROCR_VISIBLE_DEVICES', 'HIP_VISIBLE_DEVICES', 'TASKFARMER_GPUS'])
        expect(s.env[v]).toBe(s.env.CUDA_VISIBLE_DEVICES);
    }
  });

  it("under ROCm (ROCR_VISIBLE_DEVICES set), HIP and CUDA variables index within the slot's ROCR devices", () => {
    const plan = planResources({ gpusPerWorker: 2 }, probes({ ROCR_VISIBLE_DEVICES: '4,5,6,7' }));
    expect(plan.slots[1].env).toEqual({
      ROCR_VISIBLE_DEVICES: '6,7',
      TASKFARMER_GPUS: '6,7',
      HIP_VISIBLE_DEVICES: '0,1',
      CUDA_VISIBLE_DEVICES: '0,1',
    });
  });

  it('takes the GPU list from --gpus, then each variable in order, then nvidia-smi', () => {
    const env = { ROCR_VISIBLE_DEVICES: '1,2', SLURM_STEP_GPUS: '3', SLURM_JOB_GPUS: '4' };
    const first = (p: ResourceProbes, gpus?: string) =>
      planResources({ gpusPerWorker: 1, gpus }, p).slots.map((s) => s.env.TASKFARMER_GPUS);
    expect(first(probes(env), '9')).toEqual(['9']);
    expect(first(probes(env))).toEqual(['1', '2']);
    expect(first(probes({ SLURM_STEP_GPUS: '3', SLURM_JOB_GPUS: '4' }))).toEqual(['3']);
    expect(first(probes({ SLURM_JOB_GPUS: '4', CUDA_VISIBLE_DEVICES: 'NoDevFiles' }))).toEqual(['4']);
    expect(first(probes({}, '0-7', 'GPU 0: X (UUID: a)\nGPU 1: X (UUID: b)\n'))).toEqual(['0', '1']);
    expect(() => first(probes({}))).toThrow(/no GPUs found/);
  });

  it("binds each slot to its own cores of the farmer's mask, with OMP_NUM_THREADS", () => {
    const plan = planResources({ cpusPerWorker: 2 }, probes({}, '2-7'));
    expect(plan.workers).toBe(3);
    expect(plan.slots.map((s) => s.cpus)).toEqual(['2,3', '4,5', '6,7']);
    expect(plan.slots[1].env).toEqual({ TASKFARMER_CPUS: '4,5', OMP_NUM_THREADS: '2' });
  });

  it('with both, -n is the smaller share; an explicit -n must fit', () => {
    expect(planResources({ cpusPerWorker: 2, gpusPerWorker: 1, gpus: '0,1,2' }, probes({}, '0-3')).workers).toBe(2);
    expect(planResources({ workers: 1, cpusPerWorker: 4 }, probes({}, '0-7')).slots).toHaveLength(1);
    expect(() => planResources({ workers: 3, gpusPerWorker: 2, gpus: '0,1,2,3' }, probes())).toThrow(
      '--gpus-per-worker 2 with 3 workers needs 6 GPUs, but 4 GPUs are available (--gpus: 0,1,2,3)',
    );
    expect(() => planResources({ cpusPerWorker: 3 }, probes({}, '0-1'))).toThrow(
      /--cpus-per-worker 3: only 2 cores are available/,
    );
  });

  it('refuses zero, negative or fractional counts, and --gpus alone', () => {
    for (const bad of [0, -1, 1.5, NaN]) {
      expect(() => planResources({ gpusPerWorker: bad }, probes())).toThrow(
        /--gpus-per-worker must be a positive integer/,
      );
      expect(() => planResources({ cpusPerWorker: bad }, probes())).toThrow(
        /--cpus-per-worker must be a positive integer/,
      );
    }
    expect(() => planResources({ gpus: '0,1' }, probes())).toThrow(/--gpus needs --gpus-per-worker/);
  });

  it('asks nothing of the machine when no resources are asked for', () => {
    const none: ResourceProbes = {
      env: {},
      cpuMask: () => {
        throw new Error('asked');
      },
      nvidiaSmi: () => {
        throw new Error('asked');
      },
    };
    expect(planResources({ workers: 4 }, none)).toEqual({ workers: 4, slots: [] });
  });
});

describe('walltime', () => {
  it('p90 by nearest rank', () => {
    expect(percentile([], 0.9)).toBeUndefined();
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
  });

  it('starts anything before a task ended, then only what fits before the deadline', () => {
    const g = new WalltimeGuard(10_000);
    expect(g.fits(9_999)).toBe(true);
    g.observe(2_000);
    expect(g.fits(7_000)).toBe(true);
    expect(g.fits(7_001)).toBe(false);
  });

  it('reads squeue %L', () => {
    expect(parseSlurmTimeLeft('1-02:03:04')).toBe(((26 * 60 + 3) * 60 + 4) * 1000);
    expect(parseSlurmTimeLeft('03:04')).toBe(184_000);
    expect(parseSlurmTimeLeft('UNLIMITED')).toBeUndefined();
    expect(parseSlurmTimeLeft('NOT_SET')).toBeUndefined();
  });

  it('the deadline is the earlier of --timeout and the Slurm job end', () => {
    const none = () => undefined;
    expect(findDeadline(1_000, undefined, {}, none)).toBeUndefined();
    expect(findDeadline(1_000, 5_000, {}, none)).toBe(6_000);
    expect(findDeadline(1_000, 500_000, { SLURM_JOB_END_TIME: '100' }, none)).toBe(100_000);
    expect(findDeadline(1_000, undefined, { SLURM_JOB_ID: '7' }, (j) => (j === '7' ? '00:30' : undefined))).toBe(
      31_000,
    );
    expect(findDeadline(1_000, undefined, { SLURM_JOB_ID: '7' }, () => 'UNLIMITED')).toBeUndefined();
  });
});

describe('--max-failures', () => {
  it('is a positive integer; kill needs it', () => {
    expect(failureBudget(undefined, undefined)).toBeUndefined();
    expect(failureBudget(3, true)).toEqual({ max: 3, kill: true });
    expect(() => failureBudget(0, false)).toThrow('--max-failures must be a positive integer (got "0")');
    expect(() => failureBudget(undefined, true)).toThrow(/--max-failures-kill needs --max-failures/);
    expect(budgetSpent({ max: 2, kill: false }, 1)).toBe(false);
    expect(budgetSpent({ max: 2, kill: false }, 2)).toBe(true);
  });
});
