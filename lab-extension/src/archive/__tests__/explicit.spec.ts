import { ExplicitSaves } from '../explicit';

describe('ExplicitSaves', () => {
  it('marks the next save of a notebook only, and forgets an old mark', () => {
    jest.useFakeTimers();
    const saves = new ExplicitSaves();
    saves.mark(['a.ipynb', 'b.ipynb']);
    expect(saves.take('a.ipynb')).toBe(true);
    expect(saves.take('a.ipynb')).toBe(false);
    expect(saves.take('c.ipynb')).toBe(false);
    jest.advanceTimersByTime(61_000);
    expect(saves.take('b.ipynb')).toBe(false);
    jest.useRealTimers();
  });
});
