import { ATTRIBUTE_FLAGS, regionInfo } from '@escher/knowledge';
import { RESOURCE_STATES, type ContextSummary, type Intent } from '@escher/protocol';

const FLAGS: ReadonlySet<string> = new Set(ATTRIBUTE_FLAGS);
const STATES: ReadonlySet<string> = new Set(RESOURCE_STATES);

/**
 * What zod cannot know about a model's intent: whether its free-text slots name things that
 * exist. Regions must be codes of the ontology (of the intent's cloud, when it names one) or
 * regions the estate uses; names and accounts must be the estate's or written in the request;
 * states and flags must be the ontology's. Each problem is one short sentence; an empty list
 * means the intent may be acted on.
 */
export function checkAgainstOntology(
  intent: Intent,
  input: { request: string; context: ContextSummary },
): string[] {
  const problems: string[] = [];
  const lower = input.request.toLowerCase();
  const estateRegions = new Set(Object.keys(input.context.regions));
  const regions = intent.region == null ? [] : Array.isArray(intent.region) ? intent.region : [intent.region];
  for (const code of regions) {
    const known = regionInfo(code);
    if (known && intent.cloud && !regionInfo(code, intent.cloud))
      problems.push(`region ${code} is a ${known.cloud} region, not ${intent.cloud}`);
    // A code the ontology lacks is still real if the estate uses it (a region newer than the table).
    else if (!known && !estateRegions.has(code))
      problems.push(`region ${JSON.stringify(code)} is not a known region code`);
  }
  if (intent.state != null && !STATES.has(intent.state))
    problems.push(`state ${JSON.stringify(intent.state)} is not a resource state`);
  const named = (value: string, known: readonly string[]): boolean =>
    lower.includes(value.toLowerCase()) || known.some((k) => k.toLowerCase() === value.toLowerCase());
  for (const name of intent.names ?? []) {
    if (!named(name, input.context.names))
      problems.push(`name ${JSON.stringify(name)} is neither in the request nor in the estate`);
  }
  if (intent.account != null && !named(intent.account, input.context.accounts))
    problems.push(`account ${JSON.stringify(intent.account)} is neither in the request nor in the estate`);
  for (const condition of intent.conditions) {
    if (typeof condition !== 'object' || condition === null) continue;
    const c = condition as { kind?: unknown; flag?: unknown };
    if (c.kind === 'flag' && (typeof c.flag !== 'string' || !FLAGS.has(c.flag)))
      problems.push(`flag ${JSON.stringify(c.flag)} is not one Escher knows`);
  }
  return problems;
}
