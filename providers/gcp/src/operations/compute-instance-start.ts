import { instancePowerOperation } from './instance-power.ts';

/** `compute.instance.start`: instances.start, waited on until its zone operation is DONE. */
export const computeInstanceStart = instancePowerOperation('start');
