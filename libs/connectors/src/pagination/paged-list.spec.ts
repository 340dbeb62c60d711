import { PagedList } from './paged-list.js';

interface Page {
  items: number[];
  next?: number;
}

describe('PagedList', () => {
  const pages: Record<number, Page> = { 0: { items: [1, 2], next: 1 }, 1: { items: [3, 4], next: 2 }, 2: { items: [5] } };
  let fetched: number[];
  const list = () => {
    const fetch = async (n: number) => {
      fetched.push(n);
      return pages[n]!;
    };
    return new PagedList<number, Page>(() => fetch(0), (page) => (page.next === undefined ? undefined : () => fetch(page.next!)), (page) => page.items);
  };
  beforeEach(() => {
    fetched = [];
  });

  it('sends nothing until used; await gives the first page only', async () => {
    const l = list();
    expect(fetched).toEqual([]);
    expect(await l).toEqual(pages[0]);
    expect(fetched).toEqual([0]);
  });

  it('iterates every item across pages, fetching each page once as needed', async () => {
    const l = list();
    const seen: number[] = [];
    for await (const item of l) {
      seen.push(item);
      if (item === 2) expect(fetched).toEqual([0]);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(fetched).toEqual([0, 1, 2]);
  });

  it('walks pages, and toArray stops at its limit without fetching further', async () => {
    const all: Page[] = [];
    for await (const page of list().pages()) all.push(page);
    expect(all).toEqual([pages[0], pages[1], pages[2]]);
    fetched = [];
    expect(await list().toArray(2)).toEqual([1, 2]);
    expect(fetched).toEqual([0, 1]);
  });

  it('rejects like a promise when the first page fails', async () => {
    const failing = new PagedList<number, Page>(async () => Promise.reject(new Error('down')), () => undefined, (p) => p.items);
    await expect(failing.then((p) => p)).rejects.toThrow('down');
    await expect(failing.toArray()).rejects.toThrow('down');
  });
});
