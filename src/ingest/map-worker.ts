/** The worker script that reads slices of a CSV file without a classifier (validate; see serveSlices). */
import { serveSlices } from './parallel.js';

serveSlices(() => undefined);
