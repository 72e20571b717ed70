import { describe, expect, it } from 'vitest';
import { parseIds } from '../../src/cli/requeue-args.js';

describe('requeue --ids', () => {
  it('takes ids and ranges', () => {
    expect(parseIds('3,7-9')).toEqual([3, 7, 8, 9]);
    for (const bad of ['', 'a', '3-1', '-2', '1,,2']) expect(() => parseIds(bad)).toThrow(/--ids must be task ids/);
  });
});
