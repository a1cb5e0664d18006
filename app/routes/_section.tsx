/**
 * The pathless layout around each section of the site (see app/routes.ts). It renders nothing of its
 * own; its error boundary shows a failed page inside the normal page frame, so the navigation, the
 * footer and the way back stay on screen (the root boundary would replace the whole document).
 */
import { Outlet } from "@remix-run/react";
import { RouteErrorPanel } from "~/components/route-error";

export default function Section() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <RouteErrorPanel />;
}
