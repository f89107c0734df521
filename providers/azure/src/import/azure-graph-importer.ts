import { isFunctionApp } from '../normalise/function-app.ts';
import { normaliseKeyVault } from '../normalise/key-vault.ts';
import { NetworkIndex } from '../normalise/network-index.ts';
import { GRAPH_NORMALISERS, normaliseRow } from '../normalise/normalise-row.ts';
import { normaliseStorageAccount } from '../normalise/storage-account.ts';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { readGraphRow } from './graph-export-row.ts';
import type { ImportOutcome } from './import-outcome.ts';

const NIC = 'microsoft.network/networkinterfaces';
const PIP = 'microsoft.network/publicipaddresses';
const SITES = 'microsoft.web/sites';
const STORAGE = 'microsoft.storage/storageaccounts';
const VAULTS = 'microsoft.keyvault/vaults';
const MODELLED = new Set(Object.keys(GRAPH_NORMALISERS).map((t) => t.toLowerCase()));

/**
 * Imports Azure Resource Graph rows — `az graph query -q "Resources" -o json` (`data`), the REST
 * API's answer, or a bare array of rows — into Resources normalised by the code a sync uses (a
 * sync discovers through Resource Graph too). Two passes: `observe` every row first (network
 * interfaces and public IPs tie VMs and load balancers to subnets, NSGs and addresses), then
 * `normalise` each.
 *
 * What a Graph export cannot carry, because a sync reads it from ARM: storage accounts' blob
 * versioning and soft delete (`versioning`, `softDeleteDays`), Key Vault keys' rotation
 * (`keyCount`, `keysWithoutRotation`, `rotationEnabled`), and power states or function runtimes
 * Graph had not caught up with. Those attributes are left out (unknown).
 */
export class AzureGraphImporter {
  readonly cloud = 'azure' as const;
  /** `observe` reads network interfaces and public IPs only (their ids name their type). */
  readonly observeOnly: readonly string[] = [
    'networkInterfaces',
    'networkinterfaces',
    'NetworkInterfaces',
    'publicIPAddresses',
    'publicipaddresses',
    'PublicIPAddresses',
  ];
  private readonly network = new NetworkIndex();

  /** First pass: indexes network interfaces and public IPs. Never throws. */
  observe(raw: unknown): void {
    let row: GraphRow;
    try {
      row = readGraphRow(raw, '');
    } catch {
      return;
    }
    const type = row.type.toLowerCase();
    if (type === NIC) this.network.addNic(row);
    else if (type === PIP) this.network.addPip(row);
  }

  /** What a Resource Graph export cannot say, for the import summary. */
  notes(): string[] {
    return [
      'Resource Graph exports carry no blob versioning or soft delete of storage accounts and no Key Vault ' +
        'key rotation (a sync reads them from ARM): those attributes are unknown until a sync',
    ];
  }

  /** Second pass: the row as Resources, or why it is ignored. Throws `import-record-invalid`. */
  normalise(raw: unknown, path: string): ImportOutcome {
    const row = readGraphRow(raw, path);
    const type = row.type.toLowerCase();
    if (type === STORAGE) return { resources: normaliseStorageAccount(row) };
    if (type === VAULTS) return { resources: normaliseKeyVault(row) };
    if (type === NIC) return { ignored: `${row.type} (relates VMs to networks; not a resource type)` };
    if (type === SITES && !isFunctionApp(row)) return { ignored: `${row.type} of kind ${row.kind ?? 'app'}` };
    if (!MODELLED.has(type)) return { ignored: row.type };
    return { resources: normaliseRow(row, this.network) };
  }
}
