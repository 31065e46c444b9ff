import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, NOW, runCli, tempDir } from '../helpers.js';
import { termKeys } from '../../src/report/words.js';

const FILES = [...DEMO, '--now', NOW];

/** The words a reader sees: no markup, no styles, no file names. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<code>[\s\S]*?<\/code>/g, '')
    .replace(/<[^>]+>/g, ' ');
}

async function report(lang?: string): Promise<string> {
  const out = tempDir();
  const r = await runCli(['screen', ...FILES, '--out', out, '--format', 'html', '--quiet', ...(lang ? ['--lang', lang] : [])]);
  expect(r.code).toBe(0);
  return readFileSync(join(out, 'report.html'), 'utf8');
}

describe('one language per report (report-html-mixes-english-headings-and-dutch-values)', () => {
  it('is Dutch by default: headings, kinds, classes, trends, weekdays, reasons and guards', async () => {
    const html = await report();
    expect(html).toContain('<html lang="nl">');
    const text = visibleText(html);
    for (const word of [
      'Kaart',
      'Hotspots op volgorde',
      'aandachtslocatie',
      'openbare ruimte',
      'zaterdag',
      'meldingen',
      'tegengehouden door:',
      'eenmalige piek: ',
      'Herkomst',
    ])
      expect(text).toContain(word);
    for (const word of ['Ranked', 'busiest', 'Provenance', 'public space', 'Saturday', 'held back', 'reports per', ' watch'])
      expect(text).not.toContain(word);
  });

  it("is English with --lang en, with the Dutch words gone (the rules' own labels aside)", async () => {
    const html = await report('en');
    expect(html).toContain('<html lang="en">');
    const text = visibleText(html);
    for (const word of [
      'Map',
      'Ranked hotspots',
      'watch',
      'public space',
      'Saturday',
      'reports',
      'held back by:',
      'one-off peak: ',
      'Provenance',
    ])
      expect(text).toContain(word);
    for (const word of ['Kaart', 'aandachtslocatie', 'openbare ruimte', 'zaterdag', 'meldingen', 'tegengehouden', 'drukste', 'Herkomst'])
      expect(text).not.toContain(word);
  });

  it('links every detailed place on the map to its row, and has a legend', async () => {
    const html = await report();
    const links = [...html.matchAll(/<a href="#(hs-\d+)">/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(10);
    for (const id of links) expect(html).toContain(`id="${id}"`);
    expect(html).toMatch(/<div class="legend small">[\s\S]*kerndichtheid[\s\S]*hotspot[\s\S]*aandachtslocatie/);
    expect(html).toMatch(/<g class="kde"><rect /); // the density surface under the reports and the areas
  });

  it('shows --report-top places in detail and the rest in a compact table', async () => {
    const out = tempDir();
    await runCli(['screen', ...FILES, '--out', out, '--format', 'html', '--quiet', '--report-top', '5']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect((html.match(/ id="hs-\d+"/g) ?? []).length).toBe(5);
    expect(html).toMatch(/<h2 id="more">nog \d+ plaatsen<\/h2>/);
    expect((await runCli(['screen', ...FILES, '--out', tempDir(), '--report-top', 'many'])).code).toBe(2);
  });

  it('has every value word in both languages', () => {
    expect(termKeys('en').sort()).toEqual(termKeys('nl').sort());
  });
});
