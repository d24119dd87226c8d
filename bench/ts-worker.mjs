// Worker-thread entry that loads a TypeScript module through tsx: Node 20 checks a worker's
// file extension before any loader runs, so the worker itself must start as .mjs.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
