/**
 * What the bucket keeps, for "Check Bookstore bucket": its lifecycle rules (the README's retention rule
 * expires automatic versions once noncurrent for N days, and keeps named and published ones), whether
 * this browser tags versions for it, and how many versions and bytes the open notebook's history holds.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import type { BucketReport, LifecycleRule, VersionEntry } from '../core/backend';
import { formatSize } from '../history/format';

/** The open notebook's history: its path and its listed versions. */
export interface IHistorySize {
  path: string;
  versions: VersionEntry[];
}

function ruleText(rule: LifecycleRule, trans: TranslationBundle): string {
  const parts = [
    rule.id || trans.__('(rule without an id)'),
    rule.enabled ? '' : trans.__('disabled'),
    rule.prefix ? trans.__('under %1', rule.prefix) : trans.__('on the whole bucket'),
    rule.tags.length > 0 ? trans.__('tagged %1', rule.tags.join(', ')) : '',
    rule.noncurrentDays !== undefined ? trans.__('noncurrent versions expire after %1 days', rule.noncurrentDays) : '',
    rule.expirationDays !== undefined ? trans.__('current versions expire after %1 days', rule.expirationDays) : ''
  ];
  return parts.filter(Boolean).join(', ');
}

function rulesText(report: BucketReport, tagging: boolean, trans: TranslationBundle): string[] {
  const rules = report.lifecycle;
  if (rules === undefined) {
    return [trans.__('Lifecycle rules: could not be read (the policy does not allow s3:GetLifecycleConfiguration).')];
  }
  if (rules.length === 0) {
    return [trans.__('Lifecycle rules: none. Every version is kept for ever.')];
  }
  const lines = [trans.__('Lifecycle rules in force:'), ...rules.map(rule => `• ${ruleText(rule, trans)}`)];
  const expiresAuto = rules.some(rule => rule.enabled && rule.tags.includes('bookstore-retention=auto'));
  if (expiresAuto && !tagging) {
    lines.push(
      trans.__(
        'This browser does not tag versions (setting "Tag versions for retention"): its versions match no rule and are kept.'
      )
    );
  }
  return lines;
}

function historyText(history: IHistorySize | null, trans: TranslationBundle): string[] {
  if (!history) {
    return [trans.__('Open a notebook to see how much its history holds.')];
  }
  const kept = history.versions.filter(v => !v.isDeleteMarker);
  const bytes = kept.reduce((sum, v) => sum + v.size, 0);
  return [
    trans._n(
      '%2 holds %1 version, %3 in all.',
      '%2 holds %1 versions, %3 in all.',
      kept.length,
      history.path,
      formatSize(bytes)
    )
  ];
}

/** The retention report: rules, tagging, and the open notebook's history. */
export function retentionText(
  report: BucketReport,
  tagging: boolean,
  history: IHistorySize | null,
  trans: TranslationBundle
): string {
  return [...rulesText(report, tagging, trans), '', ...historyText(history, trans)].join('\n');
}
