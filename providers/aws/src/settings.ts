import type { ProviderSettings } from '@escher/provider-api';

/**
 * AWS settings on top of the common ones. Everything is optional: by default Escher scans every
 * region DescribeRegions reports as enabled, and calls global services in us-east-1.
 */
export interface AwsProviderSettings extends ProviderSettings {
  /** Scan only these regions (intersected with the enabled ones). */
  regions?: readonly string[];
  /** Region for STS, IAM, DescribeRegions and ListBuckets; default `us-east-1`. */
  homeRegion?: string;
  /** SDK attempts per call (SDK retries stay on); default the SDK's 3. */
  maxAttempts?: number;
  /** Calls in flight per discovery scope for per-item lookups (bucket settings, user keys). */
  itemConcurrency?: number;
  /** Injectable clock (ms since epoch) for ages such as access-key age. */
  now?: () => number;
}

export const DEFAULT_HOME_REGION = 'us-east-1';
