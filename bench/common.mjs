// What both browser drivers share: Debian's Chromium, medians, the results file, boto3 helpers.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const env = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run bench/run`);
  return value;
};

export const OUT = env('BENCH_OUT');
export const RUNS = Number(process.env.BENCH_RUNS || 5);
export const here = new URL('.', import.meta.url).pathname;

export function launch() {
  // No browser download here: Debian's Chromium, with the flags TOOLCHAIN.md lists.
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  });
}

export const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Adds `values` under `section` in OUT/results.json (each driver fills its own sections). */
export function record(section, values) {
  const file = join(OUT, 'results.json');
  const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  results[section] = { ...(results[section] || {}), ...values };
  writeFileSync(file, JSON.stringify(results, null, 2));
}

/** Runs bench/s3py.py (boto3) with the server's environment and returns its JSON answer. */
export function s3py(...args) {
  const python = process.env.BENCH_PYTHON || 'python3';
  return JSON.parse(execFileSync(python, [join(here, 's3py.py'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

/** The counting proxy's counts since the last reset. */
export async function proxyCounts(reset = false) {
  const response = await fetch(`${env('BENCH_PROXY_URL')}/__count__`, { method: reset ? 'POST' : 'GET' });
  return response.json();
}

export const log = (...args) => console.log('[bench]', ...args);
