import { ForbiddenNotice } from "@/components/ui/forbidden-notice";
import { currentPageUser } from "@/server/web/page-session";

/** What `forbidden()` renders (with HTTP 403): a signed-in person on a page their role may not open. */
export default async function Forbidden() {
  const user = await currentPageUser();
  return <ForbiddenNotice role={user?.role ?? "unknown"} />;
}
