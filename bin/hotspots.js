#!/usr/bin/env node
// The CLI, bundled into one file by `npm run build` and loaded with V8's code cache (see
// src/cli/start.ts and scripts/bundle.mjs).
import { start } from '../dist/cli/start.js';

await start();
