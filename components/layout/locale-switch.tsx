"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { LOCALES } from "@/lib/i18n";
import { setLocale } from "@/lib/i18n/actions";
import { useI18n } from "@/lib/i18n/client";
import { useHydrated } from "@/lib/use-hydrated";

export function LocaleSwitch() {
  const { locale, t } = useI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  return (
    <div className="locale-switch" role="group" aria-label={t.locale.label} data-testid="locale-switch">
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option === "zh" ? "zh-CN" : "en"}
          aria-pressed={option === locale}
          disabled={!hydrated || pending}
          onClick={() =>
            startTransition(async () => {
              await setLocale(option);
              router.refresh();
            })
          }
        >
          {t.locale[option]}
        </button>
      ))}
    </div>
  );
}
