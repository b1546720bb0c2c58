import { QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";

const NO_RETRY_CODES = new Set(["UNAUTHORIZED", "FORBIDDEN", "BAD_REQUEST", "NOT_FOUND"]);

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retrying a refusal only delays the message the user needs to see.
        retry: (failureCount, error) => {
          if (error instanceof TRPCClientError && NO_RETRY_CODES.has(String(error.data?.code))) return false;
          return failureCount < 2;
        },
      },
    },
  });
}
