export interface ServiceAccount {
  project: string;
  email: string;
  uniqueId: string;
  displayName: string;
  description: string;
  disabled: boolean;
  createdMs: number;
}

export interface IamState {
  serviceAccounts: ServiceAccount[];
}
