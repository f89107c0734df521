import type { Cloud } from '@escher/protocol';

/** Words for each cloud. `az` (the CLI) is structured-only: in free text it is too short to trust. */
export const CLOUD_SYNONYMS: Readonly<Record<Cloud, readonly string[]>> = {
  aws: ['aws', 'amazon', 'amazon web services', 'amazon aws'],
  azure: ['azure', 'microsoft azure', 'microsoft', 'msft', 'ms azure'],
  gcp: ['gcp', 'google', 'google cloud', 'google cloud platform', 'gcloud'],
};

/** Cloud words that are only trusted after `cloud:` or in capitals. */
export const STRUCTURED_CLOUD_SYNONYMS: Readonly<Record<Cloud, readonly string[]>> = {
  aws: [],
  azure: ['az'],
  gcp: ['gc'],
};

/** Display names, for documents and explanations. */
export const CLOUD_NAMES: Readonly<Record<Cloud, string>> = {
  aws: 'AWS',
  azure: 'Azure',
  gcp: 'Google Cloud',
};
