import type { ReactNode } from "react";
import { SwitchyardMark } from "@/components/switchyard-mark";

/** The pages one sees before signing in: a centred card under the product's name. */
export default function SignedOutLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex flex-1 flex-col items-center px-4 pt-[12vh] pb-12">
      <div className="mb-6 flex items-center gap-2 text-lg font-semibold tracking-tight text-zinc-900">
        <SwitchyardMark className="size-8" />
        Switchyard
      </div>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
