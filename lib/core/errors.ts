/** An expected failure: a stable code for programs and a sentence for people. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503 = 400,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A request past a rate limit: answered 429 with Retry-After. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many requests. Try again in ${retryAfterSeconds} seconds.`, 429);
  }
}
