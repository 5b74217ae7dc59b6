import { getDatabase } from "@/server/db/prisma";
import { handleApiRequest } from "@/server/trpc/handle-request";

export const dynamic = "force-dynamic";

const handler = (req: Request) => handleApiRequest(req, getDatabase());

export { handler as GET, handler as POST };
