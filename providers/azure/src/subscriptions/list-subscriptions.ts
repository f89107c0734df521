import type { AccountRef } from '@escher/provider-api';
import { collectPages, type CallOptions } from '../arm/call.ts';
import type { AzureClients } from '../clients.ts';

/** Subscription states in which nothing can be read: skipped rather than failing a sync. */
const UNREADABLE = new Set(['disabled', 'deleted']);

/**
 * Every subscription the identity can see (GET /subscriptions, paged), as Escher accounts.
 * Disabled and deleted subscriptions are left out: ARM refuses reads in them.
 */
export async function listSubscriptions(clients: AzureClients, options: CallOptions): Promise<AccountRef[]> {
  const client = clients.subscriptions();
  const subscriptions = await collectPages(
    options,
    { account: '', region: 'global', service: 'arm', operation: 'subscriptions.list' },
    () => client.subscriptions.list({ abortSignal: options.signal }).byPage(),
  );
  return subscriptions
    .filter((s) => s.subscriptionId && !UNREADABLE.has((s.state ?? '').toLowerCase()))
    .map((s) => ({ id: s.subscriptionId!, name: s.displayName ?? s.subscriptionId! }));
}
