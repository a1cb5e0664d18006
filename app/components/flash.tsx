/** The one-time message set by `setFlash` before a redirect (see app/flash.server.ts). */
export function FlashMessage({ flash }: { flash: { message: string; kind: string } | null | undefined }) {
  if (!flash) return null;
  return (
    <p className={`alert ${flash.kind === "error" ? "error" : "ok"}`} role={flash.kind === "error" ? "alert" : "status"}>
      {flash.message}
    </p>
  );
}
