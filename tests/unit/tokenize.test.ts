import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CsvTokenizer } from '../../src/ingest/tokenize.js';
import { Random } from '../../tools/scenario/random.js';

/** Tokenizes text whole, or in chunks of the given sizes: the result must not depend on where chunks end. */
function tokenize(text: string, delimiter = ',', chunks?: number[], skipLines = 0, maxRecordChars = 1 << 20) {
  const t = new CsvTokenizer(delimiter, { skipLines, maxRecordChars });
  const rows: Array<{ line: number; cells: string[] }> = [];
  const problems: Array<{ line: number; message: string }> = [];
  let i = 0;
  for (const size of chunks ?? []) {
    t.push(text.slice(i, i + size), false, rows, problems);
    i += size;
  }
  t.push(text.slice(i), true, rows, problems);
  return {
    rows: rows.map(({ line, cells }) => ({ line, cells })),
    problems,
    replaced: rows.map((r) => (r as { replaced?: boolean }).replaced),
  };
}

/** csv-parse with the options the first reader used, record start lines as it computed them. */
function csvParse(text: string) {
  const records = parse(text, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  return records.map(({ record, info }) => ({ line: info.lines - record.join('').split('\n').length + 1, cells: record }));
}

const CASES: Record<string, string> = {
  plain: 'a,b,c\n1,2,3\n4,5,6\n',
  crlf: 'a,b\r\n1,2\r\n3,4\r\n',
  quoted: 'a,b\n"x, y","he said ""hi"""\n"",2\n',
  multiline: 'id,t,x\n1,"regel een\nregel twee\nregel drie",5\n2,"nog\neen",6\n3,gewoon,7\n',
  relaxed: 'a,b\nx"y,2\n"x"y,3\n "x",4\n',
  emptyLines: 'a,b\n\n1,2\n\n  \n3,4\n',
  ragged: 'a,b,c\n1,2\n1,2,3,4\n',
  trailingDelimiter: 'a,b\n1,2,\n',
  noFinalNewline: 'a,b\n1,2',
  bom: '\ufeffa,b\n1,2\n',
  crOnly: 'a,b\r1,2\r3,4\r',
};

describe('CsvTokenizer', () => {
  it('says per record whether it holds U+FFFD (undecodable bytes), however the text is cut', () => {
    const text = 'a,b\n1,x\uFFFDy\n2,ok\n"q\n\uFFFD",3\n4,5\n\uFFFD,6';
    const rng = new Random(7);
    for (let k = 0; k < 30; k++) {
      const sizes = k === 0 ? [] : Array.from({ length: 10 }, () => rng.int(1, 6));
      const { rows, replaced } = tokenize(text, ',', sizes);
      expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 6, 7]);
      expect(replaced).toEqual([false, true, false, true, false, true]);
    }
  });

  it.each(Object.entries(CASES))('reads %s as csv-parse did, with record start lines', (_, text) => {
    expect(tokenize(text).rows).toEqual(csvParse(text));
  });

  it.each(Object.entries(CASES))('gives the same records however %s is cut into chunks', (_, text) => {
    const whole = tokenize(text);
    const rng = new Random(text.length);
    for (let k = 0; k < 30; k++) {
      const sizes = Array.from({ length: 20 }, () => rng.int(1, 5));
      expect(tokenize(text, ',', sizes)).toEqual(whole);
    }
  });

  it('numbers lines right where csv-parse did not: CRLF inside quotes is one line end, a CR-only line in an LF file is empty', () => {
    expect(tokenize('id,t\r\n1,"a\r\nb"\r\n2,c\r\n').rows).toEqual([
      { line: 1, cells: ['id', 't'] },
      { line: 2, cells: ['1', 'a\r\nb'] },
      { line: 4, cells: ['2', 'c'] },
    ]);
    expect(tokenize('a,b\n1,2\n\r\n3,4\n').rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 4, cells: ['3', '4'] },
    ]);
  });

  it('reports an unclosed quote at the line its record starts on', () => {
    expect(tokenize('a,b\n1,2\n"kapot,3\n4,5\n')).toEqual({
      rows: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['1', '2'] },
      ],
      problems: [{ line: 3, message: 'Quote Not Closed' }],
      replaced: [false, false],
    });
  });

  it('skips only a record over the size limit, and reads on after it', () => {
    const r = tokenize(`a,b\n${'x'.repeat(100)},1\n2,3\n`, ',', [7, 7, 7], 0, 50);
    expect(r.problems).toEqual([{ line: 2, message: 'Max Record Size' }]);
    expect(r.rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['2', '3'] },
    ]);
  });

  it('skips an Excel sep= line and still numbers lines from the top of the file', () => {
    expect(tokenize('sep=;\na;b\n1;2\n', ';', [], 1).rows).toEqual([
      { line: 2, cells: ['a', 'b'] },
      { line: 3, cells: ['1', '2'] },
    ]);
  });
});
