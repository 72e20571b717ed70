import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeFilesystem,
  detectFilesystem,
  formatFilesystem,
  magicName,
  mountOf,
  parseMounts,
  scopeOf,
} from '../../src/workdir/fstype.js';
import { slurmNodes } from '../../src/farm/node-check.js';
import { tempDir } from '../helpers/cli.js';

// Lines as they appear in /proc/mounts on a login node, a GlusterFS client and this VM.
const MOUNTS = `overlay / overlay rw,relatime,lowerdir=/l,upperdir=/u,workdir=/w 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0
/dev/sda1 /home ext4 rw,relatime 0 0
nfs1:/export/home /home/alice nfs4 rw,relatime,vers=4.2,lookupcache=positive 0 0
10.0.0.1@o2ib:/scratch /global/scratch lustre rw,flock,lazystatfs 0 0
gpfs1 /gpfs/projects gpfs rw,relatime 0 0
localhost:/vol /mnt/gluster fuse.glusterfs rw,relatime,user_id=0,group_id=0 0 0
/dev/sdb1 /data/my\\040disk xfs rw 0 0
`;

describe('knowing the filesystem of a workdir', () => {
  it('reads /proc/mounts, octal escapes included', () => {
    const m = parseMounts(MOUNTS);
    expect(m).toHaveLength(9);
    expect(m[7]).toEqual({ source: 'localhost:/vol', mountpoint: '/mnt/gluster', type: 'fuse.glusterfs' });
    expect(m[8].mountpoint).toBe('/data/my disk');
  });

  it('finds the mount a path lives on by the longest mount point, not by prefix of a name', () => {
    const m = parseMounts(MOUNTS);
    expect(mountOf('/home/alice/run1/wd', m)?.type).toBe('nfs4');
    expect(mountOf('/home/alicex/wd', m)?.type).toBe('ext4');
    expect(mountOf('/home/alice', m)?.type).toBe('nfs4');
    expect(mountOf('/global/scratch/u/wd', m)?.type).toBe('lustre');
    expect(mountOf('/tmp/wd', m)?.type).toBe('overlay');
  });

  it('names statfs magic numbers and says which filesystems nodes share', () => {
    expect(magicName(0x6969)).toBe('nfs');
    expect(magicName(0x0bd00bd0)).toBe('lustre');
    expect(magicName(0x47504653)).toBe('gpfs');
    expect(magicName(0x65735546)).toBe('fuse');
    expect(magicName(0x01021994)).toBe('tmpfs');
    expect(magicName(0xef53)).toBe('ext4');
    expect(magicName(0x58465342)).toBe('xfs');
    expect(magicName(0x12345)).toBe('unknown (0x12345)');
    for (const t of ['nfs', 'nfs4', 'lustre', 'gpfs', 'fuse.glusterfs', 'ceph', 'beegfs'])
      expect(scopeOf(t)).toBe('shared');
    for (const t of ['ext4', 'xfs', 'btrfs', 'overlay']) expect(scopeOf(t)).toBe('local');
    for (const t of ['tmpfs', 'ramfs']) expect(scopeOf(t)).toBe('memory');
    expect(scopeOf('fuse')).toBe('unknown');
    expect(scopeOf('fuse.mystery')).toBe('unknown');
  });

  it('takes the family from f_type and the FUSE kind and source from /proc/mounts when they agree', () => {
    const m = parseMounts(MOUNTS);
    expect(describeFilesystem(0x65735546, mountOf('/mnt/gluster/wd', m))).toEqual({
      type: 'fuse.glusterfs',
      scope: 'shared',
      mountpoint: '/mnt/gluster',
      source: 'localhost:/vol',
    });
    expect(describeFilesystem(0x6969, mountOf('/home/alice/wd', m)).type).toBe('nfs4');
    // A namespace or bind mount can make /proc/mounts name another filesystem: f_type wins.
    expect(describeFilesystem(0x01021994, mountOf('/home/alice/wd', m))).toEqual({ type: 'tmpfs', scope: 'memory' });
    // No statfs (not Linux): /proc/mounts alone.
    expect(describeFilesystem(undefined, mountOf('/global/scratch/x', m)).type).toBe('lustre');
    expect(formatFilesystem(describeFilesystem(0x65735546, mountOf('/mnt/gluster/wd', m)))).toBe(
      'fuse.glusterfs (localhost:/vol on /mnt/gluster), shared between nodes',
    );
  });

  it('detects the filesystem of a real directory, or of its parent when it does not exist yet', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a'));
    const here = detectFilesystem(join(dir, 'a'));
    expect(here.type).not.toMatch(/^unknown/);
    expect(detectFilesystem(join(dir, 'a', 'not', 'yet'))).toEqual(here);
    // /dev/shm is a tmpfs on Linux.
    expect(detectFilesystem('/dev/shm').scope).toBe('memory');
  });

  it('counts the nodes of a Slurm job from either variable', () => {
    expect(slurmNodes({})).toBe(1);
    expect(slurmNodes({ SLURM_NNODES: '3' })).toBe(3);
    expect(slurmNodes({ SLURM_JOB_NUM_NODES: '2' })).toBe(2);
    expect(slurmNodes({ SLURM_NNODES: 'x' })).toBe(1);
  });
});
