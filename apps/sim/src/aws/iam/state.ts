import type { TagMap } from '../tagging/tags.ts';

export interface IamAccessKey {
  id: string;
  status: 'Active' | 'Inactive';
  createdAt: number;
}

export interface IamMfaDevice {
  serial: string;
  enabledAt: number;
}

export interface IamUser {
  name: string;
  /** `AIDA…` */
  id: string;
  arn: string;
  path: string;
  createdAt: number;
  passwordLastUsed?: number | undefined;
  /** Present when the user can sign in to the console. */
  loginProfile?: { createdAt: number } | undefined;
  mfaDevices: IamMfaDevice[];
  accessKeys: IamAccessKey[];
  tags: TagMap;
}

export interface IamRole {
  name: string;
  /** `AROA…` */
  id: string;
  arn: string;
  path: string;
  createdAt: number;
  /** The trust policy, JSON. */
  trustPolicy: string;
  description?: string | undefined;
  maxSessionDuration: number;
  serviceLinked: boolean;
  lastUsed?: { at: number; region: string } | undefined;
  tags: TagMap;
}

/** IAM state of one account (IAM is global). */
export interface IamState {
  users: IamUser[];
  usersByName: Map<string, IamUser>;
  roles: IamRole[];
  rolesByName: Map<string, IamRole>;
  /** Root user's access keys (GetAccountSummary `AccountAccessKeysPresent`). */
  rootAccessKeys: number;
  rootMfa: boolean;
  /** Customer-managed policies and groups, counted in GetAccountSummary. */
  policies: number;
  groups: number;
  /** Temporary credentials STS AssumeRole issued into this account, by access key id. */
  sessions: Map<string, RoleSession>;
}

/** What an AssumeRole session key stands for (GetCallerIdentity answers with it). */
export interface RoleSession {
  roleArn: string;
  roleId: string;
  sessionName: string;
}

export function emptyIamState(): IamState {
  return {
    users: [],
    usersByName: new Map(),
    roles: [],
    rolesByName: new Map(),
    rootAccessKeys: 0,
    rootMfa: true,
    policies: 0,
    groups: 0,
    sessions: new Map(),
  };
}

export function addUser(state: IamState, user: IamUser): void {
  state.users.push(user);
  state.usersByName.set(user.name, user);
}

export function addRole(state: IamState, role: IamRole): void {
  state.roles.push(role);
  state.rolesByName.set(role.name, role);
}
