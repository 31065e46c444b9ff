import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/util/heap.js';

describe('collectGarbage', () => {
  it('collects, now, an object nothing refers to any more (and can be called again)', async () => {
    let held: object | undefined = { payload: new Array(1000).fill('x') };
    const ref = new WeakRef(held);
    held = undefined;
    await new Promise((r) => setTimeout(r, 0)); // a WeakRef keeps its target to the end of the turn that made it
    collectGarbage();
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });
});
