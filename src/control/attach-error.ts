// Why a client cannot use an owner's control socket, as one line a person can act on. Kept apart from the client so
// that the CLI's error mapping does not load the socket code.
export type AttachErrorKind = 'not-running' | 'permission' | 'protocol' | 'refused' | 'io';

export class AttachError extends Error {
  readonly kind: AttachErrorKind;
  constructor(kind: AttachErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

/** EX_UNAVAILABLE: no srvmon runs for this state dir. */
export const EXIT_NO_OWNER = 69;

export class NoOwnerError extends Error {
  readonly exitCode = EXIT_NO_OWNER;
}

/** EX_TEMPFAIL: another srvmon owns this state dir. */
export const EXIT_STATE_DIR_IN_USE = 75;

export class StateDirInUseError extends Error {
  readonly exitCode = EXIT_STATE_DIR_IN_USE;
}

/** The owner answered a command with an error (an unknown rule id, a refused value): the person's to fix. */
export class CommandRefusedError extends Error {}
