import type { GenerateInput } from '../estate/estate.ts';
import type { AzureEstate } from './estate.ts';

export function generateAzure(_input: GenerateInput): AzureEstate {
  return { accounts: [] };
}
