import { instancePowerOperation } from './instance-power.ts';

/** `compute.instance.restart`: instances.reset, waited on until its zone operation is DONE. */
export const computeInstanceRestart = instancePowerOperation('reset');
