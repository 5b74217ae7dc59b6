"use client";

import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/routers/app";
import { isPublicPage, signInPath } from "@/lib/sign-in-path";

/**
 * tRPC + TanStack Query for client components:
 *   const trpc = useTRPC();
 *   const list = useQuery(trpc.workflow.list.queryOptions());
 *   const create = useMutation(trpc.workflow.create.mutationOptions());
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function ApiProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: sendToSignInWhenSignedOut }),
        defaultOptions: { queries: { staleTime: 5_000, retry: retryUnlessRefused, refetchOnWindowFocus: false } },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

const apiCode = (error: unknown): string | undefined =>
  error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;

/** One retry for what may be passing (network, server restarts); none for a refusal, which would only repeat. */
function retryUnlessRefused(failures: number, error: unknown): boolean {
  const code = apiCode(error);
  return failures < 1 && code !== "UNAUTHORIZED" && code !== "FORBIDDEN" && code !== "NOT_FOUND";
}

/**
 * A query refused with 401 means the session ended while the page was open
 * (signed out in another tab, disabled by an admin, expired): go to sign-in,
 * and come back here afterwards.
 */
function sendToSignInWhenSignedOut(error: unknown) {
  if (apiCode(error) !== "UNAUTHORIZED" || isPublicPage(window.location.pathname)) return;
  window.location.assign(signInPath(window.location.pathname + window.location.search));
}
