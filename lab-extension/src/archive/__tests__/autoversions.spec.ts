import { AutoVersions } from '../autoversions';

describe('AutoVersions', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('makes at most one version per period, and always one after the last save', () => {
    const made: string[] = [];
    const auto = new AutoVersions(
      path => made.push(path),
      () => 1
    );
    auto.saved('a.ipynb');
    jest.advanceTimersByTime(0);
    expect(made).toEqual(['a.ipynb']);
    // Saves every 5 s for 50 s: none until the minute is over, then one.
    for (let i = 0; i < 10; i++) {
      jest.advanceTimersByTime(5_000);
      auto.saved('a.ipynb');
    }
    expect(made).toHaveLength(1);
    jest.advanceTimersByTime(10_000);
    expect(made).toEqual(['a.ipynb', 'a.ipynb']);
    jest.advanceTimersByTime(10 * 60_000);
    expect(made).toHaveLength(2);
  });

  it('counts each notebook apart, and an explicit save starts the period again', () => {
    const made: string[] = [];
    const auto = new AutoVersions(
      path => made.push(path),
      () => 10,
      2_000
    );
    auto.saved('a.ipynb');
    auto.saved('b.ipynb');
    expect(made).toEqual([]);
    jest.advanceTimersByTime(2_000);
    expect(made.sort()).toEqual(['a.ipynb', 'b.ipynb']);
    jest.advanceTimersByTime(60_000);
    auto.saved('a.ipynb');
    expect(auto.isDue('a.ipynb')).toBe(true);
    auto.archivedExplicitly('a.ipynb');
    expect(auto.isDue('a.ipynb')).toBe(false);
    jest.advanceTimersByTime(9.5 * 60_000);
    auto.saved('a.ipynb');
    jest.advanceTimersByTime(29_000);
    expect(made).toHaveLength(2);
    jest.advanceTimersByTime(2_000);
    expect(made).toHaveLength(3);
  });

  it('with 0 minutes, archives every save', () => {
    const made: string[] = [];
    const auto = new AutoVersions(
      path => made.push(path),
      () => 0
    );
    for (let i = 0; i < 3; i++) {
      auto.saved('a.ipynb');
      jest.advanceTimersByTime(1);
    }
    expect(made).toHaveLength(3);
  });
});
