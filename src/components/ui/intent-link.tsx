"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

/**
 * A next/link that prefetches its page when the pointer or keyboard focus
 * reaches it, not when it scrolls into view. For the links on every page (the
 * header's sections, the editor's breadcrumb): prefetched on sight, they ask
 * the server to render four pages while the page just opened is still drawing
 * (a 500-node canvas, on a busy server), for a click that mostly never comes.
 * Hovering gives the prefetch a head start of a few hundred ms before the click.
 */
export function IntentLink({ href, onMouseEnter, onFocus, onTouchStart, ...props }: Omit<ComponentProps<typeof Link>, "prefetch" | "href"> & { href: string }) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(event) => {
        prefetch();
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        prefetch();
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        prefetch();
        onTouchStart?.(event);
      }}
    />
  );
}
