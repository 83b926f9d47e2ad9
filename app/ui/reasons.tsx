/** The reasons a decision gave (the automatic checks'), as a titled list; nothing when there are none. */
export function Reasons({ title, reasons }: { title: string; reasons: string[] }) {
  if (reasons.length === 0) return null;
  return (
    <section className="section" aria-labelledby="reasons">
      <h2 id="reasons">{title}</h2>
      <ul>
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </section>
  );
}
