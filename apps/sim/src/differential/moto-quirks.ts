/**
 * Where moto 5.2.1 answers differently from AWS's own documentation. The differential tests skip
 * these paths (and print them as diagnostics) instead of holding the simulator to moto's mistake.
 * Each entry cites what AWS documents; add one only with such a reason.
 */
export interface MotoQuirk {
  /** A shape path pattern, as in `CompareOptions.ignore`. */
  path: string;
  reason: string;
}

export const MOTO_QUIRKS: Readonly<Record<string, readonly MotoQuirk[]>> = {
  ListFunctions: [
    {
      path: 'Functions[].State',
      reason:
        'AWS: ListFunctions returns a subset of FunctionConfiguration; State and LastUpdateStatus come from GetFunction',
    },
    {
      path: 'Functions[].LastUpdateStatus',
      reason:
        'AWS: ListFunctions returns a subset of FunctionConfiguration; State and LastUpdateStatus come from GetFunction',
    },
  ],
  DescribeKey: [
    {
      path: 'KeyMetadata.SigningAlgorithms',
      reason:
        'AWS: SigningAlgorithms is present only when KeyUsage is SIGN_VERIFY; moto adds it to symmetric encryption keys',
    },
  ],
  AssumeRole: [
    {
      path: 'PackedPolicySize',
      reason: 'AWS: PackedPolicySize is returned only when session policies or session tags are passed',
    },
  ],
};
