/**
 * Which end of a relationship suffers when the other end is stopped, deleted or changed.
 *
 * - `source`: the resource that lists the relationship depends on its target. An instance's
 *   `security-group`: change or delete the group and the instance is affected.
 * - `target`: the target depends on the resource that lists it. A volume's `attached-to`
 *   instance: detach or delete the volume and the instance loses a disk.
 * - `none`: nothing depends on anything. A snapshot is a self-contained copy of its volume.
 */
export type ImpactDirection = 'source' | 'target' | 'none';

/** One documented rule: the direction, and why, in the words docs/graph.md and `--help` use. */
export interface ImpactRule {
  direction: ImpactDirection;
  why: string;
}

/**
 * The per-kind rules of the blast radius, for every kind the providers emit (providers/*
 * normalisers). A kind not listed is treated as `source`: when unsure, over-report.
 */
export const IMPACT_RULES: ReadonlyMap<string, ImpactRule> = new Map(
  Object.entries({
    'in-vpc': { direction: 'source', why: 'deleting or changing a network affects everything in it' },
    'in-subnet': { direction: 'source', why: 'deleting or changing a subnet affects everything in it' },
    'security-group': {
      direction: 'source',
      why: 'deleting or changing a firewall affects every resource (or subnet) it guards',
    },
    'allows-from': {
      direction: 'source',
      why: 'a group whose rules admit members of another group changes meaning with that group',
    },
    'uses-key': {
      direction: 'source',
      why: 'disabling or deleting a key makes everything encrypted with it unreadable',
    },
    'uses-role': {
      direction: 'source',
      why: 'changing or deleting an identity changes what its users may do',
    },
    'attached-volume': { direction: 'source', why: 'an instance depends on its disks' },
    'lb-target': {
      direction: 'source',
      why: 'stopping or deleting an instance removes a target from the load balancers that route to it',
    },
    'attached-to': {
      direction: 'target',
      why: 'a disk or address attached to an instance: removing it affects the instance',
    },
    'snapshot-of': {
      direction: 'none',
      why: 'a snapshot is a self-contained copy; its volume does not need it',
    },
  } satisfies Record<string, ImpactRule>),
);

const UNKNOWN_KIND: ImpactRule = {
  direction: 'source',
  why: 'unknown relationship: assumed to depend on its target',
};

/** The rule of a relationship kind (unknown kinds: `source`). */
export function impactRule(kind: string): ImpactRule {
  return IMPACT_RULES.get(kind) ?? UNKNOWN_KIND;
}
