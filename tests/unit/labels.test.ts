import { describe, expect, it } from 'vitest';
import { LabelPlacer } from '../../src/report/html.js';

describe('map labels (labels-overlap-in-the-city-centre)', () => {
  it('places labels of crowded anchors without overlap, and leaves out what does not fit', () => {
    const placer = new LabelPlacer();
    const boxes: Array<[number, number, number, number]> = [];
    let left = 0;
    for (let k = 0; k < 12; k++) {
      const spot = placer.place(100 + (k % 3) * 4, 100 + Math.floor(k / 3) * 4, 16, 11); // twelve anchors within 12 px
      if (!spot) {
        left++;
        continue;
      }
      const box: [number, number, number, number] = [spot.x, spot.y - 11, spot.x + 16, spot.y];
      for (const b of boxes) expect(box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]).toBe(false);
      boxes.push(box);
    }
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    expect(boxes.length + left).toBe(12);
  });
});
