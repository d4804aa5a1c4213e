// Walks a keyset-paged list (app/lib/keyset.server.ts) through a screen's loader: forwards with `after`,
// then back with `before`, checking every page carries the same total and that the way back finds the
// same pages as the way there.
import { expect } from "vitest";

export interface PagedRead {
  (query: string): Promise<{ items: { id: string }[]; total: number; next: string | null; previous: string | null }>;
}

/** Every row once, in order both ways; answers the ids in order, each page's size and the total. */
export async function walkPages(read: PagedRead, base: string) {
  const pages: string[][] = [];
  let page = await read(base);
  expect(page.previous).toBeNull();
  const total = page.total;
  for (;;) {
    pages.push(page.items.map((i) => i.id));
    expect(page.total).toBe(total);
    if (!page.next) break;
    page = await read(`${base}&after=${encodeURIComponent(page.next)}`);
  }
  for (let i = pages.length - 2; i >= 0; i--) {
    expect(page.previous).not.toBeNull();
    page = await read(`${base}&before=${encodeURIComponent(page.previous!)}`);
    expect(page.items.map((r) => r.id)).toEqual(pages[i]);
  }
  expect(page.previous).toBeNull();
  return { ids: pages.flat(), pages: pages.map((p) => p.length), total };
}
