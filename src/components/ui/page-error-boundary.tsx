"use client";

import { catchError } from "next/error";
import { PageError } from "./page-error";

/**
 * The app's error boundary (PageError in place of a page that failed to
 * render), rendered by the layouts: the (app) layout's under the header, which
 * keeps working; the root layout's for the other pages.
 *
 * Components of the layouts rather than error.tsx files, because their code
 * then comes with the layouts' scripts. Next fetched `(app)/error.tsx`'s chunk
 * only while the page hydrated — after the page's own scripts, ≈ 180 ms later on
 * a first visit to the editor — and a root error.tsx or global-error.tsx is one
 * more script request on every page. `catchError` lets Next's redirect and
 * not-found signals through and clears the error on a navigation elsewhere, as
 * error.tsx does.
 */
export const PageErrorBoundary = catchError((_props: object, { error, retry }) => <PageError error={error} retry={retry} />);
