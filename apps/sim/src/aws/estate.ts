import type { DailyCost } from '../estate/cost.ts';
import type { Ec2State } from './ec2/state.ts';
import { emptyEc2State } from './ec2/state.ts';
import type { Elbv2State } from './elbv2/state.ts';
import { emptyElbv2State } from './elbv2/state.ts';
import type { EksState } from './eks/state.ts';
import { emptyEksState } from './eks/state.ts';
import type { IamState } from './iam/state.ts';
import type { KmsState } from './kms/state.ts';
import { emptyKmsState } from './kms/state.ts';
import type { LambdaState } from './lambda/state.ts';
import { emptyLambdaState } from './lambda/state.ts';
import type { RdsState } from './rds/state.ts';
import { emptyRdsState } from './rds/state.ts';
import type { S3State } from './s3/state.ts';

/** One region of one account: the regional services' state. */
export interface AwsRegionState {
  name: string;
  ec2: Ec2State;
  elbv2: Elbv2State;
  rds: RdsState;
  lambda: LambdaState;
  eks: EksState;
  kms: KmsState;
}

/** One AWS account: regions in use, and the global services (S3's bucket list, IAM). */
export interface AwsAccountState {
  id: string;
  alias: string;
  /** Regions with resources, in generation order; other regions are created empty on first call. */
  regions: Map<string, AwsRegionState>;
  s3: S3State;
  iam: IamState;
}

export interface AwsEstate {
  accounts: AwsAccountState[];
  byId: Map<string, AwsAccountState>;
  /** Daily cost per account and service (Cost Explorer's source). */
  cost: DailyCost[];
}

export function emptyRegionState(name: string): AwsRegionState {
  return {
    name,
    ec2: emptyEc2State(),
    elbv2: emptyElbv2State(),
    rds: emptyRdsState(),
    lambda: emptyLambdaState(),
    eks: emptyEksState(),
    kms: emptyKmsState(),
  };
}

/** The state of `region` in `account`, created empty when the account has nothing there. */
export function regionOf(account: AwsAccountState, region: string): AwsRegionState {
  let state = account.regions.get(region);
  if (!state) {
    state = emptyRegionState(region);
    account.regions.set(region, state);
  }
  return state;
}
