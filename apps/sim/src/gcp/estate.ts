/** The simulator's Gcp state. (Filled in by the gcp simulator work.) */
export interface GcpEstate {
  accounts: string[];
}
