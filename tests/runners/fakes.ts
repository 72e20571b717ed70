/**
 * Fake container wrappers for tests: `shifter`, `podman-hpc`, `apptainer`, `singularity`
 * and `srun` scripts that record their argv and environment, then do what the real
 * wrapper would do with the inner command (cd to the work dir it names, set the variables
 * it passes in) and exec it, so the task's output, exit status and signals come through.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes each call's argv (NUL-separated) and env to $FAKE_LOG/<name>.<PROC_NUMBER|rm>.{argv,env}. */
const RECORD = `
tag=\${PROC_NUMBER:-x}
[ "$1" = rm ] && tag=rm
printf '%s\\0' "$@" > "$FAKE_LOG/$(basename "$0").$tag.argv"
env -0 > "$FAKE_LOG/$(basename "$0").$tag.env"
`;

const SCRIPTS: Record<string, string> = {
  // shifter --image IMG [--workdir=DIR] [-V…] [-m…] -- CMD…
  shifter: `${RECORD}
while [ $# -gt 0 ] && [ "$1" != -- ]; do
  case "$1" in --workdir=*) cd "\${1#--workdir=}" || exit 99 ;; esac
  shift
done
shift
exec "$@"
`,
  // podman-hpc run --rm --name N [--gpu] [-v V] [-w DIR] [-e K=V|K|P*] [ARGS] IMAGE CMD… ; podman-hpc rm -f --ignore N
  'podman-hpc': `${RECORD}
[ "$1" = rm ] && exit 0
[ "$1" = run ] || exit 98
shift
while [ $# -gt 0 ]; do
  case "$1" in
    -v|--name) shift 2 ;;
    -w) cd "$2" || exit 99; shift 2 ;;
    -e) case "$2" in *=*) export "$2" ;; esac; shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
shift
exec "$@"
`,
  // apptainer exec [--nv] [--bind B] [--pwd DIR] [ARGS] IMAGE CMD…, with APPTAINERENV_X=… → X=…
  apptainer: `${RECORD}
[ "$1" = exec ] || exit 98
shift
while [ $# -gt 0 ]; do
  case "$1" in
    --bind) shift 2 ;;
    --pwd) cd "$2" || exit 99; shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
shift
for v in $(compgen -e); do
  case "$v" in APPTAINERENV_*|SINGULARITYENV_*) export "\${v#*ENV_}=\${!v}"; unset "$v" ;; esac
done
exec "$@"
`,
  // srun [OPTIONS] CMD…
  srun: `${RECORD}
while [ $# -gt 0 ]; do
  case "$1" in -*) shift ;; *) break ;; esac
done
exec "$@"
`,
};
SCRIPTS.singularity = SCRIPTS.apptainer;

export interface Fakes {
  /** Prepend to PATH. */
  bin: string;
  log: string;
  env: NodeJS.ProcessEnv;
  /** The argv a wrapper got for task `id` (or for its `rm` call), without argv[0]. */
  argv(name: string, id: number | 'rm'): string[];
  /** The environment a wrapper got for task `id`. */
  envOf(name: string, id: number): Record<string, string>;
  called(name: string, id: number | 'rm'): boolean;
}

export function installFakes(dir: string, names = Object.keys(SCRIPTS)): Fakes {
  const bin = join(dir, 'fakebin');
  const log = join(dir, 'fakelog');
  mkdirSync(bin, { recursive: true });
  mkdirSync(log, { recursive: true });
  for (const n of names) {
    const path = join(bin, n);
    writeFileSync(path, `#!/bin/bash\n${SCRIPTS[n]}`);
    chmodSync(path, 0o755);
  }
  const file = (name: string, id: number | 'rm', ext: string) => join(log, `${name}.${id}.${ext}`);
  return {
    bin,
    log,
    env: { PATH: `${bin}:${process.env.PATH}`, FAKE_LOG: log },
    argv: (name, id) =>
      readFileSync(file(name, id, 'argv'), 'utf8')
        .split('\0')
        .slice(0, -1),
    envOf: (name, id) =>
      Object.fromEntries(
        readFileSync(file(name, id, 'env'), 'utf8')
          .split('\0')
          .filter(Boolean)
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      ),
    called: (name, id) => existsSync(file(name, id, 'argv')),
  };
}
