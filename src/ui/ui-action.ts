// What a key or a palette entry asks for, as data. One table of handlers (dashboard-actions.ts) runs them, so keys,
// the palette and the help overlay all speak the same vocabulary and no if-chain of keys is needed.
import type { ViewId } from './view-models/views.js';

export type UiAction =
  | { kind: 'toggleMute' }
  /** `rules`: only these rule ids; absent: every rule. */
  | { kind: 'mute'; durationMs: number | null; rules?: string[] }
  /** `rules`: end only these rules' own mutes; absent: end every mute. */
  | { kind: 'unmute'; rules?: string[] }
  | { kind: 'testAlert' }
  | { kind: 'nudgeThreshold'; delta: number }
  | { kind: 'setThreshold'; ruleId: string; value?: number }
  | { kind: 'resetOverrides' }
  | { kind: 'togglePerCore' }
  | { kind: 'togglePause' }
  /** The next chart window: 10m, 1h, 6h, 24h, then 10m again. */
  | { kind: 'cycleChartWindow' }
  | { kind: 'toggleHelp' }
  | { kind: 'openPalette' }
  | { kind: 'closeOverlay' }
  | { kind: 'select'; delta: number }
  | { kind: 'scrollLog'; delta: number }
  /** Move the log's cursor over its alert lines (-1 older, +1 newer) and show the alert's episode on the charts. */
  | { kind: 'selectLogAlert'; delta: number }
  | { kind: 'quit' }
  /** Switch the main area's tab. */
  | { kind: 'showView'; view: ViewId }
  /** Tab / Shift+Tab: the next or previous tab, wrapping. */
  | { kind: 'cycleView'; delta: number };

export type UiActionKind = UiAction['kind'];
