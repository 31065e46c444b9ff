/**
 * The worker script that reads slices of a CSV file for a screening: it maps rows and runs the
 * rules' report tests there, where the free text is (see serveSlices).
 */
import { serveSlices } from '../ingest/parallel.js';
import { compileReportTests } from '../rules/match.js';
import type { Rules } from '../rules/schema.js';

serveSlices((rules) => compileReportTests(rules as Rules));
