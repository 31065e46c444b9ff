#!/usr/bin/env node
// The CLI bundled into one file by `npm run build` (see scripts/bundle.mjs): it starts about 0.1 s
// sooner than dist/cli/main.js with its modules one by one, which it is made from.
import { run } from '../dist/cli/bundle.js';

await run();
