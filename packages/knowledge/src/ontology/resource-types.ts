import type { Cloud, ResourceType } from '@escher/protocol';

/** What users call one resource type, cloud-agnostically and per cloud. */
export interface TypeTerms {
  /** Short human label for explanations: "database instance". */
  label: string;
  /** Cloud-agnostic words that on their own mean this type ("vm", "k8s", "object storage"). */
  words: readonly string[];
  /**
   * Words that often mean this type but not always ("server" may be a database server, "cluster"
   * an Aurora cluster): they favour the type in search but never narrow to it.
   */
  weakWords: readonly string[];
  /** Each cloud's own service and product names for it (EC2, "Relational Database Service", GKE). */
  services: Readonly<Record<Cloud, readonly string[]>>;
}

/**
 * The vocabulary of SPEC section 3's types: every word users type for each, agnostic and native.
 * Native type strings (`AWS::RDS::DBInstance`) come from protocol's NATIVE_TYPES and are added by
 * the lexicon; service names that contain a cloud ("Azure SQL") or an engine ("Azure Database
 * for PostgreSQL") also imply that cloud or engine there.
 */
export const TYPE_TERMS: Readonly<Record<ResourceType, TypeTerms>> = {
  'compute.instance': {
    label: 'compute instance',
    words: ['vm', 'virtual machine', 'virtual server', 'compute instance', 'droplet', 'vps', 'vm instance'],
    weakWords: ['instance', 'server', 'host', 'box', 'node', 'machine', 'compute'],
    services: {
      aws: ['EC2', 'EC2 instance', 'Elastic Compute Cloud', 'Amazon EC2'],
      azure: ['Azure VM', 'Azure virtual machine', 'Azure Virtual Machines'],
      gcp: ['Compute Engine', 'GCE', 'Compute Engine instance', 'Google Compute Engine', 'GCE instance'],
    },
  },
  'compute.volume': {
    label: 'disk volume',
    words: [
      'volume',
      'disk',
      'block storage',
      'block volume',
      'block device',
      'data disk',
      'os disk',
      'boot disk',
    ],
    weakWords: ['ssd', 'hdd', 'drive'],
    services: {
      aws: ['EBS', 'EBS volume', 'Elastic Block Store', 'Amazon EBS'],
      azure: ['managed disk', 'Azure disk', 'Azure managed disk'],
      gcp: ['persistent disk', 'PD', 'Compute Engine disk', 'Hyperdisk', 'GCE disk'],
    },
  },
  'compute.snapshot': {
    label: 'disk snapshot',
    words: ['snapshot', 'disk snapshot', 'volume snapshot'],
    weakWords: ['backup'],
    services: {
      aws: ['EBS snapshot', 'EC2 snapshot'],
      azure: ['Azure snapshot', 'managed disk snapshot'],
      gcp: ['persistent disk snapshot', 'Compute Engine snapshot', 'GCE snapshot'],
    },
  },
  'storage.bucket': {
    label: 'storage bucket',
    words: ['bucket', 'object storage', 'object store', 'blob storage', 'blob store', 'blob'],
    weakWords: ['storage', 'files'],
    services: {
      aws: ['S3', 'S3 bucket', 'Simple Storage Service', 'Amazon S3'],
      azure: [
        'storage account',
        'Azure Storage',
        'Azure Blob Storage',
        'blob container',
        'Azure storage account',
      ],
      gcp: ['Cloud Storage', 'GCS', 'GCS bucket', 'Google Cloud Storage', 'Cloud Storage bucket'],
    },
  },
  'database.instance': {
    label: 'database instance',
    words: [
      'database',
      'db',
      'database instance',
      'db instance',
      'database server',
      'db server',
      'relational database',
      'rdbms',
      'managed database',
    ],
    weakWords: ['sql', 'datastore', 'data store'],
    services: {
      aws: ['RDS', 'RDS instance', 'Relational Database Service', 'Amazon RDS', 'Aurora', 'Amazon Aurora'],
      azure: [
        'Azure SQL',
        'Azure SQL Database',
        'SQL database',
        'Azure Database for PostgreSQL',
        'Azure Database for MySQL',
        'flexible server',
        'PostgreSQL flexible server',
        'MySQL flexible server',
        'Azure Database',
      ],
      gcp: ['Cloud SQL', 'CloudSQL', 'Cloud SQL instance', 'Google Cloud SQL'],
    },
  },
  'serverless.function': {
    label: 'serverless function',
    words: ['function', 'serverless', 'serverless function', 'faas'],
    weakWords: ['handler'],
    services: {
      aws: ['Lambda', 'AWS Lambda', 'Lambda function'],
      azure: ['function app', 'Azure Functions', 'Azure function', 'functions app'],
      gcp: ['Cloud Functions', 'Cloud Function', 'GCF', 'Cloud Run function', 'Cloud Run functions'],
    },
  },
  'container.cluster': {
    label: 'Kubernetes cluster',
    words: [
      'kubernetes',
      'k8s',
      'kube',
      'kubernetes cluster',
      'k8s cluster',
      'container cluster',
      'managed kubernetes',
    ],
    weakWords: ['cluster', 'containers'],
    services: {
      aws: ['EKS', 'Elastic Kubernetes Service', 'Amazon EKS', 'EKS cluster'],
      azure: ['AKS', 'Azure Kubernetes Service', 'AKS cluster'],
      gcp: ['GKE', 'Google Kubernetes Engine', 'Kubernetes Engine', 'GKE cluster', 'GKE Autopilot'],
    },
  },
  'network.vpc': {
    label: 'virtual network',
    words: ['vpc', 'virtual network', 'virtual private cloud', 'private network', 'vnet'],
    weakWords: ['network'],
    services: {
      aws: ['Amazon VPC', 'AWS VPC'],
      azure: ['Azure virtual network', 'Azure VNet'],
      gcp: ['VPC network', 'Google VPC', 'GCP VPC'],
    },
  },
  'network.subnet': {
    label: 'subnet',
    words: ['subnet', 'subnetwork', 'sub-network', 'sub network'],
    weakWords: ['cidr'],
    services: {
      aws: ['VPC subnet'],
      azure: ['VNet subnet', 'virtual network subnet'],
      gcp: ['VPC subnetwork'],
    },
  },
  'network.firewall': {
    label: 'firewall',
    words: ['firewall', 'firewall rule', 'security rule', 'ingress rule', 'inbound rule'],
    weakWords: ['acl', 'port'],
    services: {
      aws: ['security group', 'SG', 'EC2 security group', 'VPC security group'],
      azure: ['network security group', 'NSG', 'Azure NSG'],
      gcp: ['VPC firewall rule', 'GCP firewall', 'Google Cloud firewall'],
    },
  },
  'network.loadbalancer': {
    label: 'load balancer',
    words: ['load balancer', 'loadbalancer', 'lb', 'load balancing', 'balancer'],
    weakWords: ['ingress', 'frontend'],
    services: {
      aws: [
        'ELB',
        'ALB',
        'NLB',
        'ELBv2',
        'Elastic Load Balancing',
        'Elastic Load Balancer',
        'Application Load Balancer',
        'Network Load Balancer',
        'Classic Load Balancer',
      ],
      azure: ['Azure Load Balancer', 'Azure LB'],
      gcp: [
        'forwarding rule',
        'backend service',
        'Cloud Load Balancing',
        'GCLB',
        'Google Cloud Load Balancer',
      ],
    },
  },
  'network.ip': {
    label: 'IP address',
    words: ['ip', 'ip address', 'static ip', 'external ip', 'reserved ip', 'floating ip'],
    // "public ip" as often means "instances that have one" (compute.instance.public-ip).
    weakWords: ['address', 'public ip', 'public ip address'],
    services: {
      aws: ['Elastic IP', 'EIP', 'Elastic IP address'],
      azure: ['public IP address', 'Azure public IP', 'PIP'],
      gcp: ['external address', 'static external IP', 'reserved address', 'external IP address'],
    },
  },
  'iam.user': {
    label: 'IAM user',
    words: ['user', 'iam user', 'console user'],
    weakWords: ['login', 'person'],
    services: { aws: ['AWS IAM user'], azure: [], gcp: [] },
  },
  'iam.role': {
    label: 'role or identity',
    words: ['role', 'iam role', 'workload identity', 'service identity'],
    weakWords: ['identity', 'principal'],
    services: {
      aws: ['AWS IAM role', 'instance profile'],
      azure: ['managed identity', 'user-assigned identity', 'user assigned managed identity', 'MSI'],
      gcp: ['service account', 'GCP service account', 'Google service account'],
    },
  },
  'security.key': {
    label: 'encryption key',
    words: [
      'encryption key',
      'kms',
      'kms key',
      'cmk',
      'customer managed key',
      'customer-managed key',
      'crypto key',
      'master key',
    ],
    // "key" alone is as often an SSH key, an access key or a tag key.
    weakWords: ['key', 'secret', 'vault'],
    services: {
      aws: ['AWS KMS', 'Key Management Service', 'AWS KMS key'],
      azure: ['Key Vault', 'KeyVault', 'Azure Key Vault'],
      gcp: ['Cloud KMS', 'Cloud KMS key', 'CryptoKey', 'key ring', 'Google Cloud KMS'],
    },
  },
};
