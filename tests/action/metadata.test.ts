/**
 * action.yml is the one list of the Action's inputs: inputs.ts reads it (declaredInputs), and
 * these checks keep what restates it in step. Adding an input: action.yml, the schema, a line
 * in KINDS if it is not text, and a README row; this test names what is missing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../schemas/action-inputs.schema.json' with { type: 'json' };
import { KINDS } from '../../src/action/inputs.js';
import { declaredInputs } from '../../src/action/metadata.js';
import { ROOT } from './helpers.js';

const declared = [...declaredInputs(join(ROOT, 'action.yml')).keys()];

/** The input names of the README's Action table (`| \`a\` / \`b\` | default | what |`). */
function readmeInputs(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| input | default |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return rows.flatMap((r) => [...(r.split('|')[1] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1]));
}

describe('the Action inputs: action.yml is the list, the rest agrees', () => {
  it('the schema has a property for every declared input, and no other', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...declared].sort());
  });

  it("the README's input table has a row for every declared input, and no other", () => {
    expect(readmeInputs().sort()).toEqual([...declared].sort());
  });

  it('every input inputs.ts converts is declared', () => {
    for (const name of Object.keys(KINDS)) expect(declared, name).toContain(name);
  });
});
