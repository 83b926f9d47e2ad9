// Any address no other route claims: a 404, rendered by the root error boundary in the page's language.
export function loader() {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
