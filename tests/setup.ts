import { afterAll } from 'vitest';
import { cleanupTempDirs } from './helpers.js';

afterAll(cleanupTempDirs);
