namespace Edgewise.Node.Storage;

/// <summary>The node store's tables. One SQLite file per node, in its data directory.</summary>
internal static class Schema
{
    public const string FileName = "edgewise.db";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS readings (
            device_id   TEXT    NOT NULL,
            sequence    INTEGER NOT NULL,
            kind        TEXT    NOT NULL,
            value       REAL,
            unit        TEXT    NOT NULL,
            timestamp   INTEGER NOT NULL,
            status      TEXT    NOT NULL,
            received_at INTEGER NOT NULL,
            samples     BLOB,
            sample_rate REAL,
            channel     TEXT,
            PRIMARY KEY (device_id, sequence)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS results (
            id           INTEGER PRIMARY KEY,
            task_id      TEXT    NOT NULL,
            device_id    TEXT    NOT NULL,
            sequence     INTEGER NOT NULL,
            kind         TEXT    NOT NULL,
            out_of_range INTEGER NOT NULL,
            z_score      REAL,
            anomaly      INTEGER NOT NULL,
            processed_by TEXT    NOT NULL,
            processed_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS results_by_reading ON results (device_id, sequence);

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
            PRIMARY KEY (device_id, sequence)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS tasks (
            task_id      TEXT    PRIMARY KEY,
            device_id    TEXT    NOT NULL,
            kind         TEXT    NOT NULL,
            size         INTEGER NOT NULL,
            placed_on    TEXT    NOT NULL,
            attempts     INTEGER NOT NULL,
            latency_ms   REAL    NOT NULL,
            completed_at INTEGER NOT NULL
        ) WITHOUT ROWID;

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
            PRIMARY KEY (device_id, kind, window_start)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS alerts (
            id        INTEGER PRIMARY KEY,
            rule      TEXT    NOT NULL,
            device_id TEXT    NOT NULL,
            kind      TEXT    NOT NULL,
            value     REAL    NOT NULL,
            threshold REAL    NOT NULL,
            state     TEXT    NOT NULL,
            timestamp INTEGER NOT NULL,
            sequence  INTEGER NOT NULL
        );
        """;
}
