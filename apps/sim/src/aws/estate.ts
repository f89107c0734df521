export interface AwsEstate {
  accounts: string[];
}
