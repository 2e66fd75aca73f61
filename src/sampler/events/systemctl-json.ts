// The output of `systemctl list-units --state=failed --output=json --no-legend --plain` (systemd 252, Debian 12): a JSON
// array with one object per unit, keys from the table's columns: [{"unit":"nginx.service","load":"loaded",
// "active":"failed","sub":"failed","description":"A high performance web server"}]; `[]` when none failed.

/** The names of the failed units; throws on output that is not such an array (a newer or older systemctl). */
export function parseFailedUnits(stdout: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.trim() === '' ? '[]' : stdout);
  } catch {
    throw new Error(`systemctl printed no JSON: ${JSON.stringify(stdout.slice(0, 80))}`);
  }
  if (!Array.isArray(parsed)) throw new Error('systemctl printed JSON that is not a list of units');
  const units: string[] = [];
  for (const entry of parsed) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { unit?: unknown }).unit !== 'string') {
      throw new Error('systemctl printed a unit without a "unit" name');
    }
    const { unit, active } = entry as { unit: string; active?: unknown };
    // --state=failed already filters; a unit that says otherwise is not counted.
    if (active === undefined || active === 'failed') units.push(unit);
  }
  return units;
}
