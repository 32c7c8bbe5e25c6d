import type { AppError, ErrorCode } from '../../shared/domain';

/** An expected failure a handler reports to the caller as {ok:false, error}. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
  static of(code: ErrorCode, message: string, extra?: Partial<AppError>): AppFailure {
    return new AppFailure({ code, message, ...extra });
  }
}
