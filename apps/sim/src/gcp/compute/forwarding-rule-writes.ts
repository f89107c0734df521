import type { GcpRoute } from '../route.ts';
import { forwardingRuleLink, scopePath } from './generate-addresses.ts';
import { findScoped, requireProject, requireRegion } from './lookup.ts';
import { setLabels } from './set-labels.ts';

type Kind = 'regional' | 'global';

/**
 * forwardingRules.setLabels / globalForwardingRules.setLabels: a load balancer's frontend carries
 * labels like any labelled Compute Engine resource (whole new map plus the fingerprint it replaces).
 */
function routes(kind: Kind): GcpRoute[] {
  const base =
    kind === 'global'
      ? '/compute/v1/projects/{project}/global/forwardingRules'
      : '/compute/v1/projects/{project}/regions/{region}/forwardingRules';
  const prefix = kind === 'global' ? 'globalForwardingRules' : 'forwardingRules';
  return [
    {
      method: 'POST',
      path: `${base}/{resource}/setLabels`,
      service: 'compute',
      operation: `${prefix}.setLabels`,
      mutating: true,
      handle(call) {
        const project = requireProject(call).projectId;
        const scope = kind === 'global' ? 'global' : requireRegion(call);
        const name = call.params['resource'] ?? '';
        const rule = findScoped(
          call.estate.compute.forwardingRules,
          project,
          scope,
          name,
          `projects/${call.params['project']}/${scopePath(scope)}/forwardingRules/${name}`,
        );
        return setLabels(call, rule, scopePath(rule.scope), forwardingRuleLink(rule));
      },
    },
  ];
}

export const forwardingRuleWriteRoutes: GcpRoute[] = [...routes('regional'), ...routes('global')];
