import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeTasks } from '../helpers/cli.js';
import { startArtifactServer, type ArtifactServer } from './artifact-server.js';
import { copyAction, nodeBinaries, runAction } from './helpers.js';

let action: string;
let server: ArtifactServer;
beforeAll(async () => {
  action = copyAction();
  server = await startArtifactServer();
});
afterAll(() => server?.close());

/** Names of the entries in a zip (its central directory: signature 0x02014b50, name after 46 bytes). */
function zipEntries(zip: Buffer): string[] {
  const names: string[] = [];
  for (
    let i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    i >= 0;
    i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)
  ) {
    const len = zip.readUInt16LE(i + 28);
    names.push(zip.subarray(i + 46, i + 46 + len).toString('utf8'));
  }
  return names.sort();
}

for (const node of nodeBinaries()) {
  const major = Number(node.label.split(' ')[1]?.split('.')[0]);
  if (node.skip) console.log(`skipped: artifacts under ${node.label}: ${node.skip}`);
  else if (major < 22)
    console.log(
      `skipped: the two upload tests under ${node.label}: @actions/artifact needs Node >= 22 (the notice path is tested instead)`,
    );
  else console.log(`skipped: the "needs Node 22" notice test under ${node.label}: it applies to Node < 22 only`);
  describe.skipIf(node.skip)(`artifacts under ${node.label}`, () => {
    it.runIf(major >= 22)(
      "uploads the lists, the report, the timeline and the failed tasks' logs, and outputs its id and URL",
      async () => {
        const dir = tempDir();
        writeTasks(dir, ['echo zero', 'echo one; exit 2', 'echo two'], 'tasks.txt');
        const name = `results-${node.label.replace(/\W+/g, '-')}`;
        const r = await runAction({
          node: node.path,
          action,
          cwd: dir,
          inputs: { tasklist: 'tasks.txt', 'artifact-name': name },
          env: {
            ...server.env,
            GITHUB_SERVER_URL: 'https://github.com',
            GITHUB_REPOSITORY: 'o/r',
            GITHUB_RUN_ID: '77',
          },
        });
        expect(r.code, r.stdout + r.stderr).toBe(1);
        expect(r.stdout).toContain(`taskfarmer: uploaded artifact ${name} (5 files`);
        const a = server.artifacts.get(name)!;
        expect(a.finalized).toBe(true);
        expect(zipEntries(a.body)).toEqual(['failed', 'finished', 'logs/log_1', 'report.json', 'timeline.json']);
        expect(r.outputs['artifact-id']).toMatch(/^\d+$/);
        expect(r.outputs['artifact-url']).toBe(
          `https://github.com/o/r/actions/runs/77/artifacts/${r.outputs['artifact-id']}`,
        );
        expect(r.summary).toContain(`Artifact [\`${name}\`](${r.outputs['artifact-url']}) (5 files)`);
        expect(r.notices).toEqual([]);
      },
    );

    it.runIf(major >= 22)('upload-logs: all uploads every log; none uploads none', async () => {
      const dir = tempDir();
      writeTasks(dir, ['echo zero', 'echo one; exit 2', 'echo two'], 'tasks.txt');
      const upload = async (logs: string) => {
        const name = `logs-${logs}-${major}`;
        const r = await runAction({
          node: node.path,
          action,
          cwd: dir,
          inputs: { tasklist: 'tasks.txt', 'artifact-name': name, 'upload-logs': logs, workdir: `wd-${logs}` },
          env: server.env,
        });
        expect(r.code, r.stdout + r.stderr).toBe(1);
        return zipEntries(server.artifacts.get(name)!.body);
      };
      expect(await upload('all')).toEqual([
        'failed',
        'finished',
        'logs/log_0',
        'logs/log_1',
        'logs/log_2',
        'report.json',
        'timeline.json',
      ]);
      expect(await upload('none')).toEqual(['failed', 'finished', 'report.json', 'timeline.json']);
    });

    it.runIf(major >= 22)('a failed upload is a warning, not a failed step', async () => {
      const dir = tempDir();
      writeTasks(dir, ['true'], 'tasks.txt');
      const inputs = { tasklist: 'tasks.txt', 'artifact-name': `taken-${major}` };
      const first = await runAction({ node: node.path, action, cwd: dir, inputs, env: server.env });
      expect(first.code).toBe(0);
      // Same name again in the same run: the service refuses it.
      const second = await runAction({ node: node.path, action, cwd: dir, inputs, env: server.env });
      expect(second.code).toBe(0);
      expect(
        second.warnings.some((w) => w.includes('Artifact upload failed') && w.includes('strategy.job-index')),
      ).toBe(true);
    });

    it.runIf(major < 22)('says in one notice that uploading needs Node 22, and leaves the files', async () => {
      const dir = tempDir();
      writeTasks(dir, ['true'], 'tasks.txt');
      const r = await runAction({
        node: node.path,
        action,
        cwd: dir,
        inputs: { tasklist: 'tasks.txt' },
        env: server.env,
      });
      expect(r.code).toBe(0);
      expect(r.notices).toHaveLength(1);
      expect(r.notices[0]).toContain('uploading needs Node 22 or later');
    });
  });
}
