import type { Store } from '../store/store.ts';
import type { ScanSink } from './scan-sink.ts';
export function fits(store: Store): ScanSink<number> {
  return store;
}
