// Starts a scan worker thread (threaded-scanner.ts) from the TypeScript sources: a worker does
// not inherit the loader the CLI registered, so it registers its own before importing the body.
import { register } from 'tsx/esm/api';

register();
await import('./scan-worker.ts');
