import { describe, expect, it } from 'vitest';
import { fitWidth, layout, renderTable, tableWidth, type Column } from '../../src/cli/table.js';

const columns: Column[] = [
  { header: '#', align: 'right' },
  { header: 'place', max: 40, min: 10, shrink: 2 },
  { header: 'trend', drop: 2 },
  { header: 'change', drop: 1 },
  { header: 'why', min: 8, shrink: 1, drop: 3 },
];
const rows = [
  ['1', 'Sint Maartenslaan, Sint Maartenspoort, Maastricht-Oost', 'intensifying', 'new', 'herhaald veel-meldingen meerdere-melders'],
  ['12', 'Wyck', 'persistent', '+3 places', 'herhaald'],
];
const plain = (s: string) => s;

describe('terminal tables', () => {
  it('aligns every column on every row, whatever the cell lengths (trend-column-misaligned-on-intensifying)', () => {
    const lines = renderTable(columns, rows, { width: Infinity, wide: false, bold: plain });
    const at = (line: string, word: string) => line.indexOf(word);
    expect(at(lines[1]!, 'intensifying')).toBe(at(lines[0]!, 'trend'));
    expect(at(lines[2]!, 'persistent')).toBe(at(lines[0]!, 'trend'));
    expect(at(lines[1]!, 'new')).toBe(at(lines[0]!, 'change'));
    expect(at(lines[2]!, '+3 places')).toBe(at(lines[0]!, 'change'));
    expect(lines[1]).toContain('Sint Maartenslaan, Sint Maartenspoort, …'); // capped at 40 unless --wide
  });

  it('fits a width: the shrinkable columns are cut with an ellipsis, then columns are left out', () => {
    for (const width of [30, 45, 60, 80, 100]) {
      const lines = renderTable(columns, rows, { width, wide: false, bold: plain });
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    }
    const narrow = layout(columns, rows, 45, false);
    expect(narrow.shown.map((k) => columns[k]!.header)).toEqual(['#', 'place', 'trend', 'why']);
    expect(renderTable(columns, rows, { width: 30, wide: false, bold: plain })[1]).toBe(' 1  Sint Maartensla…  herhaal…');
  });

  it('shows everything with --wide', () => {
    const lines = renderTable(columns, rows, { width: Infinity, wide: true, bold: plain });
    expect(lines[1]).toContain('Sint Maartenslaan, Sint Maartenspoort, Maastricht-Oost');
    expect(lines[1]).toContain('herhaald veel-meldingen meerdere-melders');
  });

  it('takes the width of a terminal, else $COLUMNS, else none', () => {
    expect(tableWidth({ isTTY: true, columns: 120 }, {}, false)).toBe(120);
    expect(tableWidth({ isTTY: false }, { COLUMNS: '90' }, false)).toBe(90);
    expect(tableWidth({ isTTY: false }, {}, false)).toBe(Infinity);
    expect(tableWidth({ isTTY: true, columns: 120 }, {}, true)).toBe(Infinity);
    expect(fitWidth('abcdef', 4)).toBe('abc…');
  });
});
