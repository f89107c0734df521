import type { AwsGenContext } from '../generate-context.ts';

/** Generates the account's IAM users and roles. (Placeholder: the iam work implements it.) */
export function generateIam(_ctx: AwsGenContext, _users: number, _roles: number): void {}
