import { IntentLink } from "./ui/intent-link";
import type { SessionUser } from "./session/permissions";
import { MainNav } from "./main-nav";
import { SwitchyardMark } from "./switchyard-mark";
import { UserMenu } from "./user-menu";

/** The slim bar on every signed-in page: the product name, the sections the user's role may open, and their menu. */
export function AppHeader({ user }: { user: SessionUser }) {
  return (
    <header className="sticky top-0 z-20 flex h-12 shrink-0 items-center border-b border-zinc-200 bg-white px-4">
      <IntentLink href="/workflows" className="flex items-center gap-2 rounded font-semibold tracking-tight text-zinc-900">
        <SwitchyardMark />
        Switchyard
      </IntentLink>
      <MainNav role={user.role} />
      <div className="ml-auto">
        <UserMenu user={user} />
      </div>
    </header>
  );
}
