import type { GenerateInput } from '../estate/estate.ts';
import type { AwsEstate } from './estate.ts';

export function generateAws(_input: GenerateInput): AwsEstate {
  return { accounts: [] };
}
