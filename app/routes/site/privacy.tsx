import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LegalDocument } from "~/components/legal";
import { LEGAL_TEXTS } from "~/domain/legal";

export const meta: MetaFunction = () => [{ title: `${LEGAL_TEXTS.PRIVACY_NOTICE.title} · Second Act` }];

export function loader() {
  return LEGAL_TEXTS.PRIVACY_NOTICE;
}

export default function Page() {
  return <LegalDocument doc={useLoaderData<typeof loader>()} />;
}
