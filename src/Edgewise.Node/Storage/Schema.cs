namespace Edgewise.Node.Storage;

/// <summary>The node store's tables. One SQLite file per node, in its data directory.</summary>
internal static class Schema
{
    public const string FileName = "edgewise.db";

    /// <summary>The schema's version in <c>PRAGMA user_version</c>; a file with another one is refused.</summary>
    public const int Version = 2;

    /// <summary>
    /// Readings are stored one row per admission (the new readings of one request, a blob in
    /// <see cref="StoreCodec"/> form) and results one row per task, so a commit appends a few rows
    /// at the end of two tables instead of touching index pages per reading. Whether a
    /// (device, sequence) was seen is decided in memory (<see cref="SequenceRanges"/>), rebuilt
    /// from the admissions at start. A window's samples wait in window_samples until its result
    /// is stored. The task id is unique, so a task's result is stored once.
    /// </summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS admissions (
            id          INTEGER PRIMARY KEY,
            received_at INTEGER NOT NULL,
            count       INTEGER NOT NULL,
            readings    BLOB    NOT NULL
        );

        CREATE TABLE IF NOT EXISTS window_samples (
            device_id TEXT    NOT NULL,
            sequence  INTEGER NOT NULL,
            samples   BLOB    NOT NULL,
            PRIMARY KEY (device_id, sequence)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS results (
            id           INTEGER PRIMARY KEY,
            task_id      TEXT    NOT NULL UNIQUE,
            device_id    TEXT    NOT NULL,
            kind         TEXT    NOT NULL,
            size         INTEGER NOT NULL,
            placed_on    TEXT    NOT NULL,
            processed_by TEXT    NOT NULL,
            attempts     INTEGER NOT NULL,
            latency_ms   REAL    NOT NULL,
            completed_at INTEGER NOT NULL,
            outcomes     BLOB    NOT NULL
        );

        CREATE TABLE IF NOT EXISTS vibration_windows (
            task_id       TEXT    NOT NULL,
            device_id     TEXT    NOT NULL,
            sequence      INTEGER NOT NULL,
            channel       TEXT,
            rms           REAL    NOT NULL,
            peak_to_peak  REAL    NOT NULL,
            crest_factor  REAL    NOT NULL,
            kurtosis      REAL    NOT NULL,
            dominant_hz   REAL    NOT NULL,
            band_energies TEXT    NOT NULL,
            score         REAL    NOT NULL,
            anomaly       INTEGER NOT NULL,
            stored_at     INTEGER NOT NULL,
            PRIMARY KEY (device_id, sequence)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS vibration_windows_by_age ON vibration_windows (stored_at);

        CREATE TABLE IF NOT EXISTS aggregates (
            device_id    TEXT    NOT NULL,
            kind         TEXT    NOT NULL,
            window_start INTEGER NOT NULL,
            window_end   INTEGER NOT NULL,
            count        INTEGER NOT NULL,
            sum          REAL    NOT NULL,
            min          REAL    NOT NULL,
            max          REAL    NOT NULL,
            out_of_range INTEGER NOT NULL,
            anomalies    INTEGER NOT NULL,
            stored_at    INTEGER NOT NULL,
            PRIMARY KEY (device_id, kind, window_start)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS aggregates_by_age ON aggregates (stored_at);

        CREATE TABLE IF NOT EXISTS alerts (
            id        INTEGER PRIMARY KEY,
            rule      TEXT    NOT NULL,
            device_id TEXT    NOT NULL,
            kind      TEXT    NOT NULL,
            value     REAL    NOT NULL,
            threshold REAL    NOT NULL,
            state     TEXT    NOT NULL,
            timestamp INTEGER NOT NULL,
            sequence  INTEGER NOT NULL,
            stored_at INTEGER NOT NULL
        );
        """;
}
