// Sizes in binary units as the dashboard writes them (42MB, 1.2GB), for texts outside the UI (notifications).

/** 42MB, 1.2GB; a negative size keeps its sign. */
export function formatBytes(sizeBytes: number): string {
  if (!Number.isFinite(sizeBytes)) return '-';
  const sign = sizeBytes < 0 ? '-' : '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = Math.abs(sizeBytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${sign}${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)}${units[unit]}`;
}
