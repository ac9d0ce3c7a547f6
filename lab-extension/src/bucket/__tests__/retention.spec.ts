import { nullTranslator } from '@jupyterlab/translation';

import type { BucketReport, VersionEntry } from '../../core/backend';
import { retentionText } from '../retention';

const trans = nullTranslator.load('jupyterlab_bookstore');

const report = (lifecycle?: BucketReport['lifecycle']): BucketReport => ({
  bucket: 'notebooks',
  reachable: true,
  credentialsAccepted: true,
  credentialSource: 'keys',
  problems: [],
  lifecycle
});

const version = (size: number, isDeleteMarker = false): VersionEntry => ({
  versionId: `v${size}`,
  lastModified: '2026-12-01T10:00:00.000Z',
  size,
  etag: 'e',
  isLatest: false,
  isDeleteMarker
});

describe('what the bucket keeps', () => {
  it('names the rules in force and warns when this browser does not tag what they expire', () => {
    const rule = {
      id: 'bookstore-expire-automatic-versions',
      enabled: true,
      prefix: 'workspace/',
      tags: ['bookstore-retention=auto'],
      noncurrentDays: 90
    };
    const untagged = retentionText(report([rule]), false, null, trans);
    expect(untagged).toContain(
      '• bookstore-expire-automatic-versions, under workspace/, tagged bookstore-retention=auto, noncurrent versions expire after 90 days'
    );
    expect(untagged).toContain('This browser does not tag versions');
    expect(retentionText(report([rule]), true, null, trans)).not.toContain('does not tag');
  });

  it('says when there is no rule, or none could be read', () => {
    expect(retentionText(report([]), true, null, trans)).toContain(
      'Lifecycle rules: none. Every version is kept for ever.'
    );
    expect(retentionText(report(undefined), true, null, trans)).toContain('could not be read');
  });

  it("counts the open notebook's versions and bytes, delete markers left out", () => {
    const history = { path: 'a.ipynb', versions: [version(1024), version(2048), version(0, true)] };
    expect(retentionText(report([]), true, history, trans)).toContain('a.ipynb holds 2 versions, 3.0 KB in all.');
  });
});
