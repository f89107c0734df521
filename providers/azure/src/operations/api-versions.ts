/**
 * The api-version ARM's generic by-id calls (`GET/PATCH /{resourceId}?api-version=`) need per
 * resource type, keyed by lower-cased ARM type. Each is a GA version of that resource provider
 * whose response carries the fields the normalisers read; ARM refuses a by-id call without one.
 */
export const API_VERSIONS: Readonly<Record<string, string>> = {
  'microsoft.compute/virtualmachines': '2024-07-01',
  'microsoft.compute/disks': '2024-03-02',
  'microsoft.compute/snapshots': '2024-03-02',
  'microsoft.network/virtualnetworks': '2024-05-01',
  'microsoft.network/networksecuritygroups': '2024-05-01',
  'microsoft.network/loadbalancers': '2024-05-01',
  'microsoft.network/publicipaddresses': '2024-05-01',
  'microsoft.network/networkinterfaces': '2024-05-01',
  'microsoft.storage/storageaccounts': '2023-05-01',
  'microsoft.dbforpostgresql/flexibleservers': '2024-08-01',
  'microsoft.dbformysql/flexibleservers': '2023-12-30',
  'microsoft.sql/servers/databases': '2023-08-01',
  'microsoft.web/sites': '2023-12-01',
  'microsoft.containerservice/managedclusters': '2024-09-01',
  'microsoft.managedidentity/userassignedidentities': '2023-01-31',
  'microsoft.keyvault/vaults': '2023-07-01',
};

/** The api-version for an ARM type, if Escher reads that type. */
export function apiVersionOf(armType: string): string | undefined {
  return API_VERSIONS[armType.toLowerCase()];
}
