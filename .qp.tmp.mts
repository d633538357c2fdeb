import Database from 'better-sqlite3';
const db = new Database('/tmp/bf/data/enforcement-watch.db', { readonly: true });
for (const join of ['JOIN vintages v ON v.id = k.current_vintage_id', 'JOIN vintages v ON v.key_id = k.id']) {
  const rows = db.prepare(`EXPLAIN QUERY PLAN SELECT k.source FROM series_keys k ${join} JOIN captures c ON c.id = v.capture_id
    LEFT JOIN revisions r ON r.key_id = k.id AND r.new_vintage_id = v.id
    WHERE (k.source, k.series, k.labels, k.period, v.id) > (?, ?, ?, ?, ?) ORDER BY k.source, k.series, k.labels, k.period, v.id LIMIT 5000`).all('a','b','c','d',1);
  console.log(rows.map((r: any) => r.detail).join('\n'), '\n--');
}
