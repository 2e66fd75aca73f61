import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EN, status } from './fixtures.js';
import { fitLabel, fitLabels } from '../../src/ui/view-models/label-fit.js';
import { sideBarRows } from '../../src/ui/view-models/side-bar.js';
import { ASCII_SYMBOLS, UNICODE_SYMBOLS } from '../../src/ui/view-models/symbols.js';
import { textCols } from '../../src/ui/view-models/text-width.js';

test('a long mount is cut in the middle, keeping the head up to a slash and the last segment', () => {
  assert.equal(fitLabel('Disk /srv/data/projects/volume-a', 20, '…'), 'Disk /srv/…/volume-a');
  assert.equal(fitLabel('/srv/data/projects/volume-a', 20, '…'), '/srv/data/…/volume-a');
  assert.equal(fitLabel('Disk /data', 8, '…'), '…/data');
  assert.equal(fitLabel('Disk /a-very-long-last-segment', 10, '…'), '…t-segment');
  assert.equal(fitLabel('CPU', 10, '…'), 'CPU');
  assert.equal(fitLabel('磁盘 /数据/项目/卷甲', 12, '…'), '磁盘 /…/卷甲');
});

test('two mounts under one long prefix get different side-bar labels (both were "Disk /srv/data/proj")', () => {
  const rules = [status('disk:/srv/data/projects/2024/volume-a'), status('disk:/srv/data/projects/2025/volume-a'), status('disk:/srv/data/projects/2025/volume-b')];
  const rows = sideBarRows({ rules, overrides: {}, values: {}, selectedIndex: -1, locale: 'en', strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 42 });
  const labels = rows.map((r) => r.text.slice(2, 2 + 20).trimEnd());
  assert.equal(new Set(labels).size, 3, labels.join(' | '));
  assert.equal(labels[2], 'Disk /srv/…/volume-b');
  for (const label of labels.slice(0, 2)) assert.match(label, /^….*202[45]\/volume-a$/);
  for (const row of rows) assert.equal(textCols(row.text), 42);
});

test('labels that differ only in the middle, or escape to the same text, still end up unique', () => {
  const middle = fitLabels(['/aaaa-1-zzzzzzzz/tail', '/aaaa-2-zzzzzzzz/tail'], 12, '~');
  assert.equal(new Set(middle).size, 2, middle.join(' | '));
  for (const label of middle) assert.ok(textCols(label) <= 12);
  const same = fitLabels(['Disk /x', 'Disk /x'], 12, ASCII_SYMBOLS.ellipsis);
  assert.deepEqual(same, ['Disk /x', 'Disk /x#2']);
});
