// Control characters in text from another process (rule ids from mount points, channel errors) are shown escaped,
// so they cannot move the cursor, retitle the terminal or forge a line.
export function sanitizeForTerminal(text: string): string {
  // C0 controls, DEL and C1 controls; printable Unicode (CJK included) is kept.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
