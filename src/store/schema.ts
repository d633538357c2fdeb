/**
 * Versioned schema migrations. Each migration runs once, inside a transaction, and records its
 * version in `schema_migrations`; a database newer than this code is refused rather than guessed at.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE artifacts (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        bytes INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        encoding TEXT NOT NULL,
        data BLOB NOT NULL,
        stored_at INTEGER NOT NULL
      );
      CREATE TABLE fetches (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT NOT NULL,
        final_url TEXT,
        started_at INTEGER NOT NULL,
        duration_ms INTEGER,
        http_status INTEGER,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'not_modified', 'error')),
        etag TEXT,
        last_modified TEXT,
        bytes INTEGER,
        sha256 TEXT,
        error_kind TEXT,
        error_message TEXT
      );
      CREATE INDEX fetches_source_time ON fetches (source, started_at);
      CREATE TABLE captures (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES artifacts (sha256),
        parser_id TEXT NOT NULL,
        parser_version INTEGER NOT NULL,
        first_fetched_at INTEGER NOT NULL,
        last_fetched_at INTEGER NOT NULL,
        published_on TEXT,
        data_as_of TEXT,
        UNIQUE (source, url, sha256)
      );
      CREATE TABLE series_keys (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        series TEXT NOT NULL,
        labels TEXT NOT NULL,
        period TEXT NOT NULL,
        current_vintage_id INTEGER,
        UNIQUE (source, series, labels, period)
      );
      CREATE INDEX series_keys_series ON series_keys (series, source);
      CREATE TABLE vintages (
        id INTEGER PRIMARY KEY,
        key_id INTEGER NOT NULL REFERENCES series_keys (id),
        value REAL NOT NULL,
        partial INTEGER NOT NULL DEFAULT 0,
        capture_id INTEGER NOT NULL REFERENCES captures (id),
        published_on TEXT,
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      );
      CREATE INDEX vintages_key ON vintages (key_id);
      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        key_id INTEGER NOT NULL REFERENCES series_keys (id),
        old_vintage_id INTEGER NOT NULL REFERENCES vintages (id),
        new_vintage_id INTEGER NOT NULL REFERENCES vintages (id),
        old_value REAL NOT NULL,
        new_value REAL NOT NULL,
        detected_at INTEGER NOT NULL
      );
      CREATE INDEX revisions_key ON revisions (key_id);
      CREATE TABLE validators (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        sha256 TEXT,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE source_state (
        source TEXT PRIMARY KEY,
        up INTEGER,
        last_attempt_at INTEGER,
        last_success_at INTEGER,
        last_change_at INTEGER,
        published_on TEXT,
        published_at INTEGER,
        data_as_of TEXT,
        data_as_of_stalled INTEGER NOT NULL DEFAULT 0,
        last_error_kind TEXT,
        last_error_message TEXT,
        last_error_at INTEGER,
        landing_sha256 TEXT,
        file_url TEXT,
        file_sha256 TEXT,
        issues TEXT NOT NULL DEFAULT '[]',
        signals TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TABLE error_counts (
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (source, kind)
      );
    `,
  },
  {
    version: 2,
    // Finding the revision that produced a vintage (provenance queries) without a table scan.
    sql: 'CREATE INDEX revisions_new_vintage ON revisions (new_vintage_id);',
  },
  {
    version: 3,
    // Running totals per source, kept with every logged fetch: /metrics must not scan a fetch
    // log that grows by ~750 rows a day (a year of log made a render take 1.6 s).
    sql: `
      CREATE TABLE fetch_stats (
        source TEXT PRIMARY KEY,
        ok INTEGER NOT NULL DEFAULT 0,
        not_modified INTEGER NOT NULL DEFAULT 0,
        error INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0,
        last_duration_ms INTEGER
      );
      INSERT INTO fetch_stats (source, ok, not_modified, error, bytes, last_duration_ms)
        SELECT source, sum(outcome = 'ok'), sum(outcome = 'not_modified'), sum(outcome = 'error'), coalesce(sum(bytes), 0),
               (SELECT duration_ms FROM fetches f2 WHERE f2.source = f.source ORDER BY id DESC LIMIT 1)
        FROM fetches f GROUP BY source;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
