/** A client error with an HTTP status; anything else becomes a 500 without details. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
