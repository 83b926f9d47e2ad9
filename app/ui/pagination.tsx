import { Link } from "@remix-run/react";

interface PageLink {
  to: string;
  text: string;
}

/** The links of a list paged by keyset: back to the first page, and on to the next; nothing when there is one page. */
export function KeysetPages({ label, first, next }: { label: string; first: PageLink | null; next: PageLink | null }) {
  if (!first && !next) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <ul className="inline-list">
        {first ? (
          <li>
            <Link to={first.to}>{first.text}</Link>
          </li>
        ) : null}
        {next ? (
          <li>
            <Link to={next.to} rel="next">
              {next.text}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
