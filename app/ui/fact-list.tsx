/** Labelled values, one per row (an agency's answer, the figures of a decision, what a step shows): a value read left to right is marked so. */
export function FactList({ facts, isCompact = false }: { facts: { label: string; value: string; isLtr?: boolean }[]; isCompact?: boolean }) {
  if (facts.length === 0) return null;
  return (
    <dl className={isCompact ? "summary summary--compact" : "summary"}>
      {facts.map((fact) => (
        <div key={fact.label}>
          <dt>{fact.label}</dt>
          <dd>{fact.isLtr ? <span className="ltr-value">{fact.value}</span> : <bdi>{fact.value}</bdi>}</dd>
        </div>
      ))}
    </dl>
  );
}
