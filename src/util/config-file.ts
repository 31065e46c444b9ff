import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { UserError, type Problem } from './errors.js';

/** A parsed YAML or JSON file that can point back at the line and column of any value. */
export interface LocatedFile {
  file: string;
  data: unknown;
  /** Line/column (1-based) of the value at `path`, or of its nearest existing parent. */
  locate(path: readonly PropertyKey[]): { line: number; column: number };
}

/** Reads YAML (or JSON, which YAML 1.2 reads too) keeping positions; syntax errors become a UserError. */
export function readLocatedFile(path: string, file = path): LocatedFile {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      hint: 'check the path and that the file is readable',
    });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems: Problem[] = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return { file, line: pos.line, column: pos.col, message: e.message.split('\n')[0]! };
    });
    throw new UserError(`${file} is not valid YAML/JSON`, { problems, hint: 'fix the syntax at the position shown' });
  }
  const locate = (path: readonly PropertyKey[]) => {
    let node: unknown = doc.contents;
    let found = node as Node | null;
    for (const key of path) {
      if (isMap(node)) node = node.get(key as string, true);
      else if (isSeq(node)) node = node.get(key as number, true);
      else break;
      if (!node) break;
      found = node as Node;
    }
    const offset = found?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return { file, data: doc.toJS(), locate };
}

type Issue = z.core.$ZodIssue;

/**
 * Flattens zod issues into the ones a person can act on: one per unknown key, and for a
 * union (a column name or number; an RD or a WGS84 point) the issues of the closest branch.
 */
function flattenIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): Array<{ path: PropertyKey[]; message: string }> {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...(issue.path as PropertyKey[])];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown key "${key}"` }));
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      if (best.length > 0) return flattenIssues(best, path);
    }
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return [{ path, message: missing ? 'required, but missing' : issue.message }];
  });
}

/** Turns zod issues into problems that point at `file:line:column` with the field path. */
export function zodProblems(error: z.ZodError, located: LocatedFile): Problem[] {
  return flattenIssues(error.issues).map(({ path, message }) => {
    const { line, column } = located.locate(path);
    return { file: located.file, line, column, field: path.map(String).join('.') || '(top level)', message };
  });
}

/** Validates located data against a schema; throws one UserError listing every problem. */
export function parseWithSchema<S extends z.ZodType>(schema: S, located: LocatedFile, what: string): z.output<S> {
  const result = schema.safeParse(located.data);
  if (result.success) return result.data;
  const problems = zodProblems(result.error, located);
  throw new UserError(`${located.file}: ${problems.length} problem(s) in ${what}`, { problems });
}
