import { UserError, type Approval, type Plan } from '@escher/protocol';
import { SIGNATURE_PURPOSES, verifySignature, type SigningKey } from '../ledger/index.ts';

/** The message an approval signs: the plan id and the hash of exactly what will run. */
export function approvalMessage(planId: string, planHash: string): string {
  return `${planId}\n${planHash}`;
}

/** Signs an approval of `plan` (whose canonical hash is `planHash`) with the local user's key. */
export function signApproval(
  key: SigningKey,
  plan: Plan,
  planHash: string,
  approver: string,
  at: string,
): Approval {
  return {
    planId: plan.id,
    planHash,
    approver,
    keyId: key.keyId,
    signature: key.sign(SIGNATURE_PURPOSES.approval, approvalMessage(plan.id, planHash)),
    at,
  };
}

/**
 * The approval that lets `plan` run, or a refusal. It must name this plan's current hash (a
 * changed plan needs a new approval) and carry a valid Ed25519 signature by `key` over that
 * hash (an approval copied from another plan, or with an edited hash, fails the signature).
 */
export function requireApproval(
  approvals: readonly Approval[],
  plan: Plan,
  currentHash: string,
  key: SigningKey,
): Approval {
  const valid = approvals.find(
    (a) =>
      a.planId === plan.id &&
      a.planHash === currentHash &&
      a.keyId === key.keyId &&
      verifySignature(
        key.publicKeyObject,
        SIGNATURE_PURPOSES.approval,
        approvalMessage(plan.id, currentHash),
        a.signature,
      ),
  );
  if (valid) return valid;
  const stale = approvals.length > 0;
  throw new UserError(
    stale ? 'approval-invalid' : 'approval-missing',
    stale
      ? `The approval of ${plan.id} does not match the plan as it is now (hash ${currentHash.slice(0, 12)}…): the plan changed or the approval was not made for it`
      : `${plan.id} is not approved`,
    { hint: `Review and approve it again with \`escher approve ${plan.id}\`` },
  );
}
