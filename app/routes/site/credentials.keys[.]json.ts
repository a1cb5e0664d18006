/** /credentials/keys.json: the platform's public keys (JWK set) to verify credentials offline. */
import { publicKeySet } from "~/services/credentials.server";

export async function loader() {
  return new Response(`${JSON.stringify(await publicKeySet(), null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
