// Which config keys hold secrets. One list, used for error messages (never echo the value), the
// group-readable-file warning, and redaction of check-config output.

const SECRET_KEY_NAMES = new Set(
  ['pass', 'password', 'appSecret', 'secret', 'token', 'bearerToken', 'key', 'apiKey', 'accessToken', 'authorization', 'botToken', 'sendKey', 'deviceKey'].map(
    (name) => name.toLowerCase(),
  ),
);

/** Every value under a `headers` object is treated as secret: Authorization, X-Api-Key, cookies... */
const SECRET_CONTAINERS = new Set(['headers']);

export function isSecretKeyName(name: PropertyKey): boolean {
  return typeof name === 'string' && SECRET_KEY_NAMES.has(name.toLowerCase());
}

/** True when the value at this key path is (or is inside) a secret. */
export function isSecretPath(path: readonly PropertyKey[]): boolean {
  return path.some(
    (segment) => typeof segment === 'string' && (isSecretKeyName(segment) || SECRET_CONTAINERS.has(segment.toLowerCase())),
  );
}
