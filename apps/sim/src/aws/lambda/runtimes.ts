/**
 * Lambda runtimes with the date AWS ended (or ends) support for each (the "deprecation date" of
 * the Lambda runtime table). A function is `serverless.function.deprecated-runtime` when its
 * runtime's date is before the estate's epoch; the generator picks healthy runtimes only from
 * those supported for at least a year after it.
 */
export const LAMBDA_RUNTIMES: Readonly<Record<string, string>> = {
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.12': '2028-10-31',
  'python3.13': '2029-06-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
  'go1.x': '2024-01-08',
  'ruby2.7': '2023-12-07',
  'ruby3.4': '2028-03-31',
  java8: '2024-01-08',
  java17: '2029-06-30',
  java21: '2029-06-30',
  'dotnetcore3.1': '2023-04-03',
  'provided.al2023': '2029-06-30',
};

const YEAR = 365 * 86_400_000;

export function runtimesDeprecatedBy(epoch: number): string[] {
  return Object.keys(LAMBDA_RUNTIMES).filter((r) => Date.parse(LAMBDA_RUNTIMES[r]!) < epoch);
}

export function runtimesSupportedPast(epoch: number): string[] {
  return Object.keys(LAMBDA_RUNTIMES).filter((r) => Date.parse(LAMBDA_RUNTIMES[r]!) > epoch + YEAR);
}

/** The handler each runtime family conventionally uses. */
export function handlerFor(runtime: string): string {
  if (runtime.startsWith('python')) return 'app.lambda_handler';
  if (runtime.startsWith('nodejs')) return 'index.handler';
  if (runtime.startsWith('java')) return 'com.example.Handler::handleRequest';
  if (runtime.startsWith('ruby')) return 'function.handler';
  if (runtime.startsWith('dotnet')) return 'Function::Function.Handler::FunctionHandler';
  return 'bootstrap';
}
