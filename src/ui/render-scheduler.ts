// Coalesces redraw requests: every store event of one tick (a sample brings 'sample' and 'rules', a threshold change
// 'rules' and 'overrides') marks what changed, and a single screen.render() follows once the tick is over.

export type Part = 'title' | 'side' | 'charts' | 'log' | 'status' | 'overlay' | 'layout';

export interface RenderScheduler {
  invalidate(...parts: Part[]): void;
  /** Draw now (first frame, tests). */
  flush(): void;
  cancel(): void;
}

export function createRenderScheduler(
  render: (dirty: ReadonlySet<Part>) => void,
  defer: (fn: () => void) => () => void = (fn) => {
    const handle = setImmediate(fn);
    return () => clearImmediate(handle);
  },
): RenderScheduler {
  const dirty = new Set<Part>();
  let cancelPending: (() => void) | undefined;
  const flush = (): void => {
    cancelPending?.();
    cancelPending = undefined;
    if (dirty.size === 0) return;
    const parts = new Set(dirty);
    dirty.clear();
    render(parts);
  };
  return {
    invalidate(...parts) {
      for (const part of parts) dirty.add(part);
      cancelPending ??= defer(flush);
    },
    flush,
    cancel() {
      cancelPending?.();
      cancelPending = undefined;
      dirty.clear();
    },
  };
}
