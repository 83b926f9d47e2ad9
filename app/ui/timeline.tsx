import type { TimelineEntry } from "~/engine/history.server";

/** An application's history, oldest first: what happened, the comment made with it, who, at which step, when. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <ol className="results">
      {entries.map((entry) => (
        <li key={entry.id} className="result">
          <p>
            <strong>{entry.what}</strong>
          </p>
          {entry.comment ? <blockquote className="comment">{entry.comment}</blockquote> : null}
          <p className="result__meta">
            <span>{entry.who}</span>
            {entry.step ? <span>{entry.step}</span> : null}
            <time dateTime={entry.atIso}>{entry.at}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}
