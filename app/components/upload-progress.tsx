/**
 * Progress for large uploads (issue 20). With JavaScript, the chosen files are first read in the
 * browser chunk by chunk (the bar shows bytes read and rows counted so far), then sent; while the
 * server checks them the bar is indeterminate, and when the answer is on screen it says how many
 * rows were read. Without JavaScript the form posts as usual and the server's answer says the same.
 */
import { useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export type UploadPhase =
  | { phase: "idle" }
  | { phase: "reading"; done: number; total: number; rows: number }
  | { phase: "sending"; rows: number | null }
  | { phase: "done"; rows: number | null };

function isFile(v: FormDataEntryValue): v is File {
  return typeof v !== "string" && typeof (v as File).stream === "function";
}

const NEWLINE = 10;
/** Read in slices of this size: a 2 MB file moves the bar about eight times. */
const CHUNK = 256 * 1024;

/**
 * `start(formData)` reads every file in it with progress, then submits it to the route's action
 * (multipart). `state` drives <UploadProgress>.
 */
export function useUploadWithProgress() {
  const submit = useSubmit();
  const navigation = useNavigation();
  const [state, setState] = useState<UploadPhase>({ phase: "idle" });
  const sawBusy = useRef(false);

  useEffect(() => {
    if (state.phase !== "sending") return;
    if (navigation.state !== "idle") sawBusy.current = true;
    else if (sawBusy.current) {
      sawBusy.current = false;
      setState({ phase: "done", rows: state.rows });
    }
  }, [navigation.state, state]);

  async function start(formData: FormData) {
    const files = [...formData.values()].filter(isFile).filter((f) => f.size > 0);
    const total = files.reduce((sum, f) => sum + f.size, 0);
    let done = 0;
    let rows = 0;
    setState({ phase: "reading", done, total, rows });
    for (const file of files) {
      let last = NEWLINE;
      for (let offset = 0; offset < file.size; offset += CHUNK) {
        const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
        for (let i = 0; i < bytes.length; i++) if (bytes[i] === NEWLINE) rows++;
        if (bytes.length > 0) last = bytes[bytes.length - 1];
        done += bytes.length;
        setState({ phase: "reading", done, total, rows });
        // Let the bar paint between chunks (a frame, or 50 ms where frames are throttled: a hidden tab).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50);
          requestAnimationFrame(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      if (last !== NEWLINE) rows++; // a last line without a newline
      rows--; // the header line
    }
    sawBusy.current = false;
    // Pasted text only (no file): there is nothing to count in the browser.
    setState({ phase: "sending", rows: files.length > 0 ? rows : null });
    submit(formData, { method: "post", encType: "multipart/form-data" });
  }

  return { state, start, busy: state.phase === "reading" || state.phase === "sending" };
}

const mb = (n: number) => `${(n / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;

export function UploadProgress({ state, id }: { state: UploadPhase; id: string }) {
  if (state.phase === "idle") return null;
  const rows = (n: number) => `${Math.max(0, n).toLocaleString("en-US")} row${n === 1 ? "" : "s"}`;
  const done = (n: number | null) => (n === null ? "Done: checked." : `Done: ${rows(n)} read and checked.`);
  return (
    <div className="upload-progress" data-phase={state.phase}>
      {state.phase === "reading" && (
        <>
          <progress id={id} aria-label="Reading your files" max={state.total} value={state.done} />
          <p className="small" aria-live="polite">
            Reading {mb(state.done)} of {mb(state.total)} ({rows(state.rows)} so far)…
          </p>
        </>
      )}
      {state.phase === "sending" && (
        <>
          <progress id={id} aria-label="Checking your files" />
          <p className="small" aria-live="polite">
            {state.rows === null ? "Sending and checking…" : `Read ${rows(state.rows)}. Sending and checking them…`}
          </p>
        </>
      )}
      {state.phase === "done" && (
        <p className="small" role="status">
          {done(state.rows)}
        </p>
      )}
    </div>
  );
}
