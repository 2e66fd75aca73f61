// Bark's encrypted push (推送加密): the push parameters as a JSON string, AES-encrypted with the key set in the Bark
// app (16, 24 or 32 characters: AES-128, -192 or -256), CBC or ECB with PKCS#7 padding, base64, sent as `ciphertext`
// (with `iv` for CBC). Neither the Bark server nor Apple can then read the alert; the app decrypts it. A wrong key
// is not refused by the server: the phone shows a decryption failure, so `srvmon test-alert` is the check.
import { createCipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { GOT } from '../config/zod-issues.js';

const KEY_BYTES = [16, 24, 32] as const;
const IV_BYTES = 16;

export const barkEncryptionSchema = z
  .strictObject({
    /** The key of the app's 推送加密 settings: 16, 24 or 32 characters for AES-128, -192, -256. Secret. */
    key: z.string().refine((key) => (KEY_BYTES as readonly number[]).includes(Buffer.byteLength(key)), {
      error: 'must be 16, 24 or 32 characters (AES-128, AES-192, AES-256), as set in the Bark app',
    }),
    /** cbc or ecb, as set in the app. @default cbc */
    mode: z.enum(['cbc', 'ecb']).optional(),
    /** CBC: the app's fixed IV (16 characters). @default a fresh random IV per push, sent along as `iv` */
    iv: z
      .string()
      .refine((iv) => Buffer.byteLength(iv) === IV_BYTES, { error: `must be 16 characters, ${GOT}` })
      .optional(),
  })
  .transform(({ mode, ...rest }) => ({ ...rest, mode: mode ?? ('cbc' as const) }));

export type BarkEncryption = z.output<typeof barkEncryptionSchema>;

/** A random IV of 16 ASCII characters: the app reads the `iv` parameter as text, as it reads its settings. */
function randomIv(): string {
  return randomBytes(12).toString('base64').slice(0, IV_BYTES);
}

/** The `ciphertext` (and `iv`, for CBC) parameters that replace the given ones. */
export function encryptBarkParams(params: object, encryption: BarkEncryption, iv?: string): { ciphertext: string; iv?: string } {
  return encryptBarkText(JSON.stringify(params), encryption, iv);
}

/** `text` (the parameters as a JSON string) encrypted as the Bark app expects it. */
export function encryptBarkText(text: string, encryption: BarkEncryption, iv: string = encryption.iv ?? randomIv()): { ciphertext: string; iv?: string } {
  const key = Buffer.from(encryption.key);
  const algorithm = `aes-${key.length * 8}-${encryption.mode}`;
  const cipher = createCipheriv(algorithm, key, encryption.mode === 'cbc' ? Buffer.from(iv) : null);
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]).toString('base64');
  return encryption.mode === 'cbc' ? { ciphertext, iv } : { ciphertext };
}
