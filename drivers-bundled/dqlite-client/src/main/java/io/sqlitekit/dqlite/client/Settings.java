package io.sqlitekit.dqlite.client;

import java.time.Duration;
import java.util.List;
import javax.net.SocketFactory;

/** The validated, immutable configuration a {@link DqliteClient} and its connections share. */
record Settings(
    List<String> nodes,
    Duration connectTimeout,
    Duration callTimeout,
    Duration discoveryTimeout,
    Duration backoffBase,
    Duration backoffCap,
    int statementCacheSize,
    SocketFactory socketFactory,
    boolean verifyHostname,
    int maxMessageBytes,
    long clientId) {}
