import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { expressionTagKeys, matches, toSlices, visibleRows, type Expression } from './cost-slices.ts';
import { amount, DAY, day, readGranularity, readPeriod, slices, startOfDay } from './periods.ts';

const METRICS = [
  'AMORTIZED_COST',
  'BLENDED_COST',
  'NET_AMORTIZED_COST',
  'NET_UNBLENDED_COST',
  'UNBLENDED_COST',
  'USAGE_QUANTITY',
  'NORMALIZED_USAGE_AMOUNT',
];
const HISTORY_DAYS = 60;

/**
 * Cost Explorer GetCostForecast: a linear trend with weekly seasonality fitted to the last 60 days
 * of (filtered) daily spend, anomalies damped. Start must be today or later; bounds widen with
 * the horizon at the PredictionIntervalLevel (51–99, default 80).
 */
export const getCostForecast: AwsOperation = {
  name: 'GetCostForecast',
  handle: (call) => {
    const { body } = call;
    const { start, end } = readPeriod(body);
    const today = startOfDay(call.sim.clock.now());
    if (start < today)
      throw new AwsError(
        'ValidationException',
        'Start date must be equal to or no earlier than the current date to avoid a forecast of past data',
      );
    if (end > today + 366 * DAY)
      throw new AwsError(
        'ValidationException',
        'End date is too far in the future: forecasts cover at most 12 months',
      );
    if (typeof body.Metric !== 'string' || !METRICS.includes(body.Metric)) {
      throw new AwsError(
        'ValidationException',
        `Metric ${String(body.Metric)} is invalid. Valid values are: ${METRICS.join(', ')}`,
      );
    }
    const granularity = readGranularity(body.Granularity);
    const level = body.PredictionIntervalLevel === undefined ? 80 : Number(body.PredictionIntervalLevel);
    if (!Number.isInteger(level) || level < 51 || level > 99)
      throw new AwsError('ValidationException', 'PredictionIntervalLevel must be between 51 and 99');
    const filter = body.Filter as Expression | undefined;
    const model = fit(call, filter, today);
    if (!model)
      throw new AwsError(
        'DataUnavailableException',
        'Insufficient amount of historical data to generate a forecast.',
      );
    const z = normalQuantile(0.5 + level / 200);
    const usage = body.Metric === 'USAGE_QUANTITY' || body.Metric === 'NORMALIZED_USAGE_AMOUNT' ? 9.5 : 1;
    let total = 0;
    const results = slices(start, end, granularity).map((p) => {
      let mean = 0;
      let variance = 0;
      for (let d = p.start; d < p.end; d += DAY) {
        mean += model.predict(d);
        variance += model.variance(d);
      }
      total += mean;
      const half = z * Math.sqrt(variance);
      return {
        TimePeriod: { Start: day(p.start), End: day(p.end) },
        MeanValue: amount(mean * usage),
        PredictionIntervalLowerBound: amount(Math.max(0, mean - half) * usage),
        PredictionIntervalUpperBound: amount((mean + half) * usage),
      };
    });
    return {
      Total: { Amount: amount(total * usage), Unit: usage === 1 ? 'USD' : 'N/A' },
      ForecastResultsByTime: results,
    };
  },
};

interface Model {
  predict(dayMs: number): number;
  variance(dayMs: number): number;
}

function fit(
  call: Parameters<AwsOperation['handle']>[0],
  filter: Expression | undefined,
  today: number,
): Model | undefined {
  const rows = visibleRows(call);
  if (rows.length === 0) return undefined;
  const lastDate = rows.reduce((m, r) => (r.date > m ? r.date : m), '');
  const lastMs = Math.min(Date.parse(lastDate), today);
  const from = day(lastMs - (HISTORY_DAYS - 1) * DAY);
  const perDay = new Map<string, number>();
  const slices = toSlices(
    rows.filter((r) => r.date >= from && r.date <= day(lastMs)),
    [...expressionTagKeys(filter)],
  );
  for (const s of slices) if (matches(filter, s)) perDay.set(s.date, (perDay.get(s.date) ?? 0) + s.usd);
  const points: { t: number; y: number; weekday: number }[] = [];
  for (let d = lastMs - (HISTORY_DAYS - 1) * DAY; d <= lastMs; d += DAY) {
    points.push({ t: (d - lastMs) / DAY, y: perDay.get(day(d)) ?? 0, weekday: new Date(d).getUTCDay() });
  }
  // Damp spikes (anomalies) so that one bad day does not bend the trend.
  const sorted = points.map((p) => p.y).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  for (const p of points) p.y = Math.min(p.y, median * 2.5);
  const mean = points.reduce((s, p) => s + p.y, 0) / points.length;
  const weekly = Array.from({ length: 7 }, (_, w) => {
    const on = points.filter((p) => p.weekday === w);
    return mean > 0 && on.length ? on.reduce((s, p) => s + p.y, 0) / on.length / mean : 1;
  });
  const adjusted = points.map((p) => ({ t: p.t, y: p.y / (weekly[p.weekday] || 1) }));
  const tMean = adjusted.reduce((s, p) => s + p.t, 0) / adjusted.length;
  const yMean = adjusted.reduce((s, p) => s + p.y, 0) / adjusted.length;
  const sxx = adjusted.reduce((s, p) => s + (p.t - tMean) ** 2, 0);
  const slope = sxx ? adjusted.reduce((s, p) => s + (p.t - tMean) * (p.y - yMean), 0) / sxx : 0;
  const intercept = yMean - slope * tMean;
  const residual = Math.sqrt(
    adjusted.reduce((s, p) => s + (p.y - (intercept + slope * p.t)) ** 2, 0) /
      Math.max(1, adjusted.length - 2),
  );
  return {
    predict: (d) =>
      Math.max(0, (intercept + slope * ((d - lastMs) / DAY)) * weekly[new Date(d).getUTCDay()]!),
    variance: (d) => (residual * (1 + (d - lastMs) / DAY / HISTORY_DAYS)) ** 2,
  };
}

/** Inverse of the standard normal CDF (Acklam's approximation), for prediction intervals. */
function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.sqrt(-2 * Math.log(1 - p));
  if (p > 0.97575)
    return (
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  const r = (p - 0.5) ** 2;
  const x = p - 0.5;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * x) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
