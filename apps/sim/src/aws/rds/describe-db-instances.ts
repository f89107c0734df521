import { paginate } from '../../core/paginate.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { xmlList } from '../protocol/xml.ts';
import { dbInstanceXml } from './db-instance-xml.ts';
import { findDb, settleDb } from './lifecycle.ts';
import { rdsFilters } from './query-lists.ts';
import type { DbInstance } from './state.ts';

const FILTERS: Record<string, (db: DbInstance) => string[]> = {
  'db-instance-id': (db) => [db.id, db.arn],
  'db-cluster-id': (db) => (db.clusterId ? [db.clusterId] : []),
  'dbi-resource-id': (db) => [db.resourceId],
  engine: (db) => [db.engine],
  domain: () => [],
};

/** RDS DescribeDBInstances (DBInstanceIdentifier, Filters, MaxRecords 20–100, Marker). */
export const describeDbInstances: AwsOperation = {
  name: 'DescribeDBInstances',
  handle: (call) => {
    const { params } = call;
    const maxRecords = params.int('MaxRecords');
    if (maxRecords !== undefined && (maxRecords < 20 || maxRecords > 100)) {
      throw new AwsError(
        'InvalidParameterValue',
        `Invalid value ${maxRecords} for MaxRecords. Must be between 20 and 100`,
      );
    }
    const id = params.get('DBInstanceIdentifier');
    let all: DbInstance[] = id
      ? [findDb(call, id.startsWith('arn:') ? id.slice(id.lastIndexOf(':') + 1) : id)]
      : call.regionState.rds.instances;
    for (const filter of rdsFilters(params)) {
      const read = FILTERS[filter.name];
      if (!read) throw new AwsError('InvalidParameterValue', `Unrecognized filter name: ${filter.name}`);
      all = all.filter((db) => read(db).some((v) => filter.values.includes(v)));
    }
    const page = paginate(
      all,
      { token: params.get('Marker'), requested: maxRecords, defaultSize: 100, maxSize: 100 },
      call.sim.faults.current.pagination,
    );
    return {
      DBInstances: xmlList(
        'DBInstance',
        page.items.map((db) => dbInstanceXml(settleDb(db, call.sim.clock), call)),
      ),
      Marker: page.nextToken,
    };
  },
};
