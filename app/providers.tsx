"use client";

import { useState, type ReactNode } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchStreamLink } from "@trpc/client";
import type { Session } from "next-auth";
import { SessionProvider } from "next-auth/react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api";
import { TRPCProvider } from "@/lib/trpc/client";
import { makeQueryClient } from "@/lib/trpc/query-client";
import { I18nProvider } from "@/lib/i18n/client";
import type { Locale } from "@/lib/i18n";
import { ToastProvider } from "@/components/ui/toast";

interface ProvidersProps {
  locale: Locale;
  session: Session | null;
  children: ReactNode;
}

export function Providers({ locale, session, children }: ProvidersProps) {
  // Created once per browser tab; useState keeps them across re-renders.
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      // Streamed batches: a quick answer (a progress poll) is not held back by a slow one in the same batch.
      links: [httpBatchStreamLink({ url: "/api/trpc", transformer: superjson })],
    }),
  );
  return (
    // The server's session seeds the provider: no fetch on mount, so the provider cannot race
    // signIn() for the CSRF cookie on a first visit to /login.
    <SessionProvider session={session} refetchOnWindowFocus={false}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <I18nProvider locale={locale}>
            <ToastProvider>{children}</ToastProvider>
          </I18nProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </SessionProvider>
  );
}
