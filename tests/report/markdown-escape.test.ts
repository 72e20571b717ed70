import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTasks } from '../helpers/cli.js';

describe('the Markdown summary', () => {
  it('shows task commands literally: no bold, italics, links or @mentions from a command', async () => {
    const d = tempDir();
    const cmd = `echo '**bold** _x_ [a](b) ~~s~~ \`t\` @octocat' >&2; exit 4`;
    const list = writeTasks(d, [cmd, 'sleep 0.2']);
    const wd = join(d, 'wd');
    expect((await runCli([list, '-w', wd, '-q'])).code).toBe(1);
    const md = (await runCli(['report', wd, '--markdown', '-'])).stdout;
    // Outside the fenced log excerpts, none of the command's Markdown survives as such.
    const prose = md.replace(/^(`{3,})text\n[\s\S]*?^\1$/gm, '');
    for (const raw of ['**bold**', '_x_', '[a](b)', '~~s~~', '`t`', '@octocat']) expect(prose).not.toContain(raw);
    expect(prose).toContain('&#42;&#42;bold&#42;&#42; &#95;x&#95; &#91;a&#93;(b)');
    expect(prose).toContain('&#64;octocat');
    // The log excerpt is in a code fence, where Markdown is not applied: it stays verbatim.
    expect(md).toContain('**bold** _x_ [a](b) ~~s~~ `t` @octocat');
  });
});
