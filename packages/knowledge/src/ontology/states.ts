import type { ResourceState } from '@escher/protocol';

/** The words of one normalised state: strong ones hold anywhere, structured ones only after `state:`. */
export interface StateWords {
  strong: readonly string[];
  structured: readonly string[];
}

/**
 * Words users type for each normalised state (protocol's RESOURCE_STATES). "on", "up", "down"
 * and "off" are everyday words ("databases on azure", "scale up"), so only a filter
 * (`state:down`) reads them as states.
 */
export const STATE_SYNONYMS: Readonly<Record<ResourceState, StateWords>> = {
  running: {
    strong: ['running', 'started', 'powered on'],
    structured: ['run', 'up', 'on', 'active', 'online'],
  },
  stopped: {
    strong: [
      'stopped',
      'halted',
      'deallocated',
      'shut down',
      'shutdown',
      'powered off',
      'shutoff',
      'suspended',
    ],
    structured: ['off', 'down', 'offline', 'inactive', 'paused', 'stop'],
  },
  stopping: { strong: ['stopping', 'shutting down'], structured: [] },
  starting: { strong: ['starting', 'booting', 'rebooting'], structured: ['start'] },
  pending: { strong: ['pending', 'provisioning', 'creating'], structured: ['new'] },
  terminated: { strong: ['terminated', 'deleted', 'destroyed'], structured: ['gone'] },
  available: { strong: ['available'], structured: ['ready'] },
  'in-use': { strong: ['in-use', 'in use'], structured: ['used'] },
  deleting: { strong: ['deleting', 'terminating'], structured: [] },
  failed: { strong: ['failed', 'failing', 'errored'], structured: ['error', 'broken'] },
  unknown: { strong: [], structured: ['unknown'] },
};
