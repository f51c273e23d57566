package io.sqlitekit.dqlite.client.internal;

/**
 * Internal, not API, may change: the numbers of dqlite's wire protocol version 1 (dqlite
 * {@code src/protocol.h}), as used by this client.
 */
public final class Wire {
  /** The protocol version sent as the handshake word. */
  public static final long PROTOCOL_VERSION = 1L;
  /** Size of a protocol word and of a message header, in bytes. */
  public static final int WORD = 8;

  /** Request: who is the leader. */
  public static final int REQUEST_LEADER = 0;
  /** Request: register this client. */
  public static final int REQUEST_CLIENT = 1;
  /** Request: open a database. */
  public static final int REQUEST_OPEN = 3;
  /** Request: prepare a statement. */
  public static final int REQUEST_PREPARE = 4;
  /** Request: execute a prepared statement. */
  public static final int REQUEST_EXEC = 5;
  /** Request: query with a prepared statement. */
  public static final int REQUEST_QUERY = 6;
  /** Request: finalize a prepared statement. */
  public static final int REQUEST_FINALIZE = 7;
  /** Request: execute SQL text. */
  public static final int REQUEST_EXEC_SQL = 8;
  /** Request: query with SQL text. */
  public static final int REQUEST_QUERY_SQL = 9;
  /** Request: stop a running query. */
  public static final int REQUEST_INTERRUPT = 10;
  /** Request: list the cluster's nodes. */
  public static final int REQUEST_CLUSTER = 16;

  /** Response: failure with an SQLite result code and a message. */
  public static final int RESPONSE_FAILURE = 0;
  /** Response: one node (id, address). */
  public static final int RESPONSE_NODE = 1;
  /** Response: welcome (heartbeat timeout). */
  public static final int RESPONSE_WELCOME = 2;
  /** Response: list of nodes. */
  public static final int RESPONSE_NODES = 3;
  /** Response: opened database. */
  public static final int RESPONSE_DB = 4;
  /** Response: prepared statement. */
  public static final int RESPONSE_STMT = 5;
  /** Response: result of an execution. */
  public static final int RESPONSE_RESULT = 6;
  /** Response: a batch of rows. */
  public static final int RESPONSE_ROWS = 7;
  /** Response: empty acknowledgement. */
  public static final int RESPONSE_EMPTY = 8;

  /** Cluster listing format with id, address and role. */
  public static final long CLUSTER_FORMAT_V1 = 1L;
  /** Marker word: this ROWS batch ends and another follows without a new request. */
  public static final long ROWS_PART = 0xEEEEEEEEEEEEEEEEL;
  /** Marker word: the result set is complete. */
  public static final long ROWS_DONE = 0xFFFFFFFFFFFFFFFFL;

  /** Value type code: 64-bit integer. */
  public static final int TYPE_INTEGER = 1;
  /** Value type code: IEEE 754 double. */
  public static final int TYPE_FLOAT = 2;
  /** Value type code: UTF-8 text. */
  public static final int TYPE_TEXT = 3;
  /** Value type code: blob. */
  public static final int TYPE_BLOB = 4;
  /** Value type code: NULL. */
  public static final int TYPE_NULL = 5;
  /** Value type code: Unix time (seconds) from a DATETIME/DATE/TIMESTAMP column. */
  public static final int TYPE_UNIXTIME = 9;
  /** Value type code: ISO-8601 text from a DATETIME/DATE/TIMESTAMP column. */
  public static final int TYPE_ISO8601 = 10;
  /** Value type code: boolean from a BOOLEAN column. */
  public static final int TYPE_BOOLEAN = 11;

  /** Parameter tuple with a one-byte count (request schema 0). */
  public static final int PARAMS_SCHEMA_NARROW = 0;
  /** Parameter tuple with a four-byte count (request schema 1, dqlite 1.12 and later). */
  public static final int PARAMS_SCHEMA_WIDE = 1;
  /** The most parameters the narrow schema can carry. */
  public static final int NARROW_MAX_PARAMS = 255;

  private Wire() {}

  /** Rounds {@code n} bytes up to a whole number of words. */
  public static int pad(int n) {
    return (n + WORD - 1) & -WORD;
  }
}
