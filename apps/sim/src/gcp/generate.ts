import type { GenerateInput } from '../estate/estate.ts';
import type { GcpEstate } from './estate.ts';

export function generateGcp(_input: GenerateInput): GcpEstate {
  return { accounts: [] };
}
