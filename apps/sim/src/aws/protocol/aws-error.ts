/**
 * An error AWS itself would return: the code clients switch on (`InvalidInstanceID.NotFound`,
 * `IncorrectInstanceState`, `DBInstanceNotFound`, …), a message, the HTTP status, and whether the
 * caller (`Sender`) or AWS (`Receiver`) is at fault. The frontend renders it in the protocol of the
 * service that raised it.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = 'AwsError';
  }
}
