import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_METRICS_CONNECTIONS, metricsConnectionCap, softOpenFilesLimit } from '../../src/metrics/open-files-limit.js';

const limits = (soft: string, hard: string): string =>
  `Limit                     Soft Limit           Hard Limit           Units     \nMax processes             63704                63704                processes \nMax open files            ${soft.padEnd(21)}${hard.padEnd(21)}files     \nMax locked memory         8388608              8388608              bytes     \n`;

test('the soft "Max open files" is read from /proc/self/limits text', () => {
  assert.equal(softOpenFilesLimit(limits('1024', '524288')), 1024);
  assert.equal(softOpenFilesLimit(limits('unlimited', 'unlimited')), undefined);
  assert.equal(softOpenFilesLimit(''), undefined);
});

test('/metrics holds at most 64 connections and never more than a quarter of the descriptor limit', () => {
  assert.equal(metricsConnectionCap(limits('1024', '524288')), MAX_METRICS_CONNECTIONS);
  assert.equal(metricsConnectionCap(limits('100', '100')), 25);
  assert.equal(metricsConnectionCap(limits('2', '2')), 1);
  assert.equal(metricsConnectionCap(limits('unlimited', 'unlimited')), MAX_METRICS_CONNECTIONS);
  assert.equal(metricsConnectionCap(undefined), MAX_METRICS_CONNECTIONS);
});
