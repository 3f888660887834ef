import GRDB

/// okrd's schema history for SQLite: named, append-only migrations. Never edit a shipped one;
/// add a new one. Constraints live in the schema (NOT NULL, CHECK, UNIQUE, foreign keys).
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("2026-11-01-core") { db in
            try db.execute(sql: """
                CREATE TABLE checkins (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kr TEXT NOT NULL,
                    author TEXT NOT NULL,
                    at REAL NOT NULL,
                    value REAL,
                    confidence INTEGER CHECK (confidence BETWEEN 0 AND 10),
                    reported TEXT CHECK (reported IN ('on_track', 'at_risk', 'off_track', 'blocked')),
                    comment TEXT,
                    source TEXT NOT NULL,
                    line INTEGER,
                    created_at REAL NOT NULL
                );
                CREATE INDEX checkins_kr_at ON checkins (kr, at);

                CREATE TABLE blockers (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kr TEXT,
                    author TEXT NOT NULL,
                    text TEXT NOT NULL,
                    at REAL NOT NULL,
                    resolved_at REAL,
                    line INTEGER
                );
                CREATE INDEX blockers_open ON blockers (resolved_at, kr);

                CREATE TABLE action_items (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    owner TEXT NOT NULL,
                    author TEXT NOT NULL,
                    text TEXT NOT NULL,
                    due TEXT,
                    kr TEXT,
                    created_at REAL NOT NULL,
                    done_at REAL,
                    line INTEGER
                );
                CREATE INDEX action_items_open ON action_items (done_at, owner);

                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    destination TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    created_at REAL NOT NULL,
                    not_before REAL NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
                    last_status INTEGER,
                    last_error TEXT,
                    sent_at REAL,
                    response TEXT,
                    claimed_by TEXT,
                    claimed_until REAL
                );
                CREATE INDEX outbox_queue ON outbox (state, destination, id);

                CREATE TABLE schedule_firings (
                    team TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    occurrence TEXT NOT NULL,
                    due_at REAL NOT NULL,
                    fired_at REAL NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('fired', 'skipped')),
                    PRIMARY KEY (team, kind, occurrence)
                );

                CREATE TABLE escalations (
                    kr TEXT PRIMARY KEY,
                    level INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 3),
                    since REAL,
                    last_alert_at REAL,
                    last_fingerprint TEXT,
                    cycles_at_level INTEGER NOT NULL DEFAULT 0,
                    snoozed_until REAL,
                    acked_at REAL,
                    acked_by TEXT,
                    last_status TEXT
                );

                CREATE TABLE meta (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """)
        }

        migrator.registerMigration("2026-11-02-replies-away-kpis") { db in
            try db.execute(sql: """
                CREATE TABLE replies (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    delivery_id TEXT UNIQUE,
                    author TEXT NOT NULL,
                    platform TEXT NOT NULL,
                    received_at REAL NOT NULL,
                    text TEXT NOT NULL,
                    undone_at REAL
                );
                CREATE INDEX replies_author ON replies (author, id);

                ALTER TABLE checkins ADD COLUMN reply_id INTEGER REFERENCES replies(id) ON DELETE SET NULL;
                ALTER TABLE blockers ADD COLUMN reply_id INTEGER REFERENCES replies(id) ON DELETE SET NULL;
                ALTER TABLE action_items ADD COLUMN reply_id INTEGER REFERENCES replies(id) ON DELETE SET NULL;

                CREATE TABLE kpi_checkins (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kpi TEXT NOT NULL,
                    author TEXT NOT NULL,
                    at REAL NOT NULL,
                    value REAL NOT NULL,
                    comment TEXT,
                    source TEXT NOT NULL,
                    line INTEGER,
                    reply_id INTEGER REFERENCES replies(id) ON DELETE SET NULL
                );
                CREATE INDEX kpi_checkins_kpi_at ON kpi_checkins (kpi, at);

                CREATE TABLE away (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    person TEXT NOT NULL,
                    from_day TEXT NOT NULL,
                    until_day TEXT NOT NULL CHECK (until_day >= from_day),
                    source TEXT NOT NULL
                );

                CREATE TABLE destination_state (
                    name TEXT PRIMARY KEY,
                    disabled_at REAL,
                    disabled_reason TEXT,
                    paused_until REAL
                );
                """)
        }

        // Message bodies move out of `outbox` into their own table: the dispatcher updates outbox
        // rows twice per message (lease, outcome), and small rows make those commits touch a few
        // pages instead of one page per message. Bodies also keep the rendering made at queue time.
        migrator.registerMigration("2026-11-03-outbox-bodies") { db in
            try db.execute(sql: """
                CREATE TABLE outbox_bodies (
                    message INTEGER PRIMARY KEY REFERENCES outbox(id) ON DELETE CASCADE,
                    payload BLOB NOT NULL,
                    rendered_for TEXT,
                    rendered_type TEXT,
                    rendered BLOB
                );
                INSERT INTO outbox_bodies (message, payload) SELECT id, payload FROM outbox;
                ALTER TABLE outbox DROP COLUMN payload;
                """)
        }

        // The delivery queue is the pending messages only: an index over every state made each
        // delivered message move its entry from the "pending" part to the "sent" part, two index
        // pages per message in the dispatcher's commits; a partial index just drops it.
        migrator.registerMigration("2026-11-23-outbox-pending-index") { db in
            try db.execute(sql: """
                DROP INDEX outbox_queue;
                CREATE INDEX outbox_pending ON outbox (destination, id) WHERE state = 'pending';
                """)
        }

        // Questions okrd asked back instead of guessing, one open per person; the proposals that a
        // `yes` records are kept as JSON.
        migrator.registerMigration("2026-12-05-open-questions") { db in
            try db.execute(sql: """
                CREATE TABLE open_questions (
                    person TEXT PRIMARY KEY,
                    kr TEXT,
                    question TEXT NOT NULL,
                    proposals TEXT NOT NULL,
                    asked_at REAL NOT NULL,
                    expires_at REAL NOT NULL CHECK (expires_at >= asked_at)
                );
                """)
        }

        // A reply's evaluation finds a key result's first completion by value, not by reading
        // its history.
        migrator.registerMigration("2026-12-05-checkins-by-value") { db in
            try db.execute(sql: "CREATE INDEX checkins_kr_value ON checkins (kr, value)")
        }

        return migrator
    }
}
