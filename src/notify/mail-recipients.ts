// Which recipients of one notification still need it. An SMTP server answers RCPT TO for each recipient: nodemailer
// sends the message to those it accepted and reports the refused ones in info.rejectedErrors (on the thrown error when
// every one was refused). A temporary refusal (4xx) is retried for that recipient only; a permanent one (5xx) is
// reported and not retried; a recipient that got the message is not sent it again by a retry in this process (as the
// WeChat channel does for its receivers; after a restart everyone gets the retry, with the same Message-ID).
import { domainToASCII } from 'node:url';
import type { SendResult } from './channel.js';

type SendFailure = Extract<SendResult, { ok: false }>;

export interface Refusal {
  /** As nodemailer reports it (the envelope address). */
  address: string;
  failure: SendFailure;
}

/** What one accepted message (or an envelope refused as a whole) says about its recipients. */
export interface RecipientReplies {
  accepted: readonly string[];
  refusals: readonly Refusal[];
}

interface Progress {
  /** Normalised addresses that got the message. */
  delivered: Set<string>;
  /** Normalised address -> its permanent refusal, in the order they came. */
  refused: Map<string, Refusal>;
}

/** A notification with partial progress is remembered this long (the outbox retries for up to 24 h). */
const MAX_REMEMBERED_NOTIFICATIONS = 1000;
/** Refused recipients named in one error; a long list of bad addresses would bury the reply text. */
const MAX_NAMED_REFUSALS = 3;

/** The domain as ASCII and lower case, as nodemailer may send it; the local part is case-sensitive by the RFC. */
export function normaliseAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  return `${address.slice(0, at)}@${(domainToASCII(domain) || domain).toLowerCase()}`;
}

export class RecipientLedger {
  readonly #all: readonly string[];
  readonly #byId = new Map<string, Progress>();

  /** `all`: every configured recipient address, in config order. */
  constructor(all: readonly string[]) {
    this.#all = all;
  }

  /** The addresses this attempt must send to: not delivered yet and not refused for good. */
  pending(id: string): string[] {
    const progress = this.#byId.get(id);
    if (!progress) return [...this.#all];
    return this.#all.filter((a) => !progress.delivered.has(normaliseAddress(a)) && !progress.refused.has(normaliseAddress(a)));
  }

  /** The attempt failed as a whole; a permanent failure ends the notification, so its progress is dropped. */
  failed(id: string, failure: SendFailure): SendFailure {
    if (!failure.retryable) this.#byId.delete(id);
    return failure;
  }

  /**
   * Records what the server said about each recipient of this attempt and answers for the notification: ok only when
   * every recipient got it; retryable while a temporary refusal remains (only those are retried); otherwise a
   * permanent failure that names the refused addresses, also when others got it (a partial failure is a failure).
   */
  record(id: string, replies: RecipientReplies): SendResult {
    const progress = this.#byId.get(id) ?? { delivered: new Set<string>(), refused: new Map<string, Refusal>() };
    for (const address of replies.accepted) progress.delivered.add(normaliseAddress(address));
    const temporary: Refusal[] = [];
    for (const refusal of replies.refusals) {
      if (refusal.failure.retryable) temporary.push(refusal);
      else progress.refused.set(normaliseAddress(refusal.address), refusal);
    }
    if (temporary.length === 0) this.#byId.delete(id);
    else this.#remember(id, progress);
    if (temporary.length === 0 && progress.refused.size === 0) return { ok: true };
    return this.#combine([...temporary, ...progress.refused.values()], progress.delivered.size);
  }

  #remember(id: string, progress: Progress): void {
    this.#byId.delete(id); // re-insert: Map order is the eviction order
    this.#byId.set(id, progress);
    while (this.#byId.size > MAX_REMEMBERED_NOTIFICATIONS) {
      const oldest = this.#byId.keys().next().value;
      if (oldest === undefined) break;
      this.#byId.delete(oldest);
    }
  }

  /** One failure for the notification: every refused address with the server's reply; retryable if any may still get it. */
  #combine(refusals: Refusal[], deliveredCount: number): SendFailure {
    const named = refusals.slice(0, MAX_NAMED_REFUSALS).map(({ address, failure }) => `to ${address}: ${failure.error}`);
    if (refusals.length > MAX_NAMED_REFUSALS) named.push(`and ${refusals.length - MAX_NAMED_REFUSALS} more refused`);
    const count = this.#all.length > 1 ? ` (${deliveredCount} of ${this.#all.length} recipients got it)` : '';
    const hints = [...new Set(refusals.map(({ failure }) => failure.hint).filter((h): h is string => Boolean(h)))];
    const result: SendFailure = { ok: false, retryable: refusals.some(({ failure }) => failure.retryable), error: `${named.join('; ')}${count}` };
    if (hints.length > 0) result.hint = hints.join('; ');
    return result;
  }
}
