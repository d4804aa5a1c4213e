// A price as Shopify gives it ("27.40", no currency) in the admin's language: "27.40" / "27,40".
import { useMemo } from "react";
import { formattingLocale } from "../i18n/locale";
import { useLocale } from "../i18n/words";

export function usePrice() {
  const locale = useLocale();
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(formattingLocale(locale), {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    return (value: string | null | undefined) => {
      if (value === null || value === undefined || value === "") return "—";
      const amount = Number(value);
      return Number.isFinite(amount) ? numbers.format(amount) : value;
    };
  }, [locale]);
}
