/** A versioned legal text (app/domain/legal.ts) as a page: title, version, paragraphs. */
export function LegalDocument({ doc }: { doc: { title: string; version: string; text: string } }) {
  return (
    <article className="stack prose">
      <h1>{doc.title}</h1>
      <p className="muted">Version {doc.version}</p>
      {doc.text.split("\n\n").map((para) => (
        <p key={para}>{para}</p>
      ))}
    </article>
  );
}
