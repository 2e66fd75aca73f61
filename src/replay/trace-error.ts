// A problem with a replay trace (exit 65, EX_DATAERR). Apart from the trace reader so that the CLI's error mapping,
// loaded by every command, does not load it.
export class TraceError extends Error {
  readonly exitCode = 65; // EX_DATAERR
}
