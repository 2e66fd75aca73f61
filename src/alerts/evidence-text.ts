// Placeholder: the evidence work (issue 13's evidence helper) replaces this file with the real formatter of an
// alert's evidence (top processes, mounts...) as lines in the user's locale. Channel templates read it as `evidence`.
import type { AlertEvent, Locale } from '../types.js';

export function formatEvidenceLines(event: AlertEvent, locale: Locale): string[] { return []; }
