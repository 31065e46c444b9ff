/** The worker script that works out a screening's grid, density and cell counts (see numbers.ts). */
import { serveNumbers } from './numbers.js';

serveNumbers();
