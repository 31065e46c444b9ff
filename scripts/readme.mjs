#!/usr/bin/env node
// npm run readme: runs the README's example commands and writes their output into it (see
// tools/readme-examples.ts); review the diff before committing. A test fails while they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReadme } from '../build/readme-examples.js';

const KEY = 'test-key-0123456789abcdef';
const before = readFileSync('README.md', 'utf8');
const after = await renderReadme(before, KEY);
if (after === before) console.log('README examples are up to date');
else {
  writeFileSync('README.md', after);
  console.log('README examples rewritten; review `git diff README.md`');
}
