import { execaSync } from 'execa';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Debian's chromium, which .ci/run installs; tests that need it skip (saying why) without it. */
export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export function skipWithoutChromium(): boolean {
  if (CHROMIUM) return false;
  console.warn('skipping: /usr/bin/chromium is not installed (apt-get install chromium)');
  return true;
}

/** Headless Chromium with no network, no first-run and no background services, in a throwaway profile. */
function chromium(args: string[], file: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'tf-chromium-'));
  try {
    return execaSync(
      CHROMIUM!,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        ...args,
        pathToFileURL(file).href,
      ],
      { stdin: 'ignore', stderr: 'ignore', stripFinalNewline: false, timeout: 60_000, maxBuffer: 256 << 20 },
    ).stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The page's DOM after its scripts ran. */
export function dumpDom(file: string): string {
  return chromium(['--dump-dom'], file);
}

export function screenshot(file: string, png: string, size = '1200,1400'): void {
  chromium([`--screenshot=${png}`, `--window-size=${size}`], file);
}
