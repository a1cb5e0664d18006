/**
 * Liveness: the process is up and serving. `build` says which build of React and the libraries
 * renders the pages ("production" under `npm start`, "development" under `npm run dev`).
 */
export function loader() {
  const build = process.env.NODE_ENV === "production" ? "production" : "development";
  return Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()), build }, { headers: { "Cache-Control": "no-store" } });
}
