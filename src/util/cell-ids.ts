/**
 * Dense ids (0, 1, ...) for grid cells, whole-number column and row pairs, in the order first met:
 * open addressing on typed arrays, at most half full, found by a multiplicative hash of column
 * and row. For loops that look a cell up per report: a Map keyed by a packed number took about
 * three times as long, and packing needs a bound on the columns.
 */
export class CellIds {
  /** Column and row of each id. */
  cx: Int32Array;
  cy: Int32Array;
  size = 0;
  private slots: Int32Array; // id + 1 (0: empty)
  private shift: number;

  /** `expected`: about how many cells will be added (the table grows as needed). */
  constructor(expected = 16) {
    let bits = 4;
    while (1 << bits < expected * 2) bits++;
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.cx = new Int32Array(1 << (bits - 1));
    this.cy = new Int32Array(1 << (bits - 1));
  }

  /** The id of the cell at column `cx`, row `cy`; -1 when it was never added. */
  find(cx: number, cy: number): number {
    const slots = this.slots,
      mask = slots.length - 1;
    for (let s = this.slotOf(cx, cy), e = slots[s]!; e !== 0; s = (s + 1) & mask, e = slots[s]!)
      if (this.cx[e - 1] === cx && this.cy[e - 1] === cy) return e - 1;
    return -1;
  }

  /** The id of the cell at column `cx`, row `cy`, added when new. */
  id(cx: number, cy: number): number {
    const mask = this.slots.length - 1;
    let s = this.slotOf(cx, cy);
    for (let e = this.slots[s]!; e !== 0; s = (s + 1) & mask, e = this.slots[s]!)
      if (this.cx[e - 1] === cx && this.cy[e - 1] === cy) return e - 1;
    const id = this.size++;
    this.cx[id] = cx;
    this.cy[id] = cy;
    this.slots[s] = id + 1;
    if (this.size * 2 >= this.slots.length) this.grow();
    return id;
  }

  private slotOf(cx: number, cy: number): number {
    return Math.imul(cx + Math.imul(cy, 0x5bd1e995), 0x9e3779b1) >>> this.shift;
  }

  /** Doubles the table (and the room for ids); the ids stay. */
  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.shift--;
    const cx = new Int32Array(this.slots.length / 2),
      cy = new Int32Array(this.slots.length / 2);
    cx.set(this.cx);
    cy.set(this.cy);
    this.cx = cx;
    this.cy = cy;
    const mask = this.slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let s = this.slotOf(cx[id]!, cy[id]!);
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = id + 1;
    }
  }
}
