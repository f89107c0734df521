import { instancePowerOperation } from './instance-power.ts';

/** `compute.instance.stop`: instances.stop, waited on until its zone operation is DONE. */
export const computeInstanceStop = instancePowerOperation('stop');
