import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { ROOT } from '../action/helpers.js';

interface PackInfo {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string; size: number }>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    // The user's npm configuration must not change what is tested; no registry is needed.
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/**
 * The npm package as a user gets it: `npm pack`, then `npm install` of the tarball in an empty
 * directory. The install is offline: the package has no runtime dependencies (dist/ is bundled),
 * so it must not need the registry at all.
 */
describe('the npm package', () => {
  let pack: PackInfo;
  let app: string;

  beforeAll(() => {
    const out = tempDir('tf-pack-');
    pack = (JSON.parse(npm(['pack', '--json', '--pack-destination', out], ROOT)) as PackInfo[])[0];
    app = tempDir('tf-app-');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    npm(['install', '--offline', '--ignore-scripts', join(out, pack.filename)], app);
  }, 180_000);

  it('holds the CLI, the library, its types, the schemas and the docs, and nothing else', () => {
    const files = pack.files.map((f) => f.path).sort();
    const allowed = [
      /^(README\.md|LICENSE|CHANGELOG\.md|package\.json)$/,
      /^dist\/(cli|lib)\.js$/,
      /^dist\/chunks\/[\w-]+\.js$/,
      /^dist\/types\/[\w/-]+\.d\.ts$/,
      /^schemas\/[\w-]+\.schema\.json$/,
    ];
    expect(files.filter((f) => !allowed.some((re) => re.test(f)))).toEqual([]);
    for (const f of ['LICENSE', 'CHANGELOG.md', 'dist/cli.js', 'dist/lib.js', 'dist/types/index.d.ts'])
      expect(files).toContain(f);
    expect(files.filter((f) => f.startsWith('schemas/'))).toEqual(
      readdirSync(join(ROOT, 'schemas'))
        .map((f) => `schemas/${f}`)
        .sort(),
    );
    // The Action's entry and the chunks only it loads (@actions/core, @actions/artifact) stay in git.
    const actionOnly = readFileSync(join(ROOT, 'dist/chunks/.npmignore'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(actionOnly.length).toBeGreaterThan(0);
    for (const c of actionOnly) expect(files).not.toContain(`dist/chunks/${c}`);
    expect(files).not.toContain('dist/index.js');
    console.log(`npm package: ${files.length} files, ${pack.size} bytes packed, ${pack.unpackedSize} unpacked`);
  });

  it('is small: under 400 kB packed and 2 MB unpacked', () => {
    expect(pack.size).toBeLessThan(400_000);
    expect(pack.unpackedSize).toBeLessThan(2_000_000);
  });

  it('installs as one package, with no dependency and no other bin', () => {
    const lock = JSON.parse(readFileSync(join(app, 'node_modules', '.package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    expect(Object.keys(lock.packages)).toEqual(['node_modules/taskfarmer']);
    expect(readdirSync(join(app, 'node_modules'))).toEqual(expect.not.arrayContaining(['typescript', '@actions']));
    expect(readdirSync(join(app, 'node_modules', '.bin'))).toEqual(['taskfarmer']);
    let bytes = 0;
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        const s = statSync(p);
        if (s.isDirectory()) walk(p);
        else bytes += s.size;
      }
    };
    walk(join(app, 'node_modules'));
    expect(bytes).toBeLessThan(2_000_000);
    console.log(`installed: 1 package, ${bytes} bytes in node_modules`);
  });

  it('`npx taskfarmer` runs a tasklist', () => {
    writeFileSync(join(app, 'tasks.txt'), 'echo one\necho two\n');
    expect(npm(['exec', '--offline', '--', 'taskfarmer', '--version'], app).trim()).toBe(pkg.version);
    execFileSync('npx', ['--offline', 'taskfarmer', 'tasks.txt', '-n', '2', '-q'], { cwd: app, stdio: 'pipe' });
    expect(
      readFileSync(join(app, 'tasks.txt_workdir', 'finished'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .sort(),
    ).toEqual(['0 echo one', '1 echo two']);
  });

  it('imports as a library, with the schemas as subpaths', () => {
    const script = `
      import { farm, status, UsageError } from 'taskfarmer';
      import schema from 'taskfarmer/schemas/report.schema.json' with { type: 'json' };
      console.log(typeof farm, typeof status, typeof UsageError, typeof schema.properties);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    expect(out.trim()).toBe('function function function object');
  });

  it('type-checks in a strict TypeScript project, and rejects a wrong option type', () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const tsconfig = {
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        resolveJsonModule: true,
        // @types/node from this repository: a Node project has its own.
        typeRoots: [join(ROOT, 'node_modules', '@types')],
        types: ['node'],
      },
      files: ['consumer.ts'],
    };
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
    writeFileSync(
      join(app, 'consumer.ts'),
      `import { farm, status, type FarmOptions, type FarmResult, type Report } from 'taskfarmer';
import schema from 'taskfarmer/schemas/config.schema.json' with { type: 'json' };
const options: FarmOptions = { tasklist: 'tasks.txt', workers: 2, retries: 1 };
const result: FarmResult = await farm(options);
const done: number = result.finished + status(result.workdir).finished;
const report: Report | undefined = undefined;
export { done, report, schema };
`,
    );
    const run = () => spawnSync(process.execPath, [tsc, '-p', app], { cwd: app, encoding: 'utf8' });
    const ok = run();
    expect(ok.stdout + ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    // The types are real, not `any`: a wrong option fails to compile.
    writeFileSync(join(app, 'consumer.ts'), `import { farm } from 'taskfarmer';\nawait farm({ tasklist: 1 });\n`);
    const bad = run();
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/consumer\.ts.*error TS\d+.*number.*string/s);
  }, 300_000); // tsc twice: minutes on a loaded 2-core machine
});
