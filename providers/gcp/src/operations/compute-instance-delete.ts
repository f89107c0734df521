import { instancePowerOperation } from './instance-power.ts';

/** `compute.instance.delete`: instances.delete, waited on until its zone operation is DONE. */
export const computeInstanceDelete = instancePowerOperation('delete');
