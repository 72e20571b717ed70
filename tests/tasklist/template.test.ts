import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  applyModifier,
  compileTemplate,
  expandTemplate,
  splitCsvLine,
  templateHandler,
  type TemplateSpec,
} from '../../src/tasklist/template.js';
import { UsageError } from '../../src/util/errors.js';
import { shellQuote } from '../../src/util/shell.js';

const expand = (spec: TemplateSpec, line: string, id = 0) => expandTemplate(compileTemplate(spec), line, id);

/** What bash makes of a command: its words, one per line (printf runs in the shell itself). */
const words = (cmd: string) => execFileSync('/bin/bash', ['-c', `printf '%s\\n' ${cmd}`], { encoding: 'utf8' });

describe('GNU parallel replacement strings', () => {
  it.each([
    ['{}', 'dir/sub.d/file.tar.gz', 'dir/sub.d/file.tar.gz'],
    ['{.}', 'dir/sub.d/file.tar.gz', 'dir/sub.d/file.tar'],
    ['{/}', 'dir/sub.d/file.tar.gz', 'file.tar.gz'],
    ['{//}', 'dir/sub.d/file.tar.gz', 'dir/sub.d'],
    ['{/.}', 'dir/sub.d/file.tar.gz', 'file.tar'],
    ['{.}', 'sub.dir/bar', 'sub.dir/bar'],
    ['{.}', 'noext', 'noext'],
    ['{//}', 'file.txt', '.'],
    ['{//}', '/abs/file', '/abs'],
    ['{/}', 'plain', 'plain'],
    ['{/.}', '/x/.hidden', ''],
  ])('%s of %s is %s', (tpl, input, want) => {
    expect(expand({ command: tpl, quote: false }, input)).toBe(want);
  });

  it('{#} is the task id, 0-based like PROC_NUMBER (GNU parallel counts from 1)', () => {
    expect(expand({ command: 'run {#} {}' }, 'a', 0)).toBe('run 0 a');
    expect(expand({ command: 'run {#}' }, 'a', 41)).toBe('run 41');
  });

  it('leaves ${VAR}, awk programs and other braces alone', () => {
    const cmd = "echo ${HOME} {a,b} | awk '{print $1}' {x y} {}";
    expect(expand({ command: cmd }, 'in')).toBe("echo ${HOME} {a,b} | awk '{print $1}' {x y} in");
  });

  it('applies modifiers to fields too: {1/.} {file//}', () => {
    const spec = { command: 'x {1/.} {file//} {2.}', fields: ['name', 'file'] };
    expect(expand(spec, 'n1 /data/run.1/f.root')).toBe('x n1 /data/run.1 /data/run.1/f');
  });
});

describe('shell quoting of substituted values', () => {
  const nasty = [
    'dir with spaces/file name.tar.gz',
    'it\'s a "quoted" file.txt',
    'semi;colon $(rm -rf /) `x` & | > <.dat',
    "'",
    '-dash.txt',
  ];
  it.each(nasty)('%s reaches the command as one unchanged word', (input) => {
    const cmd = expand({ command: '{} {.} {/} {//} {/.}' }, input);
    const want = [
      input,
      applyModifier(input, '.'),
      applyModifier(input, '/'),
      applyModifier(input, '//'),
      applyModifier(input, '/.'),
    ];
    expect(words(cmd)).toBe(want.map((w) => w + '\n').join(''));
  });

  it('plain values stay unquoted, so the task line stays readable', () => {
    expect(expand({ command: 'cp {} {/.}.bak' }, '/data/x-1_2.root')).toBe('cp /data/x-1_2.root x-1_2.bak');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
  });

  it('quote: false substitutes raw text (the user quotes)', () => {
    expect(expand({ command: 'cat "{}"', quote: false }, 'a b.txt')).toBe('cat "a b.txt"');
  });

  it('refuses a replacement string the user quoted as well, which would double-quote it', () => {
    expect(() => compileTemplate({ command: 'cat "{}"' })).toThrow(/shell-quoted already/);
    expect(() => compileTemplate({ command: "cat '{/.}'" })).toThrow(/remove the quotes around \{\/\.\}/);
  });
});

describe('fields', () => {
  it('splits on whitespace by default, by name or number', () => {
    const spec = { command: 'reco --sample {sample} --in {file} --n {3}', fields: ['sample', 'file', 'n'] };
    expect(expand(spec, 'ttbar   /d/a.root\t10')).toBe('reco --sample ttbar --in /d/a.root --n 10');
  });

  it('numbered fields without names', () => {
    expect(expand({ command: 'mv {1} {2}' }, 'a b')).toBe('mv a b');
  });

  it('CSV: quoted fields with commas, spaces, doubled quotes and dots', () => {
    const spec: TemplateSpec = { command: 'proc {name} {path/.}', fields: ['name', 'path'], separator: 'csv' };
    expect(expand(spec, 'run 1,"/data/my dir/a, b ""x"".root"')).toBe(`proc 'run 1' 'a, b "x"'`);
    const cmd = expand(spec, `o'k,"/d/it's.v1.root"`);
    expect(words(cmd)).toBe("proc\no'k\nit's.v1\n");
  });

  it('a line with too few or too many fields is an error naming the task and line', () => {
    const h = templateHandler('reco', { command: 'x {a} {b}', fields: ['a', 'b'] });
    expect(() => h('only-one', 4)).toThrow(UsageError);
    expect(() => h('only-one', 4)).toThrow(
      'tasklist handler "reco": task 4 ("only-one") has 1 field, the template needs 2 (a, b)',
    );
    expect(() => h('a b c', 5)).toThrow('has 3 fields, the template needs 2 (a, b)');
    expect(h('1 2', 6)).toBe('x 1 2');
    expect(() => templateHandler('n', { command: 'x {3}' })('a b', 0)).toThrow(
      'has 2 fields, the template needs at least 3',
    );
  });

  it('unknown field names and {0} are template errors', () => {
    expect(() => compileTemplate({ command: 'x {smaple}', fields: ['sample'] })).toThrow(
      '{smaple}: unknown field "smaple" (fields are: sample)',
    );
    expect(() => compileTemplate({ command: 'x {file}' })).toThrow(/no fields are named/);
    expect(() => compileTemplate({ command: 'x {0}' })).toThrow(/numbered from 1/);
  });
});

describe('splitCsvLine (RFC 4180, one record)', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a,,c,', ['a', '', 'c', '']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['""', ['']],
    ['a "b" c,d', ['a "b" c', 'd']],
    [' spaced , kept ', [' spaced ', ' kept ']],
  ])('%s', (line, want) => {
    expect(splitCsvLine(line)).toEqual(want);
  });

  it('rejects an unterminated quote and text after a closing quote', () => {
    expect(() => splitCsvLine('a,"b')).toThrow('unterminated quoted field starting at column 3');
    expect(() => splitCsvLine('"a"b,c')).toThrow(/after the closing quote/);
  });
});
