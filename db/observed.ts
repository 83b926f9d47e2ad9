import type { PGlite, Transaction as PgliteTransaction } from "@electric-sql/pglite";
import type postgres from "postgres";

// What the operators' metrics read of a database handle: how much of the pool is in use, and how
// many queries ran and failed. The drivers' clients are wrapped where drizzle calls them (a
// query's `then`, a transaction's `begin`), so every query the portal runs is seen, whatever
// built it.

export interface DatabaseUsage {
  /** Connections this process may open (PGlite: its one). */
  readonly poolSize: number;
  /** Connections held now: by a query on its own, or by an open transaction. */
  inUse: number;
  queries: number;
  errors: number;
}

type Sql = postgres.Sql;

/** A postgres.js client that counts into `usage`; queries inside a transaction use its connection. */
export function observedPostgres(client: Sql, usage: DatabaseUsage, isInTransaction = false): Sql {
  return new Proxy(client, {
    get(target, property) {
      if (property === "unsafe") return (...args: Parameters<Sql["unsafe"]>) => observedQuery(target.unsafe(...args), usage, isInTransaction);
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: Sql) => unknown;
          const begin = (target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[property]!.bind(target);
          if (!isInTransaction) usage.inUse += 1;
          const done = () => {
            if (!isInTransaction) usage.inUse -= 1;
          };
          return begin(...args, (tx: Sql) => body(observedPostgres(tx, usage, true))).then(
            (value) => (done(), value),
            (error: unknown) => {
              done();
              throw error;
            },
          );
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** postgres.js runs a query when it is first awaited: that is when it takes a connection. */
function observedQuery<Q extends PromiseLike<unknown>>(query: Q, usage: DatabaseUsage, isInTransaction: boolean): Q {
  const then = query.then.bind(query);
  let isCounted = false;
  Object.defineProperty(query, "then", {
    configurable: true,
    value: (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) => {
      if (isCounted) return then(onFulfilled, onRejected);
      isCounted = true;
      usage.queries += 1;
      if (!isInTransaction) usage.inUse += 1;
      const release = () => {
        if (!isInTransaction) usage.inUse -= 1;
      };
      return then(
        (value) => {
          release();
          return onFulfilled ? onFulfilled(value) : value;
        },
        (reason: unknown) => {
          release();
          usage.errors += 1;
          if (onRejected) return onRejected(reason);
          throw reason;
        },
      );
    },
  });
  return query;
}

/** A PGlite instance that counts into `usage` (it runs one query at a time, on its one connection). */
export function observedPglite<C extends PGlite | PgliteTransaction>(client: C, usage: DatabaseUsage, isInTransaction = false): C {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== "function") return value;
      const method = (value as (...a: unknown[]) => Promise<unknown>).bind(target);
      if (property === "query" || property === "exec") return (...args: unknown[]) => counted(method(...args), usage, isInTransaction);
      if (property === "transaction") {
        return (body: (tx: PgliteTransaction) => Promise<unknown>) =>
          held(
            method((tx: PgliteTransaction) => body(observedPglite(tx, usage, true))),
            usage,
          );
      }
      return method;
    },
  });
}

async function counted<T>(promise: Promise<T>, usage: DatabaseUsage, isInTransaction: boolean): Promise<T> {
  usage.queries += 1;
  try {
    return await (isInTransaction ? promise : held(promise, usage));
  } catch (error) {
    usage.errors += 1;
    throw error;
  }
}

async function held<T>(promise: Promise<T>, usage: DatabaseUsage): Promise<T> {
  usage.inUse += 1;
  try {
    return await promise;
  } finally {
    usage.inUse -= 1;
  }
}
