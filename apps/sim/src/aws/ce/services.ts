/**
 * AWS services as Cost Explorer's SERVICE dimension names them, with a typical daily spend per
 * account at the `small` size (the generator scales it with the estate).
 */
export const CE_SERVICES: readonly { name: string; dailyUsd: number }[] = [
  { name: 'Amazon Elastic Compute Cloud - Compute', dailyUsd: 180 },
  { name: 'EC2 - Other', dailyUsd: 42 },
  { name: 'Amazon Relational Database Service', dailyUsd: 95 },
  { name: 'Amazon Simple Storage Service', dailyUsd: 28 },
  { name: 'AWS Lambda', dailyUsd: 6 },
  { name: 'Amazon Elastic Kubernetes Service', dailyUsd: 14 },
  { name: 'Amazon Elastic Load Balancing', dailyUsd: 16 },
  { name: 'Amazon CloudWatch', dailyUsd: 9 },
  { name: 'AWS Key Management Service', dailyUsd: 2.5 },
  { name: 'Amazon Virtual Private Cloud', dailyUsd: 7 },
  { name: 'Amazon Route 53', dailyUsd: 1.2 },
  { name: 'AWS CloudTrail', dailyUsd: 1.8 },
];
