/**
 * Errors a *caller* of impl/ can cause (a programming or configuration mistake), as
 * opposed to bad input from the network, which is always a typed Result.
 * Each carries a stable `code` so callers and tests match on it, not on prose.
 */
export class SetVerifyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'SetVerifyError';
  }
}

/** A value that cannot be encoded as SET.md requires (for example an OAEP block over 190 bytes). */
export class EncodingError extends SetVerifyError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'EncodingError';
  }
}

/** An argument of the wrong type or size passed to an impl/ function (noble-hashes style: labelled). */
export class ArgumentError extends SetVerifyError {
  constructor(label: string, message: string) {
    super('bad-argument', `${label}: ${message}`);
    this.name = 'ArgumentError';
  }
}
