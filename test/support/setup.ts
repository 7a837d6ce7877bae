/**
 * Runs before each test file (vitest `setupFiles`), also when test files share a worker. It must
 * not load code under test (see temp.ts).
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(() => removeTempDirs());
