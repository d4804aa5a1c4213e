// The pager under every paged list: "Showing 1–50 of 1,234" with Previous / Next. It moves the list's
// keyset cursors (`<prefix>after` / `<prefix>before`, from the loader's page, app/lib/keyset.server.ts)
// in the URL, keeping the page's other parameters, and `<prefix>first`, the number of its first row.
import { useSearchParams } from "@remix-run/react";
import { InlineStack, Pagination } from "@shopify/polaris";
import { defineWords, useFormat, useWords } from "../i18n/words";

const WORDS = defineWords({
  en: {
    noneHere: (total: string) => `None of ${total} here`,
    showing: (from: string, to: string, total: string) => `Showing ${from}–${to} of ${total}`,
  },
  fr: {
    noneHere: (total: string) => `Aucun sur ${total} ici`,
    showing: (from: string, to: string, total: string) => `${from}–${to} sur ${total}`,
  },
});

/** The URL parameters that say where a list is: cleared when its filter changes. */
export function placeKeys(prefix = ""): string[] {
  return ["after", "before", "first"].map((key) => `${prefix}${key}`);
}

/** The search parameters with the list back on its first page. */
export function firstPage(params: URLSearchParams, prefix = ""): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of placeKeys(prefix)) next.delete(key);
  return next;
}

export function ListPager({
  page,
  shown,
  pageSize,
  prefix = "",
  align = "center",
}: {
  page: { total: number; next: string | null; previous: string | null };
  /** Rows on this page. */
  shown: number;
  pageSize: number;
  /** Several lists on one page each have their own (e.g. "c" for a run's changes). */
  prefix?: string;
  align?: "center" | "end";
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const t = useWords(WORDS);
  const format = useFormat();
  if (page.total === 0) return null;
  const asked = Number(searchParams.get(`${prefix}first`) ?? "1");
  const from = Number.isInteger(asked) && asked > 0 ? asked : 1;
  const go = (cursor: { after?: string; before?: string }, first: number) => {
    const params = firstPage(searchParams, prefix);
    if (cursor.after) params.set(`${prefix}after`, cursor.after);
    if (cursor.before) params.set(`${prefix}before`, cursor.before);
    if (first > 1) params.set(`${prefix}first`, String(first));
    setSearchParams(params, { preventScrollReset: true });
  };
  const last = from + shown - 1;
  const label =
    shown === 0
      ? t.noneHere(format.number(page.total))
      : t.showing(format.number(from), format.number(last), format.number(page.total));
  return (
    <InlineStack align={align}>
      <Pagination
        label={label}
        hasPrevious={page.previous !== null}
        onPrevious={() => go({ before: page.previous ?? undefined }, Math.max(1, from - pageSize))}
        hasNext={page.next !== null}
        onNext={() => go({ after: page.next ?? undefined }, last + 1)}
      />
    </InlineStack>
  );
}
