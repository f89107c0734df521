/** The simulator's Azure state. (Filled in by the azure simulator work.) */
export interface AzureEstate {
  accounts: string[];
}
