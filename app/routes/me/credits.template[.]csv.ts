/** The CSV template for credit import, with the documented columns and three example rows. */
import { CSV_TEMPLATE } from "~/domain/profile";

export function loader() {
  return new Response(CSV_TEMPLATE, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="second-act-credits-template.csv"',
      "Cache-Control": "public, max-age=3600",
    },
  });
}
