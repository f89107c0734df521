/** The tenant the simulator's identity endpoint serves (any tenant id in the path is accepted). */
export const AZURE_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
