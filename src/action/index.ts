// The runner's entry point (dist/index.js): run the step. `@github/local-action` imports
// main.ts and calls run() itself.
import { run } from './main.js';

void run();
