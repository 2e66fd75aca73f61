// The one JSON POST the HTTP channels (webhook, WeCom, Alertmanager) make. Errors are thrown as axios raises them,
// for classifyHttpError() in http-errors.ts.
import axios from 'axios';

export interface PostJsonOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
  auth?: { username: string; password: string };
}

/** Resolves with the response body of a 2xx answer. */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<unknown> {
  const response = await axios.post<unknown>(url, body, {
    headers: { 'Content-Type': 'application/json', ...options.headers },
    ...(options.auth ? { auth: options.auth } : {}),
    timeout: options.timeoutMs,
    // axios's timeout only watches for an idle socket; the signal bounds the whole attempt.
    signal: AbortSignal.timeout(options.timeoutMs),
    // A redirect would carry the credentials (Authorization, API keys, basic auth) to wherever it points.
    maxRedirects: 0,
  });
  return response.data;
}
