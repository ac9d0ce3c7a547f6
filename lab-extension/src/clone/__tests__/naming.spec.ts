import { basename, dirname, freePath, numbered, shortened } from '../naming';

describe('clone naming', () => {
  const taken =
    (...paths: string[]) =>
    async (path: string) =>
      paths.includes(path);

  it('splits paths and keys', () => {
    expect(basename('published/team/report.ipynb')).toBe('report.ipynb');
    expect(basename('report.ipynb')).toBe('report.ipynb');
    expect(dirname('team/report.ipynb')).toBe('team');
    expect(dirname('report.ipynb')).toBe('');
  });

  it('numbers before the extension', () => {
    expect(numbered('analysis.ipynb', 1)).toBe('analysis-1.ipynb');
    expect(numbered('v1.2.ipynb', 3)).toBe('v1.2-3.ipynb');
    expect(numbered('README', 2)).toBe('README-2');
    expect(numbered('.hidden', 1)).toBe('.hidden-1');
  });

  it('never picks a taken name', async () => {
    expect(await freePath('team', 'a.ipynb', taken('team/a.ipynb', 'team/a-1.ipynb'))).toBe('team/a-2.ipynb');
    expect(await freePath('', 'a.ipynb', taken())).toBe('a.ipynb');
    expect(await freePath('', 'a.ipynb', taken(), { alwaysNumber: true })).toBe('a-1.ipynb');
  });

  it('gives up with an error rather than overwrite', async () => {
    await expect(freePath('', 'a.ipynb', async () => true, { maxTries: 3 })).rejects.toThrow('No free name');
  });

  it('cuts long keys in the middle for messages', () => {
    expect(shortened('published/a.ipynb')).toBe('published/a.ipynb');
    const long = `published/${'k'.repeat(5000)}.ipynb`;
    expect([...shortened(long)].length).toBe(48);
    expect(shortened(long)).toMatch(/^published\/k+…k+\.ipynb$/);
    // Counted in characters, never splitting one.
    expect(shortened('é'.repeat(100), 9)).toBe('éééééé…éé');
  });
});
