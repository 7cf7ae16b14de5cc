/** Hubs whose tables predate a column get it (Durable Object storage has no migrations). */
export function addMissingColumns(
  sql: SqlStorage,
  table: string,
  columns: Record<string, string>,
): void {
  const have = new Set(
    sql
      .exec<{ name: string }>('SELECT name FROM pragma_table_info(?)', table)
      .toArray()
      .map((c) => c.name),
  );
  for (const [name, type] of Object.entries(columns)) {
    if (!have.has(name)) sql.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
  }
}
