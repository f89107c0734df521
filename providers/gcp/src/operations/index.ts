export { createGcpActions, GCP_OPERATIONS } from './gcp-actions.ts';
